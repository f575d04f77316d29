package lint

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"iamtui/model"
	"iamtui/model/policy"
)

// document runs every check on a parsed document.
func (r *run) document() {
	d := r.doc
	if d.Version == "" {
		r.add("MISSING_VERSION", nil, docStart(r.text), policy.Pos{},
			`the policy has no Version: add "Version": "2012-10-17" (without it, policy variables are literal text)`, policy.Version2012)
	}
	r.size()
	r.sids()
	seen := map[string]int{}
	for _, st := range d.Statements {
		r.statement(st)
		key := canonical(st)
		if first, dup := seen[key]; dup {
			r.add("REDUNDANT_STATEMENT", st, st.Start, policy.Pos{},
				fmt.Sprintf("statement %d repeats statement %d", st.Index, first), "")
		} else {
			seen[key] = st.Index
		}
	}
}

func (r *run) statement(st *policy.Statement) {
	if st.Action != nil {
		r.actions(st, st.Action)
	}
	if st.NotAction != nil {
		r.actions(st, st.NotAction)
	}
	if st.Resource != nil {
		r.resources(st, st.Resource, false)
	}
	if st.NotResource != nil {
		r.resources(st, st.NotResource, true)
	}
	r.principals(st)
	r.conditions(st)
	r.privileged(st, "iam:PassRole", passRoleCodes, "")
	r.privileged(st, "iam:CreateServiceLinkedRole", createSLRCodes, "iam:awsservicename")
	r.orgPolicy(st)
}

// size checks the document against the quota of its policy type.
func (r *run) size() {
	if r.opts.NoSizeQuota {
		return
	}
	var code string
	var n, max int
	switch {
	case r.opts.PolicyType == ServiceControlPolicy || r.opts.PolicyType == ResourceControlPolicy:
		// Organizations counts every character, white space included.
		code, n, max = "POLICY_SIZE_EXCEEDS_SCP_QUOTA", utf8.RuneCountInString(r.text), maxSCPChars
	case r.opts.ResourceType == trustPolicyResourceTyp:
		code, n, max = "POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA", model.PolicyChars(r.text), model.MaxTrustPolicyChars
	case r.opts.PolicyType == IdentityPolicy:
		code, n, max = "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA", model.PolicyChars(r.text), model.MaxManagedPolicyChars
	case r.opts.PolicyType == ResourcePolicy:
		q, ok := resourcePolicyQuota[r.opts.ResourceType]
		if !ok {
			return
		}
		code, n, max = "POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA", len(r.text), q
	default:
		return
	}
	if n > max {
		r.add(code, nil, docStart(r.text), policy.Pos{},
			fmt.Sprintf("the policy is %d characters; the quota is %d", n, max), "")
	}
}

const maxSCPChars = 5120

// resourcePolicyQuota is each service's resource policy size limit in bytes
// (from the services' quota pages), for the resource types whose policies
// iamtui stores.
var resourcePolicyQuota = map[string]int{
	"AWS::S3::Bucket":                 20 * 1024,
	"AWS::SQS::Queue":                 8 * 1024,
	"AWS::SNS::Topic":                 30 * 1024,
	"AWS::KMS::Key":                   32 * 1024,
	"AWS::SecretsManager::Secret":     20 * 1024,
	"AWS::Lambda::Function":           20 * 1024,
	"AWS::ECR::Repository":            10 * 1024,
	"AWS::Glacier::Vault":             20 * 1024,
	"AWS::EFS::FileSystem":            20 * 1024,
	"AWS::S3Express::DirectoryBucket": 20 * 1024,
}

// sids checks statement ids: unique, non-empty, and within the characters
// IAM and Organizations accept.
func (r *run) sids() {
	first := map[string]bool{}
	strict := r.opts.PolicyType == IdentityPolicy || r.opts.PolicyType == ServiceControlPolicy ||
		r.opts.PolicyType == ResourceControlPolicy || r.opts.ResourceType == trustPolicyResourceTyp
	for _, st := range r.doc.Statements {
		if !st.HasSid {
			continue
		}
		if st.Sid == "" {
			r.add("EMPTY_SID_VALUE", st, st.SidPos, policy.Pos{}, "the Sid is empty", "")
			continue
		}
		if strict && !alnum(st.Sid) {
			r.add("UNSUPPORTED_SID", st, st.SidPos, policy.Pos{},
				fmt.Sprintf("Sid %q may only use letters and digits in this policy type", st.Sid), stripNonAlnum(st.Sid))
		}
		if first[st.Sid] {
			code := "UNIQUE_SIDS_RECOMMENDED"
			if r.opts.PolicyType != IdentityPolicy && r.opts.ResourceType != trustPolicyResourceTyp {
				code = "UNIQUE_SIDS_REQUIRED"
			}
			r.add(code, st, st.SidPos, policy.Pos{}, fmt.Sprintf("Sid %q is used by an earlier statement", st.Sid), "")
		}
		first[st.Sid] = true
	}
}

