// Package evaluator answers, offline and as AWS would, whether a principal
// may perform an action on a resource: allowed, explicitDeny or
// implicitDeny, with the statements that decided, where they are written,
// and why every other statement did not apply.
//
// # Using it
//
//	eng, err := evaluator.Compile(world)   // once per loaded world; immutable
//	var res evaluator.Result               // reuse it: Evaluate recycles its slices
//	err = eng.Evaluate(&evaluator.Request{
//		Principal: "arn:aws:iam::111122223333:user/alice",
//		Action:    "s3:GetObject",
//		Resource:  "arn:aws:s3:::reports/2026/q1.csv",
//		Context:   []evaluator.ContextValue{{Key: "aws:MultiFactorAuthPresent", Values: []string{"true"}}},
//	}, &res)
//	res.Decision            // evaluator.Allowed; res.Decision.String() == "allowed"
//	res.Step                // the flowchart step that decided
//	res.Matched             // the deciding statements (see Result)
//	exp, _ := eng.Explain(req) // slow path: every statement, element by element
//	buf = evaluator.AppendJSON(buf[:0], req, &res, exp) // AWS simulate-principal-policy dialect
//
// For people, outputs use the evaluator's words so that the CLI and the UI
// agree: res.Reason() says why ("the permissions boundary does not allow
// it"; banners write "implicit deny: " + Reason()), m.Label() names a
// statement ("statement 2 (CookInTheKitchen)", counted from 1; JSON keeps
// AWS's 0-based StatementIndex), RootUserRule explains the root user,
// DescribeCondition writes a condition ("sts:ExternalId = …"), and
// RequestWarnings(cat, req) checks the request against the catalog (an
// action AWS does not have, with the nearest one; a context key that is no
// condition key; a value of the wrong type). WhoCanReport is who-can's
// full answer (WhoCan its users and roles alone).
//
// An *Engine is safe for concurrent use; a Result is not (one per
// goroutine). Evaluate does not allocate for users and roles evaluated
// without a session policy once the Result's slices have grown. Compile
// again after the world changes: an Engine never sees later edits.
//
// Principals: an IAM user ARN, a role ARN (evaluated as a session of the
// role whose session name is unknown), an assumed-role session ARN
// arn:aws:sts::ACCT:assumed-role/ROLE/SESSION (the role's policies and
// boundary, plus Request.SessionPolicy), or an account root ARN
// (arn:aws:iam::ACCT:root: everything in its own account, subject to
// resource-policy denies and SCPs, but never sts:AssumeRole).
// ResolvePrincipal turns a user or role name, or an account id, into its
// ARN.
//
// Principals outside the database are evaluated too: a user, role, role
// session or root ARN of an account the database does not hold (the root
// ARN, or the bare account id, standing for any principal of that account
// its own IAM policies allow), an AWS service principal
// (ec2.amazonaws.com) or a provider a Federated element names, and "*"
// (anonymous). The resource side — resource, trust or key policy, the
// owner's RCPs, SCPs where the organization tree places the account — is
// evaluated exactly; the principal's own identity-based policies are not
// in the database and are taken to allow: Result.External,
// Result.PrincipalKind and Result.IdentitySideUnknown say so. A service or
// anonymous principal has no identity side: only a resource-based policy
// can allow it. WhoCanReport lists such principals that a resource's
// policy grants, with the conditions that must hold.
//
// # Semantics (AWS's "Policy evaluation logic", in order)
//
//  1. An explicit Deny in any applicable policy (identity, boundary, session,
//     resource-based or trust, SCP, RCP) decides: explicitDeny, and only the
//     denies are matched. Step = StepExplicitDeny.
//  2. SCPs of the principal's account: every level from the root down to
//     the account must have an Allow (OR within a level, AND across levels);
//     a node with no SCP attached has AWS's FullAWSAccess. Otherwise
//     implicitDeny at StepSCP. RCPs of the resource owner's account likewise
//     (default RCPFullAWSAccess), at StepRCP.
//  3. Resource-based policy (the policy stored under the resource's ARN, the
//     bucket's for an S3 object, the role's trust policy for sts:AssumeRole*
//     and friends): in the same account a grant to the exact principal (user
//     ARN, session ARN, or "*") allows on its own (StepResourcePolicy); a
//     grant to the role's ARN allows if the role's boundary and the session
//     policy also allow; a grant to the account (its id or root ARN)
//     delegates to the account's IAM policies. Across accounts both sides
//     must allow. Trust policies and KMS key policies must allow even within
//     one account.
//  4. Identity-based policies: user inline and attached, each group's inline
//     and attached; role inline and attached (StepIdentityPolicy).
//  5. Permissions boundary (StepBoundary) and 6. session policy
//     (StepSessionPolicy) must also allow what identity policies allow.
//  7. Otherwise implicitDeny (StepImplicitDeny).
//
// Matching: actions case-insensitively with * and ?; resource ARNs
// case-sensitively, the first five colon-separated parts (arn, partition,
// service, region, account) each on its own and the resource part with
// wildcards that cross ':' and '/'; a pattern of fewer than six parts
// ("arn:aws:*") matches no ARN, only a request resource that is not an ARN
// either (the resource "*" is matched by the pattern "*" alone). Policy
// variables (${aws:username}, ${aws:PrincipalTag/k}, ${*}, ${?}, ${$},
// ${key, 'default'}) are substituted under Version 2012-10-17 only, in the
// resource part of Resource ARNs (after the fifth colon) and in the values
// of String and Arn conditions (elsewhere they are literal text); a
// substituted value is literal text (a '*' in a tag value is not a
// wildcard); a variable with no value is "effectively null": a condition
// value holding it equals nothing (so StringNotEquals matches it), and a
// Resource or NotResource entry holding it matches no resource. Conditions: AND across operators
// and keys, OR across values; every operator, ...IfExists, ForAllValues:
// (true on a missing key or empty set) and ForAnyValue: (false on a missing
// key); a negated operator (StringNotEquals, NotIpAddress, ArnNotLike...)
// matches a missing key; a request value that cannot be read as the
// operator's type (a number, a date, an IP address, base64) matches neither
// the operator nor its negation; condition keys compare case-insensitively.
//
// Request context: the caller's keys always win; then the principal's facts
// (aws:username for users, aws:userid, aws:PrincipalArn, aws:PrincipalAccount,
// aws:PrincipalType, aws:PrincipalTag/*); environment keys (aws:CurrentTime,
// aws:SourceIp, aws:MultiFactorAuthPresent...) are absent unless given (see
// TimeContext), and every key a relevant statement reads that the request
// lacks is listed in Result.MissingContextValues.
//
// Decisions where AWS is silent or vague are listed in DECISIONS.md beside
// this file.
package evaluator

