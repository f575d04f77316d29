package ui

import (
	tea "charm.land/bubbletea/v2"

	"iamtui/catalog"
	"iamtui/lint"
)

// catalogMsg delivers the action catalog and the linter built on it.
type catalogMsg struct {
	cat    *catalog.Catalog
	linter *lint.Linter
}

// loadCatalog loads the catalog unless it was given.
func (m *Model) loadCatalog() tea.Cmd {
	if m.ctx.Catalog != nil {
		return nil
	}
	return loadCatalog
}

// loadCatalog loads the embedded catalog off the UI goroutine: it takes
// longer than a frame, and only the editor and the evaluation panel need
// it.
func loadCatalog() tea.Msg {
	cat, err := catalog.Load()
	if err != nil {
		return statusMsg{text: "action catalog: " + safe(err.Error()), err: true}
	}
	return catalogMsg{cat: cat, linter: lint.New(cat)}
}
