package evaluator

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"
	"time"
)

func TestSmokeLarge(t *testing.T) {
	w := loadGAAD(t, "/tmp/acct/large.json")
	t0 := time.Now()
	e, err := Compile(w)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("compile %v, %d warnings", time.Since(t0), len(e.Warnings()))
	f, _ := os.Open("/tmp/acct/large-reqs.jsonl")
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var reqs []Request
	for sc.Scan() {
		var r struct {
			Principal, Action, Resource string
			Context                     map[string]any
		}
		json.Unmarshal(sc.Bytes(), &r)
		req := Request{Principal: r.Principal, Action: r.Action, Resource: r.Resource}
		for k, v := range r.Context {
			switch v := v.(type) {
			case string:
				req.Context = append(req.Context, ContextValue{k, []string{v}})
			}
		}
		reqs = append(reqs, req)
	}
	var res Result
	counts := map[string]int{}
	t0 = time.Now()
	for i := range reqs {
		if err := e.Evaluate(&reqs[i], &res); err != nil {
			counts["err"]++
			continue
		}
		counts[res.Decision.String()+"/"+res.Step.String()]++
	}
	t.Logf("%d requests in %v: %v", len(reqs), time.Since(t0), counts)
}