import (
	"strconv"

	"iamtui/model/policy"
)

// Decision is the outcome of an evaluation.
type Decision uint8

const (
	ImplicitDeny Decision = iota
	Allowed
	ExplicitDeny
)

// String returns AWS's spelling: "allowed", "explicitDeny", "implicitDeny".
func (d Decision) String() string {
	switch d {
	case Allowed:
		return "allowed"
	case ExplicitDeny:
		return "explicitDeny"
	}
	return "implicitDeny"
}

// Step is the step of AWS's evaluation flowchart that decided.
type Step uint8

const (
	StepNone           Step = iota
	StepExplicitDeny        // a Deny matched somewhere
	StepSCP                 // a service control policy level had no Allow
	StepRCP                 // a resource control policy level had no Allow
	StepResourcePolicy      // the resource-based (or trust) policy allowed, or was needed and did not
	StepIdentityPolicy      // identity-based policies allowed, or were needed and did not
	StepBoundary            // the permissions boundary did not allow
	StepSessionPolicy       // the session policy did not allow
	StepImplicitDeny        // nothing allowed
	// StepRootUser: AWS refuses the request for what the principal is
	// before any policy: the account's root user cannot call
	// sts:AssumeRole (AWS STS API Reference, AssumeRole).
	StepRootUser
)

