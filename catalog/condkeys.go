package catalog

import (
	"cmp"
	"slices"
	"strings"
)

// ConditionKey finds a condition key by name, ignoring case. Concrete uses of
// templated keys resolve to the template: "aws:RequestTag/team" finds
// "aws:RequestTag/${TagKey}", "s3:ExistingObjectTag/env" finds
// "s3:ExistingObjectTag/<key>".
//
// When several services document the same key, the owning service's entry
// wins (its prefix is the key's), then the global list, then the first
// service in prefix order; they agree on the type in all but rare cases.
func (c *Catalog) ConditionKey(name string) (*ConditionKey, bool) {
	var buf [160]byte
	lower := lowerInto(buf[:0], strings.TrimSpace(name))
	if k, ok := c.condKeys[string(lower)]; ok {
		return k, true
	}
	ls := string(lower)
	for i := range c.templates {
		if c.templates[i].match(ls) {
			return c.templates[i].key, true
		}
	}
	return nil, false
}

// condTemplate is a templated key split at its placeholders: lits[0] P
// lits[1] P ... lits[n], each P standing for one or more characters (tag keys
// may contain '/' and ':', so any character).
type condTemplate struct {
	key  *ConditionKey
	lits []string // lowercase
	size int      // total literal length, for ordering by specificity
}

func compileTemplate(k *ConditionKey) (condTemplate, bool) {
	s := toLower(k.Name)
	var lits []string
	for {
		i := strings.IndexAny(s, "$<")
		if i < 0 {
			break
		}
		var end int
		switch {
		case s[i] == '<':
			end = strings.IndexByte(s[i:], '>')
		case strings.HasPrefix(s[i:], "${"):
			end = strings.IndexByte(s[i:], '}')
		default:
			end = -1
		}
		if end < 0 {
			break
		}
		lits = append(lits, s[:i])
		s = s[i+end+1:]
	}
	if lits == nil {
		return condTemplate{}, false
	}
	lits = append(lits, s)
	t := condTemplate{key: k, lits: lits}
	for _, l := range lits {
		t.size += len(l)
	}
	return t, true
}

func (t *condTemplate) match(s string) bool {
	first, last := t.lits[0], t.lits[len(t.lits)-1]
	// Every placeholder needs at least one character.
	if len(s) < t.size+len(t.lits)-1 || s[:len(first)] != first || s[len(s)-len(last):] != last {
		return false
	}
	pos, end := len(first), len(s)-len(last)
	// Leftmost placement of each middle literal (after at least one
	// character) leaves the most room for the rest, so no backtracking.
	for _, lit := range t.lits[1 : len(t.lits)-1] {
		i := strings.Index(s[pos+1:end], lit)
		if i < 0 {
			return false
		}
		pos += 1 + i + len(lit)
	}
	return pos < end
}

func (c *Catalog) indexConditionKeys() {
	c.condKeys = make(map[string]*ConditionKey, 2048)
	add := func(k *ConditionKey) {
		l := toLower(k.Name)
		if _, dup := c.condKeys[l]; !dup {
			c.condKeys[l] = k
		}
	}
	for _, s := range c.services {
		for _, k := range s.ConditionKeys {
			if prefix, _, _ := strings.Cut(k.Name, ":"); strings.EqualFold(prefix, s.Prefix) {
				add(k)
			}
		}
	}
	for _, k := range c.globals {
		add(k)
	}
	for _, s := range c.services {
		for _, k := range s.ConditionKeys {
			add(k)
		}
	}
	for _, k := range c.condKeys {
		if t, ok := compileTemplate(k); ok {
			c.templates = append(c.templates, t)
		}
	}
	// Most literal text first, so "events:metadata/${k}/matcher" is tried
	// before "events:metadata/${k}"; name breaks ties for a stable order.
	slices.SortFunc(c.templates, func(a, b condTemplate) int {
		if d := cmp.Compare(b.size, a.size); d != 0 {
			return d
		}
		return strings.Compare(a.key.Name, b.key.Name)
	})
}
