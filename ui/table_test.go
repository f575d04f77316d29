package ui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"iamtui/themes"
)

func testRows(names ...string) []row {
	rows := make([]row, len(names))
	for i, n := range names {
		rows[i] = row{key: strings.ToLower(n), cells: []string{n, "/"}, search: "/ arn:aws:iam::1:user/" + strings.ToLower(n)}
	}
	return rows
}

func TestFuzzyMatch(t *testing.T) {
	tests := []struct {
		s, q string
		ok   bool
	}{
		{"head-chef-hana", "hch", true},
		{"head-chef-hana", "chef", true},
		{"head-chef-hana", "xyz", false},
		{"KitchenAccess", "kitacc", true},
		{"KitchenAccess", "accesskit", false},
		{"", "a", false},
		{"anything", "", true},
	}
	for _, tt := range tests {
		if _, _, ok := fuzzyMatch(tt.s, tt.q, nil); ok != tt.ok {
			t.Errorf("fuzzyMatch(%q, %q) = %v, want %v", tt.s, tt.q, ok, tt.ok)
		}
	}
}

func TestFuzzyPrefersWordStartsAndRuns(t *testing.T) {
	better, _, _ := fuzzyMatch("chef-alice", "chef", nil)
	worse, _, _ := fuzzyMatch("c-h-e-f-x", "chef", nil)
	if better <= worse {
		t.Errorf("a contiguous match scored %d, a scattered one %d", better, worse)
	}
	_, pos, _ := fuzzyMatch("head-chef-hana", "chef", []int{})
	if fmt.Sprint(pos) != "[5 6 7 8]" {
		t.Errorf("positions %v, want the word chef", pos)
	}
}

func TestTableKeys(t *testing.T) {
	names := make([]string, 100)
	for i := range names {
		names[i] = fmt.Sprintf("user-%03d", i)
	}
	tests := []struct {
		name   string
		height int
		ops    func(tb *table)
		cursor int
		offset int
	}{
		{"down", 10, func(tb *table) { tb.Move(1) }, 1, 0},
		{"up at the top stays", 10, func(tb *table) { tb.Move(-1) }, 0, 0},
		{"bottom", 10, func(tb *table) { tb.Bottom() }, 99, 90},
		{"top after bottom", 10, func(tb *table) { tb.Bottom(); tb.Top() }, 0, 0},
		{"page down", 10, func(tb *table) { tb.Move(tb.Page()) }, 10, 1},
		{"half page down twice", 10, func(tb *table) { tb.Move(tb.Page() / 2); tb.Move(tb.Page() / 2) }, 10, 1},
		{"past the end clamps", 10, func(tb *table) { tb.Move(1000) }, 99, 90},
		{"select key", 10, func(tb *table) { tb.SelectKey("user-050") }, 50, 41},
		{"filter resets cursor", 10, func(tb *table) { tb.Move(30); tb.SetFilter("user-09") }, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb := newTable("users", paneColumns(paneUsers)[:2])
			tb.SetRows(testRows(names...))
			tb.SetHeight(tt.height)
			tt.ops(tb)
			if tb.cursor != tt.cursor || tb.offset != tt.offset {
				t.Errorf("cursor %d offset %d, want %d %d", tb.cursor, tb.offset, tt.cursor, tt.offset)
			}
		})
	}
}

func TestTableFilter(t *testing.T) {
	tests := []struct {
		query string
		want  []string // in order
	}{
		{"", []string{"chef-alice", "head-chef-hana", "waiter-bob", "cleaner-carl"}},
		{"chef", []string{"chef-alice", "head-chef-hana"}},
		{"CHEF", []string{"chef-alice", "head-chef-hana"}},
		{"!chef", []string{"waiter-bob", "cleaner-carl"}},
		{"wb", []string{"waiter-bob"}},
		{"user/cleaner", []string{"cleaner-carl"}}, // the ARN, not the name
		{"zzz", nil},
		{"!", []string{"chef-alice", "head-chef-hana", "waiter-bob", "cleaner-carl"}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			tb := newTable("users", paneColumns(paneUsers)[:2])
			tb.SetRows(testRows("chef-alice", "head-chef-hana", "waiter-bob", "cleaner-carl"))
			tb.SetFilter(tt.query)
			var got []string
			for _, i := range tb.view {
				got = append(got, tb.rows[i].cells[0])
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("filter %q shows %v, want %v", tt.query, got, tt.want)
			}
		})
	}
}

func TestTableKeepsSelectionAcrossRows(t *testing.T) {
	tb := newTable("users", paneColumns(paneUsers)[:2])
	tb.SetRows(testRows("a", "b", "c", "d"))
	tb.SelectKey("c")
	tb.SetRows(testRows("new", "a", "b", "c", "d"))
	if r := tb.Selected(); r == nil || r.key != "c" {
		t.Fatalf("selection moved to %v", r)
	}
	tb.SetRows(testRows("a", "b"))
	if r := tb.Selected(); r == nil {
		t.Fatal("no selection after the selected row went")
	}
}

func TestTableViewFitsAndDropsColumns(t *testing.T) {
	st := themes.NewStyles(themes.Choice{}.Theme(true))
	tb := newTable("users", paneColumns(paneUsers))
	rows := testRows("chef-alice", "head-chef-hana")
	for i := range rows {
		rows[i].cells = []string{rows[i].cells[0], "/kitchen/", "1", "2", "KitchenOnlyBoundary", "3", "never", "2024-03-04"}
	}
	tb.SetRows(rows)
	for _, w := range []int{40, 78, 120, 248} {
		out := tb.View(w, 6, true, st)
		lines := strings.Split(out, "\n")
		if len(lines) != 6 {
			t.Fatalf("width %d: %d lines, want 6", w, len(lines))
		}
		for i, l := range lines {
			if got := ansi.StringWidth(l); got != w {
				t.Errorf("width %d: line %d is %d wide: %q", w, i, got, ansi.Strip(l))
			}
		}
		hdr := ansi.Strip(lines[0])
		if w == 40 && strings.Contains(hdr, "CREATED") {
			t.Errorf("width 40 kept a low-priority column: %q", hdr)
		}
		if w == 248 && !strings.Contains(hdr, "CREATED") {
			t.Errorf("width 248 dropped a column: %q", hdr)
		}
	}
}

func TestTableRendersOnlyVisibleRows(t *testing.T) {
	st := themes.NewStyles(themes.Choice{}.Theme(true))
	names := make([]string, 5000)
	for i := range names {
		names[i] = fmt.Sprintf("user-%04d", i)
	}
	tb := newTable("users", paneColumns(paneUsers)[:2])
	tb.SetRows(testRows(names...))
	out := ansi.Strip(tb.View(80, 11, true, st))
	if strings.Count(out, "user-") != 10 {
		t.Errorf("rendered %d rows for 10 lines", strings.Count(out, "user-"))
	}
}
