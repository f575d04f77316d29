package evaluator

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"iamtui/model"
	"iamtui/model/policy"
)

// Engine is a compiled world. It is immutable and safe for concurrent use.
type Engine struct {
	byARN      map[string]*entity // users, roles, account roots
	roles      map[roleKey]*entity
	byName     map[string][]*entity // lower-case user and role names
	entities   []*entity            // users and roles, sorted by ARN
	principals []PrincipalInfo
	resources  map[string]*cresource
	org        orgIndex
	warnings   []string
	// services interns the lower-case service prefixes any statement names,
	// so that Evaluate can find a request's without allocating.
	services map[string]string
}

type entKind uint8

const (
	entUser entKind = iota + 1
	entRole
	entRoot
)

// entity is a user, role or account root with its policies compiled.
type entity struct {
	info     PrincipalInfo
	kind     entKind
	arn, id  string
	account  string
	policies []*cpolicy // identity-based, in AWS's listing order
	boundary *cpolicy
	facts    []ContextValue
	slr      bool // service-linked role: exempt from SCPs and RCPs
	// bySvc indexes the identity statements by the lower-case service their
	// Action names; each list also holds, in order, the statements that
	// apply to any service (wildcard service, NotAction), which alone form
	// anySvc.
	bySvc  map[string][]*cstmt
	anySvc []*cstmt
}

// index builds bySvc and anySvc from policies.
func (ent *entity) index() {
	ent.bySvc = map[string][]*cstmt{}
	for _, p := range ent.policies {
		for i := range p.stmts {
			st := &p.stmts[i]
			if st.svcs == nil {
				ent.anySvc = append(ent.anySvc, st)
				for k, l := range ent.bySvc {
					ent.bySvc[k] = append(l, st)
				}
				continue
			}
			for _, svc := range st.svcs {
				l, ok := ent.bySvc[svc]
				if !ok {
					l = append(make([]*cstmt, 0, len(ent.anySvc)+4), ent.anySvc...)
				}
				ent.bySvc[svc] = append(l, st)
			}
		}
	}
}

// cresource is a resource-based policy with the account that owns it.
type cresource struct {
	pol   *cpolicy
	owner string
}

// Compile prepares a world for evaluation; the world is not modified and
// the Engine does not see later changes to it. A policy that cannot be
// compiled (which the parser should have refused) is an error; a managed
// policy attached but missing from its account is skipped and reported by
// Warnings.
func Compile(w *model.World) (*Engine, error) {
	if w == nil {
		return nil, errors.New("compile: no world")
	}
	e := &Engine{
		byARN:     map[string]*entity{},
		roles:     map[roleKey]*entity{},
		byName:    map[string][]*entity{},
		resources: map[string]*cresource{},
		services:  map[string]string{"sts": "sts", "kms": "kms"},
	}
	for svc := range rcpServices {
		e.services[svc] = svc
	}
	var errs []error
	for _, a := range w.Accounts {
		if err := e.compileAccount(a); err != nil {
			errs = append(errs, fmt.Errorf("account %s: %w", a.ID, err))
		}
	}
	for _, rp := range w.ResourcePolicies {
		if rp == nil || rp.Document == nil {
			continue
		}
		if _, taken := e.resources[rp.ResourceARN]; taken {
			continue // the role's own trust policy wins over a stored copy
		}
		typ := ResourceBased
		if ent, err := model.ParseIAMARN(rp.ResourceARN); err == nil && ent.Type == "role" {
			typ = Trust
		}
		p, err := compilePolicy(rp.Document, rp.ResourceARN, rp.ResourceARN, typ)
		if err != nil {
			errs = append(errs, fmt.Errorf("resource policy %s: %w", rp.ResourceARN, err))
			continue
		}
		owner := rp.AccountID
		if owner == "" {
			if a, err := model.ParseARN(rp.ResourceARN); err == nil {
				owner = a.AccountID
			}
		}
		e.resources[rp.ResourceARN] = &cresource{pol: p, owner: owner}
	}
	if err := e.org.compile(w.Org); err != nil {
		errs = append(errs, err)
	}
	for _, rp := range e.resources {
		e.intern(rp.pol)
	}
	for _, ent := range e.entities {
		e.intern(ent.boundary)
	}
	for _, m := range []map[string][][]*cpolicy{e.org.scp, e.org.rcp} {
		for _, levels := range m {
			for _, lv := range levels {
				for _, p := range lv {
					e.intern(p)
				}
			}
		}
	}
	sort.Slice(e.entities, func(i, j int) bool { return e.entities[i].arn < e.entities[j].arn })
	e.principals = make([]PrincipalInfo, len(e.entities))
	for i, ent := range e.entities {
		e.principals[i] = ent.info
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("compile: %w", err)
	}
	return e, nil
}

