package evaluator

import (
	"fmt"
	"sort"
	"strings"

	"iamtui/model/policy"
)

// Explain evaluates req on the slow path and accounts for every statement
// of every policy that applies to the principal and resource: whether its
// action, resource, principal and each condition matched, with the values
// compared; for an implicit deny, the nearest Allow statements and what
// failed in each.
func (e *Engine) Explain(req *Request) (*Explanation, error) {
	exp := &Explanation{}
	if err := e.Evaluate(req, &exp.Result); err != nil {
		return nil, err
	}
	exp.Result.scratch = scratch{}
	var p reqPrincipal
	e.resolveAny(req.Principal, &p)
	svc, _, _ := strings.Cut(req.Action, ":")
	ctx := &evalCtx{given: req.Context, facts: p.ent.facts}
	if p.session != "" && p.ent.id != "" {
		ctx.roleID, ctx.session = p.ent.id, p.session
	}
	q := query{action: req.Action, svc: strings.ToLower(svc), res: splitARN(req.Resource), ctx: ctx, prin: &p}
	trace := func(pol *cpolicy) {
		if pol == nil {
			return
		}
		for i := range pol.stmts {
			exp.Statements = append(exp.Statements, traceStatement(&pol.stmts[i], &q))
		}
	}
	for _, pol := range p.ent.policies {
		trace(pol)
	}
	trace(p.ent.boundary)
	if req.SessionPolicy != nil {
		sp, err := compilePolicy(req.SessionPolicy, "session-policy", "session policy", Session)
		if err != nil {
			return nil, fmt.Errorf("session policy: %w", err)
		}
		trace(sp)
	}
	if rp, _ := e.resourcePolicy(&q.res); rp != nil {
		trace(rp.pol)
	}
	if !p.ent.slr {
		for _, lv := range e.org.scp[p.ent.account] {
			for _, pol := range lv {
				trace(pol)
			}
		}
		if rcpServices[q.svc] {
			for _, lv := range e.org.rcp[exp.Result.ResourceOwner] {
				for _, pol := range lv {
					trace(pol)
				}
			}
		}
	}
	if exp.Result.Decision == ImplicitDeny {
		// The near misses come from the policy that said no: the boundary's
		// statements when the boundary did not allow, and so on; an
		// identity statement that already matched is no near miss then.
		limiting := limitingTypes(&exp.Result)
		for _, t := range exp.Statements {
			if t.Effect == policy.Allow && !t.Applies && (limiting == nil || limiting[t.PolicyType]) {
				exp.Nearest = append(exp.Nearest, t)
			}
		}
		sort.SliceStable(exp.Nearest, func(i, j int) bool { return exp.Nearest[i].Score > exp.Nearest[j].Score })
		if len(exp.Nearest) > 5 {
			exp.Nearest = exp.Nearest[:5]
		}
	}
	if exp.Result.Decision == ExplicitDeny {
		for _, t := range exp.Statements {
			if t.Effect == policy.Allow && t.Applies && grants(t.PolicyType) {
				exp.Overridden = append(exp.Overridden, t)
			}
		}
	}
	exp.Summary = summarize(req, exp)
	return exp, nil
}

// grants reports whether an Allow in a policy of type t grants access, as
// opposed to only setting a limit (boundary, session policy, SCP, RCP).
func grants(t PolicyType) bool {
	switch t {
	case Boundary, Session, SCP, RCP:
		return false
	}
	return true
}

// limitingTypes are the policy types whose Allow statements could have
// changed an implicit deny at r's step; nil means any.
func limitingTypes(r *Result) map[PolicyType]bool {
	switch r.Step {
	case StepBoundary:
		return map[PolicyType]bool{Boundary: true}
	case StepSessionPolicy:
		return map[PolicyType]bool{Session: true}
	case StepSCP:
		return map[PolicyType]bool{SCP: true}
	case StepRCP:
		return map[PolicyType]bool{RCP: true}
	case StepResourcePolicy:
		return map[PolicyType]bool{ResourceBased: true, Trust: true}
	case StepIdentityPolicy:
		return map[PolicyType]bool{UserInline: true, GroupInline: true, RoleInline: true, CustomerManaged: true, AWSManaged: true}
	case StepRootUser:
		return map[PolicyType]bool{} // no statement could have helped
	}
	return nil
}

