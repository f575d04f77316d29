package ui

import (
	"strings"
	"testing"
)

// A message the status bar must cut says where to read it whole, and
// :messages shows it whole, newest first.
func TestLongStatusMessagesCanBeReadWhole(t *testing.T) {
	m, _ := newTestModel(t, 80, 24)
	long := "Imported 5,000 users, 1,000 roles and 1,500 policies; 3 warnings: IsTruncated was true, so the export may be incomplete"
	m.setStatus("first message", false)
	m.setStatus(long, true)
	s := screen(m)
	mustContain(t, s, ":messages")
	press(t, m, "x") // an error stays until the next key
	press(t, m, ":")
	typeText(t, m, "messages")
	press(t, m, "enter")
	d, ok := m.dialog.(*choiceDialog)
	if !ok {
		t.Fatalf(":messages opened %T", m.dialog)
	}
	body := strings.Join(d.body, "\n")
	mustContain(t, body, long, "first message")
	if strings.Index(body, long) > strings.Index(body, "first message") {
		t.Error("not newest first")
	}
	press(t, m, "esc")
	if m.dialog != nil {
		t.Error("esc did not close the messages")
	}
}

func TestManyMessagesFitTheScreen(t *testing.T) {
	m, _ := newTestModel(t, 80, 24)
	for i := range 150 {
		m.setStatus(strings.Repeat("x", i%7+1)+" message", false)
	}
	if len(m.messages) != maxMessages {
		t.Errorf("%d messages kept, want %d", len(m.messages), maxMessages)
	}
	m.showMessages()
	s := screen(m)
	if n := len(strings.Split(s, "\n")); n > 24 {
		t.Errorf("%d lines on a 24-line screen", n)
	}
	mustContain(t, s, "more lines")
}