func (s Step) String() string {
	switch s {
	case StepExplicitDeny:
		return "explicit deny"
	case StepSCP:
		return "service control policy"
	case StepRCP:
		return "resource control policy"
	case StepResourcePolicy:
		return "resource-based policy"
	case StepIdentityPolicy:
		return "identity-based policy"
	case StepBoundary:
		return "permissions boundary"
	case StepSessionPolicy:
		return "session policy"
	case StepImplicitDeny:
		return "implicit deny"
	case StepRootUser:
		return "root user"
	}
	return "none"
}

// PolicyType says where a statement comes from.
type PolicyType uint8

const (
	UserInline PolicyType = iota + 1
	GroupInline
	RoleInline
	CustomerManaged
	AWSManaged
	ResourceBased
	Trust
	Boundary
	Session
	SCP
	RCP
)

// SourcePolicyType is the value of AWS's SourcePolicyType field: "user",
// "group", "role", "user-managed", "aws-managed", "resource"; ours for the
// rest: "permissions-boundary", "session", "scp", "rcp". A trust policy is
// "resource", as AWS treats it.
func (t PolicyType) SourcePolicyType() string {
	switch t {
	case UserInline:
		return "user"
	case GroupInline:
		return "group"
	case RoleInline:
		return "role"
	case CustomerManaged:
		return "user-managed"
	case AWSManaged:
		return "aws-managed"
	case ResourceBased, Trust:
		return "resource"
	case Boundary:
		return "permissions-boundary"
	case Session:
		return "session"
	case SCP:
		return "scp"
	case RCP:
		return "rcp"
	}
	return "none"
}

// String is for people: "user inline policy", "trust policy"...
func (t PolicyType) String() string {
	switch t {
	case UserInline:
		return "user inline policy"
	case GroupInline:
		return "group inline policy"
	case RoleInline:
		return "role inline policy"
	case CustomerManaged:
		return "customer managed policy"
	case AWSManaged:
		return "AWS managed policy"
	case ResourceBased:
		return "resource-based policy"
	case Trust:
		return "trust policy"
	case Boundary:
		return "permissions boundary"
	case Session:
		return "session policy"
	case SCP:
		return "service control policy"
	case RCP:
		return "resource control policy"
	}
	return "policy"
}

// ContextValue is one request-context key with its values (more than one
// for a multi-valued key such as aws:TagKeys). Keys compare ignoring case.
type ContextValue struct {
	Key    string
	Values []string
}

// Request is one question.
type Request struct {
	// Principal is an ARN: user, role, assumed-role session or account root.
	Principal string
	Action    string // "service:Operation", any case
	Resource  string // an ARN, or "*" for actions without a resource
	Context   []ContextValue
	// SessionPolicy, when set, limits the session (AssumeRole's Policy).
	SessionPolicy *policy.Document
	// ResourceOwner is the account owning Resource when neither a stored
	// resource policy nor the ARN says (S3); "" means the principal's account.
	ResourceOwner string
}

// MatchedStatement identifies one statement that took part in a decision.
type MatchedStatement struct {
	// PolicyID is unique in the world: a managed policy's ARN; for inline
	// policies "user/NAME/POLICY", "group/NAME/POLICY", "role/NAME/POLICY"
	// (with the account, "ACCT:user/NAME/POLICY"); a resource policy's
	// resource ARN; "session-policy"; an organization policy's
	// "TARGET/scp/NAME".
	PolicyID string
	// PolicyName is the policy's name; for a resource-based policy the ARN
	// of its resource; for a trust policy the role's ARN.
	PolicyName string
	PolicyType PolicyType
	Sid        string
	Index      int // 0-based within the policy
	Effect     policy.Effect
	Start, End policy.Pos // the statement's braces
	Document   *policy.Document
	Statement  *policy.Statement
}

// BoundaryDetail is AWS's PermissionsBoundaryDecisionDetail.
type BoundaryDetail struct {
	Applies bool // the principal has a boundary and it took part
	Allowed bool // AllowedByPermissionsBoundary
}

// OrgDetail is AWS's OrganizationsDecisionDetail.
type OrgDetail struct {
	Applies bool // an SCP or RCP other than the full-access defaults was considered
	Allowed bool // AllowedByOrganizations
}

