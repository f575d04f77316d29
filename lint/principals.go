package lint

import (
	"fmt"
	"regexp"
	"strings"

	"iamtui/model/policy"
)

var (
	servicePrincipalRe = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*(\.[a-z0-9-]+)+$`)
	uniqueIDRe         = regexp.MustCompile(`^(AIDA|AROA|AGPA|AIPA|ANPA|ANVA|ASIA|AKIA)[A-Z0-9]{12,124}$`)
	canonicalUserRe    = regexp.MustCompile(`^[0-9a-f]{64}$`)
	iamPrincipalRe     = regexp.MustCompile(`^(root|user/.+|role/.+|federated-user/.+)$`)
	stsPrincipalRe     = regexp.MustCompile(`^(assumed-role/[^/]+/.+|federated-user/.+)$`)
)

// webIdentityProviders are the Federated principals that are not ARNs.
var webIdentityProviders = map[string]bool{
	"cognito-identity.amazonaws.com": true, "accounts.google.com": true,
	"graph.facebook.com": true, "www.amazon.com": true,
}

const githubOIDC = "token.actions.githubusercontent.com"

// principals checks Principal and NotPrincipal.
func (r *run) principals(st *policy.Statement) {
	trust := r.opts.ResourceType == trustPolicyResourceTyp
	if st.NotPrincipal != nil && st.Effect == policy.Allow {
		r.add("ALLOW_WITH_NOTPRINCIPAL", st, st.NotPrincipal.KeyPos, policy.Pos{},
			"Allow with NotPrincipal grants access to everyone but the listed principals, anonymous users included", "")
	}
	for _, p := range []*policy.Principal{st.Principal, st.NotPrincipal} {
		if p == nil {
			continue
		}
		r.awsPrincipals(st, p.AWS, trust)
		if p.Service != nil {
			for _, v := range p.Service.Values {
				switch {
				case v.S == "*" || hasWild(v.S):
					r.addValue(wildcardCode(trust), st, v, fmt.Sprintf("service principals cannot use wildcards (%q)", v.S), "")
				case !servicePrincipalRe.MatchString(v.S):
					r.addValue("INVALID_SERVICE_PRINCIPAL_FORMAT", st, v, fmt.Sprintf("%q is not a service principal such as ec2.amazonaws.com", v.S), strings.ToLower(v.S))
				}
			}
		}
		if p.CanonicalUser != nil {
			for _, v := range p.CanonicalUser.Values {
				if !canonicalUserRe.MatchString(v.S) {
					r.addValue("INVALID_PRINCIPAL_FORMAT", st, v, fmt.Sprintf("%q is not a canonical user id (64 hex digits)", v.S), "")
				}
			}
		}
		if p.Federated != nil {
			if !trust && r.kind != policy.AnyKind {
				r.add("FEDERATED_PRINCIPAL_NOT_SUPPORTED", st, p.Federated.KeyPos, policy.Pos{}, "only role trust policies can name Federated principals", "")
			} else {
				r.federated(st, p.Federated)
			}
		}
	}
	if st.Principal != nil && st.Effect == policy.Allow {
		r.servicePrincipal(st, st.Principal, trust)
	}
}

func wildcardCode(trust bool) string {
	if trust {
		return "ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL"
	}
	return "UNSUPPORTED_WILDCARD_IN_PRINCIPAL"
}

func (r *run) awsPrincipals(st *policy.Statement, l *policy.List, trust bool) {
	if l == nil {
		return
	}
	roles := map[string]bool{} // "account/name" of roles, for redundant sessions
	for _, v := range l.Values {
		s := v.S
		if s == "*" || accountRe.MatchString(s) || uniqueIDRe.MatchString(s) {
			continue
		}
		if hasWild(s) {
			r.addValue(wildcardCode(trust), st, v, fmt.Sprintf("%q: principals cannot use partial wildcards; use \"*\" with a condition on aws:PrincipalArn", s), "")
			continue
		}
		f := strings.SplitN(s, ":", 6)
		ok := len(f) == 6 && f[0] == "arn" && partitions[f[1]] && f[3] == "" && accountRe.MatchString(f[4])
		if ok {
			switch f[2] {
			case "iam":
				ok = iamPrincipalRe.MatchString(f[5])
				if strings.HasPrefix(f[5], "role/") {
					i := strings.LastIndexByte(f[5], '/')
					roles[f[4]+"/"+f[5][i+1:]] = true
				}
			case "sts":
				ok = stsPrincipalRe.MatchString(f[5])
			default:
				ok = false
			}
		}
		if !ok {
			r.addValue("INVALID_PRINCIPAL_FORMAT", st, v, fmt.Sprintf("%q is not a principal: use an account id, arn:aws:iam::ACCOUNT:root, or a user or role ARN", s), "")
		}
	}
	if !trust {
		return
	}
	for _, v := range l.Values {
		f := strings.SplitN(v.S, ":", 6)
		if len(f) == 6 && f[2] == "sts" && strings.HasPrefix(f[5], "assumed-role/") {
			role := strings.SplitN(strings.TrimPrefix(f[5], "assumed-role/"), "/", 2)[0]
			if roles[f[4]+"/"+role] {
				r.addValue("REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY", st, v,
					fmt.Sprintf("the session %s is already covered by its role %s", v.S, role), "")
			}
		}
	}
}

// federated checks a trust policy's identity providers, the actions they
// use, and that OIDC tokens are scoped by a claim.
func (r *run) federated(st *policy.Statement, l *policy.List) {
	keys := map[string][]*policy.Condition{}
	for _, c := range st.Conditions {
		k := strings.ToLower(c.Key)
		keys[k] = append(keys[k], c)
	}
	for _, v := range l.Values {
		s := v.S
		var host string
		saml := false
		switch {
		case webIdentityProviders[s]:
			host = s
		case strings.HasPrefix(s, "arn:"):
			f := strings.SplitN(s, ":", 6)
			if len(f) == 6 && f[2] == "iam" && accountRe.MatchString(f[4]) {
				switch {
				case strings.HasPrefix(f[5], "saml-provider/") && len(f[5]) > len("saml-provider/"):
					saml = true
				case strings.HasPrefix(f[5], "oidc-provider/") && len(f[5]) > len("oidc-provider/"):
					host = strings.TrimPrefix(f[5], "oidc-provider/")
				}
			}
		}
		if host == "" && !saml {
			r.addValue("INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY", st, v,
				fmt.Sprintf("%q is not an identity provider: use a SAML or OIDC provider ARN or a web identity provider's host", s), "")
			continue
		}
		want := "sts:AssumeRoleWithWebIdentity"
		if saml {
			want = "sts:AssumeRoleWithSAML"
		}
		if st.Action != nil {
			for _, a := range st.Action.Values {
				la := strings.ToLower(a.S)
				if strings.HasPrefix(la, "sts:assumerole") && !strings.EqualFold(a.S, want) && !hasWild(a.S) {
					r.addValue("MISMATCHED_ACTION_FOR_PRINCIPAL", st, a, fmt.Sprintf("%s is not how %s assumes a role: use %s", a.S, s, want), want)
				}
			}
		}
		if saml || st.Effect != policy.Allow {
			continue
		}
		h := strings.ToLower(host)
		if h == githubOIDC {
			subs := keys[h+":sub"]
			if len(subs) == 0 {
				r.addValue("MISSING_GITHUB_REPO_CONDITION_KEY", st, v,
					"any GitHub repository's workflow can assume this role: add a condition on token.actions.githubusercontent.com:sub (repo:ORG/REPO:ref:refs/heads/BRANCH)", "")
			}
			for _, c := range subs {
				for _, cv := range c.Values {
					if hasWild(cv.S) {
						r.addValue("SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED", st, cv,
							fmt.Sprintf("%q lets several repositories or branches assume the role: name one repository and branch", cv.S), "")
					}
				}
			}
			continue
		}
		if len(keys[h+":aud"]) == 0 && len(keys[h+":sub"]) == 0 && len(keys[h+":oaud"]) == 0 {
			r.addValue("MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL", st, v,
				fmt.Sprintf("anyone with a token from %s can assume this role: add a condition on %s:aud or %s:sub", host, host, host), "")
		}
	}
}

// principalKeys do not exist in requests made by AWS services.
var principalKeys = map[string]bool{
	"aws:principalarn": true, "aws:principalaccount": true, "aws:principalorgid": true,
	"aws:principalorgpaths": true, "aws:principaltype": true, "aws:userid": true, "aws:username": true,
	"aws:principalisawsservice": false,
}

var sourceKeys = map[string]bool{
	"aws:sourcearn": true, "aws:sourceaccount": true, "aws:sourceorgid": true, "aws:sourceorgpaths": true,
}

// servicePrincipal checks grants to AWS services: principal keys never
// match them, and without source keys any customer's resource can use the
// grant (the confused deputy).
func (r *run) servicePrincipal(st *policy.Statement, p *policy.Principal, trust bool) {
	if p.Service == nil || p.Wildcard || p.AWS != nil || p.Federated != nil || p.CanonicalUser != nil {
		return
	}
	for _, v := range p.Service.Values {
		if strings.EqualFold(v.S, "rolesanywhere.amazonaws.com") && trust {
			r.rolesAnywhere(st)
		}
	}
	scoped := false
	for _, c := range st.Conditions {
		k := strings.ToLower(c.Key)
		if strings.HasPrefix(k, "aws:principaltag/") || principalKeys[k] {
			r.add("UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL", st, c.KeyPos, policy.Pos{},
				fmt.Sprintf("%s is not in requests from service principals: the condition never matches", c.Key), "")
		}
		scoped = scoped || sourceKeys[k]
	}
	if scoped || r.kind == policy.AnyKind {
		return
	}
	code, at := "RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL", p.Service.Values[0]
	if trust {
		code = "RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL"
	} else if r.opts.PolicyType != ResourcePolicy {
		return
	}
	r.addValue(code, st, at, fmt.Sprintf("the grant to %s is not limited to your resources: add aws:SourceArn, aws:SourceAccount or aws:SourceOrgID", at.S), "")
}

// rolesAnywhere checks that a Roles Anywhere trust statement allows the
// three actions the service needs.
func (r *run) rolesAnywhere(st *policy.Statement) {
	if st.Action == nil {
		return
	}
	var missing []string
	for _, need := range []string{"sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"} {
		found := false
		for _, v := range st.Action.Values {
			found = found || globFold(v.S, need)
		}
		if !found {
			missing = append(missing, need)
		}
	}
	if len(missing) > 0 {
		r.add("MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY", st, st.Action.KeyPos, policy.Pos{},
			fmt.Sprintf("IAM Roles Anywhere also needs %s", strings.Join(missing, ", ")), "")
	}
}
