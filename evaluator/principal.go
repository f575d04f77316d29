package evaluator

import (
	"strings"

	"iamtui/model"
	"iamtui/model/policy"
)

// cprin is a compiled Principal or NotPrincipal.
type cprin struct {
	any      bool     // "*" or {"AWS": "*"}
	arns     []string // exact principal ARNs: users, roles, sessions, root of an account
	accounts []string // account ids, from "111122223333" or its root ARN
	others   []string // Service, Federated and CanonicalUser values
}

func compilePrincipal(p *policy.Principal) *cprin {
	c := &cprin{any: p.Wildcard}
	for _, v := range p.AWS.Strings() {
		switch {
		case v == "*":
			c.any = true
		case isAccountID(v):
			c.accounts = append(c.accounts, v)
		default:
			if e, err := model.ParseIAMARN(v); err == nil && e.Type == "root" {
				c.accounts = append(c.accounts, e.AccountID)
			}
			c.arns = append(c.arns, v)
		}
	}
	for _, l := range []*policy.List{p.Service, p.Federated, p.CanonicalUser} {
		for _, v := range l.Strings() {
			if v == "*" {
				c.any = true
				continue
			}
			c.others = append(c.others, v)
		}
	}
	return c
}

func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// grant is how a resource-based statement names the principal; it decides
// which of the principal's own policies must also allow.
type grant uint8

const (
	grantNone    grant = iota
	grantAccount       // the principal's account: delegates to its IAM policies
	grantRole          // the role's ARN: limited by boundary and session policy
	grantDirect        // the exact principal (user, session, "*"): allows alone
)

func (g grant) String() string {
	switch g {
	case grantAccount:
		return "the principal's account"
	case grantRole:
		return "the role's ARN"
	case grantDirect:
		return "the principal itself"
	}
	return "not the principal"
}

// reqPrincipal is the principal of one request.
type reqPrincipal struct {
	ent     *entity
	arn     string // as the request names it: user, role, session or root ARN
	roleARN string // for a role or session
	session string
}

// match returns how the Principal element names p.
func (c *cprin) match(p *reqPrincipal) grant {
	if c.any {
		return grantDirect
	}
	best := grantNone
	for _, a := range c.arns {
		switch {
		case p.roleARN != "" && a == p.roleARN:
			best = max(best, grantRole)
		case a == p.arn:
			return grantDirect
		}
	}
	if best == grantNone && p.ent != nil && contains(c.accounts, p.ent.account) {
		best = grantAccount
	}
	if best == grantNone && (p.ent == nil || p.ent.kind == entService) && contains(c.others, p.arn) {
		best = grantDirect // a service principal (or a provider) named by Service, Federated...
	}
	return best
}

// excludes reports whether a NotPrincipal list names p exactly. AWS
// compares whole principal ARNs here: the account's root ARN excludes the
// root user only, and a role's ARN does not exclude its sessions.
func (c *cprin) excludes(p *reqPrincipal) bool {
	if c.any {
		return true
	}
	if contains(c.arns, p.arn) || contains(c.others, p.arn) {
		return true
	}
	return p.ent != nil && p.ent.kind == entRoot && contains(c.accounts, p.ent.account)
}

// matchPrincipal applies the statement's Principal or NotPrincipal.
func (st *cstmt) matchPrincipal(p *reqPrincipal) grant {
	switch {
	case st.prin == nil:
		return grantDirect
	case st.notPrin:
		// "The NotPrincipal element with a Deny effect will always deny any
		// IAM principal that has a permissions boundary policy attached,
		// regardless of the values specified in the NotPrincipal element."
		if st.prin.excludes(p) && !(st.effect == policy.Deny && p.ent != nil && p.ent.boundary != nil) {
			return grantNone
		}
		return grantDirect
	}
	return st.prin.match(p)
}

// resolve finds the principal of a request: an entity by ARN, or a role
// session.
func (e *Engine) resolve(arn string, p *reqPrincipal) bool {
	*p = reqPrincipal{arn: arn}
	if ent, ok := e.byARN[arn]; ok {
		p.ent = ent
		if ent.kind == entRole {
			p.roleARN = ent.arn
		}
		return true
	}
	// arn:aws:sts::ACCT:assumed-role/ROLE/SESSION
	const pre = "assumed-role/"
	r := splitARN(arn)
	if !r.six || r.parts[0] != "arn" || r.parts[2] != "sts" || !strings.HasPrefix(r.parts[5], pre) {
		return false
	}
	role, session, ok := strings.Cut(r.parts[5][len(pre):], "/")
	if !ok || role == "" || session == "" {
		return false
	}
	ent, ok := e.roles[roleKey{r.parts[4], role}]
	if !ok {
		return false
	}
	p.ent, p.roleARN, p.session = ent, ent.arn, session
	return true
}

type roleKey struct{ account, name string }