// Result is the answer to a Request. Reuse one per goroutine: Evaluate
// overwrites every field and recycles the slices' storage.
type Result struct {
	Decision Decision
	Step     Step
	// Matched: for explicitDeny the matching denies; for allowed the allows
	// that were needed (identity, resource, boundary, session); empty for
	// implicitDeny (see Explain for the near misses).
	Matched []MatchedStatement
	// MissingContextValues lists condition keys (as the policy spells them)
	// that statements matching the action and resource read and the request
	// did not supply.
	MissingContextValues []string
	Boundary             BoundaryDetail
	Org                  OrgDetail
	// PrincipalARN is the principal as resolved; ResourceOwner the account
	// owning the resource; CrossAccount whether they differ.
	PrincipalARN  string
	ResourceOwner string
	CrossAccount  bool
	// PrincipalAccount is the principal's account ("" for a service
	// principal or anonymous).
	PrincipalAccount string
	// IdentityDecision and ResourceDecision are each side's own decision,
	// for AWS's EvalDecisionDetails ("IAM Policy", "Resource Policy").
	IdentityDecision Decision
	// IdentityPoliciesAllow reports whether the identity-based policies by
	// themselves allow (before a permissions boundary or session policy
	// limits them): the flowchart's identity step, so that "the boundary
	// denied what the identity policy allowed" reads as such.
	IdentityPoliciesAllow bool
	ResourceDecision      Decision
	// HasResourcePolicy reports whether a resource-based policy was found.
	HasResourcePolicy bool
	// PrincipalKind says what the principal is (user, role, role session,
	// root user; outside the database: account, service, anonymous).
	PrincipalKind PrincipalKind
	// External reports a principal that is not in the database: a user,
	// role, session or account of an account the database does not hold,
	// an AWS service principal, or anonymous ("*").
	External bool
	// IdentitySideUnknown reports that the principal's own account is not
	// in the database, so its identity-based policies (and any permissions
	// boundary) could not be evaluated. The decision takes them to allow
	// the request and to deny nothing: Allowed then means "allowed by the
	// resource side (resource, trust or key policy, RCPs and known SCPs),
	// provided the principal's own account allows it too" — AWS's
	// simulator would need that account's policies.
	IdentitySideUnknown bool

	// own is the kind of resource policy AWS requires even within one
	// account (for Reason): ownTrust, ownKey, or 0.
	own     uint8
	scratch scratch
}

const (
	ownTrust = 1 + iota
	ownKey
)

// Reason says for people why the decision was made, in the words of the
// step that decided: "the permissions boundary does not allow it", "an SCP
// does not allow it", "no policy allows it", "a Deny statement applies"...
// Outputs write it after the decision: "implicit deny: " + Reason().
func (r *Result) Reason() string {
	switch r.Decision {
	case ExplicitDeny:
		if len(r.Matched) > 0 {
			return "a Deny statement in the " + r.Matched[0].PolicyType.String() + " applies"
		}
		return "a Deny statement applies"
	case Allowed:
		switch {
		case r.PrincipalKind == PrincipalRoot && len(r.Matched) == 0:
			return RootUserRule
		case r.Step == StepResourcePolicy && r.IdentitySideUnknown:
			return "the resource side allows it; the principal's own account must allow it too"
		case r.Step == StepResourcePolicy:
			return "the resource-based policy allows it"
		}
		return "an identity-based policy allows it"
	}
	switch r.Step {
	case StepSCP:
		return "an SCP does not allow it"
	case StepRCP:
		return "an RCP does not allow it"
	case StepBoundary:
		return "the permissions boundary does not allow it"
	case StepSessionPolicy:
		return "the session policy does not allow it"
	case StepRootUser:
		return "the root user cannot call sts:AssumeRole (AWS refuses the root user's credentials)"
	case StepResourcePolicy:
		switch {
		case r.PrincipalKind == PrincipalService || r.PrincipalKind == PrincipalAnonymous:
			return "no resource-based policy allows it, and nothing else can for this principal"
		case r.own == ownTrust && !r.CrossAccount:
			return "the role's trust policy does not allow it"
		case r.own == ownKey && !r.CrossAccount:
			return "the key policy does not allow it"
		case !r.HasResourcePolicy:
			return "the resource has no resource-based policy, and across accounts one must allow it"
		}
		return "the resource-based policy does not allow it (needed across accounts)"
	case StepIdentityPolicy, StepImplicitDeny:
		switch {
		case r.CrossAccount && r.Step == StepIdentityPolicy:
			return "no identity-based policy allows it (across accounts the principal's own policies must allow it as well as the resource's)"
		case r.ResourceDecision == Allowed:
			return "no identity-based policy allows it (the resource's policy grants it to the account, which leaves it to its IAM policies)"
		case r.Step == StepIdentityPolicy:
			return "no identity-based policy allows it"
		}
	}
	return "no policy allows it"
}

