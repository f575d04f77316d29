package editor

import (
	"bytes"
	"encoding/json"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"iamtui/lint"
	"iamtui/model/policy"
)

// Update handles keys, pastes, mouse wheel and the editor's own messages.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if !m.focused {
			return m, nil
		}
		return m.handleKey(msg)
	case tea.PasteMsg:
		if !m.focused || m.readOnly || m.confirming {
			return m, nil
		}
		m.status = ""
		return m, m.insert(msg.Content, editOther)
	case tea.ClipboardMsg:
		if !m.focused || m.readOnly || m.confirming || msg.Content == "" {
			return m, nil
		}
		return m, m.insert(msg.Content, editOther)
	case tea.MouseWheelMsg:
		if !m.focused {
			return m, nil
		}
		_, textH, _ := m.layout()
		switch msg.Button {
		case tea.MouseWheelUp:
			m.yoff = max(0, m.yoff-3)
		case tea.MouseWheelDown:
			m.yoff = max(0, min(m.yoff+3, len(m.lines)-textH))
		}
		return m, nil
	case draftTickMsg:
		if msg.sh != m.sh || msg.version != m.version || m.readOnly {
			return m, nil
		}
		d := DraftMsg{Key: m.key, Title: m.title, Text: m.text, Modified: m.Modified()}
		return m, func() tea.Msg { return d }
	case externalDoneMsg:
		if msg.sh != m.sh {
			return m, nil
		}
		return m.externalDone(msg)
	}
	return m, nil
}

func (m Model) handleKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k := &m.keys
	m.status, m.statusErr = "", false
	if m.confirming {
		return m.handleConfirm(msg)
	}
	if m.popup.open {
		switch {
		case key.Matches(msg, k.Up), msg.String() == "ctrl+k", msg.String() == "ctrl+p":
			m.popup.move(-1)
			return m, nil
		case key.Matches(msg, k.Down), msg.String() == "ctrl+j", msg.String() == "ctrl+n":
			m.popup.move(1)
			return m, nil
		case key.Matches(msg, k.PageUp):
			m.popup.move(-popupRows)
			return m, nil
		case key.Matches(msg, k.PageDown):
			m.popup.move(popupRows)
			return m, nil
		case key.Matches(msg, k.AcceptCompletion):
			return m, m.acceptCompletion()
		case key.Matches(msg, k.Close):
			m.popup.open = false
			return m, nil
		}
	}
	// Every key but completion's own closes the popup; edits reopen it.
	m.popup.open = false

	switch {
	case key.Matches(msg, k.Save):
		return m.save(false)
	case key.Matches(msg, k.Close):
		switch {
		case m.sel:
			m.sel = false
			return m, nil
		case m.Modified() && !m.readOnly:
			m.confirming = true
			return m, nil
		}
		c := CloseMsg{Key: m.key}
		return m, func() tea.Msg { return c }
	case key.Matches(msg, k.ExternalEditor):
		return m.openExternal()
	case key.Matches(msg, k.Undo):
		return m, m.undoRedo(&m.undo, &m.redo, "nothing to undo")
	case key.Matches(msg, k.Redo):
		return m, m.undoRedo(&m.redo, &m.undo, "nothing to redo")
	case key.Matches(msg, k.Format):
		return m, m.format()
	case key.Matches(msg, k.Complete):
		m.refreshCompletion(true)
		if !m.popup.open {
			m.status = "no completion here"
		}
		return m, nil
	case key.Matches(msg, k.NextProblem):
		m.jumpProblem(1)
		return m, nil
	case key.Matches(msg, k.PrevProblem):
		m.jumpProblem(-1)
		return m, nil
	case key.Matches(msg, k.QuickFix):
		return m, m.quickFix()

	case key.Matches(msg, k.Copy):
		return m, m.copySelection(false)
	case key.Matches(msg, k.Cut):
		return m, m.copySelection(true)
	case key.Matches(msg, k.Paste):
		if m.clip == "" {
			return m, tea.ReadClipboard
		}
		return m, m.insert(m.clip, editOther)
	case key.Matches(msg, k.SelectAll):
		m.anchor, m.sel = pos{}, true
		last := len(m.lines) - 1
		m.cur = pos{last, len(m.lines[last])}
		m.scrollToCursor()
		return m, nil
	}

	if m.move(msg) {
		m.lastKind = editNone
		m.scrollToCursor()
		return m, nil
	}

	switch {
	case key.Matches(msg, k.Newline):
		return m, m.newline()
	case key.Matches(msg, k.Indent):
		return m, m.indentLines(true)
	case key.Matches(msg, k.Outdent):
		return m, m.indentLines(false)
	case key.Matches(msg, k.Backspace):
		return m, m.backspace()
	case key.Matches(msg, k.Delete):
		return m, m.deleteForward()
	case key.Matches(msg, k.DeleteWordLeft):
		return m, m.deleteTo(m.wordLeft(m.cur))
	case key.Matches(msg, k.DeleteWordRight):
		return m, m.deleteTo(m.wordRight(m.cur))
	case key.Matches(msg, k.DeleteToLineEnd):
		end := pos{m.cur.row, len(m.lines[m.cur.row])}
		if m.cur == end && m.cur.row < len(m.lines)-1 {
			end = pos{m.cur.row + 1, 0}
		}
		return m, m.deleteTo(end)
	case key.Matches(msg, k.DeleteToLineStart):
		return m, m.deleteTo(pos{m.cur.row, 0})
	}

	if t := typedText(msg); t != "" && !m.readOnly {
		return m, m.typeText(t)
	}
	return m, nil
}

