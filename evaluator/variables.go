package evaluator

import "strings"

// varRef is a policy variable: ${key} or ${key, 'default'}.
type varRef struct {
	key    string
	def    string
	hasDef bool
}

// parseVarRef reads the inside of ${...}. AWS writes a default as
// ${aws:PrincipalTag/team, 'none'}; a default not in single quotes is
// taken as written.
func parseVarRef(inner string) *varRef {
	key, def, ok := strings.Cut(inner, ",")
	v := &varRef{key: strings.TrimSpace(key)}
	if ok {
		def = strings.TrimSpace(def)
		if len(def) >= 2 && def[0] == '\'' && def[len(def)-1] == '\'' {
			def = def[1 : len(def)-1]
		}
		v.def, v.hasDef = def, true
	}
	return v
}

// resolveVars looks up every variable of g in order, into buf. ok is false
// when one is undefined (no value, or several: AWS substitutes only
// single-valued keys) and has no default; missing is then its key.
func resolveVars(g *glob, c *evalCtx, buf []string) (vals []string, missing string, ok bool) {
	vals = buf[:0]
	if g.nvars == 0 {
		return vals, "", true
	}
	for _, seg := range g.gen.segs {
		for _, t := range seg {
			if t.k != tVar {
				continue
			}
			s, found := c.single(t.v.key)
			if !found {
				if !t.v.hasDef {
					return nil, t.v.key, false
				}
				s = t.v.def
			}
			vals = append(vals, s)
		}
	}
	return vals, "", true
}
