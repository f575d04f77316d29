package evaluator

import (
	"fmt"
	"runtime"
	"sync"
)

// WhoCan lists every user and role of the world allowed to perform action
// on resource with the given context, in ARN order, each with the
// statements that allowed it. Roles are evaluated as sessions of the role.
func (e *Engine) WhoCan(action, resource string, ctx []ContextValue) ([]WhoCanEntry, error) {
	// Check the request's shape once, so that a bad action is an error
	// rather than 6,000 of them.
	if len(e.entities) > 0 {
		var res Result
		if err := e.Evaluate(&Request{Principal: e.entities[0].arn, Action: action, Resource: resource, Context: ctx}, &res); err != nil {
			return nil, err
		}
	}
	workers := min(runtime.GOMAXPROCS(0), 8)
	chunk := (len(e.entities) + workers - 1) / max(workers, 1)
	parts := make([][]WhoCanEntry, workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		lo, hi := w*chunk, min((w+1)*chunk, len(e.entities))
		if lo >= hi {
			continue
		}
		wg.Add(1)
		go func(w, lo, hi int) {
			defer wg.Done()
			var res Result
			req := Request{Action: action, Resource: resource, Context: ctx}
			for _, ent := range e.entities[lo:hi] {
				req.Principal = ent.arn
				if err := e.Evaluate(&req, &res); err != nil {
					errs[w] = fmt.Errorf("who-can %s: %w", ent.arn, err)
					return
				}
				if res.Decision == Allowed {
					parts[w] = append(parts[w], WhoCanEntry{
						Principal: ent.info, Step: res.Step,
						Matched: append([]MatchedStatement(nil), res.Matched...),
					})
				}
			}
		}(w, lo, hi)
	}
	wg.Wait()
	var out []WhoCanEntry
	for w := range parts {
		if errs[w] != nil {
			return nil, errs[w]
		}
		out = append(out, parts[w]...)
	}
	return out, nil
}
