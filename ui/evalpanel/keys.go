package evalpanel

import "charm.land/bubbles/v2/key"

// KeyMap is the panel's key bindings; it implements help.KeyMap. Typing
// goes to the focused field, whose editing keys (arrows, home/end,
// ctrl+w...) are the usual ones and not listed here.
type KeyMap struct {
	NextField, PrevField key.Binding
	Up, Down             key.Binding
	Accept               key.Binding
	Complete             key.Binding
	ToggleWhoCan         key.Binding
	AddContext           key.Binding
	RemoveContext        key.Binding
	AddMissing           key.Binding
	NextStatement        key.Binding
	PrevStatement        key.Binding
	ScrollUp, ScrollDown key.Binding
	OpenPolicy           key.Binding
	Close                key.Binding
}

// DefaultKeyMap is the panel's default bindings.
func DefaultKeyMap() KeyMap {
	b := func(keys []string, h, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(h, desc))
	}
	k := func(s ...string) []string { return s }
	return KeyMap{
		NextField:     b(k("tab"), "tab", "next field"),
		PrevField:     b(k("shift+tab"), "shift+tab", "previous field"),
		Up:            b(k("up"), "↑", "previous field or suggestion"),
		Down:          b(k("down"), "↓", "next field or suggestion"),
		Accept:        b(k("enter"), "enter", "accept suggestion / ask for this principal"),
		Complete:      b(k("ctrl+space", "ctrl+@"), "ctrl+space", "show suggestions"),
		ToggleWhoCan:  b(k("ctrl+t"), "ctrl+t", "toggle can-X-do-Y / who-can-do-Y"),
		AddContext:    b(k("ctrl+n"), "ctrl+n", "add a context key"),
		RemoveContext: b(k("ctrl+r"), "ctrl+r", "remove this context key"),
		AddMissing:    b(k("alt+m"), "alt+m", "add the missing context keys"),
		NextStatement: b(k("alt+n", "alt+down"), "alt+n", "next deciding statement"),
		PrevStatement: b(k("alt+p", "alt+up"), "alt+p", "previous deciding statement"),
		ScrollUp:      b(k("pgup"), "pgup", "scroll the policy / list up"),
		ScrollDown:    b(k("pgdown"), "pgdown", "scroll the policy / list down"),
		OpenPolicy:    b(k("ctrl+o"), "ctrl+o", "open the deciding policy"),
		Close:         b(k("esc"), "esc", "close suggestions / the panel"),
	}
}

// ShortHelp is the few bindings a footer shows.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.NextField, k.Complete, k.ToggleWhoCan, k.AddContext, k.NextStatement, k.OpenPolicy, k.Close}
}

// FullHelp is every binding, in columns.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.NextField, k.PrevField, k.Up, k.Down, k.Accept, k.Complete},
		{k.AddContext, k.RemoveContext, k.AddMissing, k.ToggleWhoCan},
		{k.NextStatement, k.PrevStatement, k.ScrollUp, k.ScrollDown, k.OpenPolicy, k.Close},
	}
}
