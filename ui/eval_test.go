package ui

import (
	"strings"
	"testing"

	"iamtui/model/policy"
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
	mustContain(t, s, "✖ DENIED", "NoWineOnDuty")
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

// TestCanAnOutsider: the principal field offers the principals outside
// the database that policies name (ec2.amazonaws.com in the Dishwasher's
// trust); the answer flags it and selects nothing in the lists. A trust
// policy edited to name another account offers it after the recompile.
func TestCanAnOutsider(t *testing.T) {
	m, _ := newTestModel(t, 160, 45)
	withEngine(t, m)
	press(t, m, ":")
	typeText(t, m, "can ec2")
	press(t, m, "enter")
	if _, ok := m.top().(*evalPage); !ok {
		t.Fatalf(":can opened %T", m.top())
	}
	press(t, m, "shift+tab", "ctrl+space") // the principal's suggestions
	mustContain(t, screen(m), "ec2.amazonaws.com", "outsider: service · trust of Dishwasher")
	press(t, m, "enter", "tab")
	typeText(t, m, "sts:AssumeRole")
	press(t, m, "tab")
	typeText(t, m, "arn:aws:iam::111122223333:role/Dishwasher")
	mustContain(t, screen(m), "✔ ALLOWED", "outsider: an AWS service")
	if sel := m.eval.Selection(); sel.entity != (ref{}) {
		t.Errorf("an outsider selected %+v", sel.entity)
	}
	m.ctx.Account.Roles[0].TrustPolicy = mustDoc(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",`+
		`"Principal":{"AWS":"arn:aws:iam::121212121212:root"},"Action":"sts:AssumeRole"}]}`, policy.Trust)
	withEngine(t, m)
	press(t, m, "shift+tab", "shift+tab", "ctrl+u")
	typeText(t, m, "1212")
	mustContain(t, screen(m), "arn:aws:iam::121212121212:root", "outsider: account · trust of PartTimeChef")
}