// intern records the services p's statements name.
func (e *Engine) intern(p *cpolicy) {
	if p == nil {
		return
	}
	for i := range p.stmts {
		for _, svc := range p.stmts[i].svcs {
			e.services[svc] = svc
		}
	}
}

// Warnings lists what Compile skipped (attached policies not in the world).
func (e *Engine) Warnings() []string { return e.warnings }

func (e *Engine) compileAccount(a *model.Account) error {
	managed := map[string]*model.ManagedPolicy{}
	for _, p := range a.Policies {
		managed[p.ARN] = p
	}
	type cacheKey struct {
		arn      string
		boundary bool
	}
	cache := map[cacheKey]*cpolicy{}
	attached := func(arn string, typ PolicyType) (*cpolicy, error) {
		key := cacheKey{arn, typ == Boundary}
		if p, ok := cache[key]; ok {
			return p, nil
		}
		mp := managed[arn]
		if mp == nil || mp.Default() == nil || mp.Default().Document == nil {
			e.warnings = append(e.warnings, fmt.Sprintf("account %s: managed policy %s is attached but not in the account; ignored", a.ID, arn))
			cache[key] = nil
			return nil, nil
		}
		if typ != Boundary && mp.AWSManaged() {
			typ = AWSManaged
		}
		p, err := compilePolicy(mp.Default().Document, mp.ARN, mp.Name, typ)
		if err != nil {
			return nil, fmt.Errorf("managed policy %s: %w", arn, err)
		}
		cache[key] = p
		return p, nil
	}
	addManaged := func(ent *entity, arns []string) error {
		for _, arn := range arns {
			p, err := attached(arn, CustomerManaged)
			if err != nil {
				return err
			}
			if p != nil {
				ent.policies = append(ent.policies, p)
			}
		}
		return nil
	}
	addInline := func(ent *entity, owner string, list []model.InlinePolicy, typ PolicyType) error {
		for _, ip := range list {
			if ip.Document == nil {
				continue
			}
			p, err := compilePolicy(ip.Document, a.ID+":"+owner+"/"+ip.Name, ip.Name, typ)
			if err != nil {
				return fmt.Errorf("inline policy %s of %s: %w", ip.Name, owner, err)
			}
			ent.policies = append(ent.policies, p)
		}
		return nil
	}
	setBoundary := func(ent *entity, arn string) error {
		if arn == "" {
			return nil
		}
		p, err := attached(arn, Boundary)
		if err != nil {
			return err
		}
		if p == nil {
			// A boundary we cannot see still limits: deny everything, as the
			// safe reading of an incomplete export.
			p = &cpolicy{id: arn, name: arn, typ: Boundary}
		}
		ent.boundary = p
		return nil
	}
	groups := map[string]*model.Group{}
	for _, g := range a.Groups {
		groups[strings.ToLower(g.Name)] = g
	}
	groupPolicies := map[string][]*cpolicy{}
	for _, g := range a.Groups {
		tmp := &entity{}
		if err := addInline(tmp, "group/"+g.Name, g.InlinePolicies, GroupInline); err != nil {
			return err
		}
		if err := addManaged(tmp, g.AttachedPolicies); err != nil {
			return err
		}
		groupPolicies[strings.ToLower(g.Name)] = tmp.policies
	}
	for _, u := range a.Users {
		ent := &entity{kind: entUser, arn: u.ARN, id: u.ID, account: a.ID,
			info: PrincipalInfo{ARN: u.ARN, Name: u.Name, Kind: "user", AccountID: a.ID}}
		if err := addInline(ent, "user/"+u.Name, u.InlinePolicies, UserInline); err != nil {
			return err
		}
		if err := addManaged(ent, u.AttachedPolicies); err != nil {
			return err
		}
		for _, gn := range u.Groups {
			ent.policies = append(ent.policies, groupPolicies[strings.ToLower(gn)]...)
		}
		if err := setBoundary(ent, u.PermissionsBoundary); err != nil {
			return err
		}
		ent.facts = principalFacts(entUser, u.ARN, u.ID, u.Name, a.ID, tagsOf(u.Tags))
		e.add(ent)
	}
	for _, r := range a.Roles {
		ent := &entity{kind: entRole, arn: r.ARN, id: r.ID, account: a.ID,
			slr:  strings.HasPrefix(r.Path, "/aws-service-role/"),
			info: PrincipalInfo{ARN: r.ARN, Name: r.Name, Kind: "role", AccountID: a.ID}}
		if err := addInline(ent, "role/"+r.Name, r.InlinePolicies, RoleInline); err != nil {
			return err
		}
		if err := addManaged(ent, r.AttachedPolicies); err != nil {
			return err
		}
		if err := setBoundary(ent, r.PermissionsBoundary); err != nil {
			return err
		}
		ent.facts = principalFacts(entRole, r.ARN, r.ID, "", a.ID, tagsOf(r.Tags))
		e.add(ent)
		e.roles[roleKey{a.ID, r.Name}] = ent
		if r.TrustPolicy != nil {
			p, err := compilePolicy(r.TrustPolicy, r.ARN, r.ARN, Trust)
			if err != nil {
				return fmt.Errorf("trust policy of role %s: %w", r.Name, err)
			}
			e.resources[r.ARN] = &cresource{pol: p, owner: a.ID}
		}
	}
	root := &entity{kind: entRoot, arn: model.RootARN(a.ID), account: a.ID,
		info: PrincipalInfo{ARN: model.RootARN(a.ID), Name: "root", Kind: "root", AccountID: a.ID}}
	root.facts = principalFacts(entRoot, root.arn, a.ID, "", a.ID, nil)
	e.byARN[root.arn] = root
	return nil
}

