package ui

import (
	"bytes"
	"encoding/json"
	"strings"

	"iamtui/model/policy"
)

// Documents are stored as their text, byte for byte, and AWS's raw API and
// get-bucket-policy hand them out compact: one line of hundreds or
// thousands of characters. Views show such a document indented; positions
// reported elsewhere (the evaluator, lint, iamtui eval) stay those of the
// stored text, as AWS's do, and a statement to highlight is found in the
// indented text by its index.

// compactMin is the length from which a one-line document is indented.
const compactMin = 80

// isCompact reports whether a stored text is in compact form.
func isCompact(text string) bool {
	return len(text) > compactMin && strings.IndexByte(strings.TrimRight(text, " \t\r\n"), '\n') < 0
}

// displayText is how a stored document is shown and opened in the editor:
// as stored, unless compact, which is indented (json.Indent keeps every
// key, value and escape as written; only white space changes).
func displayText(text string) string {
	if !isCompact(text) {
		return text
	}
	var b bytes.Buffer
	if err := json.Indent(&b, []byte(text), "", "  "); err != nil {
		return text
	}
	return b.String()
}

// displayDoc is a document as shown: itself, or its indented text parsed
// again (for the positions of its statements).
func displayDoc(d *policy.Document) *policy.Document {
	if d == nil || !isCompact(d.Text) {
		return d
	}
	text := displayText(d.Text)
	if text == d.Text {
		return d
	}
	pd, err := policy.Parse(text, d.Kind)
	if err != nil {
		return d
	}
	return pd
}

// displaySpan maps a statement of a stored document onto its shown text:
// the same statement, by index, in the indented text.
func displaySpan(d *policy.Document, index int, start, end policy.Pos) (policy.Pos, policy.Pos) {
	pd := displayDoc(d)
	if pd == d || index < 0 || index >= len(pd.Statements) {
		return start, end
	}
	st := pd.Statements[index]
	return st.Start, st.End
}
