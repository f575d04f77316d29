package evaluator

import (
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"

	"iamtui/model"
	"iamtui/model/policy"
)

// WhoCanReport is who-can's full answer: the users and roles of the
// database that are allowed (what WhoCan returns), the principals outside
// it that the resource's own policy lets in, and what the request's missing
// context keys held back.
type WhoCanReport struct {
	// Principals: the users and roles of the database allowed, in ARN
	// order, each with the statements that allowed it (as WhoCan).
	Principals []WhoCanEntry
	// External: principals outside the database that the resource's own
	// policy (bucket, queue, topic, trust or key policy) grants, in the
	// policy's order: accounts the database does not hold (any principal of
	// them that its own IAM allows), users, roles and sessions of such
	// accounts, service principals, federated providers, and "*" (public).
	// Each is evaluated on the resource side (resource policy, RCPs, known
	// SCPs), with the request's context.
	External []ExternalEntry
	// Conditional: users and roles of the database that are not allowed
	// with the context given but would be with suitable values of condition
	// keys the request did not supply.
	Conditional []ConditionalEntry
	// MissingContextValues: every condition key that a statement read, for
	// some principal, and the request did not supply (as the policy spells
	// it, first spelling wins), sorted.
	MissingContextValues []string
}

// ExternalEntry is one principal outside the database that the resource's
// own policy grants.
type ExternalEntry struct {
	// Principal as the policy names it: an account id ("777788889999"), an
	// ARN, a service principal ("ec2.amazonaws.com"), a federated provider,
	// or "*".
	Principal string
	// Element is the Principal key that names it: "AWS", "Service",
	// "Federated", "CanonicalUser", or "*" for "Principal": "*".
	Element string
	// Kind: PrincipalAccount, PrincipalUser, PrincipalRole,
	// PrincipalRoleSession, PrincipalService (services, providers and
	// canonical users) or PrincipalAnonymous (public).
	Kind PrincipalKind
	// Public: "*" or {"AWS": "*"}: anyone, every AWS account and
	// unauthenticated requests.
	Public bool
	// Description says who that is, for people: "any principal of account
	// 777788889999 that its own IAM policies allow".
	Description string
	Step        Step
	// Matched: the statements that allowed it, the resource policy's grant
	// first (and the session's or the RCPs' where they took part).
	Matched []MatchedStatement
	// Conditions: the granting statement's conditions, for people
	// ("sts:ExternalId = temp-chefs-agency-2024", "aws:SourceIp in
	// 203.0.113.0/24"); all must hold.
	Conditions []string
	// NeedsContext: the condition keys the request did not supply that the
	// grant is conditional on (nil when the request's context satisfied it).
	NeedsContext []string
	// IdentitySideUnknown: the principal's own account is not in the
	// database; its identity-based policies must also allow.
	IdentitySideUnknown bool
}

// ConditionalEntry is a user or role that suitable values of context keys
// the request did not supply would allow.
type ConditionalEntry struct {
	Principal PrincipalInfo
	// Keys the request lacked that the relevant statements read.
	Keys []string
}

// WhoCanReport answers who may perform action on resource with the given
// context: the users and roles of the database (roles as sessions of the
// role), the principals outside it that the resource's own policy grants,
// and who would be allowed with values of keys the request lacked.
func (e *Engine) WhoCanReport(action, resource string, ctx []ContextValue) (*WhoCanReport, error) {
	rep := &WhoCanReport{}
	var err error
	if rep.Principals, rep.Conditional, rep.MissingContextValues, err = e.whoCan(action, resource, ctx, true); err != nil {
		return nil, err
	}
	missing := rep.MissingContextValues
	for _, c := range e.externalCandidates(action, resource, ctx) {
		ent, ok := e.evalExternal(c, action, resource, ctx, &missing)
		if ok {
			rep.External = append(rep.External, ent)
		}
	}
	sort.Slice(missing, func(i, j int) bool { return strings.ToLower(missing[i]) < strings.ToLower(missing[j]) })
	rep.MissingContextValues = missing
	return rep, nil
}

