package evaluator

import (
	"fmt"
	"math/bits"
	"strings"

	"iamtui/model/policy"
)

// scratch is a Result's reusable working storage.
type scratch struct {
	ctx     evalCtx
	prin    reqPrincipal
	deny    []*cstmt
	idAllow []*cstmt
	bAllow  []*cstmt
	sAllow  []*cstmt
	rAllow  []*cstmt
	rGrant  []grant
	svc     [64]byte
}

func (s *scratch) reset() {
	s.deny, s.idAllow, s.bAllow = s.deny[:0], s.idAllow[:0], s.bAllow[:0]
	s.sAllow, s.rAllow, s.rGrant = s.sAllow[:0], s.rAllow[:0], s.rGrant[:0]
}

// query is what every statement is matched against.
type query struct {
	action string
	svc    string // lower-case service prefix of action
	res    reqARN
	ctx    *evalCtx
	prin   *reqPrincipal
}

// scan matches each statement of p, adding those that apply to allow or deny.
func scan(p *cpolicy, q *query, allow, deny *[]*cstmt, grants *[]grant) {
	if p == nil {
		return
	}
	for i := range p.stmts {
		st := &p.stmts[i]
		if !st.matchAction(q.action, q.svc) || !st.matchResource(&q.res, q.ctx) {
			continue
		}
		g := st.matchPrincipal(q.prin)
		if g == grantNone {
			continue
		}
		if !st.matchConditions(q.ctx) {
			continue
		}
		if st.effect == policy.Deny {
			*deny = append(*deny, st)
			continue
		}
		if allow != nil {
			*allow = append(*allow, st)
			if grants != nil {
				*grants = append(*grants, g)
			}
		}
	}
}

// scanIdentity is scan over identity policies (no Principal), visiting
// only the statements that may match the service's actions.
func scanIdentity(ps []*cpolicy, q *query, allow, deny *[]*cstmt) {
	for _, p := range ps {
		if p.wide {
			for i := range p.stmts {
				if st := &p.stmts[i]; st.matchAction(q.action, q.svc) {
					scanIdentityStmt(st, q, allow, deny)
				}
			}
			continue
		}
		for m := p.maskFor(q.svc); m != 0; m &= m - 1 {
			st := &p.stmts[bits.TrailingZeros64(m)]
			if st.matchActionOnly(q.action) {
				scanIdentityStmt(st, q, allow, deny)
			}
		}
	}
}

func scanIdentityStmt(st *cstmt, q *query, allow, deny *[]*cstmt) {
	if !st.matchResource(&q.res, q.ctx) || !st.matchConditions(q.ctx) {
		return
	}
	if st.effect == policy.Deny {
		*deny = append(*deny, st)
	} else {
		*allow = append(*allow, st)
	}
}

// scanLevel reports whether some statement of one organization level
// allows, collecting denies.
func scanLevel(ps []*cpolicy, q *query, deny *[]*cstmt) bool {
	allowed := false
	for _, p := range ps {
		for i := range p.stmts {
			st := &p.stmts[i]
			if !st.matchAction(q.action, q.svc) || !st.matchResource(&q.res, q.ctx) ||
				st.matchPrincipal(q.prin) == grantNone || !st.matchConditions(q.ctx) {
				continue
			}
			if st.effect == policy.Deny {
				*deny = append(*deny, st)
			} else {
				allowed = true
			}
		}
	}
	return allowed
}

// Evaluate answers req into res, reusing res's slices. It fails only when
// the principal is unknown or the request is malformed. A principal outside
// the database (another account's user, role, session or account, a service
// principal, "*") is evaluated on the resource side: see PrincipalKind and
// Result.IdentitySideUnknown.
func (e *Engine) Evaluate(req *Request, res *Result) error {
	return e.evaluate(req, res, false)
}

