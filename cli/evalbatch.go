package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"iamtui/evaluator"
)

// batchChunk is a run of whole input lines evaluated by one worker.
type batchChunk struct {
	text      string
	firstLine int // 1-based line number of text's first line
	out       []byte
	bad       int
	done      chan struct{}
}

// chunkBytes sizes the work units: big enough to amortise scheduling, small
// enough that output starts early and both cores stay busy to the end.
const chunkBytes = 128 << 10

// runEvalBatch evaluates one JSON request per line on every core and writes
// the results in input order. The input is read whole: a 100,000-line file
// is 30 MB, and holding it lets requests point into it without copying.
func runEvalBatch(ctx context.Context, env *Env, f *evalFlags) error {
	var data []byte
	var err error
	name := f.batch
	if f.batch == "-" {
		name = "<stdin>"
		data, err = io.ReadAll(env.Stdin)
	} else {
		data, err = os.ReadFile(f.batch)
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	eng, err := loadEngine(ctx, env, f.db.path)
	if err != nil {
		return err
	}
	input := string(data)
	var chunks []*batchChunk
	line := 1
	for start := 0; start < len(input); {
		end := min(start+chunkBytes, len(input))
		if i := strings.IndexByte(input[end:], '\n'); i >= 0 {
			end += i + 1
		} else {
			end = len(input)
		}
		c := &batchChunk{text: input[start:end], firstLine: line, done: make(chan struct{})}
		chunks = append(chunks, c)
		line += strings.Count(c.text, "\n")
		start = end
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var b batchWorker
			b.eng, b.account = eng, f.account
			for {
				i := int(next.Add(1)) - 1
				if i >= len(chunks) || ctx.Err() != nil {
					return
				}
				b.run(chunks[i], name)
				close(chunks[i].done)
			}
		}()
	}
	bad := 0
	var werr error
	for _, c := range chunks {
		select {
		case <-c.done:
		case <-ctx.Done():
			wg.Wait()
			return ctx.Err()
		}
		if werr == nil {
			_, werr = env.Stdout.Write(c.out)
		}
		bad += c.bad
		c.out = nil
	}
	wg.Wait()
	if werr != nil {
		return fmt.Errorf("write results: %w", werr)
	}
	if bad > 0 {
		fmt.Fprintf(env.Stderr, "iamtui eval: %s: %d bad request line(s); each has an \"error\" result\n", safeLine(name), bad)
		return &silentExit{code: 1}
	}
	return nil
}

// batchWorker holds one goroutine's reusable state.
type batchWorker struct {
	eng     *evaluator.Engine
	account string
	res     evaluator.Result
	req     evaluator.Request
	p       reqParser
}

func (b *batchWorker) run(c *batchChunk, name string) {
	out := make([]byte, 0, len(c.text)*3/2)
	text := c.text
	for n := c.firstLine; len(text) > 0; n++ {
		line := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		req := &b.req
		if err := b.p.parse(line, req); err != nil {
			out = evaluator.AppendErrorJSON(out, req, fmt.Sprintf("%s: line %d, %v", name, n, err))
			out = append(out, '\n')
			c.bad++
			continue
		}
		if !strings.HasPrefix(req.Principal, "arn:") {
			arn, err := b.eng.ResolvePrincipal(b.account, req.Principal)
			if err != nil {
				out = evaluator.AppendErrorJSON(out, req, fmt.Sprintf("%s: line %d: %v", name, n, err))
				out = append(out, '\n')
				c.bad++
				continue
			}
			req.Principal = arn
		}
		if err := b.eng.Evaluate(req, &b.res); err != nil {
			out = evaluator.AppendErrorJSON(out, req, fmt.Sprintf("%s: line %d: %v", name, n, err))
			out = append(out, '\n')
			c.bad++
			continue
		}
		out = evaluator.AppendJSON(out, req, &b.res, nil)
		out = append(out, '\n')
	}
	c.out = out
}