// whoCan evaluates every user and role. full also collects the missing
// context keys and the principals suitable values of them would allow.
func (e *Engine) whoCan(action, resource string, ctx []ContextValue, full bool) ([]WhoCanEntry, []ConditionalEntry, []string, error) {
	// Check the request's shape once, so that a bad action is an error
	// rather than 6,000 of them.
	if len(e.entities) > 0 {
		var res Result
		if err := e.Evaluate(&Request{Principal: e.entities[0].arn, Action: action, Resource: resource, Context: ctx}, &res); err != nil {
			return nil, nil, nil, err
		}
	}
	workers := min(runtime.GOMAXPROCS(0), 8)
	chunk := (len(e.entities) + workers - 1) / max(workers, 1)
	type part struct {
		allowed     []WhoCanEntry
		conditional []ConditionalEntry
		missing     []string
		err         error
	}
	parts := make([]part, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		lo, hi := w*chunk, min((w+1)*chunk, len(e.entities))
		if lo >= hi {
			continue
		}
		wg.Add(1)
		go func(pt *part, lo, hi int) {
			defer wg.Done()
			var res, opt Result
			req := Request{Action: action, Resource: resource, Context: ctx}
			for _, ent := range e.entities[lo:hi] {
				req.Principal = ent.arn
				if err := e.Evaluate(&req, &res); err != nil {
					pt.err = fmt.Errorf("who-can %s: %w", ent.arn, err)
					return
				}
				if res.Decision == Allowed {
					pt.allowed = append(pt.allowed, WhoCanEntry{
						Principal: ent.info, Step: res.Step,
						Matched: append([]MatchedStatement(nil), res.Matched...),
					})
				}
				if !full || len(res.MissingContextValues) == 0 {
					continue
				}
				for _, k := range res.MissingContextValues {
					pt.missing = addKey(pt.missing, k)
				}
				if res.Decision == Allowed {
					continue
				}
				// Denied, implicitly or by a Deny that a missing key let
				// apply (ForceMFA's BoolIfExists): would suitable values
				// allow it?
				if err := e.evaluate(&req, &opt, true); err == nil && opt.Decision == Allowed {
					pt.conditional = append(pt.conditional, ConditionalEntry{
						Principal: ent.info, Keys: append([]string(nil), res.MissingContextValues...),
					})
				}
			}
		}(&parts[w], lo, hi)
	}
	wg.Wait()
	var (
		out     []WhoCanEntry
		cond    []ConditionalEntry
		missing []string
	)
	for _, pt := range parts {
		if pt.err != nil {
			return nil, nil, nil, pt.err
		}
		out = append(out, pt.allowed...)
		cond = append(cond, pt.conditional...)
		for _, k := range pt.missing {
			missing = addKey(missing, k)
		}
	}
	return out, cond, missing, nil
}

// addKey adds k to keys unless a key equal ignoring case is there.
func addKey(keys []string, k string) []string {
	for _, x := range keys {
		if strings.EqualFold(x, k) {
			return keys
		}
	}
	return append(keys, k)
}

// extCandidate is a principal outside the database that a statement of the
// resource's policy names.
type extCandidate struct {
	name    string // as the policy names it
	element string
	eval    string // the principal to evaluate: an ARN, a service, "*"
	kind    PrincipalKind
}

// externalCandidates lists, in the policy's order and once each, the
// principals outside the database that the Allow statements of the
// resource's own policy name, for statements whose action and resource fit
// the request.
func (e *Engine) externalCandidates(action, resource string, ctx []ContextValue) []extCandidate {
	r := splitARN(resource)
	rp, _ := e.resourcePolicy(&r)
	if rp == nil {
		return nil
	}
	svc, _, _ := strings.Cut(action, ":")
	q := query{action: action, svc: strings.ToLower(svc), res: r, ctx: &evalCtx{given: ctx}}
	var out []extCandidate
	seen := map[string]bool{}
	add := func(c extCandidate) {
		if !seen[c.eval] {
			seen[c.eval] = true
			out = append(out, c)
		}
	}
	for i := range rp.pol.stmts {
		st := &rp.pol.stmts[i]
		pr := st.src.Principal
		if st.effect != policy.Allow || st.notPrin || pr == nil || !st.matchActionOnly(q.action) || !st.matchResource(&q.res, q.ctx) {
			continue
		}
		if pr.Wildcard {
			add(extCandidate{name: "*", element: "*", eval: "*", kind: PrincipalAnonymous})
		}
		for _, v := range pr.AWS.Strings() {
			switch {
			case v == "*":
				add(extCandidate{name: "*", element: "AWS", eval: "*", kind: PrincipalAnonymous})
			case isAccountID(v):
				if !e.hasAccount(v) {
					add(extCandidate{name: v, element: "AWS", eval: model.RootARN(v), kind: PrincipalAccount})
				}
			default:
				var p reqPrincipal
				if e.resolve(v, &p) || !e.resolveOutside(v, &p) {
					continue // in the database (listed on its own), or no principal at all
				}
				c := extCandidate{name: v, element: "AWS", eval: v, kind: principalKind(&p)}
				if c.kind == PrincipalAccount {
					c.name = p.ent.account
				}
				add(c)
			}
		}
		for _, l := range []struct {
			element string
			list    *policy.List
		}{{"Service", pr.Service}, {"Federated", pr.Federated}, {"CanonicalUser", pr.CanonicalUser}} {
			for _, v := range l.list.Strings() {
				if v == "*" {
					add(extCandidate{name: "*", element: l.element, eval: "*", kind: PrincipalAnonymous})
					continue
				}
				add(extCandidate{name: v, element: l.element, eval: v, kind: PrincipalService})
			}
		}
	}
	return out
}

