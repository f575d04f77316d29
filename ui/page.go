package ui

import (
	tea "charm.land/bubbletea/v2"
)

// page is one level of the breadcrumb: the lists, a detail view, the policy
// editor, the can-X-do-Y panel. The root model routes keys to the top page
// after its global keys, unless the page is typing into a text field.
type page interface {
	// Crumb is the page's breadcrumb element (sanitised).
	Crumb() string
	// Update handles a message for the page; the root handles what the
	// page's commands send back (open a detail, apply an edit...).
	Update(msg tea.Msg) tea.Cmd
	// View renders exactly w×h cells.
	View(w, h int) string
	// Selection is what actions apply to: the entity, and the link under
	// the cursor if any.
	Selection() selection
	// Typing reports that a text field has the keyboard, so single-letter
	// global keys (q, ?, 1-5) must reach the page instead.
	Typing() bool
	// Refresh rebuilds the page after the world or the theme changed; it
	// returns false when what the page shows no longer exists.
	Refresh() bool
	// Footer lists the actions worth showing in the footer here.
	Footer() []actionID
}

// selection is what the page's actions act on.
type selection struct {
	entity ref
	link   *link
}

// Messages pages send to the root.
type (
	// openMsg pushes the detail view of an entity.
	openMsg struct{ ref ref }
	// openLinkMsg follows a detail view's link (enter).
	openLinkMsg struct{ link link }
	// statusMsg shows a line in the status bar.
	statusMsg struct {
		text string
		err  bool
	}
)

func status(text string) tea.Cmd {
	return func() tea.Msg { return statusMsg{text: text} }
}

func statusErr(text string) tea.Cmd {
	return func() tea.Msg { return statusMsg{text: text, err: true} }
}
