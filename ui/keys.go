package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// actionID names every action the UI offers. Each has one binding, a help
// text, a group for the help screen and a mutating tag: --read-only drops
// every mutating action in every view (k9s's "dangerous" actions), and the
// help says so rather than hiding them.
type actionID int

const (
	actUp actionID = iota
	actDown
	actTop
	actBottom
	actHalfDown
	actHalfUp
	actPageDown
	actPageUp
	actOpen
	actBack
	actNextPane
	actPrevPane
	actPane
	actFilter
	actSort
	actCommand
	actCan
	actWhoCan
	actAccount
	actCopy
	actReload
	actHelp
	actQuit
	// Mutating actions from here on.
	actUndo
	actNew
	actRename
	actDelete
	actMember
	actAttach
	actBoundary
	actTags
	actEdit
	actInline
	actRemove
	actSetDefault
	actCount
)

// actionInfo is one action's binding and metadata.
type actionInfo struct {
	binding  key.Binding
	group    string
	mutating bool
	// long is the help screen's description; binding.Help().Desc is the
	// footer's short one.
	long string
}

// KeyMap holds every action. It is built once and shared by pointer.
type KeyMap struct {
	acts [actCount]actionInfo
}

// Help groups, in the order the help screen shows them.
const (
	groupNavigate = "Navigate"
	groupViews    = "Views"
	groupEdit     = "Edit"
	groupGeneral  = "General"
)

func bind(keys []string, help, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
}

// DefaultKeyMap returns iamtui's keys: vim keys and arrows both work.
func DefaultKeyMap() *KeyMap {
	km := &KeyMap{}
	set := func(id actionID, group string, mutating bool, b key.Binding, long string) {
		km.acts[id] = actionInfo{binding: b, group: group, mutating: mutating, long: long}
	}
	set(actUp, groupNavigate, false, bind([]string{"up", "k"}, "↑/k", "up"), "move up")
	set(actDown, groupNavigate, false, bind([]string{"down", "j"}, "↓/j", "down"), "move down")
	set(actTop, groupNavigate, false, bind([]string{"g", "home"}, "g/home", "top"), "go to the first row")
	set(actBottom, groupNavigate, false, bind([]string{"G", "end"}, "G/end", "bottom"), "go to the last row")
	set(actHalfDown, groupNavigate, false, bind([]string{"ctrl+d"}, "ctrl+d", "½ page down"), "half a page down")
	set(actHalfUp, groupNavigate, false, bind([]string{"ctrl+u"}, "ctrl+u", "½ page up"), "half a page up")
	set(actPageDown, groupNavigate, false, bind([]string{"pgdown", "ctrl+f"}, "pgdn/ctrl+f", "page down"), "a page down")
	set(actPageUp, groupNavigate, false, bind([]string{"pgup", "ctrl+b"}, "pgup/ctrl+b", "page up"), "a page up")
	set(actOpen, groupNavigate, false, bind([]string{"enter", "l", "right"}, "enter", "open"), "open the selection (drill in, follow a link)")
	set(actBack, groupNavigate, false, bind([]string{"esc", "h", "left", "backspace"}, "esc", "back"), "go back one level (clears a filter first)")
	set(actNextPane, groupViews, false, bind([]string{"tab"}, "tab", "next pane"), "next pane")
	set(actPrevPane, groupViews, false, bind([]string{"shift+tab"}, "shift+tab", "previous pane"), "previous pane")
	set(actPane, groupViews, false, bind([]string{"1", "2", "3", "4", "5"}, "1-5", "pane"), "Users, Groups, Roles, Policies, Resources")
	set(actFilter, groupViews, false, bind([]string{"/"}, "/", "filter"), "filter as you type (fuzzy; start with ! to invert)")
	set(actSort, groupViews, false, bind([]string{"o"}, "o", "sort"), "order the list: account order, name, created, last used, policies (the title says which)")
	set(actCommand, groupViews, false, bind([]string{":"}, ":", "command"), "command line with completion (:users, :policy NAME, :q …)")
	set(actCan, groupViews, false, bind([]string{"c"}, "c", "can…?"), "can X do Y on Z? (prefilled from the selection; ctrl+g also works in the editor)")
	set(actWhoCan, groupViews, false, bind([]string{"w"}, "w", "who can…?"), "who can do Y on Z?")
	set(actAccount, groupViews, false, bind([]string{"A"}, "A", "account"), "switch to the next account in the file")
	set(actCopy, groupGeneral, false, bind([]string{"y"}, "y", "copy ARN"), "copy the selection's ARN to the clipboard (OSC52)")
	set(actReload, groupGeneral, false, bind([]string{"ctrl+r"}, "ctrl+r", "reload"), "reload the database")
	set(actHelp, groupGeneral, false, bind([]string{"?", "f1"}, "?/f1", "help"), "show or hide this help (f1 also in the editor and the panel)")
	set(actQuit, groupGeneral, false, bind([]string{"q", "ctrl+c"}, "q", "quit"), "quit")
	set(actUndo, groupEdit, true, bind([]string{"u"}, "u", "undo"), "undo the last change (this window's at once; asks, naming it, before undoing anyone else's)")
	set(actNew, groupEdit, true, bind([]string{"n"}, "n", "new"), "create a user, group, role or policy (the pane's kind)")
	set(actRename, groupEdit, true, bind([]string{"r"}, "r", "rename"), "rename or move (path) the selection")
	set(actDelete, groupEdit, true, bind([]string{"d", "delete"}, "d", "delete"), "delete the selection (asks, naming what goes with it)")
	set(actMember, groupEdit, true, bind([]string{"m"}, "m", "membership"), "add a user to a group / a member to a group")
	set(actAttach, groupEdit, true, bind([]string{"a"}, "a", "attach"), "attach a managed policy")
	set(actBoundary, groupEdit, true, bind([]string{"b"}, "b", "boundary"), "set the permissions boundary (x on it clears)")
	set(actTags, groupEdit, true, bind([]string{"t"}, "t", "tags"), "edit tags")
	set(actEdit, groupEdit, true, bind([]string{"e"}, "e", "edit policy"), "edit the policy document (inline, trust, resource, new managed version)")
	set(actInline, groupEdit, true, bind([]string{"i"}, "i", "new inline"), "add an inline policy")
	set(actRemove, groupEdit, true, bind([]string{"x"}, "x", "remove"), "remove the link under the cursor (detach, leave group, clear boundary, delete inline or tag)")
	set(actSetDefault, groupEdit, true, bind([]string{"s"}, "s", "set default"), "make the policy version under the cursor the default")
	return km
}

// Matches reports whether the key press is the action's binding.
func (km *KeyMap) Matches(msg tea.KeyPressMsg, id actionID) bool {
	return key.Matches(msg, km.acts[id].binding)
}

// Info returns an action's metadata.
func (km *KeyMap) Info(id actionID) actionInfo { return km.acts[id] }

// Which returns the action a key press triggers among ids, or -1.
func (km *KeyMap) Which(msg tea.KeyPressMsg, ids ...actionID) actionID {
	for _, id := range ids {
		if key.Matches(msg, km.acts[id].binding) {
			return id
		}
	}
	return -1
}
