package catalog

import (
	"cmp"
	"slices"
	"strings"
)

// Expand returns every action an IAM action pattern matches, in AWS's casing,
// sorted by byte order. Matching is IAM's: case-insensitive, '*' any run of
// characters, '?' one character, over the whole "service:action" string (so
// "s3*" also covers s3express and s3-outposts). A pattern without wildcards
// returns that one action if it exists. Unknown patterns return nil.
func (c *Catalog) Expand(pattern string) []string {
	p := toLower(strings.TrimSpace(pattern))
	if p == "" {
		return nil
	}
	if p == "*" {
		return slices.Clone(c.allSorted)
	}
	wild := strings.IndexAny(p, "*?")
	if wild < 0 {
		if a, ok := c.actions[p]; ok {
			return []string{a.full}
		}
		return nil
	}
	lit := p[:wild]
	var hits []*Action
	if svc, act, ok := strings.Cut(lit, ":"); ok {
		// The service is spelled out: only its actions that start with the
		// literal part can match, and they are contiguous in lowerNames.
		s, ok := c.byPrefix[svc]
		if !ok {
			return nil
		}
		for i := lowerBound(s.lowerNames, act); i < len(s.lowerNames) && strings.HasPrefix(s.lowerNames[i], act); i++ {
			if a := s.Actions[i]; WildcardMatch(p, a.lower) {
				hits = append(hits, a)
			}
		}
	} else {
		for _, s := range c.services {
			if !strings.HasPrefix(s.Prefix, lit) {
				continue
			}
			for _, a := range s.Actions {
				if WildcardMatch(p, a.lower) {
					hits = append(hits, a)
				}
			}
		}
	}
	if len(hits) == 0 {
		return nil
	}
	slices.SortFunc(hits, func(a, b *Action) int { return cmp.Compare(a.rank, b.rank) })
	out := make([]string, len(hits))
	for i, a := range hits {
		out[i] = a.full
	}
	return out
}

// WildcardMatch matches s against p with IAM's wildcards: '*' any run of
// bytes, '?' one. It is case-sensitive (ARNs are; Expand lowercases action
// names first). Linear backtracking on the last star suffices for this
// wildcard language.
func WildcardMatch(p, s string) bool {
	pi, si := 0, 0
	star, mark := -1, 0
	for si < len(s) {
		switch {
		case pi < len(p) && (p[pi] == '?' || p[pi] == s[si]):
			pi++
			si++
		case pi < len(p) && p[pi] == '*':
			star, mark = pi, si
			pi++
		case star >= 0:
			pi = star + 1
			mark++
			si = mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}

// hasWildcard reports whether an action pattern uses '*' or '?'.
func hasWildcard(s string) bool {
	return strings.ContainsAny(s, "*?")
}
