package ui

import "iamtui/ui/editor"

// displayText is how a stored document is shown and opened in the editor:
// compact documents (the raw API's one long line) are indented; see
// editor.DisplayText.
func displayText(text string) string { return editor.DisplayText(text) }
