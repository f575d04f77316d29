package ui

import (
	"strings"
	"testing"

	"iamtui/model/policy"
)

// compactNoWine is the group's deny as the raw API stores it: one line.
const compactNoWine = `{"Version":"2012-10-17","Statement":[{"Sid":"NoWineOnDuty","Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::restaurant-storage-room/wine-cellar/*"}]}`

func withCompactDeny(t *testing.T) func(*Options) {
	return func(o *Options) {
		o.World.Account(acct).Group("Chefs").InlinePolicies[0].Document = mustDoc(t, compactNoWine, policy.Identity)
	}
}

func TestCompactDocumentsAreShownIndented(t *testing.T) {
	t.Run("detail view", func(t *testing.T) {
		m, _ := newTestModel(t, 160, 50, withCompactDeny(t))
		press(t, m, "2", "enter")
		d := m.top().(*detailPage)
		for d.currentLink() != nil && d.currentLink().rel != relInline {
			press(t, m, "j")
		}
		s := screen(m)
		mustContain(t, s, `"Sid": "NoWineOnDuty",`, `"Effect": "Deny",`)
		if strings.Contains(s, `{"Version":"2012-10-17","Statement"`) {
			t.Errorf("the compact line is shown as is:\n%s", s)
		}
	})
	t.Run("editor opens it indented and saves what is saved", func(t *testing.T) {
		m, store := newTestModel(t, 120, 40, withCompactDeny(t))
		p := openDoc(t, m, docTarget{kind: docInline, owner: ref{refGroup, "Chefs"}, name: "NoWineOnDuty", account: acct})
		if strings.Count(p.ed.Text(), "\n") < 5 || p.ed.Modified() {
			t.Fatalf("editor text (modified %v):\n%s", p.ed.Modified(), p.ed.Text())
		}
		p.ed.SetText(strings.Replace(p.ed.Text(), "wine-cellar", "champagne", 1))
		press(t, m, "ctrl+s")
		got := store.world.Account(acct).Group("Chefs").InlinePolicies[0].Document.Text
		if got != p.ed.Text() {
			t.Errorf("stored:\n%s\nwant what was saved:\n%s", got, p.ed.Text())
		}
	})
	t.Run("the deciding statement is highlighted in the indented text", func(t *testing.T) {
		m, _ := newTestModel(t, 160, 50, withCompactDeny(t))
		withEngine(t, m)
		press(t, m, "j", "c") // head-chef-hana
		typeText(t, m, "s3:GetObject")
		press(t, m, "tab")
		typeText(t, m, "arn:aws:s3:::restaurant-storage-room/wine-cellar/x.json")
		s := screen(m)
		mustContain(t, s, "✖ DENIED", "line 1, col 38") // the stored text's position
		hl := 0
		for _, l := range strings.Split(s, "\n") {
			if strings.Contains(l, "▌") && (strings.Contains(l, `"Effect": "Deny"`) || strings.Contains(l, `"Sid": "NoWineOnDuty"`)) {
				hl++
			}
		}
		if hl != 2 {
			t.Errorf("the statement's lines are not marked in the indented text:\n%s", s)
		}
		// ctrl+o opens the editor with the same statement highlighted.
		press(t, m, "ctrl+o")
		p, ok := m.top().(*editorPage)
		if !ok {
			t.Fatalf("ctrl+o opened %T", m.top())
		}
		if c := p.ed.Cursor(); c.Line != 4 {
			t.Errorf("the editor's cursor is on line %d, want the statement's first line (4)", c.Line)
		}
	})
}
