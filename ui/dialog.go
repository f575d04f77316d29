package ui

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// dialog is a modal overlay: it has the keyboard until it is done.
type dialog interface {
	Update(msg tea.Msg) (done bool, cmd tea.Cmd)
	View(maxW, maxH int) string
}

// confirmDialog asks before a destructive action and names what will be
// lost. The safe answer has the focus; y confirms at once.
type confirmDialog struct {
	ctx   *Context
	title string
	body  []string // sanitised
	yes   string   // "Delete"
	onYes func() tea.Cmd
	focus int // 0 cancel, 1 yes
}

func (d *confirmDialog) Update(msg tea.Msg) (bool, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return false, nil
	}
	switch k.String() {
	case "y", "Y":
		return true, d.onYes()
	case "n", "N", "esc", "q":
		return true, status("Cancelled.")
	case "tab", "shift+tab", "left", "right", "h", "l":
		d.focus = 1 - d.focus
	case "enter", "space":
		if d.focus == 1 {
			return true, d.onYes()
		}
		return true, status("Cancelled.")
	}
	return false, nil
}

func (d *confirmDialog) View(maxW, maxH int) string {
	st := d.ctx.Styles
	inner := min(maxW-4, 72)
	var lines []string
	for _, b := range d.body {
		for _, w := range wrapPlain(b, inner) {
			lines = append(lines, st.Text.Render(w))
		}
	}
	lines = clipLines(d.ctx, lines, maxH-6)
	cancel, yes := st.Button.Render("Cancel"), st.Button.Render(d.yes)
	if d.focus == 0 {
		cancel = st.ButtonActive.Render("Cancel")
	} else {
		yes = st.ButtonActive.Render(d.yes)
	}
	lines = append(lines, "", cancel+"  "+yes)
	return box(st, d.title, "y "+strings.ToLower(d.yes)+" · n/esc cancel", strings.Join(lines, "\n"), inner)
}

// clipLines keeps a dialog's body within room lines, the last saying how
// many more were cut.
func clipLines(c *Context, lines []string, room int) []string {
	if len(lines) <= room || room < 3 {
		return lines
	}
	more := len(lines) - room + 1
	return append(lines[:room-1], c.Styles.Muted.Render(fmt.Sprintf("… %d more lines", more)))
}

// wrapPlain wraps plain text at spaces to w cells; a continuation is
// indented to the first line's indent, so bullet lists stay readable.
func wrapPlain(s string, w int) []string {
	if width(s) <= w || w < 8 {
		return []string{s}
	}
	indent := len(s) - len(strings.TrimLeft(s, " •-"))
	var out []string
	line := ""
	for _, word := range strings.Fields(s) {
		switch {
		case line == "":
			line = s[:indent] + word
			if len(out) > 0 {
				line = spaces(indent) + word
			}
		case width(line)+1+width(word) > w:
			out = append(out, line)
			line = spaces(indent) + word
		default:
			line += " " + word
		}
	}
	if line != "" {
		out = append(out, line)
	}
	return out
}

// formField is one labelled input of a form.
type formField struct {
	label string
	input textinput.Model
	hint  string
	// selectOnFocus shows a prefilled value selected when the field gets
	// the focus, so the first key typed replaces it rather than appending
	// to it (a default such as the path "/", a name to rename); fresh is
	// that state.
	selectOnFocus, fresh bool
	// required is the message when the field is left empty.
	required string
}

// formDialog asks for a few values. submit validates them through
// model/edit: an AWS rule the values break is shown in the dialog, which
// stays open so the user can correct it.
type formDialog struct {
	ctx    *Context
	title  string
	intro  string
	fields []formField
	focus  int
	err    string
	warn   bool // err is a warning (formWarning), not a refusal
	submit func(values []string) (tea.Cmd, error)
}

func newForm(c *Context, title, intro string, submit func([]string) (tea.Cmd, error), fields ...formField) *formDialog {
	d := &formDialog{ctx: c, title: title, intro: intro, fields: fields, submit: submit}
	for i := range d.fields {
		styleInput(&d.fields[i].input, c.Styles)
		d.fields[i].input.Prompt = ""
	}
	d.focusField(0)
	return d
}

// field is an input with a value to edit (or none) and a placeholder: an
// example shown dim while the field is empty, never a value.
func field(label, value, placeholder, hint string) formField {
	in := textinput.New()
	in.SetValue(value)
	in.Placeholder = placeholder
	in.CursorEnd()
	return formField{label: label, input: in, hint: hint}
}

