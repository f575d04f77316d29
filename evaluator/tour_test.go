package evaluator

import (
	"os"
	"strings"
	"sync"
	"testing"

	"iamtui/model"
	"iamtui/model/demo"
)

func demoEngine(t testing.TB) *Engine {
	acct, rps, err := demo.Restaurant()
	if err != nil {
		t.Fatalf("demo: %v", err)
	}
	e, err := Compile(&model.World{Accounts: []*model.Account{acct}, ResourcePolicies: rps})
	if err != nil {
		t.Fatalf("compile demo: %v", err)
	}
	return e
}

// The demo account's tour: every question with AWS's answer.
func TestDemoTour(t *testing.T) {
	e := demoEngine(t)
	for _, q := range demo.Tour() {
		t.Run(q.Principal+" "+q.Action+" "+q.Resource, func(t *testing.T) {
			var res Result
			req := &Request{Principal: q.Principal, Action: q.Action, Resource: q.Resource}
			if err := e.Evaluate(req, &res); err != nil {
				t.Fatal(err)
			}
			exp, err := e.Explain(req)
			if err != nil || exp.Result.Decision != res.Decision || exp.Summary == "" {
				t.Fatalf("Explain: %v", err)
			}
			if res.Decision.String() != q.Want {
				t.Errorf("got %s at %s, want %s (%s)\n%s", res.Decision, res.Step, q.Want, q.Why, exp.Summary)
			}
			// The root user needs no statement: it may do anything no deny forbids.
			if res.Decision != ImplicitDeny && len(res.Matched) == 0 && !strings.HasSuffix(q.Principal, ":root") {
				t.Errorf("%s without a matched statement", res.Decision)
			}
		})
	}
}

// The sample account of ../shared: its planted explicit Deny, boundary and
// cross-account role behave as documented.
func TestSampleAccount(t *testing.T) {
	w := loadGAAD(t, "../../shared/samples/sample-gaad.json")
	e, err := Compile(w)
	if err != nil {
		t.Fatal(err)
	}
	var res Result
	n := 0
	for _, p := range e.Principals() {
		for _, action := range []string{"s3:GetObject", "iam:CreatePolicyVersion", "ec2:RunInstances", "iam:PassRole", "sts:AssumeRole"} {
			req := &Request{Principal: p.ARN, Action: action, Resource: "*"}
			if err := e.Evaluate(req, &res); err != nil {
				t.Fatalf("%s %s: %v", p.ARN, action, err)
			}
			exp, err := e.Explain(req)
			if err != nil || exp.Result.Decision != res.Decision {
				t.Fatalf("Explain disagrees with Evaluate for %s %s: %v", p.ARN, action, err)
			}
			n++
		}
	}
	if n == 0 {
		t.Fatal("no principals in the sample")
	}
}

// Evaluate allocates nothing once a Result's slices have grown.
func TestEvaluateDoesNotAllocate(t *testing.T) {
	e := demoEngine(t)
	reqs := []*Request{
		{Principal: "arn:aws:iam::111122223333:user/chef-alice", Action: "s3:GetObject", Resource: demo.KitchenBucket + "/recipes/tomato-soup.json"},
		{Principal: "arn:aws:iam::111122223333:user/head-chef-hana", Action: "s3:GetObject", Resource: demo.StorageRoomBucket + "/wine-cellar/x.json"},
		{Principal: "arn:aws:iam::111122223333:user/waiter-bob", Action: "dynamodb:PutItem", Resource: demo.OrdersTable,
			Context: []ContextValue{{Key: "aws:SourceIp", Values: []string{"10.0.0.1"}}}},
		{Principal: "arn:aws:iam::111122223333:user/cleaner-carl", Action: "s3:DeleteObject", Resource: demo.StorageRoomBucket + "/ingredients/expired/milk.json"},
	}
	var res Result
	for _, req := range reqs {
		if err := e.Evaluate(req, &res); err != nil {
			t.Fatal(err)
		}
		if n := testing.AllocsPerRun(200, func() { _ = e.Evaluate(req, &res) }); n != 0 {
			t.Errorf("%s %s: %v allocations per Evaluate, want 0", req.Principal, req.Action, n)
		}
	}
	if _, err := os.Stat(largeAccount); err == nil {
		big, err := Compile(loadGAAD(t, largeAccount))
		if err != nil {
			t.Fatal(err)
		}
		rs := loadRequests(t, largeRequests, 2000)
		for i := range rs {
			_ = big.Evaluate(&rs[i], &res)
		}
		i := 0
		if n := testing.AllocsPerRun(2000, func() { _ = big.Evaluate(&rs[i%len(rs)], &res); i++ }); n != 0 {
			t.Errorf("large account: %v allocations per Evaluate, want 0", n)
		}
	}
}

// One Engine serves many goroutines (run with -race).
func TestConcurrentUse(t *testing.T) {
	e := demoEngine(t)
	tour := demo.Tour()
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var res Result
			for i := 0; i < 50; i++ {
				for _, q := range tour {
					req := &Request{Principal: q.Principal, Action: q.Action, Resource: q.Resource}
					if err := e.Evaluate(req, &res); err != nil || res.Decision.String() != q.Want {
						t.Errorf("%v: %s, want %s", err, res.Decision, q.Want)
						return
					}
				}
				if _, err := e.WhoCan("s3:GetObject", demo.KitchenBucket+"/x", nil); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
}
