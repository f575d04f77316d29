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
	accounts   map[string]struct{}
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
	svcList  []string // the same, for lookups without hashing
	// resSvcs lists the services of the ARNs that have a resource-based
	// policy: most requests need no map lookup for one.
	resSvcs []string
}

type entKind uint8

const (
	entUser entKind = iota + 1
	entRole
	entRoot
	// Principals outside the database (see external.go).
	entAccount // an account: whichever of its principals its IAM allows
	entService // an AWS service principal
	entAnon    // "*": anonymous
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
	external bool // not in the database: its identity-based policies are unknown
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
		accounts:  map[string]struct{}{},
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
		e.accounts[a.ID] = struct{}{}
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
	for svc := range e.services {
		e.svcList = append(e.svcList, svc)
	}
	sort.Strings(e.svcList)
	for arn := range e.resources {
		if a := splitARN(arn); a.six && !contains(e.resSvcs, a.parts[2]) {
			e.resSvcs = append(e.resSvcs, a.parts[2])
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

// service returns the interned lower-case service b names, or "".
func (e *Engine) service(b []byte) string {
	if len(e.svcList) > 32 {
		return e.services[string(b)]
	}
	for _, s := range e.svcList {
		if string(b) == s {
			return s
		}
	}
	return ""
}

// intern records the services p's statements name, and makes p hold the
// Engine's copy of each name: Evaluate compares them with the request's
// service, found in the same table, and equal strings that share their
// bytes compare without reading them.
func (e *Engine) intern(p *cpolicy) {
	if p == nil {
		return
	}
	for i := range p.bySvc {
		p.bySvc[i].svc = e.internSvc(p.bySvc[i].svc)
	}
	for i := range p.stmts {
		for j, svc := range p.stmts[i].svcs {
			p.stmts[i].svcs[j] = e.internSvc(svc)
		}
	}
}

func (e *Engine) internSvc(svc string) string {
	if s, ok := e.services[svc]; ok {
		return s
	}
	e.services[svc] = svc
	return svc
}

// Warnings lists what Compile skipped (attached policies not in the world).
func (e *Engine) Warnings() []string { return e.warnings }

func (e *Engine) add(ent *entity) {
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
// known user, role, root or role session, or one of an account the database
// does not hold (evaluated as an outsider: see Result.IdentitySideUnknown).
// An account id becomes its root ARN (outside the database: any principal
// of that account); a service principal (ec2.amazonaws.com) and "*"
// (anonymous) are returned as given.
func (e *Engine) ResolvePrincipal(account, s string) (string, error) {
	if isAccountID(s) {
		s = model.RootARN(s)
	}
	if strings.HasPrefix(s, "arn:") || s == "*" {
		var p reqPrincipal
		if !e.resolveAny(s, &p) {
			if id, err := model.ParseIAMARN(s); err == nil && e.hasAccount(id.AccountID) {
				return "", fmt.Errorf("principal %s is not in the database: account %s is, and has no such %s", s, id.AccountID, id.Type)
			}
			return "", fmt.Errorf("principal %s is not a principal (want a user, role, assumed-role session or account root ARN)", s)
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
		if IsServicePrincipal(s) || webIdentityProviders[s] || isCanonicalUser(s) {
			return s, nil // an outsider named without an ARN
		}
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
