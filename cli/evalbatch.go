package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"
	"unsafe"

	"iamtui/evaluator"
)

// batchChunk is a run of whole input lines evaluated by one worker.
type batchChunk struct {
	in        []byte // pooled; text views it
	text      string
	firstLine int // 1-based line number of text's first line
	out       []byte
	bad       int
	done      chan struct{}
}

// chunkBytes sizes the work units: big enough to amortise scheduling, small
// enough that both cores stay busy to the end. At most inFlight chunks
// exist at once, so memory stays small however long the input: page
// faults on fresh memory cost more than the evaluations themselves here.
const (
	chunkBytes = 128 << 10
	inFlight   = 16
)

// runEvalBatch evaluates one JSON request per line on every core and writes
// the results in input order. Reading, evaluating and writing overlap, and
// reading starts while the database loads.
func runEvalBatch(ctx context.Context, env *Env, f *evalFlags) error {
	var r io.Reader = env.Stdin
	name := "<stdin>"
	if f.batch != "-" {
		file, err := os.Open(f.batch)
		if err != nil {
			return fmt.Errorf("read %s: %w", f.batch, err)
		}
		defer file.Close()
		r, name = file, f.batch
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var bufs sync.Pool
	order := make(chan *batchChunk, inFlight)
	jobs := make(chan *batchChunk, inFlight)
	readErr := make(chan error, 1)
	go func() {
		defer close(order)
		defer close(jobs)
		readErr <- readChunks(ctx, r, &bufs, order, jobs)
	}()

	eng, err := loadEngine(ctx, env, f.db.path)
	if err != nil {
		cancel()
		for c := range order { // let the reader finish
			_ = c
		}
		return err
	}
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b := batchWorker{eng: eng, account: f.account}
			for c := range jobs {
				if c.out == nil {
					if p, ok := bufs.Get().(*[]byte); ok {
						c.out = (*p)[:0]
					}
				}
				b.run(c, name)
				close(c.done)
			}
		}()
	}
	bad := 0
	var werr error
	for c := range order {
		<-c.done
		if werr == nil {
			_, werr = env.Stdout.Write(c.out)
		}
		bad += c.bad
		in, out := c.in[:0], c.out[:0]
		bufs.Put(&in)
		bufs.Put(&out)
		if werr != nil {
			cancel()
		}
	}
	wg.Wait()
	if err := <-readErr; err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	if werr != nil {
		return fmt.Errorf("write results: %w", werr)
	}
	if bad > 0 {
		fmt.Fprintf(env.Stderr, "iamtui eval: %s: %d bad request line(s); each has an \"error\" result\n", safeLine(name), bad)
		return &silentExit{code: 1}
	}
	return nil
}

// readChunks cuts the input into chunks of whole lines, handing each to
// the writer (order) and to the workers (jobs).
func readChunks(ctx context.Context, r io.Reader, bufs *sync.Pool, order, jobs chan<- *batchChunk) error {
	var carry []byte
	line := 1
	eof := false
	for !eof {
		var buf []byte
		if p, ok := bufs.Get().(*[]byte); ok && cap(*p) >= chunkBytes {
			buf = (*p)[:0]
		} else {
			buf = make([]byte, 0, chunkBytes+chunkBytes/4)
		}
		buf = append(buf, carry...)
		need := max(chunkBytes, 2*len(carry)) // a long line doubles the read
		for len(buf) < need && !eof {
			if len(buf) == cap(buf) {
				buf = append(buf, 0)[:len(buf)]
			}
			n, err := r.Read(buf[len(buf):cap(buf)])
			buf = buf[:len(buf)+n]
			if err == io.EOF {
				eof = true
			} else if err != nil {
				return err
			}
		}
		end := len(buf)
		if !eof {
			i := bytes.LastIndexByte(buf, '\n')
			if i < 0 { // one line longer than the buffer: read on
				carry = append(carry[:0], buf...)
				continue
			}
			end = i + 1
		}
		carry = append(carry[:0], buf[end:]...)
		if end == 0 {
			continue
		}
		text := unsafe.String(unsafe.SliceData(buf), end)
		c := &batchChunk{in: buf, text: text, firstLine: line, done: make(chan struct{})}
		line += strings.Count(text, "\n")
		select {
		case order <- c:
		case <-ctx.Done():
			return nil
		}
		select {
		case jobs <- c:
		case <-ctx.Done():
			close(c.done) // the writer is waiting on it
			return nil
		}
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
	out := c.out[:0]
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
