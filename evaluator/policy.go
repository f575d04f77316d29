package evaluator

import (
	"fmt"
	"strings"

	"iamtui/model/policy"
)

// cpolicy is a compiled policy document. The fields Evaluate reads for
// every policy of a principal come first, in one cache line: a batch
// visits thousands of principals, and their policies are seldom cached.
type cpolicy struct {
	// bySvc says, for each lower-case service an Action names, which
	// statements may match its actions (bit i: stmts[i]): those naming it
	// and those for any service (wildcard service, NotAction); anySvc
	// says it for services no statement names. Evaluate scans only those.
	// A policy of more than 64 statements is wide and has no masks.
	wide   bool
	anySvc uint64
	bySvc  []svcMask
	stmts  []cstmt

	id, name string
	typ      PolicyType
	doc      *policy.Document
}

type svcMask struct {
	svc  string
	mask uint64
}

// maskFor returns the statements that may match an action of svc (the
// lower-case service, or "" for one no statement names).
func (p *cpolicy) maskFor(svc string) uint64 {
	for i := range p.bySvc {
		if p.bySvc[i].svc == svc {
			return p.bySvc[i].mask
		}
	}
	return p.anySvc
}

// index fills bySvc and anySvc (or wide).
func (p *cpolicy) index() {
	if len(p.stmts) > 64 {
		p.wide = true
		for i := range p.stmts {
			for _, svc := range p.stmts[i].svcs {
				if !p.names(svc) {
					p.bySvc = append(p.bySvc, svcMask{svc: svc})
				}
			}
		}
		return
	}
	n := 0
	for i := range p.stmts {
		st := &p.stmts[i]
		if st.svcs == nil {
			p.anySvc |= 1 << i
		}
		n += len(st.svcs)
	}
	if n == 0 {
		return
	}
	p.bySvc = make([]svcMask, 0, n)
	for i := range p.stmts {
		for _, svc := range p.stmts[i].svcs {
			k := 0
			for k < len(p.bySvc) && p.bySvc[k].svc != svc {
				k++
			}
			if k == len(p.bySvc) {
				p.bySvc = append(p.bySvc, svcMask{svc: svc, mask: p.anySvc})
			}
			p.bySvc[k].mask |= 1 << i
		}
	}
}

// names reports whether some statement's Action names svc.
func (p *cpolicy) names(svc string) bool {
	for _, m := range p.bySvc {
		if m.svc == svc {
			return true
		}
	}
	return false
}

// cstmt is a compiled statement: actions lower-cased with their services
// listed for a quick reject, resources split into ARN parts, principals
// indexed, condition values parsed.
type cstmt struct {
	pol         *cpolicy
	src         *policy.Statement
	effect      policy.Effect
	svcs        []string // lower-case services of Action; nil: any (wildcard service, NotAction)
	actions     []glob
	notAction   bool
	resources   []arnPat
	notResource bool
	hasResource bool
	resVars     bool   // some Resource (or NotResource) value holds a policy variable
	prin        *cprin // Principal or NotPrincipal; nil when absent
	notPrin     bool
	conds       []ccond
}