// typedText is the text a key press types, "" for keys that are commands.
func typedText(msg tea.KeyPressMsg) string {
	if msg.Mod.Contains(tea.ModCtrl) || msg.Mod.Contains(tea.ModAlt) || msg.Mod.Contains(tea.ModSuper) {
		return ""
	}
	if msg.Text != "" {
		return msg.Text
	}
	if msg.Code == tea.KeySpace {
		return " "
	}
	return ""
}

func (m Model) handleConfirm(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k := &m.keys
	switch {
	case key.Matches(msg, k.ConfirmSave):
		return m.save(true)
	case key.Matches(msg, k.ConfirmDiscard):
		m.confirming = false
		c := CloseMsg{Key: m.key, Discarded: true}
		return m, func() tea.Msg { return c }
	case key.Matches(msg, k.Cancel):
		m.confirming = false
	}
	return m, nil
}

// move handles the movement and selection keys; it reports whether msg was
// one.
func (m *Model) move(msg tea.KeyPressMsg) bool {
	k := &m.keys
	type mv struct {
		b    *key.Binding
		f    func(pos) pos
		sel  bool
		vert bool
	}
	_, textH, _ := m.layout()
	up := func(n int) func(pos) pos { return func(p pos) pos { return m.vertical(p, -n) } }
	down := func(n int) func(pos) pos { return func(p pos) pos { return m.vertical(p, n) } }
	moves := []mv{
		{&k.Up, up(1), false, true},
		{&k.Down, down(1), false, true},
		{&k.Left, m.left, false, false},
		{&k.Right, m.right, false, false},
		{&k.WordLeft, m.wordLeft, false, false},
		{&k.WordRight, m.wordRight, false, false},
		{&k.LineStart, m.lineStart, false, false},
		{&k.LineEnd, m.lineEnd, false, false},
		{&k.DocStart, func(pos) pos { return pos{} }, false, false},
		{&k.DocEnd, func(pos) pos { l := len(m.lines) - 1; return pos{l, len(m.lines[l])} }, false, false},
		{&k.PageUp, up(max(1, textH-1)), false, true},
		{&k.PageDown, down(max(1, textH-1)), false, true},
		{&k.SelectLeft, m.left, true, false},
		{&k.SelectRight, m.right, true, false},
		{&k.SelectUp, up(1), true, true},
		{&k.SelectDown, down(1), true, true},
		{&k.SelectWordLeft, m.wordLeft, true, false},
		{&k.SelectWordRight, m.wordRight, true, false},
		{&k.SelectLineStart, m.lineStart, true, false},
		{&k.SelectLineEnd, m.lineEnd, true, false},
	}
	for _, x := range moves {
		if !key.Matches(msg, *x.b) {
			continue
		}
		if x.sel {
			if !m.sel {
				m.anchor, m.sel = m.cur, true
			}
		} else if m.sel && !x.vert && (x.b == &k.Left || x.b == &k.Right) {
			// Left and right on a selection go to its edge, as editors do.
			a, b := orderPos(m.anchor, m.cur)
			m.sel = false
			if x.b == &k.Left {
				m.cur = a
			} else {
				m.cur = b
			}
			m.wantX = -1
			return true
		} else {
			m.sel = false
		}
		if !x.vert {
			m.wantX = -1
		}
		m.cur = x.f(m.cur)
		if m.sel && m.anchor == m.cur {
			m.sel = false
		}
		return true
	}
	return false
}

