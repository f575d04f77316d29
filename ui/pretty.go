package ui

import (
	"iamtui/model/policy"
	"iamtui/ui/editor"
)

// displayText is how a stored document is shown and opened in the editor:
// compact documents (the raw API's one long line) are indented; see
// editor.DisplayText.
func displayText(text string) string { return editor.DisplayText(text) }

// displaySpan maps a statement's span in a stored document onto its shown
// text.
func displaySpan(d *policy.Document, index int, start, end policy.Pos) (policy.Pos, policy.Pos) {
	if d == nil {
		return start, end
	}
	return editor.DisplaySpan(d.Text, d.Kind, index, start, end)
}
