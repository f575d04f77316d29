package evaluator

import (
	"bufio"
	"encoding/json"
	"os"
	"sort"
	"testing"
	"time"
)

const (
	largeAccount  = "/tmp/acct/large.json"
	largeRequests = "/tmp/acct/large-reqs.jsonl"
)

// loadRequests reads gen-account.py's request lines, or skips.
func loadRequests(tb testing.TB, path string, limit int) []Request {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Skipf("%s: %v", path, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var reqs []Request
	for sc.Scan() && (limit <= 0 || len(reqs) < limit) {
		var r struct {
			Principal, Action, Resource string
			Context                     map[string]json.RawMessage
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			tb.Fatalf("%s line %d: %v", path, len(reqs)+1, err)
		}
		req := Request{Principal: r.Principal, Action: r.Action, Resource: r.Resource}
		keys := make([]string, 0, len(r.Context))
		for k := range r.Context {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			var one string
			var many []string
			if json.Unmarshal(r.Context[k], &one) == nil {
				many = []string{one}
			} else if err := json.Unmarshal(r.Context[k], &many); err != nil {
				tb.Fatalf("%s: context %s: %v", path, k, err)
			}
			req.Context = append(req.Context, ContextValue{Key: k, Values: many})
		}
		reqs = append(reqs, req)
	}
	return reqs
}

func BenchmarkCompileLarge(b *testing.B) {
	w := loadGAAD(b, largeAccount)
	b.ResetTimer()
	for b.Loop() {
		if _, err := Compile(w); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEvaluateLarge cycles through the synthetic requests; ns/op is the
// mean, and the median is reported as median-ns/op (target ≤ 2,000).
func BenchmarkEvaluateLarge(b *testing.B) {
	w := loadGAAD(b, largeAccount)
	reqs := loadRequests(b, largeRequests, 0)
	e, err := Compile(w)
	if err != nil {
		b.Fatal(err)
	}
	var res Result
	for i := range reqs {
		_ = e.Evaluate(&reqs[i], &res)
	}
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		_ = e.Evaluate(&reqs[i], &res)
		i++
		if i == len(reqs) {
			i = 0
		}
	}
	b.StopTimer()
	b.ReportMetric(medianNs(e, reqs), "median-ns/op")
}

// medianNs times each request separately, in batches of 16 to amortise the
// clock, and returns the median batch time per request.
func medianNs(e *Engine, reqs []Request) float64 {
	var res Result
	var times []float64
	for i := 0; i+16 <= len(reqs) && i < 160000; i += 16 {
		t0 := time.Now()
		for j := i; j < i+16; j++ {
			_ = e.Evaluate(&reqs[j], &res)
		}
		times = append(times, float64(time.Since(t0).Nanoseconds())/16)
	}
	sort.Float64s(times)
	if len(times) == 0 {
		return 0
	}
	return times[len(times)/2]
}

func BenchmarkWhoCanLarge(b *testing.B) {
	e, err := Compile(loadGAAD(b, largeAccount))
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := e.WhoCan("s3:GetObject", "arn:aws:s3:::finance-bucket-0/report.csv", nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWhoCanReportLarge is who-can's full answer (the CLI's): the
// users and roles, the outsiders the resource's policy grants, and the
// principals held back by missing context keys (evaluated again).
func BenchmarkWhoCanReportLarge(b *testing.B) {
	e, err := Compile(loadGAAD(b, largeAccount))
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := e.WhoCanReport("s3:GetObject", "arn:aws:s3:::finance-bucket-0/report.csv", nil); err != nil {
			b.Fatal(err)
		}
	}
}