func compilePolicy(doc *policy.Document, id, name string, typ PolicyType) (*cpolicy, error) {
	p := &cpolicy{id: id, name: name, typ: typ, doc: doc}
	vars := doc.VariablesEnabled()
	p.stmts = make([]cstmt, len(doc.Statements))
	for i, s := range doc.Statements {
		st := &p.stmts[i]
		st.pol, st.src = p, s
		st.effect = s.Effect
		acts := s.Action
		if s.NotAction != nil {
			acts, st.notAction = s.NotAction, true
		}
		anySvc := st.notAction
		st.actions = make([]glob, 0, len(acts.Values))
		for _, av := range acts.Values {
			a := av.S
			st.actions = append(st.actions, compileGlob(a, true, false, true))
			svc, _, _ := strings.Cut(a, ":")
			if strings.ContainsAny(svc, "*?") || !strings.Contains(a, ":") {
				anySvc = true
			} else if svc = strings.ToLower(svc); !contains(st.svcs, svc) {
				st.svcs = append(st.svcs, svc)
			}
		}
		if anySvc {
			st.svcs = nil
		}
		res := s.Resource
		if s.NotResource != nil {
			res, st.notResource = s.NotResource, true
		}
		if res != nil {
			st.hasResource = true
			st.resources = make([]arnPat, len(res.Values))
			for j, r := range res.Values {
				st.resources[j] = compileARNPattern(r.S, vars, true)
				st.resVars = st.resVars || st.resources[j].nvars > 0
			}
		}
		switch {
		case s.Principal != nil:
			st.prin = compilePrincipal(s.Principal)
		case s.NotPrincipal != nil:
			st.prin, st.notPrin = compilePrincipal(s.NotPrincipal), true
		}
		if len(s.Conditions) > 0 {
			st.conds = make([]ccond, 0, len(s.Conditions))
		}
		for _, c := range s.Conditions {
			cc, err := compileCondition(c, vars)
			if err != nil {
				return nil, fmt.Errorf("policy %s statement %d: %w", name, i, err)
			}
			st.conds = append(st.conds, cc)
		}
	}
	p.index()
	return p, nil
}

// ms describes the statement for results.
func (st *cstmt) ms() MatchedStatement {
	s, p := st.src, st.pol
	return MatchedStatement{
		PolicyID: p.id, PolicyName: p.name, PolicyType: p.typ,
		Sid: s.Sid, Index: s.Index, Effect: s.Effect,
		Start: s.Start, End: s.End, Document: p.doc, Statement: s,
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// matchAction reports whether the statement's Action (or NotAction) covers
// the action; svc is the action's service, lower-cased.
func (st *cstmt) matchAction(action, svc string) bool {
	if st.svcs != nil && !contains(st.svcs, svc) {
		return false
	}
	return st.matchActionOnly(action)
}

// matchActionOnly is matchAction without the service pre-check.
func (st *cstmt) matchActionOnly(action string) bool {
	for i := range st.actions {
		if st.actions[i].match(action, nil) {
			return !st.notAction
		}
	}
	return st.notAction
}

// matchResource reports whether Resource (or NotResource) covers the
// request's resource; a statement without either (trust policies, some
// organization policies) covers every resource. "If a variable that has no
// value in the authorization context is used as part of the Resource or
// NotResource element of a policy, the resource that includes a policy
// variable with no value will not match any resource" (IAM User Guide,
// "Policy variables with no value"): that one value matches nothing, so in
// NotResource it excludes nothing.
func (st *cstmt) matchResource(r *reqARN, c *evalCtx) bool {
	if !st.hasResource {
		return true
	}
	if st.resVars {
		st.resourcesResolvable(r, c) // notes the variables' missing keys
	}
	for i := range st.resources {
		if st.resources[i].match(r, c) {
			return !st.notResource
		}
	}
	return st.notResource
}

// resourcesResolvable reports whether every policy variable of the
// statement's Resource or NotResource has a value (or a default), the
// missing keys noted. A value whose parts before the resource part already
// differ from the request's is never compared, so its variables are not
// looked up.
func (st *cstmt) resourcesResolvable(r *reqARN, c *evalCtx) bool {
	ok := true
	for i := range st.resources {
		p := &st.resources[i]
		if p.nvars > 0 && p.headMatches(r, c) && !p.resolvable(c) {
			ok = false // go on: note every missing key
		}
	}
	return ok
}

// matchConditions evaluates every condition (AND). After the first failure
// it goes on only to note keys the request lacks, for MissingContextValues.
func (st *cstmt) matchConditions(c *evalCtx) bool {
	ok := true
	for i := range st.conds {
		cc := &st.conds[i]
		if ok {
			if c.optimistic {
				if v, found := c.lookup(cc.key); !found || len(v) == 0 {
					c.noteMissing(cc.key)
					ok = st.effect == policy.Allow
					continue
				}
			}
			ok = cc.eval(c)
			continue
		}
		if c.missing != nil && cc.op != opNull {
			if v, found := c.lookup(cc.key); !found || len(v) == 0 {
				c.noteMissing(cc.key)
			}
		}
	}
	return ok
}
