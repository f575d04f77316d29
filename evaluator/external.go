package evaluator

import (
	"strings"

	"iamtui/model"
)

// Principals outside the database. A request may come from another
// account's user, role, role session or account (its root ARN or its id,
// standing for whichever of its principals its own IAM policies allow), from
// an AWS service principal (ec2.amazonaws.com) or from anyone ("*",
// anonymous). What the database holds is evaluated exactly: the resource's
// own policy (bucket, trust or key policy), the resource owner's RCPs, and
// the SCPs of the principal's account when the organization tree places it.
// The principal's own identity-based policies are not in the database: the
// decision assumes they allow and deny nothing, and says so
// (Result.IdentitySideUnknown).

// PrincipalKind says what a request's principal is.
type PrincipalKind uint8

const (
	PrincipalUnknown PrincipalKind = iota
	PrincipalUser
	PrincipalRole        // a role's ARN: a session of the role whose name is not known
	PrincipalRoleSession // arn:aws:sts::ACCT:assumed-role/ROLE/SESSION
	PrincipalRoot        // the root user of an account in the database
	PrincipalAccount     // an account outside the database: any principal of it
	PrincipalService     // an AWS service principal, e.g. ec2.amazonaws.com
	PrincipalAnonymous   // "*": an unauthenticated request
)

func (k PrincipalKind) String() string {
	switch k {
	case PrincipalUser:
		return "user"
	case PrincipalRole:
		return "role"
	case PrincipalRoleSession:
		return "role session"
	case PrincipalRoot:
		return "root user"
	case PrincipalAccount:
		return "account"
	case PrincipalService:
		return "service"
	case PrincipalAnonymous:
		return "anonymous"
	}
	return "unknown"
}

// IsServicePrincipal reports whether s has the form of an AWS service
// principal (ec2.amazonaws.com, states.us-east-1.amazonaws.com,
// s3.amazonaws.com.cn), or of a web identity provider named the same way
// (cognito-identity.amazonaws.com).
func IsServicePrincipal(s string) bool {
	if s == "" || strings.ContainsAny(s, " :/*?") {
		return false
	}
	for _, suffix := range []string{".amazonaws.com", ".amazonaws.com.cn"} {
		if len(s) > len(suffix) && strings.HasSuffix(s, suffix) {
			return true
		}
	}
	return false
}

// webIdentityProviders are the web identity providers a trust policy's
// Federated element names without an ARN (Amazon Cognito's has the form of
// a service principal).
var webIdentityProviders = map[string]bool{
	"accounts.google.com": true, "graph.facebook.com": true, "www.amazon.com": true, "appleid.apple.com": true,
}

// isCanonicalUser reports whether s is an S3 canonical user id (64 hex
// digits).
func isCanonicalUser(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// hasAccount reports whether the account is in the database.
func (e *Engine) hasAccount(id string) bool {
	_, ok := e.accounts[id]
	return ok
}

// resolveAny finds the principal of a request: one of the database (see
// resolve) or one outside it, described by a fresh entity.
func (e *Engine) resolveAny(arn string, p *reqPrincipal) bool {
	return e.resolve(arn, p) || e.resolveOutside(arn, p)
}

// resolveOutside describes a principal outside the database.
func (e *Engine) resolveOutside(arn string, p *reqPrincipal) bool {
	ent, roleARN, session, ok := e.external(arn)
	if !ok {
		return false
	}
	*p = reqPrincipal{ent: ent, arn: arn, roleARN: roleARN, session: session}
	return true
}

// external describes a principal that is not in the database, or reports
// that arn names none AWS could send: a user, role or session of an account
// the database holds but that it does not list is a mistake, not an
// outsider.
func (e *Engine) external(arn string) (ent *entity, roleARN, session string, ok bool) {
	switch {
	case arn == "*":
		ent = &entity{kind: entAnon, arn: arn, external: true}
		ent.facts = []ContextValue{{Key: "aws:PrincipalType", Values: []string{"Anonymous"}}}
		return ent, "", "", true
	case IsServicePrincipal(arn):
		ent = &entity{kind: entService, arn: arn, external: true}
		ent.facts = []ContextValue{
			{Key: "aws:PrincipalServiceName", Values: []string{arn}},
			{Key: "aws:PrincipalIsAWSService", Values: []string{"true"}},
		}
		return ent, "", "", true
	case webIdentityProviders[arn] || isCanonicalUser(arn):
		// Named by a Federated or CanonicalUser element: matched as a
		// string, with no identity side.
		return &entity{kind: entService, arn: arn, external: true}, "", "", true
	}
	id, err := model.ParseIAMARN(arn)
	if err == nil && (id.Type == "saml-provider" || id.Type == "oidc-provider") {
		return &entity{kind: entService, arn: arn, external: true}, "", "", true
	}
	if err != nil || !isAccountID(id.AccountID) || e.hasAccount(id.AccountID) {
		return nil, "", "", false
	}
	ent = &entity{arn: arn, account: id.AccountID, external: true}
	switch id.Type {
	case "root":
		ent.kind = entAccount
		ent.facts = principalFacts(entRoot, arn, id.AccountID, "", id.AccountID, nil)
	case "user":
		ent.kind = entUser
		ent.facts = principalFacts(entUser, arn, "", id.Name, id.AccountID, nil)
		ent.facts = dropFact(ent.facts, "aws:userid") // the unique id is not known
	case "role":
		ent.kind, roleARN = entRole, arn
		ent.facts = principalFacts(entRole, arn, "", "", id.AccountID, nil)
	case "assumed-role":
		// The session ARN drops the role's path: the role's ARN is taken
		// to have none.
		ent.kind, session = entRole, id.Session
		roleARN = model.RoleARN(id.AccountID, "/", id.Name)
		ent.arn = roleARN
		ent.facts = principalFacts(entRole, roleARN, "", "", id.AccountID, nil)
	default:
		return nil, "", "", false
	}
	return ent, roleARN, session, true
}

func dropFact(facts []ContextValue, key string) []ContextValue {
	out := facts[:0]
	for _, f := range facts {
		if f.Key != key {
			out = append(out, f)
		}
	}
	return out
}

// principalKind says what the resolved principal is.
func principalKind(p *reqPrincipal) PrincipalKind {
	switch p.ent.kind {
	case entUser:
		return PrincipalUser
	case entRole:
		if p.session != "" {
			return PrincipalRoleSession
		}
		return PrincipalRole
	case entRoot:
		return PrincipalRoot
	case entAccount:
		return PrincipalAccount
	case entService:
		return PrincipalService
	case entAnon:
		return PrincipalAnonymous
	}
	return PrincipalUnknown
}
