package evalpanel

import (
	"strings"
	"unicode"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"iamtui/sanitize"
)

// field is a one-line text input. The panel draws it itself rather than
// using bubbles' textinput so that every character shown goes through the
// sanitiser (a prefilled principal comes from imported data), the cursor
// does not blink (stable frames and golden files), and the panel's keys
// (tab, up, down, ctrl+n...) are never taken by the input.
type field struct {
	label       string
	placeholder string
	value       []rune
	pos         int
}

func (f *field) Value() string { return string(f.value) }

// SetValue replaces the value (its first line) and puts the cursor at its
// end.
func (f *field) SetValue(s string) {
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i]
	}
	f.value = []rune(s)
	f.pos = len(f.value)
}

func isWord(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

// update applies an editing key; it reports whether the value changed and
// whether the key was one of the field's.
func (f *field) update(msg tea.KeyPressMsg) (changed, handled bool) {
	old := string(f.value)
	switch msg.String() {
	case "left", "ctrl+b":
		f.pos = max(0, f.pos-1)
	case "right", "ctrl+f":
		f.pos = min(len(f.value), f.pos+1)
	case "home", "ctrl+a":
		f.pos = 0
	case "end", "ctrl+e":
		f.pos = len(f.value)
	case "ctrl+left", "alt+left", "alt+b":
		f.pos = f.wordLeft()
	case "ctrl+right", "alt+right", "alt+f":
		f.pos = f.wordRight()
	case "backspace", "ctrl+h":
		if f.pos > 0 {
			f.value = append(f.value[:f.pos-1:f.pos-1], f.value[f.pos:]...)
			f.pos--
		}
	case "delete", "ctrl+d":
		if f.pos < len(f.value) {
			f.value = append(f.value[:f.pos:f.pos], f.value[f.pos+1:]...)
		}
	case "ctrl+w", "alt+backspace", "ctrl+backspace":
		p := f.wordLeft()
		f.value = append(f.value[:p:p], f.value[f.pos:]...)
		f.pos = p
	case "alt+d", "ctrl+delete", "alt+delete":
		p := f.wordRight()
		f.value = append(f.value[:f.pos:f.pos], f.value[p:]...)
	case "ctrl+u":
		f.value = append([]rune(nil), f.value[f.pos:]...)
		f.pos = 0
	case "ctrl+k":
		f.value = f.value[:f.pos:f.pos]
	default:
		t := msg.Text
		if msg.Mod.Contains(tea.ModCtrl) || msg.Mod.Contains(tea.ModAlt) || msg.Mod.Contains(tea.ModSuper) {
			t = ""
		}
		if t == "" && msg.Code == tea.KeySpace && msg.Mod == 0 {
			t = " "
		}
		if t == "" {
			return false, false
		}
		f.insert(t)
	}
	return string(f.value) != old, true
}

// insert types s at the cursor; a pasted line break ends the value there.
func (f *field) insert(s string) {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	rs := []rune(s)
	nv := make([]rune, 0, len(f.value)+len(rs))
	nv = append(append(append(nv, f.value[:f.pos]...), rs...), f.value[f.pos:]...)
	f.value = nv
	f.pos += len(rs)
}

func (f *field) wordLeft() int {
	p := f.pos
	for p > 0 && !isWord(f.value[p-1]) {
		p--
	}
	for p > 0 && isWord(f.value[p-1]) {
		p--
	}
	return p
}

func (f *field) wordRight() int {
	p := f.pos
	for p < len(f.value) && !isWord(f.value[p]) {
		p++
	}
	for p < len(f.value) && isWord(f.value[p]) {
		p++
	}
	return p
}

// shown is what the terminal shows for r: itself, or a visible escape
// for control, invisible and bidirectional characters.
func shown(r rune) (string, bool) {
	s := string(r)
	if r >= 0x20 && r < 0x7f {
		return s, false
	}
	if sanitize.Safe(s) && ansi.StringWidth(s) > 0 {
		return s, false
	}
	if e := sanitize.Line(s); e != s {
		return e, true
	}
	// Printable but of no width (a combining mark, a joiner): its code.
	const digits = "0123456789abcdef"
	return string([]byte{'\\', 'u', digits[(r>>12)&0xf], digits[(r>>8)&0xf], digits[(r>>4)&0xf], digits[r&0xf]}), true
}

// view renders the value in w cells with the cursor when focused,
// scrolling horizontally to keep the cursor in view; unfocused, it shows
// the value's start (an ARN is read from the left).
func (f field) view(w int, focused bool, st fieldStyles) string {
	if w <= 0 {
		return ""
	}
	text := st.text
	if focused {
		text = st.textFocus
	}
	if len(f.value) == 0 {
		cur := ""
		if focused {
			cur = st.cursor.Render(" ")
			w--
		}
		ph := ansi.Truncate(f.placeholder, max(w, 0), "…")
		pad := strings.Repeat(" ", max(0, w-ansi.StringWidth(ph)))
		if focused {
			return cur + st.placeholder.Inherit(text).Render(ph) + text.Render(pad)
		}
		return cur + st.placeholder.Render(ph) + pad
	}
	n := len(f.value)
	cells := make([]string, n+1)
	esc := make([]bool, n+1)
	widths := make([]int, n+1)
	for i, r := range f.value {
		cells[i], esc[i] = shown(r)
		widths[i] = ansi.StringWidth(cells[i])
	}
	cells[n], widths[n] = " ", 1
	pos := max(0, min(f.pos, n))
	off := 0
	if focused {
		// Show from the start when the cursor fits, else just enough of
		// the end to keep the cursor in view.
		used := widths[pos]
		off = pos
		for off > 0 && used+widths[off-1] <= w {
			off--
			used += widths[off]
		}
	}
	var b, run strings.Builder
	flush := func() {
		if run.Len() > 0 {
			b.WriteString(text.Render(run.String()))
			run.Reset()
		}
	}
	used := 0
	clipped := false
	for i := off; i <= n; i++ {
		if used+widths[i] > w {
			clipped = i < n
			break
		}
		switch {
		case focused && i == pos:
			flush()
			b.WriteString(st.cursor.Render(cells[i]))
		case i == n:
		case esc[i]:
			flush()
			b.WriteString(st.escape.Render(cells[i]))
		default:
			run.WriteString(cells[i])
		}
		if i < n || (focused && i == pos) {
			used += widths[i]
		}
	}
	flush()
	if clipped && !focused && used > 0 {
		// The value goes on: end with an ellipsis in its last cell.
		s := ansi.Truncate(b.String(), used-1, "")
		return s + text.Render("…") + strings.Repeat(" ", max(0, w-used))
	}
	if used < w {
		if focused {
			b.WriteString(text.Render(strings.Repeat(" ", w-used)))
		} else {
			b.WriteString(strings.Repeat(" ", w-used))
		}
	}
	return b.String()
}
