package catalog

import (
	"strings"
)

// Complete suggests up to limit completions (all when limit <= 0) for what an
// editor has typed. Before a colon it offers service prefixes ("s" → "s3:",
// "sqs:", ...); after one, that service's actions. Prefix matches come first,
// then names containing the text, then names containing its letters in order
// (fuzzy), each group alphabetical; matching ignores case and results are in
// AWS's casing.
func (c *Catalog) Complete(prefix string, limit int) []string {
	if limit <= 0 {
		limit = int(^uint(0) >> 1)
	}
	var buf [160]byte
	p := lowerInto(buf[:0], strings.TrimSpace(prefix))
	colon := -1
	for i, b := range p {
		if b == ':' {
			colon = i
			break
		}
	}
	if colon < 0 {
		return c.completeServices(string(p), limit)
	}
	s, ok := c.byPrefix[string(p[:colon])]
	if !ok {
		return nil
	}
	return s.complete(string(p[colon+1:]), limit)
}

func (c *Catalog) completeServices(p string, limit int) []string {
	out := make([]string, 0, min(limit, 16))
	lo := lowerBound(c.prefixes, p)
	hi := lo
	for hi < len(c.prefixes) && strings.HasPrefix(c.prefixes[hi], p) {
		hi++
	}
	for i := lo; i < hi && len(out) < limit; i++ {
		out = append(out, c.services[i].withColon)
	}
	if p == "" {
		return out
	}
	for i, sp := range c.prefixes {
		if len(out) >= limit {
			return out
		}
		if (i < lo || i >= hi) && strings.Contains(sp, p) {
			out = append(out, c.services[i].withColon)
		}
	}
	for i, sp := range c.prefixes {
		if len(out) >= limit {
			return out
		}
		if (i < lo || i >= hi) && !strings.Contains(sp, p) && subsequence(p, sp) {
			out = append(out, c.services[i].withColon)
		}
	}
	return out
}

func (s *Service) complete(p string, limit int) []string {
	out := make([]string, 0, min(limit, 16))
	lo := lowerBound(s.lowerNames, p)
	hi := lo
	for hi < len(s.lowerNames) && strings.HasPrefix(s.lowerNames[hi], p) {
		hi++
	}
	for i := lo; i < hi && len(out) < limit; i++ {
		out = append(out, s.Actions[i].full)
	}
	if p == "" {
		return out
	}
	for i, n := range s.lowerNames {
		if len(out) >= limit {
			return out
		}
		if (i < lo || i >= hi) && strings.Contains(n, p) {
			out = append(out, s.Actions[i].full)
		}
	}
	for i, n := range s.lowerNames {
		if len(out) >= limit {
			return out
		}
		if (i < lo || i >= hi) && !strings.Contains(n, p) && subsequence(p, n) {
			out = append(out, s.Actions[i].full)
		}
	}
	return out
}

// subsequence reports whether every byte of p occurs in s in order, the
// usual fuzzy-finder test ("gobj" finds "GetObject").
func subsequence(p, s string) bool {
	j := 0
	for i := 0; i < len(s) && j < len(p); i++ {
		if s[i] == p[j] {
			j++
		}
	}
	return j == len(p)
}

// Suggest is Complete for a completion popup: when no name begins with
// the text and it looks like a misspelt action ("s3:GetObjet",
// "s4:GetObject"), the nearest action (Nearest's "did you mean") comes
// first, so that accepting the first suggestion fixes the typo; didYouMean
// reports that names[0] is that guess.
func (c *Catalog) Suggest(text string, limit int) (names []string, didYouMean bool) {
	names = c.Complete(text, limit)
	typed := strings.ToLower(strings.TrimSpace(text))
	if !strings.Contains(typed, ":") || (len(names) > 0 && strings.HasPrefix(strings.ToLower(names[0]), typed)) {
		return names, false
	}
	near, ok := c.Nearest(text)
	if !ok {
		return names, false
	}
	out := make([]string, 0, len(names)+1)
	out = append(out, near)
	for _, n := range names {
		if n != near {
			out = append(out, n)
		}
	}
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, true
}