// prefilled is a field whose value is a default or the current value: it
// is selected whenever the field gets the focus, so typing replaces it.
func prefilled(label, value, placeholder, hint string) formField {
	f := field(label, value, placeholder, hint)
	f.selectOnFocus = true
	return f
}

// needed marks a field that must not be left empty.
func (f formField) needed(msg string) formField {
	f.required = msg
	return f
}

func (d *formDialog) focusField(i int) {
	f := &d.fields[i]
	f.input.Focus()
	f.input.CursorEnd()
	f.fresh = f.selectOnFocus && f.input.Value() != ""
}

func (d *formDialog) setFocus(i int) {
	d.fields[d.focus].input.Blur()
	d.fields[d.focus].fresh = false
	d.focus = (i + len(d.fields)) % len(d.fields)
	d.focusField(d.focus)
}

// replaceSelected handles a key or paste on a field whose value is
// selected: text replaces the value, backspace and delete clear it, and
// anything else (a cursor move) keeps it. It reports whether the message
// is used up.
func (f *formField) replaceSelected(msg tea.Msg) bool {
	if !f.fresh {
		return false
	}
	f.fresh = false
	switch k := msg.(type) {
	case tea.PasteMsg:
		f.input.SetValue("")
	case tea.KeyPressMsg:
		switch {
		case k.String() == "backspace" || k.String() == "delete":
			f.input.SetValue("")
			return true
		case k.Text != "" && !k.Mod.Contains(tea.ModCtrl) && !k.Mod.Contains(tea.ModAlt):
			f.input.SetValue("")
		}
	}
	return false
}

func (d *formDialog) Update(msg tea.Msg) (bool, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch k.String() {
		case "esc":
			return true, status("Cancelled.")
		case "tab", "down":
			d.setFocus(d.focus + 1)
			return false, nil
		case "shift+tab", "up":
			d.setFocus(d.focus - 1)
			return false, nil
		case "enter":
			if d.focus < len(d.fields)-1 {
				d.setFocus(d.focus + 1)
				return false, nil
			}
			values := make([]string, len(d.fields))
			for i, f := range d.fields {
				values[i] = f.input.Value()
				if f.required != "" && strings.TrimSpace(values[i]) == "" {
					d.err, d.warn = f.label+": "+f.required, false
					d.setFocus(i)
					return false, nil
				}
			}
			cmd, err := d.submit(values)
			var w *formWarning
			switch {
			case errors.As(err, &w):
				d.err, d.warn = w.msg, true
				return false, nil
			case err != nil:
				d.err, d.warn = editError(err), false
				return false, nil
			}
			return true, cmd
		}
	}
	f := &d.fields[d.focus]
	if f.replaceSelected(msg) {
		d.err = ""
		return false, nil
	}
	var cmd tea.Cmd
	f.input, cmd = f.input.Update(msg)
	d.err = ""
	return false, cmd
}

// formWarning is a submit's way to warn rather than refuse: the dialog
// shows it, and the same values submitted again go through.
type formWarning struct{ msg string }

func (w *formWarning) Error() string { return w.msg }

func (d *formDialog) View(maxW, maxH int) string {
	st := d.ctx.Styles
	inner := min(maxW-4, 70)
	labelW := 0
	for _, f := range d.fields {
		labelW = max(labelW, width(f.label))
	}
	var lines []string
	if d.intro != "" {
		for _, w := range wrapPlain(d.intro, inner) {
			lines = append(lines, st.Subtle.Render(w))
		}
		lines = append(lines, "")
	}
	for i, f := range d.fields {
		f.input.SetWidth(max(8, inner-labelW-5)) // the cursor takes a cell past the width
		label := st.Label.Render(fit(f.label, labelW))
		mark := "  "
		if i == d.focus {
			label = st.Key.Render(fit(f.label, labelW))
			mark = st.Key.Render("▸ ")
		}
		in := f.input.View()
		if i == d.focus && f.fresh {
			// Selected: the first key replaces it.
			in = st.LinkSelected.Render(f.input.Value()) + spaces(max(0, inner-labelW-5-width(f.input.Value())))
		}
		lines = append(lines, mark+label+" "+in)
		if f.hint != "" && i == d.focus {
			lines = append(lines, spaces(labelW+3)+st.Muted.Render(truncate(f.hint, inner-labelW-3)))
		}
	}
	if d.err != "" {
		lines = append(lines, "")
		sym, style := "✖ ", st.Deny
		if d.warn {
			sym, style = "⚠ ", st.Warn
		}
		for _, l := range strings.Split(d.err, "\n") {
			for _, w := range wrapPlain(l, inner-2) {
				lines = append(lines, style.Render(sym+w))
				sym = "  "
			}
		}
	}
	return box(st, d.title, "enter next/save · tab moves · esc cancels", strings.Join(lines, "\n"), inner)
}

