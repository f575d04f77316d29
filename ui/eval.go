package ui

import tea "charm.land/bubbletea/v2"

// evalAvailable reports whether the can-X-do-Y panel can open.
func (m *Model) evalAvailable() (bool, string) {
	return false, "the evaluation panel is not built in yet"
}

// openEval opens the can-X-do-Y panel, or the who-can view.
func (m *Model) openEval(whoCan bool) tea.Cmd { return nil }

// openEvalFor opens the panel from the command line with a first argument.
func (m *Model) openEvalFor(arg string, whoCan bool) tea.Cmd {
	if ok, why := m.evalAvailable(); !ok {
		return statusErr(why)
	}
	return m.openEval(whoCan)
}