// traceStatement evaluates one statement element by element, without
// stopping at the first failure.
func traceStatement(st *cstmt, q *query) StatementTrace {
	t := StatementTrace{MatchedStatement: st.ms()}
	t.Action = traceAction(st, q.action)
	t.Resource = traceResource(st, q)
	fail := func(msg string) {
		if t.Failed == "" {
			t.Failed = msg
		}
	}
	score := 0
	if t.Action.Matched {
		score += 4
	} else {
		fail(t.Action.Detail)
	}
	if t.Resource.Matched {
		score += 2
	} else {
		fail(t.Resource.Detail)
	}
	if st.prin != nil {
		t.Principal.Checked = true
		g := st.matchPrincipal(q.prin)
		t.Principal.Matched = g != grantNone
		elem := "Principal"
		if st.notPrin {
			elem = "NotPrincipal"
		}
		switch {
		case t.Principal.Matched && st.notPrin && st.prin.excludes(q.prin):
			score += 2
			t.Principal.Detail = fmt.Sprintf("NotPrincipal lists %s, but a Deny with NotPrincipal always applies to a principal with a permissions boundary", q.prin.arn)
		case t.Principal.Matched && st.notPrin:
			score += 2
			t.Principal.Detail = fmt.Sprintf("NotPrincipal does not list %s, so the statement applies to it", q.prin.arn)
		case t.Principal.Matched:
			score += 2
			t.Principal.Detail = fmt.Sprintf("%s names %s (%s)", elem, q.prin.arn, g)
		default:
			t.Principal.Detail = fmt.Sprintf("%s does not name %s", elem, q.prin.arn)
			if st.notPrin {
				t.Principal.Detail = fmt.Sprintf("NotPrincipal lists %s, so the statement does not apply to it", q.prin.arn)
			}
			fail(t.Principal.Detail)
		}
	}
	for i := range st.conds {
		ct := traceCondition(&st.conds[i], q.ctx)
		if ct.Matched {
			score++
		} else {
			fail("condition " + ct.Key + ": " + ct.Detail)
		}
		t.Conditions = append(t.Conditions, ct)
	}
	t.Score = score
	t.Applies = t.Failed == ""
	return t
}

func traceAction(st *cstmt, action string) ElementTrace {
	t := ElementTrace{Checked: true}
	elem := "Action"
	if st.notAction {
		elem = "NotAction"
	}
	vals := st.src.Action
	if st.notAction {
		vals = st.src.NotAction
	}
	for i := range st.actions {
		if st.actions[i].match(action, nil) {
			t.Matched = !st.notAction
			if st.notAction {
				t.Detail = fmt.Sprintf("NotAction %q covers %s, so the statement does not apply", vals.Values[i].S, action)
			} else {
				t.Detail = fmt.Sprintf("Action %q matches %s", vals.Values[i].S, action)
			}
			return t
		}
	}
	t.Matched = st.notAction
	if st.notAction {
		t.Detail = fmt.Sprintf("%s is not in NotAction, so the statement applies", action)
	} else {
		t.Detail = fmt.Sprintf("%s %s does not match %s", elem, quoteList(vals.Strings()), action)
	}
	return t
}

func traceResource(st *cstmt, q *query) (t ElementTrace) {
	if !st.hasResource {
		return ElementTrace{Matched: true, Detail: "no Resource element: every resource"}
	}
	t = ElementTrace{Checked: true}
	elem, vals := "Resource", st.src.Resource
	if st.notResource {
		elem, vals = "NotResource", st.src.NotResource
	}
	var undefined []string
	for i := range st.resources {
		if rp := &st.resources[i]; rp.nvars > 0 && rp.headMatches(&q.res, q.ctx) && !rp.resolvable(q.ctx) {
			undefined = append(undefined, vals.Values[i].S)
		}
	}
	defer func() {
		// An entry whose variable has no value matches no resource (IAM
		// User Guide, "Policy variables with no value"): say so.
		if len(undefined) > 0 {
			t.Detail += fmt.Sprintf("; %s %s matches no resource: a policy variable in it has no value in the request", elem, quoteList(undefined))
		}
	}()
	for i := range st.resources {
		if st.resources[i].match(&q.res, q.ctx) {
			t.Matched = !st.notResource
			if st.notResource {
				t.Detail = fmt.Sprintf("NotResource %q covers %s, so the statement does not apply", vals.Values[i].S, q.res.s)
			} else {
				t.Detail = fmt.Sprintf("Resource %q matches %s", vals.Values[i].S, q.res.s)
			}
			return t
		}
	}
	t.Matched = st.notResource
	if st.notResource {
		t.Detail = fmt.Sprintf("%s is not in NotResource, so the statement applies", q.res.s)
	} else {
		t.Detail = fmt.Sprintf("Resource %s does not match %s", quoteList(vals.Strings()), q.res.s)
	}
	return t
}

