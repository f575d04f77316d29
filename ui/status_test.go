package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"iamtui/storage"
)

// statusBar is the screen's last line.
func statusBar(m *Model) string {
	lines := strings.Split(screen(m), "\n")
	return lines[len(lines)-1]
}

func TestStatusBar(t *testing.T) {
	t.Run("the message wins over the last decision at 120 columns", func(t *testing.T) {
		m, _ := newTestModel(t, 120, 40)
		m.lastEval = "✖ explicit deny: head-chef-hana s3:GetObject …wine-cellar/chateau-1982.json"
		msg := "Someone else changed user chef-alice since it was loaded; reloaded — please redo your edit."
		m.setStatus(msg, true)
		bar := statusBar(m)
		if !strings.Contains(bar, msg) {
			t.Errorf("the message is cut:\n%q", bar)
		}
		m.setStatus("", false)
		if bar := statusBar(m); !strings.Contains(bar, "last: ✖ explicit deny: head-chef-hana s3:GetObject") {
			t.Errorf("without a message the last decision shows:\n%q", bar)
		}
		m.setStatus("Copied arn:aws:iam::111122223333:user/chef-alice (OSC52).", false)
		if bar := statusBar(m); !strings.Contains(bar, "Copied arn:aws:iam::111122223333:user/chef-alice (OSC52).") || !strings.Contains(bar, "last: ✖") {
			t.Errorf("a short message and the decision share the bar:\n%q", bar)
		}
	})
	t.Run("messages expire; errors stay until the next key", func(t *testing.T) {
		m, _ := newTestModel(t, 120, 40, func(o *Options) { o.StatusLife = time.Minute })
		m.setStatus("Created user \"x\".", false)
		_, cmd := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		if cmd == nil {
			t.Fatal("no expiry scheduled for a message")
		}
		seq := m.statusSeq
		send(t, m, statusExpiredMsg{seq: seq})
		if m.status != "" {
			t.Errorf("the message did not expire: %q", m.status)
		}
		m.setStatus("boom", true)
		if _, cmd := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40}); cmd != nil {
			t.Error("an expiry was scheduled for an error")
		}
		send(t, m, statusExpiredMsg{seq: m.statusSeq})
		if m.status != "boom" {
			t.Fatalf("an error expired: %q", m.status)
		}
		press(t, m, "j")
		if m.status != "" {
			t.Errorf("the next key did not clear the error: %q", m.status)
		}
		// A stale expiry does not clear a newer message.
		m.setStatus("first", false)
		old := m.statusSeq
		m.setStatus("second", false)
		send(t, m, statusExpiredMsg{seq: old})
		if m.status != "second" {
			t.Errorf("an old expiry cleared a newer message: %q", m.status)
		}
	})
	t.Run("a conflict is worded for people", func(t *testing.T) {
		m, store := newTestModel(t, 120, 40)
		store.failNext = fmt.Errorf("apply create-user: %w", storage.ErrConflict)
		press(t, m, "n")
		typeText(t, m, "someone")
		press(t, m, "enter", "enter")
		want := "Someone else changed user someone since it was loaded; reloaded — please redo your edit."
		if m.status != want || !m.statusErr {
			t.Errorf("status %q", m.status)
		}
	})
	t.Run("the footer keeps the way to the help at 80 columns", func(t *testing.T) {
		for _, keys := range [][]string{nil, {"2"}, {"3"}, {"4"}, {"5"}, {"enter"}, {"3", "enter"}, {"4", "enter"}, {"/"}, {"4", "e"}, {"c"}} {
			m, _ := newTestModel(t, 80, 24)
			press(t, m, keys...)
			lines := strings.Split(screen(m), "\n")
			footer := lines[len(lines)-2]
			if !strings.Contains(footer, " help") {
				t.Errorf("after %v the footer has no help:\n%q", keys, footer)
			}
		}
	})
}
