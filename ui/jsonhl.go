package ui

import (
	"strings"

	"iamtui/sanitize"
	"iamtui/themes"
)

// highlightJSON sanitises policy text and colours it as JSON, line by
// line. It never fails: text that is not JSON is still shown, coloured as
// far as it makes sense, because a broken document is exactly what a
// person needs to see.
func highlightJSON(text string, st *themes.Styles) []string {
	clean := sanitize.Text(text)
	lines := strings.Split(strings.TrimRight(clean, "\n"), "\n")
	out := make([]string, len(lines))
	for i, ln := range lines {
		out[i] = highlightJSONLine(ln, st)
	}
	return out
}

func highlightJSONLine(ln string, st *themes.Styles) string {
	var b strings.Builder
	b.Grow(len(ln) * 2)
	i := 0
	for i < len(ln) {
		c := ln[i]
		switch {
		case c == '"':
			j := i + 1
			for j < len(ln) {
				if ln[j] == '\\' {
					j += 2
					continue
				}
				if ln[j] == '"' {
					j++
					break
				}
				j++
			}
			j = min(j, len(ln))
			k := j
			for k < len(ln) && ln[k] == ' ' {
				k++
			}
			if k < len(ln) && ln[k] == ':' {
				b.WriteString(st.JSONKey.Render(ln[i:j]))
			} else {
				b.WriteString(st.JSONString.Render(ln[i:j]))
			}
			i = j
		case c == '-' || (c >= '0' && c <= '9'):
			j := i + 1
			for j < len(ln) && strings.IndexByte("0123456789.eE+-", ln[j]) >= 0 {
				j++
			}
			b.WriteString(st.JSONNumber.Render(ln[i:j]))
			i = j
		case strings.HasPrefix(ln[i:], "true"), strings.HasPrefix(ln[i:], "null"):
			b.WriteString(st.JSONBool.Render(ln[i : i+4]))
			i += 4
		case strings.HasPrefix(ln[i:], "false"):
			b.WriteString(st.JSONBool.Render(ln[i : i+5]))
			i += 5
		case strings.IndexByte("{}[]:,", c) >= 0:
			b.WriteString(st.JSONPunct.Render(ln[i : i+1]))
			i++
		default:
			j := i + 1
			for j < len(ln) && strings.IndexByte("\"{}[]:,-0123456789tfn", ln[j]) < 0 {
				j++
			}
			b.WriteString(ln[i:j])
			i = j
		}
	}
	return b.String()
}