func alnum(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

func stripNonAlnum(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if alnum(s[i : i+1]) {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// canonical is a statement's meaning without its Sid and layout, so two
// statements that differ only there compare equal.
func canonical(st *policy.Statement) string {
	var b strings.Builder
	b.WriteString(st.Effect.String())
	list := func(tag string, l *policy.List, fold bool) {
		if l == nil {
			return
		}
		v := l.Strings()
		if fold {
			for i := range v {
				v[i] = strings.ToLower(v[i])
			}
		}
		sort.Strings(v)
		fmt.Fprintf(&b, "|%s=%q", tag, v)
	}
	list("A", st.Action, true)
	list("NA", st.NotAction, true)
	list("R", st.Resource, false)
	list("NR", st.NotResource, false)
	principal := func(tag string, p *policy.Principal) {
		if p == nil {
			return
		}
		fmt.Fprintf(&b, "|%s=%v", tag, p.Wildcard)
		list(tag+"AWS", p.AWS, false)
		list(tag+"S", p.Service, false)
		list(tag+"F", p.Federated, false)
		list(tag+"C", p.CanonicalUser, false)
	}
	principal("P", st.Principal)
	principal("NP", st.NotPrincipal)
	conds := make([]string, 0, len(st.Conditions))
	for _, c := range st.Conditions {
		vals := make([]string, len(c.Values))
		for i, v := range c.Values {
			vals[i] = v.S
		}
		sort.Strings(vals)
		conds = append(conds, fmt.Sprintf("%s|%s|%q", strings.ToLower(c.Operator), strings.ToLower(c.Key), vals))
	}
	sort.Strings(conds)
	fmt.Fprintf(&b, "|C=%q", conds)
	return b.String()
}

// orgPolicy applies the grammar of service control policies, which is
// narrower than IAM's.
func (r *run) orgPolicy(st *policy.Statement) {
	if r.opts.PolicyType != ServiceControlPolicy {
		return
	}
	if st.NotResource != nil {
		r.add("SCP_SYNTAX_ERROR_NOTRESOURCE", st, st.NotResource.KeyPos, policy.Pos{}, "service control policies do not support NotResource", "")
	}
	if st.Effect != policy.Allow {
		return
	}
	if st.NotAction != nil {
		r.add("SCP_SYNTAX_ERROR_ALLOW_NOTACTION", st, st.NotAction.KeyPos, policy.Pos{}, "SCP Allow statements cannot use NotAction", "")
	}
	if st.Resource != nil {
		for _, v := range st.Resource.Values {
			if v.S != "*" {
				r.addValue("SCP_SYNTAX_ERROR_ALLOW_RESOURCE", st, v, fmt.Sprintf("SCP Allow statements must use Resource \"*\", not %q", v.S), "*")
			}
		}
	}
	if len(st.Conditions) > 0 {
		r.add("SCP_SYNTAX_ERROR_ALLOW_CONDITION", st, st.ConditionPos, policy.Pos{}, "SCP Allow statements cannot have a Condition", "")
	}
}

// privilegedCodes are the six codes of one "dangerous action on every
// resource" check (PassRole, CreateServiceLinkedRole).
type privilegedCodes struct {
	starResource, starActionStarResource, notResource, starActionNotResource, notActionStarResource, notActionNotResource string
}

var passRoleCodes = privilegedCodes{
	"PASS_ROLE_WITH_STAR_IN_RESOURCE", "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE",
	"PASS_ROLE_WITH_NOTRESOURCE", "PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOTRESOURCE",
	"PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOTACTION", "PASS_ROLE_WITH_NOTACTION_AND_NOTRESOURCE",
}

var createSLRCodes = privilegedCodes{
	"CREATE_SLR_WITH_STAR_IN_RESOURCE", "CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE",
	"CREATE_SLR_WITH_NOTRESOURCE", "CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOTRESOURCE",
	"CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOTACTION", "CREATE_SLR_WITH_NOTACTION_AND_NOTRESOURCE",
}

// privileged reports an Allow of action on every resource (Resource "*" or
// NotResource). exemptKey is a condition key (lower case) that scopes the
// grant well enough for AWS not to warn, "" for none.
func (r *run) privileged(st *policy.Statement, action string, codes privilegedCodes, exemptKey string) {
	if st.Effect != policy.Allow || r.opts.PolicyType != IdentityPolicy {
		return
	}
	if exemptKey != "" {
		for _, c := range st.Conditions {
			if strings.EqualFold(c.Key, exemptKey) {
				return
			}
		}
	}
	var at policy.Value
	explicit, star, notAction := false, false, false
	switch {
	case st.Action != nil:
		for _, v := range st.Action.Values {
			if strings.EqualFold(v.S, action) {
				explicit, at = true, v
				break
			}
			if !star && hasWild(v.S) && globFold(v.S, action) {
				star, at = true, v
			}
		}
	case st.NotAction != nil:
		for _, v := range st.NotAction.Values {
			if globFold(v.S, action) {
				return
			}
		}
		notAction = true
		at = policy.Value{S: "NotAction", Pos: st.NotAction.KeyPos}
	}
	if !explicit && !star && !notAction {
		return
	}
	starResource := false
	if st.Resource != nil {
		for _, v := range st.Resource.Values {
			if v.S == "*" {
				starResource = true
			}
		}
	}
	var code string
	switch {
	case starResource && explicit:
		code = codes.starResource
	case starResource && star:
		code = codes.starActionStarResource
	case starResource && notAction:
		code = codes.notActionStarResource
	case st.NotResource != nil && explicit:
		code = codes.notResource
	case st.NotResource != nil && star:
		code = codes.starActionNotResource
	case st.NotResource != nil && notAction:
		code = codes.notActionNotResource
	default:
		return
	}
	what := "every resource"
	if st.NotResource != nil {
		what = "every resource but those in NotResource"
	}
	how := action
	if star {
		how = fmt.Sprintf("%s (through %q)", action, at.S)
	} else if notAction {
		how = action + " (through NotAction)"
	}
	r.add(code, st, at.Pos, policy.Pos{}, fmt.Sprintf("the statement allows %s on %s", how, what), "")
}
