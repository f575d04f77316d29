package evaluator

import "strings"

// decideIn is what decide needs beside the collected statements.
type decideIn struct {
	boundary, session, resourcePolicy bool
	scpOK, rcpOK                      bool
}

// decide applies AWS's flowchart to the statements Evaluate collected.
func decide(q *query, res *Result, in decideIn) {
	sc := &res.scratch
	p := q.prin
	ent := p.ent

	// The root user may do anything in its account; a principal of an
	// account outside the database is taken to be allowed by its own
	// policies (Result.IdentitySideUnknown says so); a service or anonymous
	// principal has no identity side at all.
	noIdentity := ent.kind == entService || ent.kind == entAnon
	identityAllowed := ent.kind == entRoot || len(sc.idAllow) > 0 || res.IdentitySideUnknown
	boundaryOK := !in.boundary || len(sc.bAllow) > 0
	sessionOK := !in.session || len(sc.sAllow) > 0
	best := grantNone
	for _, g := range sc.rGrant {
		best = max(best, g)
	}
	required := resourcePolicyRequired(q)
	if required {
		res.own = ownTrust
		if q.svc == "kms" {
			res.own = ownKey
		}
	}
	if required && !in.resourcePolicy && q.svc == "kms" && !res.CrossAccount && ent.account != "" {
		// A key whose policy is not stored: assume AWS's default key policy,
		// which lets the account's IAM policies decide.
		best = grantAccount
	}
	identityPath := identityAllowed && boundaryOK && sessionOK
	res.IdentityPoliciesAllow = identityAllowed
	var resourcePath bool
	switch best {
	case grantDirect:
		// A grant to the session's own ARN is not limited by its session
		// policy; a grant to a user is, when the user has one.
		resourcePath = sessionOK || p.session != ""
	case grantRole:
		resourcePath = boundaryOK && sessionOK
	case grantAccount:
		resourcePath = identityPath
	}

	res.Boundary = BoundaryDetail{Applies: in.boundary, Allowed: boundaryOK}
	res.Org.Allowed = in.scpOK && in.rcpOK
	if identityPath {
		res.IdentityDecision = Allowed
	}
	if best != grantNone {
		res.ResourceDecision = Allowed
	}
	for _, st := range sc.deny {
		switch st.pol.typ {
		case ResourceBased, Trust:
			res.ResourceDecision = ExplicitDeny
		case Boundary:
			res.Boundary.Allowed = false
			res.IdentityDecision = ExplicitDeny
		case SCP, RCP:
			res.Org.Allowed = false
		default:
			res.IdentityDecision = ExplicitDeny
		}
	}

	switch {
	case ent.kind == entRoot && isAssumeRole(q):
		// STS refuses AssumeRole with the root user's credentials before
		// any policy is read.
		res.Decision, res.Step = ImplicitDeny, StepRootUser
		res.IdentityDecision = ImplicitDeny
		return
	case len(sc.deny) > 0:
		res.Decision, res.Step = ExplicitDeny, StepExplicitDeny
		res.Matched = appendMatched(res.Matched, sc.deny)
		return
	case !in.scpOK:
		res.Decision, res.Step = ImplicitDeny, StepSCP
		return
	case !in.rcpOK:
		res.Decision, res.Step = ImplicitDeny, StepRCP
		return
	}

	var allowed bool
	switch {
	case noIdentity:
		allowed = best != grantNone
	case res.CrossAccount:
		allowed = identityPath && best != grantNone
	case required:
		allowed = resourcePath
	default:
		allowed = resourcePath || identityPath
	}
	if !allowed {
		res.Decision = ImplicitDeny
		res.Step = denyStep(res.CrossAccount, required, best, identityAllowed, boundaryOK, sessionOK)
		if noIdentity {
			res.Step = StepResourcePolicy // only a resource-based policy could allow
		}
		return
	}
	res.Decision = Allowed
	// Matched holds the allows this path needed: the resource policy's
	// grant, and, unless it was a grant to the exact principal or the role,
	// the identity policies; then the limits that applied to them.
	res.Matched = appendMatched(res.Matched, sc.rAllow)
	switch {
	case !res.CrossAccount && resourcePath && best == grantDirect:
		res.Step = StepResourcePolicy
		if in.session && p.session == "" {
			res.Matched = appendMatched(res.Matched, sc.sAllow)
		}
		return
	case !res.CrossAccount && resourcePath && best == grantRole:
		res.Step = StepResourcePolicy
	default:
		res.Step = StepIdentityPolicy
		if res.CrossAccount || required {
			res.Step = StepResourcePolicy
		}
		res.Matched = appendMatched(res.Matched, sc.idAllow)
	}
	if in.boundary {
		res.Matched = appendMatched(res.Matched, sc.bAllow)
	}
	if in.session {
		res.Matched = appendMatched(res.Matched, sc.sAllow)
	}
}

// denyStep names the step at which an implicit deny happened.
func denyStep(cross, required bool, best grant, identity, boundaryOK, sessionOK bool) Step {
	limits := func() Step {
		if !boundaryOK {
			return StepBoundary
		}
		return StepSessionPolicy
	}
	switch {
	case cross:
		switch {
		case !identity && best == grantNone:
			return StepImplicitDeny
		case !identity:
			return StepIdentityPolicy
		case !boundaryOK || !sessionOK:
			return limits()
		}
		return StepResourcePolicy
	case required:
		switch best {
		case grantNone:
			return StepResourcePolicy
		case grantAccount:
			if !identity {
				return StepIdentityPolicy
			}
		}
		return limits()
	}
	if identity || best == grantRole {
		return limits()
	}
	return StepImplicitDeny
}

func appendMatched(dst []MatchedStatement, sts []*cstmt) []MatchedStatement {
	for _, st := range sts {
		dst = append(dst, st.ms())
	}
	return dst
}

// isAssumeRole reports whether the request is sts:AssumeRole (any case).
func isAssumeRole(q *query) bool {
	const op = "AssumeRole"
	return q.svc == "sts" && len(q.action) == len("sts:")+len(op) && strings.EqualFold(q.action[len("sts:"):], op)
}
