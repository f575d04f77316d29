package editor

import (
	"strings"

	"iamtui/model/policy"
)

// CursorStatement is the action and resource of the statement under the
// cursor, to prefill the can-X-do-Y panel. When the cursor is on one of the
// statement's Action or Resource values, that value is used; otherwise the
// statement's first action without wildcards (or the first action a
// wildcard expands to) and its first resource. NotAction and NotResource
// give "". Both are "" when the cursor is not in a statement or the text
// does not parse even as grammar.
func (m Model) CursorStatement() (action, resource string) {
	doc := m.doc
	if doc == nil {
		d, err := policy.Parse(m.text, policy.AnyKind)
		if err != nil {
			return "", ""
		}
		doc = d
	}
	off := offsetOf(m.lines, m.cur)
	var st *policy.Statement
	for _, s := range doc.Statements {
		if s.Start.Offset <= off && off <= s.End.Offset {
			st = s
			break
		}
	}
	if st == nil {
		return "", ""
	}
	if st.Action != nil {
		if v, ok := valueAt(m.text, st.Action, off); ok {
			action = v
		} else {
			action = m.concreteAction(st.Action)
		}
	}
	if st.Resource != nil {
		if v, ok := valueAt(m.text, st.Resource, off); ok {
			resource = v
		} else if len(st.Resource.Values) > 0 {
			resource = st.Resource.Values[0].S
		}
	}
	return action, resource
}

// valueAt is the value of l whose text (quotes included) holds offset off.
func valueAt(text string, l *policy.List, off int) (string, bool) {
	for _, v := range l.Values {
		if off >= v.Pos.Offset && off <= stringEndOffset(text, v.Pos.Offset) {
			return v.S, true
		}
	}
	return "", false
}

// stringEndOffset is the offset of the closing quote of the string whose
// opening quote is at off.
func stringEndOffset(text string, off int) int {
	for i := off + 1; i < len(text); i++ {
		switch text[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return len(text)
}

func (m Model) concreteAction(l *policy.List) string {
	for _, v := range l.Values {
		if !strings.ContainsAny(v.S, "*?") {
			return v.S
		}
	}
	if len(l.Values) == 0 {
		return ""
	}
	if m.cat != nil {
		if all := m.cat.Expand(l.Values[0].S); len(all) > 0 {
			return all[0]
		}
	}
	return l.Values[0].S
}
