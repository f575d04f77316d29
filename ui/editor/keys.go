package editor

import "charm.land/bubbles/v2/key"

// KeyMap is the editor's key bindings. It implements help.KeyMap; bindings
// that do nothing in the current state (editing keys in a read-only editor)
// are disabled, so help does not offer them.
type KeyMap struct {
	Up, Down, Left, Right key.Binding
	WordLeft, WordRight   key.Binding
	LineStart, LineEnd    key.Binding
	DocStart, DocEnd      key.Binding
	PageUp, PageDown      key.Binding

	SelectLeft, SelectRight, SelectUp, SelectDown key.Binding
	SelectWordLeft, SelectWordRight               key.Binding
	SelectLineStart, SelectLineEnd                key.Binding
	SelectAll                                     key.Binding
	Copy, Cut, Paste                              key.Binding

	Newline, Indent, Outdent            key.Binding
	Backspace, Delete                   key.Binding
	DeleteWordLeft, DeleteWordRight     key.Binding
	DeleteToLineEnd, DeleteToLineStart  key.Binding
	Undo, Redo                          key.Binding
	Format                              key.Binding
	Complete, AcceptCompletion          key.Binding
	NextProblem, PrevProblem, QuickFix  key.Binding
	Save, Close, ExternalEditor         key.Binding
	ConfirmSave, ConfirmDiscard, Cancel key.Binding
}

// DefaultKeyMap is the editor's default bindings: arrows and the common
// editor chords (ctrl+z, ctrl+s...), with emacs-style word moves as
// alternatives.
func DefaultKeyMap() KeyMap {
	b := func(keys []string, helpKey, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(helpKey, desc))
	}
	k := func(s ...string) []string { return s }
	return KeyMap{
		Up:        b(k("up"), "↑", "line up"),
		Down:      b(k("down"), "↓", "line down"),
		Left:      b(k("left"), "←", "character left"),
		Right:     b(k("right"), "→", "character right"),
		WordLeft:  b(k("ctrl+left", "alt+left", "alt+b"), "ctrl+←", "word left"),
		WordRight: b(k("ctrl+right", "alt+right", "alt+f"), "ctrl+→", "word right"),
		LineStart: b(k("home"), "home", "line start"),
		LineEnd:   b(k("end"), "end", "line end"),
		DocStart:  b(k("ctrl+home", "alt+<"), "ctrl+home", "document start"),
		DocEnd:    b(k("ctrl+end", "alt+>"), "ctrl+end", "document end"),
		PageUp:    b(k("pgup"), "pgup", "page up"),
		PageDown:  b(k("pgdown"), "pgdown", "page down"),

		SelectLeft:      b(k("shift+left"), "shift+←", "select left"),
		SelectRight:     b(k("shift+right"), "shift+→", "select right"),
		SelectUp:        b(k("shift+up"), "shift+↑", "select up"),
		SelectDown:      b(k("shift+down"), "shift+↓", "select down"),
		SelectWordLeft:  b(k("ctrl+shift+left", "alt+shift+left"), "ctrl+shift+←", "select word left"),
		SelectWordRight: b(k("ctrl+shift+right", "alt+shift+right"), "ctrl+shift+→", "select word right"),
		SelectLineStart: b(k("shift+home"), "shift+home", "select to line start"),
		SelectLineEnd:   b(k("shift+end"), "shift+end", "select to line end"),
		SelectAll:       b(k("ctrl+a"), "ctrl+a", "select all"),
		Copy:            b(k("ctrl+c"), "ctrl+c", "copy selection"),
		Cut:             b(k("ctrl+x"), "ctrl+x", "cut selection"),
		Paste:           b(k("ctrl+v"), "ctrl+v", "paste copied text"),

		Newline:           b(k("enter"), "enter", "new line (auto-indent)"),
		Indent:            b(k("tab"), "tab", "indent"),
		Outdent:           b(k("shift+tab"), "shift+tab", "outdent"),
		Backspace:         b(k("backspace", "ctrl+h"), "backspace", "delete left"),
		Delete:            b(k("delete"), "delete", "delete right"),
		DeleteWordLeft:    b(k("ctrl+w", "alt+backspace", "ctrl+backspace"), "ctrl+w", "delete word left"),
		DeleteWordRight:   b(k("alt+d", "ctrl+delete", "alt+delete"), "alt+d", "delete word right"),
		DeleteToLineEnd:   b(k("ctrl+k"), "ctrl+k", "delete to line end"),
		DeleteToLineStart: b(k("ctrl+u"), "ctrl+u", "delete to line start"),
		Undo:              b(k("ctrl+z"), "ctrl+z", "undo"),
		Redo:              b(k("ctrl+y", "ctrl+shift+z"), "ctrl+y", "redo"),
		Format:            b(k("ctrl+t"), "ctrl+t", "format (re-indent JSON)"),
		Complete:          b(k("ctrl+space", "ctrl+@"), "ctrl+space", "complete"),
		AcceptCompletion:  b(k("tab", "enter"), "tab/enter", "accept completion"),

		NextProblem: b(k("f8", "alt+n"), "f8", "next problem"),
		PrevProblem: b(k("shift+f8", "alt+p"), "shift+f8", "previous problem"),
		QuickFix:    b(k("alt+enter"), "alt+enter", "apply suggested fix"),

		Save:           b(k("ctrl+s"), "ctrl+s", "save"),
		Close:          b(k("esc"), "esc", "close"),
		ExternalEditor: b(k("ctrl+e"), "ctrl+e", "open in $EDITOR"),

		ConfirmSave:    b(k("s", "y"), "s", "save and close"),
		ConfirmDiscard: b(k("d", "n"), "d", "discard changes"),
		Cancel:         b(k("esc"), "esc", "keep editing"),
	}
}

// ShortHelp is the few bindings a footer shows.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Save, k.Close, k.Complete, k.NextProblem, k.QuickFix, k.Undo, k.ExternalEditor}
}

// FullHelp is every binding, in columns: movement, selection and
// clipboard, editing, document.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.Left, k.Right, k.WordLeft, k.WordRight, k.LineStart, k.LineEnd, k.DocStart, k.DocEnd, k.PageUp, k.PageDown},
		{k.SelectLeft, k.SelectRight, k.SelectUp, k.SelectDown, k.SelectWordLeft, k.SelectWordRight, k.SelectLineStart, k.SelectLineEnd, k.SelectAll, k.Copy, k.Cut, k.Paste},
		{k.Newline, k.Indent, k.Outdent, k.Backspace, k.Delete, k.DeleteWordLeft, k.DeleteWordRight, k.DeleteToLineEnd, k.DeleteToLineStart, k.Undo, k.Redo, k.Format},
		{k.Complete, k.AcceptCompletion, k.NextProblem, k.PrevProblem, k.QuickFix, k.Save, k.ExternalEditor, k.Close},
	}
}

// editing returns pointers to the bindings that change the text, so a
// read-only editor can disable them.
func (k *KeyMap) editing() []*key.Binding {
	return []*key.Binding{
		&k.Cut, &k.Paste, &k.Newline, &k.Indent, &k.Outdent, &k.Backspace, &k.Delete,
		&k.DeleteWordLeft, &k.DeleteWordRight, &k.DeleteToLineEnd, &k.DeleteToLineStart,
		&k.Undo, &k.Redo, &k.Format, &k.Complete, &k.AcceptCompletion, &k.QuickFix,
		&k.Save, &k.ExternalEditor, &k.ConfirmSave, &k.ConfirmDiscard,
	}
}