func (e *Engine) add(ent *entity) {
	ent.index()
	for svc := range ent.bySvc {
		e.services[svc] = svc
	}
	e.byARN[ent.arn] = ent
	e.entities = append(e.entities, ent)
	k := strings.ToLower(ent.info.Name)
	e.byName[k] = append(e.byName[k], ent)
}

func tagsOf(tags []model.Tag) []tagKV {
	out := make([]tagKV, len(tags))
	for i, t := range tags {
		out[i] = tagKV{t.Key, t.Value}
	}
	return out
}

// Principals lists every user and role, sorted by ARN. The slice is shared:
// do not modify it.
func (e *Engine) Principals() []PrincipalInfo { return e.principals }

// ResolvePrincipal turns an ARN, or a user or role name (ignoring case),
// into the principal's ARN. account, when not "", picks among accounts;
// "ACCOUNT:NAME" does the same. An ARN is returned as given when it names a
// known user, role, root or role session.
func (e *Engine) ResolvePrincipal(account, s string) (string, error) {
	if strings.HasPrefix(s, "arn:") {
		var p reqPrincipal
		if !e.resolve(s, &p) {
			return "", fmt.Errorf("principal %s is not in the database (a user, role, assumed-role session or account root)", s)
		}
		return s, nil
	}
	if acct, name, ok := strings.Cut(s, ":"); ok && isAccountID(acct) {
		account, s = acct, name
	}
	var found []*entity
	for _, ent := range e.byName[strings.ToLower(s)] {
		if account == "" || ent.account == account {
			found = append(found, ent)
		}
	}
	switch len(found) {
	case 0:
		return "", fmt.Errorf("no user or role named %q%s", s, inAccount(account))
	case 1:
		return found[0].arn, nil
	}
	arns := make([]string, len(found))
	for i, f := range found {
		arns[i] = f.arn
	}
	return "", fmt.Errorf("%q is ambiguous: %s (give the ARN or an account)", s, strings.Join(arns, ", "))
}

func inAccount(a string) string {
	if a == "" {
		return ""
	}
	return " in account " + a
}

// Default organization policies AWS attaches when nothing else is.
const (
	fullAWSAccessText    = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	rcpFullAWSAccessText = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`
)

func mustDefault(text, name string, typ PolicyType) *cpolicy {
	doc, err := policy.Parse(text, policy.AnyKind)
	if err != nil {
		panic("evaluator: default policy: " + err.Error())
	}
	p, err := compilePolicy(doc, "p-"+name, name, typ)
	if err != nil {
		panic("evaluator: default policy: " + err.Error())
	}
	return p
}
