package catalog

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"iamtui/catalog/internal/catfmt"
)

// Load decodes the embedded catalog. It decompresses and indexes everything
// once (tens of milliseconds), so call it once and share the result.
func Load() (*Catalog, error) {
	c, err := decode(embedded)
	if err != nil {
		return nil, fmt.Errorf("catalog: embedded data: %w", err)
	}
	return c, nil
}

func decode(gz string) (*Catalog, error) {
	zr, err := gzip.NewReader(strings.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("gunzip: %w", err)
	}
	// The uncompressed size is in the gzip trailer; sizing the buffer from it
	// avoids regrowing a 2.7 MB buffer a dozen times.
	var raw bytes.Buffer
	if n := len(gz); n >= 4 {
		size := int(uint32(gz[n-4]) | uint32(gz[n-3])<<8 | uint32(gz[n-2])<<16 | uint32(gz[n-1])<<24)
		if size < 64<<20 {
			raw.Grow(size + bytes.MinRead)
		}
	}
	if _, err := io.Copy(&raw, zr); err != nil {
		return nil, fmt.Errorf("gunzip: %w", err)
	}
	r, err := catfmt.NewReader(raw.Bytes())
	if err != nil {
		return nil, err
	}

	c := &Catalog{}
	c.pkg, c.version, c.updatedAt, c.license = r.String(), r.String(), r.String(), r.String()
	if r.Err() != nil {
		return nil, fmt.Errorf("header: %w", r.Err())
	}
	if c.dataDate, err = time.Parse(time.RFC3339Nano, c.updatedAt); err != nil {
		return nil, fmt.Errorf("header: data date: %w", err)
	}

	nGlobal := r.Count()
	globals := make([]ConditionKey, nGlobal)
	c.globals = make([]*ConditionKey, nGlobal)
	for i := range globals {
		g := &globals[i]
		g.Name, g.Type, g.Category, g.Global = r.String(), r.String(), r.String(), true
		c.globals[i] = g
	}
	if r.Err() != nil {
		return nil, fmt.Errorf("global condition keys: %w", r.Err())
	}

	// Most actions have a handful of short lists; carving them out of shared
	// chunks instead of one allocation each takes a third off Load.
	d := &decoder{r: r}

	nSvc := r.Count()
	c.services = make([]*Service, nSvc)
	c.byPrefix = make(map[string]*Service, nSvc)
	c.prefixes = make([]string, nSvc)
	svcs := make([]Service, nSvc)
	for i := range svcs {
		s := &svcs[i]
		if err := d.service(s); err != nil {
			return nil, fmt.Errorf("service %d (%q): %w", i, s.Prefix, err)
		}
		c.services[i] = s
		c.byPrefix[s.Prefix] = s
		c.prefixes[i] = s.Prefix
		c.nActions += len(s.Actions)
	}
	if err := r.Done(); err != nil {
		return nil, err
	}
	if !slices.IsSorted(c.prefixes) {
		return nil, fmt.Errorf("services not sorted by prefix")
	}

	if err := c.indexActions(); err != nil {
		return nil, err
	}
	c.indexConditionKeys()
	return c, nil
}

type decoder struct {
	r       *catfmt.Reader
	strs    slab[string]
	actRess slab[ActionResource]
}

// slab hands out sub-slices of large chunks. Each piece is capped (three-index
// slice) so an append by a caller can never spill into its neighbour.
type slab[T any] struct{ free []T }

func (s *slab[T]) take(n int) []T {
	if n == 0 {
		return nil
	}
	if len(s.free) < n {
		s.free = make([]T, max(n, 4096))
	}
	out := s.free[:n:n]
	s.free = s.free[n:]
	return out
}

func (d *decoder) strings() []string {
	out := d.strs.take(d.r.Count())
	for i := range out {
		out[i] = d.r.String()
	}
	return out
}

