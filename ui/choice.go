package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"iamtui/model/edit"
)

// choice is one button of a choiceDialog.
type choice struct {
	key   string // shortcut ("d"); "esc" for the cancel choice
	label string
	run   func() tea.Cmd
}

// choiceDialog offers a few answers, each with a shortcut; arrows and
// enter work too.
type choiceDialog struct {
	ctx     *Context
	title   string
	body    []string // sanitised
	choices []choice
	focus   int
}

func (d *choiceDialog) Update(msg tea.Msg) (bool, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return false, nil
	}
	s := k.String()
	for _, c := range d.choices {
		if s == c.key {
			return true, c.run()
		}
	}
	switch s {
	case "esc", "q":
		return true, status("Cancelled.")
	case "tab", "right", "l":
		d.focus = (d.focus + 1) % len(d.choices)
	case "shift+tab", "left", "h":
		d.focus = (d.focus + len(d.choices) - 1) % len(d.choices)
	case "enter", "space":
		return true, d.choices[d.focus].run()
	}
	return false, nil
}

func (d *choiceDialog) View(maxW, maxH int) string {
	st := d.ctx.Styles
	inner := min(maxW-4, 72)
	var lines []string
	for _, b := range d.body {
		for _, w := range wrapPlain(b, inner) {
			lines = append(lines, st.Text.Render(w))
		}
	}
	lines = clipLines(d.ctx, lines, maxH-6)
	var buttons []string
	var hints []string
	for i, c := range d.choices {
		if i == d.focus {
			buttons = append(buttons, st.ButtonActive.Render(c.label))
		} else {
			buttons = append(buttons, st.Button.Render(c.label))
		}
		hints = append(hints, c.key+" "+strings.ToLower(c.label))
	}
	lines = append(lines, "", strings.Join(buttons, " "))
	return box(st, d.title, truncate(strings.Join(hints, " · "), inner-4), strings.Join(lines, "\n"), inner)
}

// versionOptions are the options of CreatePolicyVersion.
func versionOptions(setDefault, deleteOldest bool) edit.VersionOptions {
	return edit.VersionOptions{SetAsDefault: setDefault, DeleteOldest: deleteOldest}
}
