package ui

import (
	"strings"
	"testing"
	"time"
)

func TestPolish(t *testing.T) {
	t.Run("the help wraps long lines instead of cutting them", func(t *testing.T) {
		m, _ := newTestModel(t, 120, 60)
		press(t, m, "?")
		s := screen(m)
		mustContain(t, s, "in a detail view, on a group, policy, boundary, tag or version")
		for _, l := range strings.Split(s, "\n") {
			if strings.Contains(strings.NewReplacer("can…?", "", ":q …", "").Replace(l), "…") {
				t.Errorf("a help line is cut: %q", l)
			}
		}
	})
	t.Run("the editor's keys are listed once", func(t *testing.T) {
		m, _ := newTestModel(t, 120, 40)
		openDoc(t, m, docTarget{kind: docTrust, owner: ref{refRole, "Dishwasher"}, account: acct})
		s := screen(m)
		if n := strings.Count(s, "ctrl+s save"); n != 1 {
			t.Errorf("ctrl+s save shown %d times:\n%s", n, s)
		}
		mustContain(t, s, "Dishwasher · trust policy")
		if strings.Contains(s, "trust policy · trust policy") {
			t.Error("the header says trust policy twice")
		}
	})
	t.Run("last use is said only when known", func(t *testing.T) {
		m, _ := newTestModel(t, 120, 40)
		if strings.Contains(lineOf(t, screen(m), "chef-alice"), "never") {
			t.Error("the list claims chef-alice never signed in")
		}
		press(t, m, "enter")
		if s := screen(m); strings.Contains(s, "console password") || strings.Contains(s, "never") {
			t.Errorf("the detail claims what the export does not say:\n%s", s)
		}
		m.ctx.Account.User("chef-alice").PasswordLastUsed = day0
		m.refreshAll()
		mustContain(t, screen(m), "Signed in 2024-03-04  (console password last used)")
	})
	t.Run("drafts are dated as drafts", func(t *testing.T) {
		m, _ := newTestModel(t, 120, 40)
		send(t, m, draftsMsg{drafts: []Draft{{Key: "trust:" + acct + ":Dishwasher", Title: "Dishwasher · trust policy", Text: ec2TrustDoc, Updated: time.Date(2025, 1, 2, 3, 4, 0, 0, time.Local)}}})
		mustContain(t, screen(m), "draft from 2025-01-02 03:04")
		if strings.Contains(screen(m), "saved 2025") {
			t.Error("a draft is said to be saved")
		}
	})
	t.Run("x on the last member does not move onto another section", func(t *testing.T) {
		m, store := newTestModel(t, 120, 50)
		press(t, m, "2", "enter") // Chefs: three members, an inline policy
		d := m.top().(*detailPage)
		for d.currentLink() != nil && d.currentLink().rel != relMember {
			press(t, m, "j")
		}
		for range 3 {
			if l := d.currentLink(); l == nil || l.rel != relMember {
				t.Fatalf("the cursor left the members: %+v", l)
			}
			press(t, m, "x")
		}
		if d.currentLink() != nil {
			t.Fatalf("after the last member the cursor is on %+v", d.currentLink())
		}
		press(t, m, "x")
		if m.dialog != nil {
			t.Fatalf("a second x asked: %T", m.dialog)
		}
		if len(store.world.Account(acct).Group("Chefs").InlinePolicies) != 1 {
			t.Fatal("the inline policy went")
		}
		press(t, m, "j")
		if l := d.currentLink(); l == nil || l.rel != relAttached {
			t.Errorf("j from the emptied section went to %+v, want the next section's first link", l)
		}
	})
	t.Run("pickers move with ctrl+j and ctrl+k", func(t *testing.T) {
		m, _ := newTestModel(t, 120, 40)
		press(t, m, "a") // attach: a picker of policies
		p := m.dialog.(*pickerDialog)
		press(t, m, "ctrl+j", "ctrl+j")
		if p.cursor != 2 {
			t.Errorf("ctrl+j twice: cursor %d", p.cursor)
		}
		press(t, m, "ctrl+k")
		if p.cursor != 1 {
			t.Errorf("ctrl+k: cursor %d", p.cursor)
		}
		press(t, m, "esc", ":")
		typeText(t, m, "r")
		sel := m.cmd.sel
		press(t, m, "ctrl+j")
		if m.cmd.sel != sel+1 {
			t.Errorf("ctrl+j in the command line's completions: %d → %d", sel, m.cmd.sel)
		}
		press(t, m, "ctrl+k")
		if m.cmd.sel != sel {
			t.Errorf("ctrl+k in the command line's completions: %d", m.cmd.sel)
		}
	})
}
