package evaluator

import (
	"strings"
	"unicode/utf8"
)

// glob is a compiled pattern: action names, StringLike values, the resource
// part of an ARN, and (without wildcards) StringEquals values that hold
// policy variables. It splits at '*' into segments so that matching is
// greedy leftmost search, linear in practice and never exponential.
type glob struct {
	kind  globKind
	fold  bool  // case-insensitive (actions, ...IgnoreCase)
	nvars int32 // policy variables in the pattern
	lit   string
	gen   *globGen // globGeneral only, so that the common kinds stay small
}

// globGen is the general form: segs are the runs between stars; starStart
// and starEnd say whether the pattern begins or ends with '*'.
type globGen struct {
	segs      [][]gtok
	starStart bool
	starEnd   bool
}

type globKind uint8

const (
	globExact  globKind = iota // no wildcard, no variable
	globAll                    // "*"
	globPrefix                 // "abc*"
	globGeneral
)

type tokKind uint8

const (
	tLit tokKind = iota
	tQuest
	tVar
)

type gtok struct {
	k tokKind
	s string  // tLit
	v *varRef // tVar
}

// compileGlob compiles s. wild says whether '*' and '?' are wildcards
// (StringLike, actions, resources) or literal (StringEquals); vars whether
// ${...} is substituted (Version 2012-10-17).
func compileGlob(s string, wild, vars, fold bool) glob {
	g := glob{fold: fold}
	// Most patterns are plain names or a name and a final star: no tokens.
	special := "$"
	if wild {
		special = "*?$"
	}
	switch i := strings.IndexAny(s, special); {
	case i < 0:
		g.kind, g.lit = globExact, s
		return g
	case wild && s == "*":
		g.kind = globAll
		return g
	case wild && i == len(s)-1 && s[i] == '*':
		g.kind, g.lit = globPrefix, s[:i]
		return g
	}
	toks := tokenize(s, wild, vars)
	hasStar, hasOther := false, false
	for _, t := range toks {
		switch {
		case t.isStar():
			hasStar = true
		case t.k != tLit:
			hasOther = true
		}
	}
	switch {
	case !hasStar && !hasOther:
		g.kind = globExact
		if len(toks) == 1 {
			g.lit = toks[0].s
		}
		return g
	case len(toks) == 1 && toks[0].isStar():
		g.kind = globAll
		return g
	case len(toks) == 2 && toks[0].k == tLit && !toks[0].isStar() && toks[1].isStar():
		g.kind = globPrefix
		g.lit = toks[0].s
		return g
	}
	g.kind = globGeneral
	gg := &globGen{}
	g.gen = gg
	var cur []gtok
	for i, t := range toks {
		if t.isStar() {
			if i == 0 {
				gg.starStart = true
			}
			if i == len(toks)-1 {
				gg.starEnd = true
			}
			if i > 0 {
				gg.segs = append(gg.segs, cur)
				cur = nil
			}
			continue
		}
		if t.k == tVar {
			g.nvars++
		}
		cur = append(cur, t)
	}
	if !gg.starEnd {
		gg.segs = append(gg.segs, cur)
	}
	return g
}

// starSentinel marks a wildcard star among tokens (a tLit with this
// text), so that a literal "*" (from ${*}) stays distinguishable.
const starSentinel = "\x00*"

func (t gtok) isStar() bool { return t.k == tLit && len(t.s) == 2 && t.s == starSentinel }

// tokenize splits a pattern into literal runs, wildcards and variables.
// Adjacent literals are merged.
func tokenize(s string, wild, vars bool) []gtok {
	var toks []gtok
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			toks = append(toks, gtok{k: tLit, s: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case wild && c == '*':
			flush()
			// Consecutive stars are one star.
			if len(toks) == 0 || !toks[len(toks)-1].isStar() {
				toks = append(toks, gtok{k: tLit, s: starSentinel})
			}
			i++
			continue
		case wild && c == '?':
			flush()
			toks = append(toks, gtok{k: tQuest})
			i++
			continue
		case vars && c == '$' && i+1 < len(s) && s[i+1] == '{':
			if end := strings.IndexByte(s[i:], '}'); end > 0 {
				inner := s[i+2 : i+end]
				i += end + 1
				switch inner {
				case "*", "?", "$":
					lit.WriteString(inner)
				default:
					flush()
					toks = append(toks, gtok{k: tVar, v: parseVarRef(inner)})
				}
				continue
			}
		}
		lit.WriteByte(c)
		i++
	}
	flush()
	return toks
}

// match reports whether s matches the pattern. vals holds the resolved
// variables in order of appearance (see resolveVars).
func (g *glob) match(s string, vals []string) bool {
	switch g.kind {
	case globAll:
		return true
	case globExact:
		if g.fold {
			return strings.EqualFold(s, g.lit)
		}
		return s == g.lit
	case globPrefix:
		if g.fold {
			return len(s) >= len(g.lit) && equalFoldASCII(s[:len(g.lit)], g.lit)
		}
		return strings.HasPrefix(s, g.lit)
	}
	vi := 0
	pos := 0
	gg := g.gen
	segs := gg.segs
	if !gg.starStart {
		if len(segs) == 0 {
			return s == ""
		}
		end, ok := g.segAt(segs[0], s, 0, vals, &vi)
		if !ok {
			return false
		}
		if len(segs) == 1 && !gg.starEnd {
			// No star at all: the one segment must cover s.
			return end == len(s)
		}
		pos = end
		segs = segs[1:]
	}
	if len(segs) == 0 {
		return gg.starEnd || pos == len(s)
	}
	last := len(segs)
	if !gg.starEnd {
		last-- // the final segment is anchored at the end of s
	}
	for _, seg := range segs[:last] {
		found := false
		for i := pos; i <= len(s); i++ {
			v := vi
			if end, ok := g.segAt(seg, s, i, vals, &v); ok {
				pos, vi, found = end, v, true
				break
			}
		}
		if !found {
			return false
		}
	}
	if gg.starEnd {
		return true
	}
	seg := segs[last]
	for i := len(s); i >= pos; i-- {
		v := vi
		if end, ok := g.segAt(seg, s, i, vals, &v); ok && end == len(s) {
			return true
		}
	}
	return false
}

// segAt matches a star-free segment at s[i:], returning where it ends.
func (g *glob) segAt(seg []gtok, s string, i int, vals []string, vi *int) (int, bool) {
	for _, t := range seg {
		switch t.k {
		case tLit:
			if !g.litAt(t.s, s, i) {
				return 0, false
			}
			i += len(t.s)
		case tVar:
			v := vals[*vi]
			*vi++
			if !g.litAt(v, s, i) {
				return 0, false
			}
			i += len(v)
		case tQuest:
			if i >= len(s) {
				return 0, false
			}
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
		}
	}
	return i, true
}

func (g *glob) litAt(lit, s string, i int) bool {
	if len(s)-i < len(lit) {
		return false
	}
	if g.fold {
		return equalFoldASCII(s[i:i+len(lit)], lit) || strings.EqualFold(s[i:i+len(lit)], lit)
	}
	return s[i:i+len(lit)] == lit
}

// equalFoldASCII compares two equal-length strings ignoring ASCII case.
func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if x == y {
			continue
		}
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
