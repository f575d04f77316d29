package evaluator

import (
	"fmt"
	"strings"

	"iamtui/model/policy"
)

// cpolicy is a compiled policy document.
type cpolicy struct {
	id, name string
	typ      PolicyType
	doc      *policy.Document
	stmts    []cstmt
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
				st.resources[j] = compileARNPattern(r.S, vars)
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
// organization policies) covers every resource.
func (st *cstmt) matchResource(r *reqARN, c *evalCtx) bool {
	if !st.hasResource {
		return true
	}
	for i := range st.resources {
		if st.resources[i].match(r, c) {
			return !st.notResource
		}
	}
	return st.notResource
}

// matchConditions evaluates every condition (AND). After the first failure
// it goes on only to note keys the request lacks, for MissingContextValues.
func (st *cstmt) matchConditions(c *evalCtx) bool {
	ok := true
	for i := range st.conds {
		cc := &st.conds[i]
		if ok {
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