// evaluate is Evaluate; optimistic takes every condition whose key the
// request lacks as favourable (an Allow's holds, a Deny's does not), to
// find who would be allowed with suitable values (WhoCanReport).
func (e *Engine) evaluate(req *Request, res *Result, optimistic bool) error {
	*res = Result{Matched: res.Matched[:0], MissingContextValues: res.MissingContextValues[:0], scratch: res.scratch}
	sc := &res.scratch
	sc.reset()
	p := &sc.prin
	if !e.resolve(req.Principal, p) && !e.resolveOutside(req.Principal, p) {
		return fmt.Errorf("unknown principal %q (want the ARN of a user, role, assumed-role session or account root in the database, or one of an account outside it, an account id, a service principal such as ec2.amazonaws.com, or *)", req.Principal)
	}
	svcName, _, ok := strings.Cut(req.Action, ":")
	if !ok || svcName == "" || len(svcName) > len(sc.svc) {
		return fmt.Errorf("action %q: want service:Operation, e.g. s3:GetObject", req.Action)
	}
	if req.Resource == "" {
		return fmt.Errorf("no resource: give an ARN, or * for actions without one")
	}
	n := copy(sc.svc[:], svcName)
	for i := 0; i < n; i++ {
		if c := sc.svc[i]; 'A' <= c && c <= 'Z' {
			sc.svc[i] = c + 'a' - 'A'
		}
	}
	ctx := &sc.ctx
	*ctx = evalCtx{given: req.Context, facts: p.ent.facts, missing: &res.MissingContextValues, optimistic: optimistic}
	if p.session != "" && p.ent.id != "" {
		ctx.roleID, ctx.session = p.ent.id, p.session
	}
	// A service no statement names indexes nothing: "" then stands for it.
	q := query{action: req.Action, svc: e.service(sc.svc[:n]), res: splitARN(req.Resource), ctx: ctx, prin: p}
	if q.svc == "" && req.SessionPolicy != nil {
		q.svc = string(sc.svc[:n]) // the session policy may name it
	}
	ent := p.ent
	res.PrincipalARN = req.Principal
	res.PrincipalKind = principalKind(p)
	res.PrincipalAccount = ent.account
	res.External = ent.external
	res.IdentitySideUnknown = ent.external && ent.account != ""

	// The resource's own policy, and who owns the resource.
	rp, owner := e.resourcePolicy(&q.res)
	switch {
	case owner != "":
	case req.ResourceOwner != "":
		owner = req.ResourceOwner
	default:
		owner = ent.account
	}
	// A service or anonymous principal has no account: the resource's own
	// policy alone decides, as within one account.
	res.ResourceOwner, res.CrossAccount = owner, owner != ent.account && ent.account != ""
	res.HasResourcePolicy = rp != nil

	scanIdentity(ent.policies, &q, &sc.idAllow, &sc.deny)
	if ent.boundary != nil {
		scan(ent.boundary, &q, &sc.bAllow, &sc.deny, nil)
	}
	var session *cpolicy
	if req.SessionPolicy != nil {
		var err error
		if session, err = compilePolicy(req.SessionPolicy, "session-policy", "session policy", Session); err != nil {
			return fmt.Errorf("session policy: %w", err)
		}
		scan(session, &q, &sc.sAllow, &sc.deny, nil)
	}
	if rp != nil {
		scan(rp.pol, &q, &sc.rAllow, &sc.deny, &sc.rGrant)
	}
	scpOK, rcpOK := true, true
	if levels := e.org.scp[ent.account]; levels != nil && !ent.slr {
		res.Org.Applies = true
		for _, lv := range levels {
			if !scanLevel(lv, &q, &sc.deny) {
				scpOK = false
			}
		}
	}
	if levels := e.org.rcp[owner]; levels != nil && !ent.slr && rcpServices[q.svc] {
		res.Org.Applies = true
		for _, lv := range levels {
			if !scanLevel(lv, &q, &sc.deny) {
				rcpOK = false
			}
		}
	}
	decide(&q, res, decideIn{
		boundary: ent.boundary != nil, session: session != nil,
		resourcePolicy: rp != nil, scpOK: scpOK, rcpOK: rcpOK,
	})
	return nil
}

// resourcePolicy finds the policy stored for the resource (the bucket's for
// an S3 object) and the account that owns the resource.
func (e *Engine) resourcePolicy(r *reqARN) (*cresource, string) {
	if r.six && !contains(e.resSvcs, r.parts[2]) {
		return nil, r.parts[4]
	}
	if rp, ok := e.resources[r.s]; ok {
		return rp, rp.owner
	}
	if r.six && r.parts[2] == "s3" && r.parts[3] == "" && r.parts[4] == "" {
		if i := strings.IndexByte(r.parts[5], '/'); i > 0 {
			bucket := r.s[:len(r.s)-len(r.parts[5])+i]
			if rp, ok := e.resources[bucket]; ok {
				return rp, rp.owner
			}
		}
	}
	if r.six {
		return nil, r.parts[4]
	}
	return nil, ""
}

// resourcePolicyRequired reports whether AWS needs the resource's own policy
// to allow even within one account: a role's trust policy for the STS
// actions that assume or tag a session, a KMS key's key policy.
func resourcePolicyRequired(q *query) bool {
	r := &q.res
	if !r.six {
		return false
	}
	switch q.svc {
	case "sts":
		if r.parts[2] != "iam" || !strings.HasPrefix(r.parts[5], "role/") {
			return false
		}
		op := q.action[len("sts:"):]
		for _, a := range trustActions {
			if strings.EqualFold(op, a) {
				return true
			}
		}
	case "kms":
		return r.parts[2] == "kms" && strings.HasPrefix(r.parts[5], "key/")
	}
	return false
}

var trustActions = []string{"AssumeRole", "AssumeRoleWithSAML", "AssumeRoleWithWebIdentity", "TagSession", "SetSourceIdentity", "SetContext"}
