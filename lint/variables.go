package lint

import (
	"fmt"
	"strings"

	"iamtui/model/policy"
)

// variables checks the policy variables (${aws:username}) in one value.
// allowed says whether the element takes variables at all.
func (r *run) variables(st *policy.Statement, v policy.Value, allowed bool) {
	s := v.S
	if !strings.Contains(s, "${") {
		return
	}
	if !r.doc.VariablesEnabled() {
		if allowed {
			r.addValue("VARIABLE_UNSUPPORTED_IN_VERSION", st, v,
				fmt.Sprintf("%q uses a policy variable, which needs \"Version\": \"2012-10-17\"; it is matched literally", s), "")
		}
		return
	}
	if !allowed {
		r.addValue("VARIABLE_UNSUPPORTED_IN_ELEMENT", st, v, fmt.Sprintf("policy variables cannot be used here (%q)", s), "")
		return
	}
	for rest := s; ; {
		i := strings.Index(rest, "${")
		if i < 0 {
			return
		}
		rest = rest[i+2:]
		end := strings.IndexByte(rest, '}')
		if end < 0 {
			r.addValue("MISSING_BRACE_IN_VARIABLE", st, v, fmt.Sprintf("a variable in %q is not closed with }", s), s+"}")
			return
		}
		inner := rest[:end]
		rest = rest[end+1:]
		switch inner {
		case "":
			r.addValue("EMPTY_VARIABLE", st, v, fmt.Sprintf("%q has an empty variable ${}", s), "")
			return
		case "*", "?", "$":
			continue // escapes for literal characters
		}
		name, def, hasDef := strings.Cut(inner, ",")
		if strings.ContainsAny(name, " \t") {
			r.addValue("UNSUPPORTED_SPACE_IN_VARIABLE", st, v, fmt.Sprintf("the variable ${%s} has a space in its name", inner), "")
			return
		}
		if hasDef {
			d := strings.TrimSpace(def)
			if len(d) < 2 || d[0] != '\'' || d[len(d)-1] != '\'' {
				r.addValue("MISSING_QUOTE_IN_VARIABLE", st, v, fmt.Sprintf("the default value of ${%s} must be in single quotes", inner), "")
				return
			}
		}
	}
}