func (d *decoder) service(s *Service) error {
	r := d.r
	s.Prefix, s.Name = r.String(), r.String()
	if r.Err() == nil && toLower(s.Prefix) != s.Prefix {
		return fmt.Errorf("prefix %q is not lowercase", s.Prefix)
	}

	nRT := r.Count()
	rts := make([]ResourceType, nRT)
	arns := make([][]string, nRT) // shared by every ActionResource of that type
	s.ResourceTypes = make([]*ResourceType, nRT)
	for i := range rts {
		rt := &rts[i]
		rt.Name, rt.ARNPattern, rt.ConditionKeys = r.String(), r.String(), d.strings()
		arns[i] = []string{rt.ARNPattern}
		s.ResourceTypes[i] = rt
	}

	nCK := r.Count()
	cks := make([]ConditionKey, nCK)
	s.ConditionKeys = make([]*ConditionKey, nCK)
	for i := range cks {
		ck := &cks[i]
		ck.Name, ck.Type, ck.Description = r.String(), r.String(), r.String()
		s.ConditionKeys[i] = ck
	}

	nAct := r.Count()
	acts := make([]Action, nAct)
	s.Actions = make([]*Action, nAct)
	s.lowerNames = make([]string, nAct)
	// Full names live in one buffer per service, sliced: two allocations
	// instead of two per action.
	var full, lower []byte
	for i := range acts {
		a := &acts[i]
		a.Service = s.Prefix
		a.Name = r.String()
		a.rank = int(r.Uint())
		a.Description = r.String()
		a.AccessLevel = accessLevel(r.String())
		a.ConditionKeys = d.strings()
		a.DependentActions = d.strings()
		a.ResourceTypes = d.actRess.take(r.Count())
		var extraDeps bool
		for j := range a.ResourceTypes {
			ar := &a.ResourceTypes[j]
			idx := int(r.Uint())
			if r.Err() == nil && idx >= nRT {
				return fmt.Errorf("action %s: resource type index %d out of range", a.Name, idx)
			}
			ar.Required = r.Bool()
			ar.ConditionKeys = d.strings()
			ar.DependentActions = d.strings()
			if r.Err() != nil {
				return r.Err()
			}
			ar.Name, ar.ARNPatterns = rts[idx].Name, arns[idx]
			extraDeps = extraDeps || len(ar.DependentActions) > 0
		}
		if r.Err() != nil {
			return r.Err()
		}
		if extraDeps || len(a.DependentActions) > 1 {
			a.DependentActions = mergeDeps(a)
		}
		full = append(append(append(full, s.Prefix...), ':'), a.Name...)
		lower = lowerInto(append(append(lower, s.Prefix...), ':'), a.Name)
		s.Actions[i] = a
	}
	fullS, lowerS := string(full), string(lower)
	off := 0
	for _, a := range s.Actions {
		n := len(s.Prefix) + 1 + len(a.Name)
		a.full, a.lower = fullS[off:off+n], lowerS[off:off+n]
		off += n
	}
	for i, a := range s.Actions {
		s.lowerNames[i] = a.lower[len(s.Prefix)+1:]
	}
	if len(s.Actions) > 0 {
		s.withColon = s.Actions[0].full[:len(s.Prefix)+1]
	} else {
		s.withColon = s.Prefix + ":"
	}
	if !slices.IsSorted(s.lowerNames) {
		return fmt.Errorf("actions not sorted by lowercase name")
	}
	return r.Err()
}

// mergeDeps folds the per-resource dependent actions into the action's list.
func mergeDeps(a *Action) []string {
	deps := slices.Clone(a.DependentActions)
	for _, ar := range a.ResourceTypes {
		deps = append(deps, ar.DependentActions...)
	}
	slices.Sort(deps)
	return slices.Compact(deps)
}

// accessLevel maps the package's combined levels to AWS's single documented
// one: the package marks Permissions management and Tagging actions as
// "Permissions management, Write" and "Tagging, Write" (they are writes too),
// while the IAM documentation and the console show only the first.
func accessLevel(raw string) string {
	if i := strings.Index(raw, ", "); i >= 0 {
		return raw[:i]
	}
	return raw
}

func (c *Catalog) indexActions() error {
	c.actions = make(map[string]*Action, c.nActions)
	c.allSorted = make([]string, c.nActions)
	for _, s := range c.services {
		for _, a := range s.Actions {
			c.actions[a.lower] = a
			if a.rank >= len(c.allSorted) || c.allSorted[a.rank] != "" {
				return fmt.Errorf("action %s: bad or duplicate rank %d", a.full, a.rank)
			}
			c.allSorted[a.rank] = a.full
		}
	}
	return nil
}