// pickItem is one choice of a picker.
type pickItem struct {
	label string // sanitised, what the filter matches
	note  string // sanitised
	value string // what onPick receives
}

// pickerDialog chooses one item from a possibly long list (1,500
// policies), filtered as you type.
type pickerDialog struct {
	ctx    *Context
	title  string
	items  []pickItem
	shown  []int
	cursor int
	offset int
	filter textinput.Model
	onPick func(pickItem) (tea.Cmd, error)
	err    string
	height int
}

func newPicker(c *Context, title string, items []pickItem, onPick func(pickItem) (tea.Cmd, error)) *pickerDialog {
	d := &pickerDialog{ctx: c, title: title, items: items, onPick: onPick, height: 10}
	d.filter = newInput(c.Styles, "/ ", "type to filter")
	d.filter.Focus()
	d.refilter()
	return d
}

func (d *pickerDialog) refilter() {
	q := lowerASCII(d.filter.Value())
	d.shown = d.shown[:0]
	type scored struct{ i, s int }
	var sc []scored
	for i, it := range d.items {
		if s, _, ok := fuzzyMatch(it.label, q, nil); ok {
			sc = append(sc, scored{i, s})
		}
	}
	if q != "" {
		sort.SliceStable(sc, func(a, b int) bool { return sc[a].s > sc[b].s })
	}
	for _, s := range sc {
		d.shown = append(d.shown, s.i)
	}
	d.cursor, d.offset = 0, 0
}

func (d *pickerDialog) Update(msg tea.Msg) (bool, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch k.String() {
		case "esc":
			return true, status("Cancelled.")
		case "up", "ctrl+p", "ctrl+k":
			d.cursor--
		case "down", "ctrl+n", "ctrl+j", "tab":
			d.cursor++
		case "pgup":
			d.cursor -= d.height
		case "pgdown":
			d.cursor += d.height
		case "enter":
			if len(d.shown) == 0 {
				return false, nil
			}
			cmd, err := d.onPick(d.items[d.shown[d.cursor]])
			if err != nil {
				d.err = editError(err)
				return false, nil
			}
			return true, cmd
		default:
			var cmd tea.Cmd
			d.filter, cmd = d.filter.Update(msg)
			d.refilter()
			d.err = ""
			return false, cmd
		}
		d.cursor = clamp(d.cursor, 0, max(0, len(d.shown)-1))
		if d.cursor < d.offset {
			d.offset = d.cursor
		}
		if d.cursor >= d.offset+d.height {
			d.offset = d.cursor - d.height + 1
		}
		return false, nil
	}
	var cmd tea.Cmd
	d.filter, cmd = d.filter.Update(msg)
	d.refilter()
	return false, cmd
}

func (d *pickerDialog) View(maxW, maxH int) string {
	st := d.ctx.Styles
	inner := min(maxW-4, 70)
	d.height = clamp(maxH-8, 3, 14)
	d.filter.SetWidth(inner - 5)
	lines := []string{d.filter.View(), ""}
	if len(d.shown) == 0 {
		lines = append(lines, st.Muted.Render("  nothing matches"))
	}
	end := min(len(d.shown), d.offset+d.height)
	for i := d.offset; i < end; i++ {
		it := d.items[d.shown[i]]
		if i == d.cursor {
			lines = append(lines, st.Cursor.Render("▌")+st.LinkSelected.Render(fit(" "+it.label+"  "+it.note, inner-1)))
			continue
		}
		s := "  " + st.Text.Render(truncate(it.label, inner-2))
		if rest := inner - 4 - width(it.label); rest > 4 && it.note != "" {
			s += "  " + st.Muted.Render(truncate(it.note, rest))
		}
		lines = append(lines, s)
	}
	// Keep the box's height while filtering, but no taller than the list.
	for i := end - d.offset; i < min(d.height, len(d.items)) && len(d.shown) > 0; i++ {
		lines = append(lines, "")
	}
	if d.err != "" {
		for _, w := range wrapPlain("✖ "+d.err, inner) {
			lines = append(lines, st.Deny.Render(w))
		}
	}
	hint := "enter picks · esc cancels"
	if len(d.items) > 0 {
		hint = itoa(len(d.shown)) + " of " + itoa(len(d.items)) + " · " + hint
	}
	return box(st, d.title, hint, strings.Join(lines, "\n"), inner)
}