// RootUserRule is why the account's root user is allowed.
const RootUserRule = "the account's root user is allowed everything not denied by an explicit Deny, an SCP or RCP, or a resource policy"

// PrincipalInfo describes a user or role for completion and who-can.
type PrincipalInfo struct {
	ARN       string
	Name      string
	Kind      string // "user" or "role"
	AccountID string
}

// WhoCanEntry is one principal allowed by WhoCan, with the statements that
// allowed it.
type WhoCanEntry struct {
	Principal PrincipalInfo
	Step      Step
	Matched   []MatchedStatement
}

// Explanation is the slow path's account of a decision: every statement
// considered, element by element, with the values compared.
type Explanation struct {
	// Result is the decision; its slices belong to the Explanation.
	Result Result
	// Statements holds every statement of every policy that applies to the
	// principal and resource, in evaluation order.
	Statements []StatementTrace
	// Nearest, for an implicitDeny, lists the Allow statements that came
	// closest (most elements matched first), each with the element that
	// failed, from the policies that decided: the boundary's for a
	// boundary denial, the SCPs' for an SCP denial, the resource policy's
	// when it was needed, and so on (any policy's when nothing allowed).
	Nearest []StatementTrace
	// Overridden, for an explicitDeny, lists the Allow statements of
	// identity-based and resource-based policies that matched the request
	// and would have allowed it had no Deny applied: what the Deny took
	// away, which AWS's simulator does not show.
	Overridden []StatementTrace
	// Summary is one paragraph for people.
	Summary string
	// Warnings: what in the request will not do what its author expects —
	// an action AWS does not have, a context key that is not a condition
	// key, a value of the wrong type (RequestWarnings). Explain has no
	// catalog and leaves it empty; callers that have one fill it, and
	// AppendJSON writes it.
	Warnings []string
}

// StatementTrace is one statement's evaluation.
type StatementTrace struct {
	MatchedStatement
	Applies    bool         // every element matched
	Action     ElementTrace // Action or NotAction
	Resource   ElementTrace // Resource or NotResource (Checked false when absent)
	Principal  ElementTrace // Principal or NotPrincipal (resource, trust, RCP)
	Conditions []ConditionTrace
	// Failed names the first element that did not match, for people:
	// "condition aws:MultiFactorAuthPresent: request has false, statement wants true".
	Failed string
	// Score counts the elements that matched; higher is nearer to applying.
	Score int
}

// ElementTrace is one element's outcome.
type ElementTrace struct {
	Checked bool // the statement has the element
	Matched bool
	Detail  string // e.g. `"s3:Get*" matches "s3:GetObject"`
}

// ConditionTrace is one operator-and-key of a Condition.
type ConditionTrace struct {
	Operator      string // as written, e.g. "ForAnyValue:StringLike"
	Key           string
	PolicyValues  []string // as written
	RequestValues []string // nil when the request has no such key
	Present       bool
	Matched       bool
	Detail        string
}

// Label names the statement for people, one way everywhere: "statement 2
// (CookInTheKitchen)", numbered from 1 as people count, with the Sid when
// it has one. JSON keeps AWS's 0-based StatementIndex.
func (m *MatchedStatement) Label() string {
	return StatementLabel(m.Index, m.Sid)
}

// StatementLabel is Label for a 0-based index and a Sid.
func StatementLabel(index int, sid string) string {
	s := "statement " + strconv.Itoa(index+1)
	if sid != "" {
		s += " (" + sid + ")"
	}
	return s
}