func (m *Model) vertical(p pos, n int) pos {
	if m.wantX < 0 {
		m.wantX = visualCol(m.lines[p.row], p.col)
	}
	row := max(0, min(p.row+n, len(m.lines)-1))
	if row == p.row {
		if n < 0 {
			return pos{row, 0}
		}
		return pos{row, len(m.lines[row])}
	}
	return pos{row, colAtVisual(m.lines[row], m.wantX)}
}

func (m *Model) left(p pos) pos {
	if p.col > 0 {
		return pos{p.row, p.col - 1}
	}
	if p.row > 0 {
		return pos{p.row - 1, len(m.lines[p.row-1])}
	}
	return p
}

func (m *Model) right(p pos) pos {
	if p.col < len(m.lines[p.row]) {
		return pos{p.row, p.col + 1}
	}
	if p.row < len(m.lines)-1 {
		return pos{p.row + 1, 0}
	}
	return p
}

func (m *Model) wordLeft(p pos) pos {
	if p.col == 0 {
		return m.left(p)
	}
	l := m.lines[p.row]
	c := p.col
	for c > 0 && !isWordRune(l[c-1]) {
		c--
	}
	for c > 0 && isWordRune(l[c-1]) {
		c--
	}
	return pos{p.row, c}
}

func (m *Model) wordRight(p pos) pos {
	l := m.lines[p.row]
	if p.col >= len(l) {
		return m.right(p)
	}
	c := p.col
	for c < len(l) && !isWordRune(l[c]) {
		c++
	}
	for c < len(l) && isWordRune(l[c]) {
		c++
	}
	return pos{p.row, c}
}

// lineStart goes to the first non-blank character, or to column 0 when
// already there (the "smart home" of most editors).
func (m *Model) lineStart(p pos) pos {
	ind := len(leadingSpace(m.lines[p.row]))
	if p.col == ind {
		return pos{p.row, 0}
	}
	return pos{p.row, ind}
}

func (m *Model) lineEnd(p pos) pos { return pos{p.row, len(m.lines[p.row])} }

// pushUndo records the text before an edit. Consecutive edits of the same
// kind at the point the last one left the cursor make one undo step, so
// ctrl+z undoes a word, not a character.
func (m *Model) pushUndo(kind editKind) {
	coalesce := kind != editOther && kind == m.lastKind && m.cur == m.lastCur && len(m.undo) > 0
	m.lastKind = kind
	if coalesce {
		return
	}
	m.undo = append(m.undo, snapshot{lines: m.lines, cur: m.cur})
	if len(m.undo) > maxUndo {
		m.undo = append([]snapshot(nil), m.undo[len(m.undo)-maxUndo:]...)
	}
	m.redo = nil
}

