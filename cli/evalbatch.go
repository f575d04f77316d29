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
	"iamtui/internal/loadheap"
)

// batchChunk is a run of whole input lines evaluated by one worker. The
// chunks are a fixed set, recycled through a free list with their buffers:
// fresh memory costs a page fault per 4 KiB here, more than the
// evaluations it would hold, and buffers left to the garbage collector (or
// to a sync.Pool, which a collection empties) come back as fresh memory.
type batchChunk struct {
	in        []byte // the input lines; text views it
	text      string
	firstLine int // 1-based line number of text's first line
	out       []byte
	bad       int
	done      chan struct{}
}

// chunkBytes sizes the work units: big enough to amortise scheduling, small
// enough that both cores stay busy to the end. inFlight chunks exist, so
// memory stays small however long the input. A result line is about 1.5
// times its request line, so out starts at twice in's size and seldom
// grows (and keeps what it grew to).
const (
	chunkBytes = 128 << 10
	inFlight   = 12
)

func newBatchChunk() *batchChunk {
	return &batchChunk{
		in:   make([]byte, 0, chunkBytes+chunkBytes/4),
		out:  make([]byte, 0, 2*chunkBytes),
		done: make(chan struct{}, 1),
	}
}

// runEvalBatch evaluates one JSON request per line on every core and writes
// the results in input order. Reading, evaluating and writing overlap, and
// reading starts while the database loads.
func runEvalBatch(ctx context.Context, env *Env, f *evalFlags) error {
	heap := loadHeap(env, f.db.path)
	loadheap.Prepare(heap) // before the chunks' buffers come from the heap
	// Not only the load: the evaluations allocate next to nothing, and a
	// collection would mark the whole engine again for nothing.
	defer loadheap.PauseGC(heap)()
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
	free := make(chan *batchChunk, inFlight)
	for range inFlight {
		free <- nil // allocated on first use: a short input needs one chunk
	}
	order := make(chan *batchChunk, inFlight)
	jobs := make(chan *batchChunk, inFlight)
	readErr := make(chan error, 1)
	go func() {
		defer close(order)
		defer close(jobs)
		readErr <- readChunks(ctx, r, free, order, jobs)
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
				b.run(c, name)
				c.done <- struct{}{}
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
		if werr != nil {
			cancel()
		}
		free <- c
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

// readChunks cuts the input into chunks of whole lines, taking each chunk
// from free and handing it to the writer (order) and to the workers (jobs).
func readChunks(ctx context.Context, r io.Reader, free chan *batchChunk, order, jobs chan<- *batchChunk) error {
	var carry []byte
	line := 1
	eof := false
	for !eof {
		var c *batchChunk
		select {
		case c = <-free:
		case <-ctx.Done():
			return nil
		}
		if c == nil {
			c = newBatchChunk()
		}
		buf := append(c.in[:0], carry...)
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
		c.in = buf
		end := len(buf)
		if !eof {
			i := bytes.LastIndexByte(buf, '\n')
			if i < 0 { // one line longer than the buffer: read on
				carry = append(carry[:0], buf...)
				free <- c // cannot block: c came from it
				continue
			}
			end = i + 1
		}
		carry = append(carry[:0], buf[end:]...)
		if end == 0 {
			free <- c
			continue
		}
		c.text = unsafe.String(unsafe.SliceData(buf), end)
		c.firstLine, c.bad, c.out = line, 0, c.out[:0]
		line += strings.Count(c.text, "\n")
		select {
		case order <- c:
		case <-ctx.Done():
			return nil
		}
		select {
		case jobs <- c:
		case <-ctx.Done():
			c.done <- struct{}{} // the writer is waiting on it
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