// evalExternal evaluates one candidate: allowed with the request's context,
// or with suitable values of the keys it lacks.
func (e *Engine) evalExternal(c extCandidate, action, resource string, ctx []ContextValue, missing *[]string) (ExternalEntry, bool) {
	req := Request{Principal: c.eval, Action: action, Resource: resource, Context: ctx}
	var res Result
	if err := e.Evaluate(&req, &res); err != nil {
		return ExternalEntry{}, false
	}
	var needs []string
	for _, k := range res.MissingContextValues {
		*missing = addKey(*missing, k)
	}
	if res.Decision == ImplicitDeny && len(res.MissingContextValues) > 0 {
		needs = append([]string(nil), res.MissingContextValues...)
		var opt Result
		if err := e.evaluate(&req, &opt, true); err != nil || opt.Decision != Allowed {
			return ExternalEntry{}, false
		}
		res = opt
	} else if res.Decision != Allowed {
		return ExternalEntry{}, false
	}
	out := ExternalEntry{
		Principal: c.name, Element: c.element, Kind: c.kind, Public: c.kind == PrincipalAnonymous,
		Description: describeExternal(c), Step: res.Step,
		Matched: append([]MatchedStatement(nil), res.Matched...), NeedsContext: needs,
		IdentitySideUnknown: res.IdentitySideUnknown,
	}
	for _, m := range res.Matched {
		if m.PolicyType == ResourceBased || m.PolicyType == Trust {
			for _, cond := range m.Statement.Conditions {
				out.Conditions = append(out.Conditions, DescribeCondition(cond))
			}
			break
		}
	}
	return out, true
}

func describeExternal(c extCandidate) string {
	switch c.kind {
	case PrincipalAnonymous:
		return "anyone: every AWS account's principals and anonymous requests (public)"
	case PrincipalAccount:
		return "any principal of account " + c.name + " that its own IAM policies allow (the account is not in the database)"
	case PrincipalUser, PrincipalRole, PrincipalRoleSession:
		acct := ""
		if id, err := model.ParseIAMARN(c.name); err == nil {
			acct = id.AccountID
		}
		return "the " + c.kind.String() + " " + c.name + " of account " + acct + ", if its own IAM policies allow (the account is not in the database)"
	}
	switch c.element {
	case "Federated":
		return "users signed in through the identity provider " + c.name
	case "CanonicalUser":
		return "the S3 canonical user " + c.name
	}
	return "the AWS service " + c.name
}

// DescribeCondition writes a condition for people: "sts:ExternalId =
// temp-chefs-agency-2024", "aws:SourceIp in 203.0.113.0/24",
// "aws:SecureTransport is true", "s3:prefix like [home/*, public/*]".
func DescribeCondition(c *policy.Condition) string {
	vals := c.Values
	strs := make([]string, len(vals))
	for i, v := range vals {
		strs[i] = v.S
	}
	o := operators[c.Base]
	key := c.Key
	switch c.Set {
	case policy.ForAllValues:
		key = "every value of " + key
	case policy.ForAnyValue:
		key = "some value of " + key
	}
	if o.op == opNull {
		s := key + " is present"
		if len(strs) > 0 && strings.EqualFold(strs[0], "true") {
			s = key + " is absent"
		}
		return s
	}
	word := "="
	switch o.op {
	case opString, opNumEq, opDateEq, opBinary:
		if o.negated {
			word = "≠"
		}
	case opStringFold:
		word = "= (ignoring case)"
		if o.negated {
			word = "≠ (ignoring case)"
		}
	case opStringLike, opArn:
		word = "like"
		if o.negated {
			word = "not like"
		}
	case opNumLt, opDateLt:
		word = "<"
	case opNumLe, opDateLe:
		word = "≤"
	case opNumGt, opDateGt:
		word = ">"
	case opNumGe, opDateGe:
		word = "≥"
	case opBool:
		word = "is"
	case opIP:
		word = "in"
		if o.negated {
			word = "not in"
		}
	}
	v := describeValues(strs)
	if len(strs) > 1 {
		v = "[" + strings.Join(strs, ", ") + "]"
		if word == "=" {
			word = "in"
		} else if word == "≠" {
			word = "not in"
		}
	}
	s := key + " " + word + " " + v
	if c.IfExists {
		s += " (if present)"
	}
	return s
}
