package editor

import (
	"strings"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
)

const fuzzStart = "alpha beta\n    gamma:delta\n\tx y\n\n  日本 z"

// refKeys are the keys whose effect on the text the reference model below
// knows; the byte chooses one.
var refKeys = []string{"a", "Z", ":", "*", "/", "-", "space", "left", "right", "up", "down", "home", "end",
	"ctrl+left", "ctrl+right", "pgup", "pgdown", "ctrl+home", "ctrl+end", "delete", "backspace", "enter", "tab", "ctrl+k", "ctrl+u", "paste"}

// allKeys adds everything else: pairing, selection, clipboard, undo,
// completion, problems, prompts.
var allKeys = append(append([]string(nil), refKeys...), "{", "}", "[", "]", `"`, ",",
	"shift+left", "shift+right", "shift+up", "shift+down", "shift+home", "shift+end", "ctrl+shift+left", "ctrl+a",
	"ctrl+c", "ctrl+x", "ctrl+v", "ctrl+z", "ctrl+y", "ctrl+t", "ctrl+w", "alt+d", "shift+tab", "ctrl+space",
	"f8", "shift+f8", "alt+enter", "esc", "s", "d", "ctrl+s")

// refApply is what key k does to text with the cursor at byte offset off,
// as a plain string model of the editor without bracket pairing.
func refApply(text string, off, indent int, k string) string {
	lineStart := strings.LastIndexByte(text[:off], '\n') + 1
	lineEnd := len(text)
	if i := strings.IndexByte(text[off:], '\n'); i >= 0 {
		lineEnd = off + i
	}
	before := text[lineStart:off]
	switch k {
	case "space":
		return text[:off] + " " + text[off:]
	case "delete":
		if off == len(text) {
			return text
		}
		_, n := utf8.DecodeRuneInString(text[off:])
		return text[:off] + text[off+n:]
	case "backspace":
		if off == 0 {
			return text
		}
		if off > lineStart && strings.Trim(before, " \t") == "" {
			n := (utf8.RuneCountInString(before)-1)%indent + 1
			// The indentation is runes; every one of them is one byte.
			return text[:off-n] + text[off:]
		}
		_, n := utf8.DecodeLastRuneInString(text[:off])
		return text[:off-n] + text[off:]
	case "enter":
		ind := before[:len(before)-len(strings.TrimLeft(before, " \t"))]
		return text[:off] + "\n" + ind + text[off:]
	case "tab":
		n := indent - visualCol([]rune(before), utf8.RuneCountInString(before))%indent
		return text[:off] + strings.Repeat(" ", n) + text[off:]
	case "ctrl+k":
		if off == lineEnd {
			if off == len(text) {
				return text
			}
			return text[:off] + text[off+1:]
		}
		return text[:off] + text[lineEnd:]
	case "ctrl+u":
		return text[:lineStart] + text[off:]
	case "paste":
		return text[:off] + "p\nq" + text[off:]
	}
	if len(k) == 1 {
		return text[:off] + k + text[off:]
	}
	return text
}

func send(m Model, k string) Model {
	if k == "paste" {
		m, _ = m.Update(tea.PasteMsg{Content: "p\r\nq"})
		return m
	}
	m, _ = m.Update(press(k))
	return m
}

func checkInvariants(t *testing.T, m Model, step int) {
	t.Helper()
	if got := joinLines(m.lines); got != m.Text() {
		t.Fatalf("step %d: Text() %q differs from the lines %q", step, m.Text(), got)
	}
	if m.cur.row < 0 || m.cur.row >= len(m.lines) || m.cur.col < 0 || m.cur.col > len(m.lines[m.cur.row]) {
		t.Fatalf("step %d: cursor %+v out of the text", step, m.cur)
	}
	if off := m.Cursor().Offset; off < 0 || off > len(m.Text()) {
		t.Fatalf("step %d: offset %d out of the text", step, off)
	}
}

// FuzzKeysMatchModel types random keys into an editor without bracket
// pairing and checks its text against a plain string model after each.
func FuzzKeysMatchModel(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 21, 20, 22, 19, 8, 9, 25})
	f.Add([]byte("ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 400 {
			data = data[:400]
		}
		m := newTest(t, fuzzStart, func(c *Config) { c.NoAutoPair = true; c.Catalog = nil })
		m.SetSize(40, 12)
		ref := m.Text()
		for i, b := range data {
			k := refKeys[int(b)%len(refKeys)]
			off := m.Cursor().Offset
			ref = refApply(ref, off, m.indent, k)
			m = send(m, k)
			if m.Text() != ref {
				t.Fatalf("step %d (%s at offset %d): text %q, model %q", i, k, off, m.Text(), ref)
			}
			checkInvariants(t, m, i)
		}
		_ = m.View()
	})
}

// FuzzKeysAll sends any key, with pairing and completion, and checks the
// invariants, that every frame has the right size, and that undoing
// everything gives back the starting text.
func FuzzKeysAll(f *testing.F) {
	f.Add([]byte{26, 27, 30, 21, 2, 40, 50, 51})
	f.Add([]byte("the quick brown fox jumps over the lazy dog {[\"]}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 300 {
			data = data[:300]
		}
		m := newTest(t, typoPolicy)
		m.SetSize(50, 14)
		start := m.Text()
		for i, b := range data {
			m = send(m, allKeys[int(b)%len(allKeys)])
			checkInvariants(t, m, i)
			if len(m.Text()) > 20000 {
				// Copying everything and pasting it twice, again and again,
				// doubles the text: past this size the run measures lint,
				// not the editor.
				break
			}
			if i%16 == 0 {
				if n := strings.Count(m.View(), "\n") + 1; n != 14 {
					t.Fatalf("step %d: frame of %d lines", i, n)
				}
			}
		}
		m.confirming = false
		for j := 0; j < len(data)+2; j++ {
			m = send(m, "ctrl+z")
		}
		if m.Text() != start {
			t.Fatalf("undo all: %q, want %q", m.Text(), start)
		}
	})
}
