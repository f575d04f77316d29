package ui

import (
	"regexp"
	"strings"
	"testing"

	"iamtui/model"
)

// sgr matches the colour and attribute sequences the UI itself writes;
// anything else starting with ESC came from the data.
var sgr = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

func assertSafe(t *testing.T, what, out string) {
	t.Helper()
	rest := sgr.ReplaceAllString(out, "")
	for _, bad := range []string{"\x1b", "\x07", "\x9b", "\u202e"} {
		if i := strings.Index(rest, bad); i >= 0 {
			t.Fatalf("%s: raw %q reached the terminal near %q", what, bad, rest[max(0, i-20):min(len(rest), i+20)])
		}
	}
}

// A view must never trust its input: the importer refuses such names, but
// a world built in memory (or a file written by another tool) may hold them.
func TestHostileNamesAreShownEscaped(t *testing.T) {
	w := fixtureWorld(t)
	a := w.Accounts[0]
	evil := []string{"\x1b]0;pwned\x07", "\x1b[2J", "trojan\u202eevil"}
	for i, n := range evil {
		a.Users = append(a.Users, &model.User{Name: n, Path: "/\x1b[31m/", ID: "AIDA0000000000000000" + string(rune('1'+i)),
			ARN: "arn:aws:iam::111122223333:user/" + n, Groups: []string{"Chefs"},
			Tags: []model.Tag{{Key: "k\x1b[5m", Value: "v\x07"}}})
	}
	a.Groups[0].InlinePolicies = append(a.Groups[0].InlinePolicies, model.InlinePolicy{Name: "Pol\x1b]8;;http://x\x07",
		Document: mustDoc(t, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"A\",\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":\"arn:aws:s3:::b/\\u001b[2J\"}]}", 0)})
	store := newMemStore(w)
	m := New(Options{Store: store, World: w, PollEvery: -1, Editor: testEditor()})
	for _, size := range [][2]int{{80, 24}, {250, 70}} {
		send(t, m, windowSize(size[0], size[1]))
		assertSafe(t, "list", m.render())
		mustContain(t, screen(m), `\x1b]0;pwned\x07`, `\x1b[2J`)
		press(t, m, "G")
		assertSafe(t, "list at the end", m.render())
		press(t, m, "enter")
		assertSafe(t, "detail", m.render())
		mustContain(t, screen(m), `trojan\u202eevil`, `/\x1b[31m/`)
		press(t, m, "d")
		assertSafe(t, "delete dialog", m.render())
		press(t, m, "esc", "esc", "/")
		typeText(t, m, "pwn")
		assertSafe(t, "filter", m.render())
		press(t, m, "esc", ":")
		typeText(t, m, "user ")
		assertSafe(t, "completion", m.render())
		press(t, m, "esc", "2", "enter")
		assertSafe(t, "group with hostile members", m.render())
		d := m.top().(*detailPage)
		for d.currentLink() != nil && d.currentLink().rel != relInline {
			press(t, m, "j")
		}
		assertSafe(t, "inline policy preview", m.render())
		press(t, m, "enter")
		assertSafe(t, "editor", m.render())
		press(t, m, "esc", "esc", "1", "g")
	}
}
