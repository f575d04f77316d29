package ui

import (
	"fmt"
	"strings"
	"testing"

	"iamtui/model"
	"iamtui/model/demo"
)

func demoModel(t *testing.T) *Model {
	t.Helper()
	a, rps, err := demo.Restaurant()
	if err != nil {
		t.Fatal(err)
	}
	w := &model.World{Accounts: []*model.Account{a}, ResourcePolicies: rps}
	m, _ := newTestModel(t, 160, 50, func(o *Options) {
		s := newMemStore(w)
		o.Store, o.World = s, w
	})
	withEngine(t, m)
	return m
}

// Every stop of the tour, asked from :tour, gets the answer the tour
// expects, and the status bar says what that is and why.
func TestTourAsksEachQuestionInTheCanPanel(t *testing.T) {
	for i, q := range demo.Tour() {
		t.Run(fmt.Sprintf("%02d %s", i+1, q.Action), func(t *testing.T) {
			m := demoModel(t)
			press(t, m, ":")
			typeText(t, m, "tour")
			press(t, m, "enter")
			if _, ok := m.dialog.(*pickerDialog); !ok {
				t.Fatalf(":tour opened %T; status %q", m.dialog, m.status)
			}
			for range i {
				press(t, m, "down")
			}
			press(t, m, "enter")
			if _, ok := m.top().(*evalPage); !ok {
				t.Fatalf("no can panel: %T", m.top())
			}
			req := m.eval.panel.Request()
			if req.Principal != q.Principal || req.Action != q.Action || req.Resource != q.Resource {
				t.Fatalf("asked %q %q %q, want %q %q %q", req.Principal, req.Action, req.Resource, q.Principal, q.Action, q.Resource)
			}
			r, err := m.eval.panel.Result()
			if err != nil || r == nil {
				t.Fatalf("no result: %v", err)
			}
			if r.Decision.String() != q.Want {
				t.Errorf("panel says %s, the tour %s (%s)", r.Decision, q.Want, q.Why)
			}
			mustContain(t, m.status, fmt.Sprintf("Tour %d/", i+1), "expected "+decisionWords(q.Want))
		})
	}
}

func TestTourOnlyOnTheDemoAccount(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	m.ctx.Account.ID = "444455556666"
	press(t, m, ":")
	typeText(t, m, "tour")
	press(t, m, "enter")
	if m.dialog != nil || !m.statusErr || !strings.Contains(m.status, "demo account") {
		t.Errorf("dialog %T, status %q", m.dialog, m.status)
	}
}
