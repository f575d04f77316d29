package editor

import (
	"bytes"
	"encoding/json"
	"strings"

	"iamtui/model/policy"
)

// Documents are stored as their text, byte for byte, and AWS's raw API and
// get-bucket-policy hand them out compact: one line of hundreds or
// thousands of characters. Views show such a document indented, and the
// editor opens it indented (a save stores what the user saves). Positions
// reported elsewhere (the evaluator, lint, iamtui eval) stay those of the
// stored text, as AWS's do; DisplaySpan finds a statement in the indented
// text by its index.

// compactMin is the length from which a one-line document is indented.
const compactMin = 80

// IsCompact reports whether a stored text is in compact form: one line,
// longer than a terminal's width.
func IsCompact(text string) bool {
	return len(text) > compactMin && strings.IndexByte(strings.TrimRight(text, " \t\r\n"), '\n') < 0
}

// DisplayText is how a stored document is shown: as stored, unless compact,
// which is indented by two spaces (json.Indent keeps every key, value and
// escape as written; only white space changes).
func DisplayText(text string) string {
	if !IsCompact(text) {
		return text
	}
	var b bytes.Buffer
	if err := json.Indent(&b, []byte(text), "", "  "); err != nil {
		return text
	}
	return b.String()
}

// DisplaySpan maps the span of statement index of a stored text (start and
// end as the parser reports them) onto DisplayText(text): the same
// statement, by index, in the indented text.
func DisplaySpan(text string, kind policy.Kind, index int, start, end policy.Pos) (policy.Pos, policy.Pos) {
	shown := DisplayText(text)
	if shown == text || index < 0 {
		return start, end
	}
	d, err := policy.Parse(shown, kind)
	if err != nil {
		if d, err = policy.Parse(shown, policy.AnyKind); err != nil {
			return start, end
		}
	}
	if index >= len(d.Statements) {
		return start, end
	}
	st := d.Statements[index]
	return st.Start, st.End
}
