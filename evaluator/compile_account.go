package evaluator

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"

	"iamtui/model"
)

// compileAccount compiles one account's policies and principals. The work
// is spread over every core: loading and compiling a 6,000-principal
// account sits on the path of every CLI evaluation.
func (e *Engine) compileAccount(a *model.Account) error {
	// Managed policies first (each once, shared by every attachment), then
	// groups, then users and roles; each phase in parallel.
	managed := make(map[string]*cpolicy, len(a.Policies))
	compiled := make([]*cpolicy, len(a.Policies))
	if err := parallel(len(a.Policies), func(i int) error {
		mp := a.Policies[i]
		v := mp.Default()
		if v == nil || v.Document == nil {
			return nil
		}
		typ := CustomerManaged
		if mp.AWSManaged() {
			typ = AWSManaged
		}
		p, err := compilePolicy(v.Document, mp.ARN, mp.Name, typ)
		if err != nil {
			return fmt.Errorf("managed policy %s: %w", mp.ARN, err)
		}
		compiled[i] = p
		return nil
	}); err != nil {
		return err
	}
	byARN := make(map[string]*model.ManagedPolicy, len(a.Policies))
	for i, mp := range a.Policies {
		byARN[mp.ARN] = mp
		if compiled[i] != nil {
			managed[mp.ARN] = compiled[i]
		}
	}
	var mu sync.Mutex // guards warnings and boundaries
	warn := func(arn string) {
		mu.Lock()
		e.warnings = append(e.warnings, fmt.Sprintf("account %s: managed policy %s is attached but not in the account; ignored", a.ID, arn))
		mu.Unlock()
	}
	boundaries := map[string]*cpolicy{}
	boundary := func(arn string) (*cpolicy, error) {
		mu.Lock()
		defer mu.Unlock()
		if p, ok := boundaries[arn]; ok {
			return p, nil
		}
		var p *cpolicy
		if mp := byARN[arn]; mp != nil && mp.Default() != nil && mp.Default().Document != nil {
			var err error
			if p, err = compilePolicy(mp.Default().Document, mp.ARN, mp.Name, Boundary); err != nil {
				return nil, fmt.Errorf("permissions boundary %s: %w", arn, err)
			}
		} else {
			// A boundary we cannot see still limits: it allows nothing, the
			// safe reading of an incomplete export.
			e.warnings = append(e.warnings, fmt.Sprintf("account %s: permissions boundary %s is not in the account; it allows nothing", a.ID, arn))
			p = &cpolicy{id: arn, name: arn, typ: Boundary}
		}
		boundaries[arn] = p
		return p, nil
	}
	attach := func(dst []*cpolicy, arns []string) []*cpolicy {
		for _, arn := range arns {
			if p := managed[arn]; p != nil {
				dst = append(dst, p)
			} else {
				warn(arn)
			}
		}
		return dst
	}
	inline := func(dst []*cpolicy, owner string, list []model.InlinePolicy, typ PolicyType) ([]*cpolicy, error) {
		for _, ip := range list {
			if ip.Document == nil {
				continue
			}
			p, err := compilePolicy(ip.Document, a.ID+":"+owner+"/"+ip.Name, ip.Name, typ)
			if err != nil {
				return nil, fmt.Errorf("inline policy %s of %s: %w", ip.Name, owner, err)
			}
			dst = append(dst, p)
		}
		return dst, nil
	}

	groupPolicies := make([][]*cpolicy, len(a.Groups))
	if err := parallel(len(a.Groups), func(i int) error {
		g := a.Groups[i]
		ps, err := inline(nil, "group/"+g.Name, g.InlinePolicies, GroupInline)
		if err != nil {
			return err
		}
		groupPolicies[i] = attach(ps, g.AttachedPolicies)
		return nil
	}); err != nil {
		return err
	}
	groups := make(map[string][]*cpolicy, len(a.Groups))
	for i, g := range a.Groups {
		groups[strings.ToLower(g.Name)] = groupPolicies[i]
	}

	ents := make([]*entity, len(a.Users)+len(a.Roles))
	trusts := make([]*cpolicy, len(a.Roles))
	err := parallel(len(ents), func(i int) error {
		var err error
		if i < len(a.Users) {
			u := a.Users[i]
			ent := &entity{kind: entUser, arn: u.ARN, id: u.ID, account: a.ID,
				info: PrincipalInfo{ARN: u.ARN, Name: u.Name, Kind: "user", AccountID: a.ID}}
			if ent.policies, err = inline(nil, "user/"+u.Name, u.InlinePolicies, UserInline); err != nil {
				return err
			}
			ent.policies = attach(ent.policies, u.AttachedPolicies)
			for _, gn := range u.Groups {
				ent.policies = append(ent.policies, groups[strings.ToLower(gn)]...)
			}
			if u.PermissionsBoundary != "" {
				if ent.boundary, err = boundary(u.PermissionsBoundary); err != nil {
					return err
				}
			}
			ent.facts = principalFacts(entUser, u.ARN, u.ID, u.Name, a.ID, tagsOf(u.Tags))
			ents[i] = ent
			return nil
		}
		j := i - len(a.Users)
		r := a.Roles[j]
		ent := &entity{kind: entRole, arn: r.ARN, id: r.ID, account: a.ID,
			slr:  strings.HasPrefix(r.Path, "/aws-service-role/"),
			info: PrincipalInfo{ARN: r.ARN, Name: r.Name, Kind: "role", AccountID: a.ID}}
		if ent.policies, err = inline(nil, "role/"+r.Name, r.InlinePolicies, RoleInline); err != nil {
			return err
		}
		ent.policies = attach(ent.policies, r.AttachedPolicies)
		if r.PermissionsBoundary != "" {
			if ent.boundary, err = boundary(r.PermissionsBoundary); err != nil {
				return err
			}
		}
		ent.facts = principalFacts(entRole, r.ARN, r.ID, "", a.ID, tagsOf(r.Tags))
		if r.TrustPolicy != nil {
			if trusts[j], err = compilePolicy(r.TrustPolicy, r.ARN, r.ARN, Trust); err != nil {
				return fmt.Errorf("trust policy of role %s: %w", r.Name, err)
			}
		}
		ents[i] = ent
		return nil
	})
	if err != nil {
		return err
	}
	// The services identity statements name, each policy once (managed and
	// group policies are shared).
	for _, p := range compiled {
		e.intern(p)
	}
	for _, ps := range groupPolicies {
		for _, p := range ps {
			if p.typ == GroupInline {
				e.intern(p)
			}
		}
	}
	for i, ent := range ents {
		for _, p := range ent.policies {
			if p.typ == UserInline || p.typ == RoleInline {
				e.intern(p)
			}
		}
		e.add(ent)
		if ent.kind == entRole {
			j := i - len(a.Users)
			e.roles[roleKey{a.ID, a.Roles[j].Name}] = ent
			if trusts[j] != nil {
				e.resources[ent.arn] = &cresource{pol: trusts[j], owner: a.ID}
			}
		}
	}
	root := &entity{kind: entRoot, arn: model.RootARN(a.ID), account: a.ID,
		info: PrincipalInfo{ARN: model.RootARN(a.ID), Name: "root", Kind: "root", AccountID: a.ID}}
	root.facts = principalFacts(entRoot, root.arn, a.ID, "", a.ID, nil)
	e.byARN[root.arn] = root
	return nil
}

// parallel runs fn(0..n-1) on every core, in contiguous ranges, and
// returns the errors joined.
func parallel(n int, fn func(i int) error) error {
	workers := min(runtime.GOMAXPROCS(0), max(n/64, 1))
	if workers <= 1 {
		for i := 0; i < n; i++ {
			if err := fn(i); err != nil {
				return err
			}
		}
		return nil
	}
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		lo, hi := n*w/workers, n*(w+1)/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				if err := fn(i); err != nil {
					errs[w] = err
					return
				}
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}
