package ui

import (
	"strings"
	"testing"
)

// withEngine compiles the evaluator for the model's world, as Init would
// in the background.
func withEngine(t *testing.T, m *Model) {
	t.Helper()
	send(t, m, m.compileEngine()())
	if m.ctx.Engine == nil {
		t.Fatal("no engine")
	}
}

func TestCanPanelPrefilledFromSelectionShowsTheDenyingStatement(t *testing.T) {
	m, _ := newTestModel(t, 140, 45)
	withEngine(t, m)
	press(t, m, "j") // head-chef-hana
	press(t, m, "c")
	if _, ok := m.top().(*evalPage); !ok {
		t.Fatalf("c opened %T", m.top())
	}
	req := m.eval.panel.Request()
	if !strings.HasSuffix(req.Principal, "user/head-chef-hana") {
		t.Fatalf("principal %q, want head-chef-hana", req.Principal)
	}
	// The focus is on the first empty field: the action.
	typeText(t, m, "s3:GetObject")
	press(t, m, "tab")
	typeText(t, m, "arn:aws:s3:::restaurant-storage-room/wine-cellar/chateau-1982.json")
	s := screen(m)
	mustContain(t, s, "EXPLICIT DENY", "NoWineOnDuty")
	if !strings.Contains(m.lastEval, "explicit deny") {
		t.Errorf("status bar's last decision %q", m.lastEval)
	}
	// The status bar keeps the last decision after the panel closes.
	for m.top() != page(m.browse) {
		press(t, m, "esc")
	}
	mustContain(t, screen(m), "explicit deny")
}

func TestCanFromTheEditorUsesTheStatementUnderTheCursor(t *testing.T) {
	m, _ := newTestModel(t, 140, 45)
	withEngine(t, m)
	press(t, m, "2", "enter") // group Chefs
	d := m.top().(*detailPage)
	for d.currentLink() != nil && d.currentLink().rel != relInline {
		press(t, m, "j")
	}
	press(t, m, "enter") // the NoWineOnDuty editor
	if _, ok := m.top().(*editorPage); !ok {
		t.Fatalf("enter on an inline policy opened %T", m.top())
	}
	for range 8 { // into the statement, onto its Action line
		press(t, m, "down")
	}
	press(t, m, "ctrl+g")
	p, ok := m.top().(*evalPage)
	if !ok {
		t.Fatalf("ctrl+g opened %T", m.top())
	}
	req := p.panel.Request()
	if req.Action == "" {
		t.Errorf("no action prefilled from the statement: %+v", req)
	}
	press(t, m, "esc")
	if _, ok := m.top().(*editorPage); !ok {
		t.Errorf("closing the panel went to %T", m.top())
	}
}

func TestWhoCan(t *testing.T) {
	m, _ := newTestModel(t, 140, 45)
	withEngine(t, m)
	press(t, m, ":")
	typeText(t, m, "whocan s3:PutObject")
	press(t, m, "enter")
	if _, ok := m.top().(*evalPage); !ok {
		t.Fatalf(":whocan opened %T", m.top())
	}
	mustContain(t, screen(m), "who can")
}