func (m *Model) undoRedo(from, to *[]snapshot, empty string) tea.Cmd {
	if m.readOnly {
		return nil
	}
	if len(*from) == 0 {
		m.status = empty
		return nil
	}
	s := (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	*to = append(*to, snapshot{lines: m.lines, cur: m.cur})
	m.lines, m.cur = s.lines, m.clampIn(s.lines, s.cur)
	m.sel = false
	m.lastKind = editNone
	return m.afterChange()
}

func (m *Model) clampIn(lines [][]rune, p pos) pos {
	p.row = max(0, min(p.row, len(lines)-1))
	p.col = max(0, min(p.col, len(lines[p.row])))
	return p
}

// replace replaces [a, b) with s as one edit of kind.
func (m *Model) replace(a, b pos, s string, kind editKind) tea.Cmd {
	if m.readOnly {
		return nil
	}
	m.pushUndo(kind)
	m.lines, m.cur = replaceRange(m.lines, a, b, s)
	m.sel = false
	m.wantX = -1
	return m.afterChange()
}

// insert puts s at the cursor, replacing the selection.
func (m *Model) insert(s string, kind editKind) tea.Cmd {
	a, b := m.cur, m.cur
	if m.sel {
		a, b = orderPos(m.anchor, m.cur)
		kind = editOther
	}
	return m.replace(a, b, s, kind)
}

func (m *Model) deleteTo(p pos) tea.Cmd {
	if m.readOnly {
		return nil
	}
	if m.sel {
		return m.deleteSelection()
	}
	a, b := orderPos(m.cur, p)
	if a == b {
		return nil
	}
	return m.replace(a, b, "", editOther)
}

func (m *Model) deleteSelection() tea.Cmd {
	a, b := orderPos(m.anchor, m.cur)
	return m.replace(a, b, "", editOther)
}

func (m *Model) rune(p pos) rune {
	l := m.lines[p.row]
	if p.col < 0 || p.col >= len(l) {
		return 0
	}
	return l[p.col]
}

var pairs = map[rune]rune{'{': '}', '[': ']', '"': '"'}

// typeText inserts typed text, pairing brackets and quotes.
func (m *Model) typeText(t string) tea.Cmd {
	kind := editType
	if t == " " {
		kind = editSpace
	}
	rs := []rune(t)
	if len(rs) != 1 || m.sel || !m.autoPair {
		cmd := m.insert(t, kind)
		m.refreshCompletion(false)
		return cmd
	}
	c := rs[0]
	next := m.rune(m.cur)
	line := m.lines[m.cur.row]
	inStr := inString(line, m.cur.col)
	var cmd tea.Cmd
	switch {
	case (c == '}' || c == ']' || c == '"') && next == c && (c != '"' || inStr):
		// Type over the closer the pairing inserted.
		m.cur.col++
		m.lastKind = editNone
		m.popup.open = false
		m.scrollToCursor()
		return nil
	case (c == '}' || c == ']') && !inStr && allSpace(line[:m.cur.col]) && m.cur.col > 0:
		// Electric closer: a closing bracket on a blank line goes one
		// indent to the left.
		n := min(m.indent, m.cur.col)
		cmd = m.replace(pos{m.cur.row, m.cur.col - n}, m.cur, string(c), editOther)
	case (c == '{' || c == '[' || c == '"') && !inStr && pairable(next):
		cmd = m.replace(m.cur, m.cur, string(c)+string(pairs[c]), editOther)
		m.cur.col--
		m.lastCur = m.cur
	default:
		cmd = m.insert(t, kind)
	}
	m.refreshCompletion(false)
	return cmd
}

// pairable reports whether a closer can be added before next: at the end of
// a line or before white space or punctuation, not before a word.
func pairable(next rune) bool {
	switch next {
	case 0, ' ', '\t', ',', '}', ']', ':':
		return true
	}
	return false
}

func (m *Model) backspace() tea.Cmd {
	if m.readOnly {
		return nil
	}
	if m.sel {
		return m.deleteSelection()
	}
	p := m.cur
	if p.col == 0 {
		if p.row == 0 {
			return nil
		}
		return m.replace(m.left(p), p, "", editBackspace)
	}
	l := m.lines[p.row]
	prev, next := l[p.col-1], m.rune(p)
	var cmd tea.Cmd
	switch {
	case m.autoPair && pairs[prev] == next && next != 0 && (prev != '"' || !inString(l, p.col-1)):
		cmd = m.replace(pos{p.row, p.col - 1}, pos{p.row, p.col + 1}, "", editBackspace)
	case allSpace(l[:p.col]) && p.col > 0:
		// In the indentation, go back to the previous indent stop.
		n := (p.col-1)%m.indent + 1
		cmd = m.replace(pos{p.row, p.col - n}, p, "", editBackspace)
	default:
		cmd = m.replace(pos{p.row, p.col - 1}, p, "", editBackspace)
	}
	m.refreshCompletion(false)
	return cmd
}

func (m *Model) deleteForward() tea.Cmd {
	if m.readOnly {
		return nil
	}
	if m.sel {
		return m.deleteSelection()
	}
	n := m.right(m.cur)
	if n == m.cur {
		return nil
	}
	return m.replace(m.cur, n, "", editDelete)
}

// newline breaks the line, keeping its indentation, one more after an
// opening bracket, and puts the matching closer on a line of its own.
func (m *Model) newline() tea.Cmd {
	if m.readOnly {
		return nil
	}
	a, b := m.cur, m.cur
	if m.sel {
		a, b = orderPos(m.anchor, m.cur)
	}
	l := m.lines[a.row]
	ind := string(leadingSpace(l[:a.col]))
	if len(leadingSpace(l)) < len(ind) {
		ind = string(leadingSpace(l))
	}
	var prev rune
	if a.col > 0 {
		prev = l[a.col-1]
	}
	next := rune(0)
	if b.col < len(m.lines[b.row]) {
		next = m.lines[b.row][b.col]
	}
	unit := strings.Repeat(" ", m.indent)
	if prev == '{' || prev == '[' {
		if (prev == '{' && next == '}') || (prev == '[' && next == ']') {
			cmd := m.replace(a, b, "\n"+ind+unit+"\n"+ind, editOther)
			m.cur = pos{a.row + 1, len([]rune(ind + unit))}
			m.lastCur = m.cur
			m.scrollToCursor()
			return cmd
		}
		return m.replace(a, b, "\n"+ind+unit, editOther)
	}
	return m.replace(a, b, "\n"+ind, editOther)
}

// indentLines indents (or outdents) the selected lines, or inserts spaces
// to the next indent stop when nothing spanning lines is selected.
func (m *Model) indentLines(in bool) tea.Cmd {
	if m.readOnly {
		return nil
	}
	a, b := m.cur, m.cur
	if m.sel {
		a, b = orderPos(m.anchor, m.cur)
	}
	if in && a.row == b.row {
		n := m.indent - visualCol(m.lines[m.cur.row], m.cur.col)%m.indent
		return m.insert(strings.Repeat(" ", n), editOther)
	}
	if b.col == 0 && b.row > a.row {
		b.row--
	}
	m.pushUndo(editOther)
	lines := append([][]rune(nil), m.lines...)
	unit := []rune(strings.Repeat(" ", m.indent))
	shift := make(map[int]int)
	for r := a.row; r <= b.row; r++ {
		l := lines[r]
		if in {
			if len(l) > 0 {
				lines[r] = append(append(make([]rune, 0, len(l)+len(unit)), unit...), l...)
				shift[r] = len(unit)
			}
			continue
		}
		n := 0
		for n < len(l) && n < m.indent && l[n] == ' ' {
			n++
		}
		lines[r] = l[n:]
		shift[r] = -n
	}
	m.lines = lines
	m.cur.col = max(0, m.cur.col+shift[m.cur.row])
	if m.sel {
		m.anchor.col = max(0, m.anchor.col+shift[m.anchor.row])
	}
	m.cur, m.anchor = m.clamp(m.cur), m.clamp(m.anchor)
	return m.afterChange()
}

func (m *Model) copySelection(cut bool) tea.Cmd {
	if !m.sel {
		m.status = "nothing selected (shift+arrows select)"
		return nil
	}
	a, b := orderPos(m.anchor, m.cur)
	m.clip = textRange(m.lines, a, b)
	set := tea.SetClipboard(m.clip)
	if cut && !m.readOnly {
		return tea.Batch(set, m.deleteSelection())
	}
	m.status = "copied"
	return set
}

// format re-indents the document with encoding/json, which keeps every
// token as written (key order, escapes, numbers).
func (m *Model) format() tea.Cmd {
	if m.readOnly {
		return nil
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, []byte(m.text), "", strings.Repeat(" ", m.indent)); err != nil {
		m.status, m.statusErr = "cannot format: the text is not valid JSON yet", true
		return nil
	}
	if buf.String() == m.text {
		m.status = "already formatted"
		return nil
	}
	row := m.cur.row
	cmd := m.replace(pos{}, pos{len(m.lines) - 1, len(m.lines[len(m.lines)-1])}, buf.String(), editOther)
	m.cur = m.clamp(pos{row, 0})
	m.cur.col = len(leadingSpace(m.lines[m.cur.row]))
	m.lastCur = m.cur
	m.scrollToCursor()
	return cmd
}

// save sends SaveMsg when the text parses; otherwise it shows why not and
// moves to the error.
func (m Model) save(closing bool) (Model, tea.Cmd) {
	if m.readOnly {
		m.status, m.statusErr = "read-only: nothing can be saved", true
		return m, nil
	}
	if m.parseErr != nil {
		m.confirming = false
		m.status, m.statusErr = "cannot save: "+m.parseErr.Error(), true
		if se, ok := m.parseErr.(*policy.SyntaxError); ok {
			m.cur = m.clamp(pos{se.Pos.Line - 1, se.Pos.Column - 1})
			m.sel = false
			m.scrollToCursor()
		}
		return m, nil
	}
	m.confirming = false
	errs := 0
	for _, f := range m.diags {
		if f.Category >= lint.SecurityWarning {
			errs++
		}
	}
	if errs > 0 {
		m.status = "saving with lint findings that need attention (see problems)"
	} else {
		m.status = "saving…"
	}
	s := SaveMsg{Key: m.key, Title: m.title, Text: m.text, Findings: m.diags, Close: closing}
	return m, func() tea.Msg { return s }
}

// jumpProblem moves the cursor to the next (dir 1) or previous (dir -1)
// finding, wrapping around.
func (m *Model) jumpProblem(dir int) {
	if len(m.diags) == 0 {
		m.status = "no problems"
		return
	}
	n := len(m.diags)
	idx := -1
	switch {
	case m.diagSel >= 0 && m.diagSel < n && findingStart(m.diags[m.diagSel]) == m.cur:
		// Already on a problem: step through the list, so problems at the
		// same place are all visited.
		idx = (m.diagSel + dir + n) % n
	case dir > 0:
		idx = 0
		for i, f := range m.diags {
			if !findingStart(f).before(m.cur) {
				idx = i
				break
			}
		}
	default:
		idx = n - 1
		for i := n - 1; i >= 0; i-- {
			if findingStart(m.diags[i]).before(m.cur) {
				idx = i
				break
			}
		}
	}
	m.diagSel = idx
	m.cur = m.clamp(findingStart(m.diags[idx]))
	m.sel = false
	m.wantX = -1
	m.lastKind = editNone
	m.scrollToCursor()
}

func findingStart(f lint.Finding) pos { return pos{f.Pos.Line - 1, f.Pos.Column - 1} }

func findingEnd(f lint.Finding) pos {
	e := pos{f.End.Line - 1, f.End.Column - 1}
	if f.End.Line == 0 || e.before(findingStart(f)) {
		return findingStart(f)
	}
	return e
}

// diagAt is the index of the first finding whose span holds p, -1 if none.
func (m Model) diagAt(p pos) int {
	for i, f := range m.diags {
		a, b := findingStart(f), findingEnd(f)
		if !p.before(a) && (p.before(b) || p == a) {
			return i
		}
	}
	return -1
}

// quickFix replaces the element of the finding under the cursor with its
// suggestion (s3:GetObjects → s3:GetObject).
func (m *Model) quickFix() tea.Cmd {
	i := m.diagAt(m.cur)
	if i < 0 && m.diagSel >= 0 {
		i = m.diagSel
	}
	if i < 0 || m.diags[i].Suggestion == "" {
		m.status = "no suggested fix here"
		return nil
	}
	f := m.diags[i]
	a, b := m.clamp(findingStart(f)), m.clamp(findingEnd(f))
	old := textRange(m.lines, a, b)
	repl := jsonQuote(f.Suggestion)
	if !(strings.HasPrefix(old, `"`) && strings.HasSuffix(old, `"`) && len(old) >= 2) {
		repl = f.Suggestion
	}
	cmd := m.replace(a, b, repl, editOther)
	m.status = "applied: " + f.Suggestion
	return cmd
}

func jsonQuote(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}