func traceCondition(cc *ccond, c *evalCtx) ConditionTrace {
	t := ConditionTrace{Operator: cc.src.Operator, Key: cc.key}
	for _, v := range cc.src.Values {
		t.PolicyValues = append(t.PolicyValues, v.S)
	}
	vals, present := c.lookup(cc.key)
	t.Present = present && len(vals) > 0
	if present {
		t.RequestValues = append([]string{}, vals...)
	}
	t.Matched = cc.eval(c)
	want := describeWant(cc, t.PolicyValues)
	switch {
	case cc.hasVars && t.Present && !cc.resolvable(c):
		t.Detail = fmt.Sprintf("request has %s, statement wants %s, but a policy variable there has no value in the request: that value is effectively null, equal to nothing", describeValues(t.RequestValues), want)
	case cc.op == opNull:
		has := "has no value for it"
		if t.Present {
			has = "has " + describeValues(t.RequestValues)
		}
		t.Detail = fmt.Sprintf("request %s, statement wants it %s", has, map[bool]string{true: "absent", false: "present"}[strings.EqualFold(first(t.PolicyValues), "true")])
	case !t.Present:
		reason := "a missing key fails"
		switch {
		case cc.ifExists:
			reason = "...IfExists holds when the key is missing"
		case cc.set == policy.ForAllValues:
			reason = "ForAllValues holds when the key is missing or empty"
		case cc.set == policy.ForAnyValue:
			reason = "ForAnyValue fails when the key is missing or empty"
		case cc.negated:
			reason = "a negated operator holds when the key is missing"
		}
		t.Detail = fmt.Sprintf("request has no value, statement wants %s (%s)", want, reason)
	default:
		t.Detail = fmt.Sprintf("request has %s, statement wants %s", describeValues(t.RequestValues), want)
	}
	return t
}

// describeWant says what an operator asks for, e.g. "true", "not one of [a, b]".
func describeWant(cc *ccond, vals []string) string {
	var b strings.Builder
	switch cc.set {
	case policy.ForAllValues:
		b.WriteString("every value ")
	case policy.ForAnyValue:
		b.WriteString("some value ")
	}
	if cc.negated {
		b.WriteString("not ")
	}
	switch cc.op {
	case opStringLike, opArn:
		b.WriteString("like ")
	case opStringFold:
		b.WriteString("(ignoring case) ")
	case opNumLt, opDateLt:
		b.WriteString("less than ")
	case opNumLe, opDateLe:
		b.WriteString("at most ")
	case opNumGt, opDateGt:
		b.WriteString("greater than ")
	case opNumGe, opDateGe:
		b.WriteString("at least ")
	case opIP:
		b.WriteString("in ")
	}
	b.WriteString(describeValues(vals))
	return b.String()
}

func describeValues(vals []string) string {
	if len(vals) == 1 {
		return vals[0]
	}
	return "one of [" + strings.Join(vals, ", ") + "]"
}

func first(v []string) string {
	if len(v) == 0 {
		return ""
	}
	return v[0]
}

func quoteList(vals []string) string {
	q := make([]string, len(vals))
	for i, v := range vals {
		q[i] = fmt.Sprintf("%q", v)
	}
	if len(q) == 1 {
		return q[0]
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// summarize writes the one-paragraph account for people. Statements are
// named as everywhere else: "statement 2 (Sid)", counted from 1.
func summarize(req *Request, exp *Explanation) string {
	r := &exp.Result
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s on %s by %s", r.Decision, req.Action, req.Resource, req.Principal)
	where := func(m *MatchedStatement) string {
		return fmt.Sprintf("%s of %s %s (line %d)", m.Label(), m.PolicyType, m.PolicyName, m.Start.Line)
	}
	switch {
	case r.Decision == ExplicitDeny && len(r.Matched) > 0:
		fmt.Fprintf(&b, " is denied by %s.", where(&r.Matched[0]))
		if len(exp.Overridden) > 0 {
			fmt.Fprintf(&b, " Without it, %s would allow it: an explicit Deny wins over any Allow.", where(&exp.Overridden[0].MatchedStatement))
		}
	case r.Decision == Allowed && r.PrincipalKind == PrincipalRoot && len(r.Matched) == 0:
		b.WriteString(" is allowed: " + RootUserRule + ".")
	case r.Decision == Allowed && len(r.Matched) == 0:
		b.WriteString(" is allowed: " + r.Reason() + ".")
	case r.Decision == Allowed:
		fmt.Fprintf(&b, " is allowed by %s", where(&r.Matched[0]))
		if len(r.Matched) > 1 {
			fmt.Fprintf(&b, ", with %d more statement(s) that were also needed", len(r.Matched)-1)
		}
		b.WriteString(".")
	default:
		b.WriteString(" is not allowed: ")
		b.WriteString(r.Reason())
		b.WriteString(".")
		if len(exp.Nearest) > 0 {
			n := &exp.Nearest[0]
			fmt.Fprintf(&b, " Nearest: %s: %s.", where(&n.MatchedStatement), n.Failed)
		}
	}
	if r.CrossAccount {
		fmt.Fprintf(&b, " The resource belongs to account %s, so both its resource-based policy and the principal's identity-based policies must allow.", r.ResourceOwner)
	}
	if r.IdentitySideUnknown {
		fmt.Fprintf(&b, " Account %s is not in the database: its identity-based policies were not evaluated, and they must also allow this request (and none may deny it).", r.PrincipalAccount)
	}
	if len(r.MissingContextValues) > 0 {
		fmt.Fprintf(&b, " The request did not supply %s.", strings.Join(r.MissingContextValues, ", "))
	}
	return b.String()
}
