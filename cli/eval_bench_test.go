package cli

import (
	"context"
	"io"
	"os"
	"strings"
	"testing"
	"time"
)

// BenchmarkEvalBatchLarge runs 'iamtui eval --batch' in process over the
// large synthetic account (import /tmp/acct/large.json into /tmp/large.db
// first); the real target, ≥ 300,000 requests/s end to end, is measured on
// the binary (see evaluator/BENCHMARKS.md).
func BenchmarkEvalBatchLarge(b *testing.B) {
	const db, reqs = "/tmp/large.db", "/tmp/acct/large-reqs.jsonl"
	for _, p := range []string{db, reqs} {
		if _, err := os.Stat(p); err != nil {
			b.Skipf("%s: %v", p, err)
		}
	}
	env := &Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard, Getenv: func(string) string { return "" }, Now: time.Now}
	for b.Loop() {
		if code := Run(context.Background(), env, []string{"eval", "--db", db, "--batch", reqs}); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}
