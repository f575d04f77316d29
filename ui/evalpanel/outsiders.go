package evalpanel

import (
	"strings"

	"iamtui/evaluator"
	"iamtui/model"
	"iamtui/model/policy"
)

// Outsider is a principal outside the database that a policy names: an
// account id or root ARN, a user, role or session of an account the
// database does not hold, a service principal, a provider, or "*". The
// principal field offers them after the users and roles, since the
// evaluator answers for them too (on the resource side).
type Outsider struct {
	Principal string // as the policy spells it
	About     string // what it is and where it was found, for the suggestion
}

// OutsidersOf lists, once each and in the order found, the principals
// outside w that the trust policies of its roles and its resource policies
// name. Principals of accounts w holds are left out: they are users and
// roles already, or mistakes.
func OutsidersOf(w *model.World) []Outsider {
	if w == nil {
		return nil
	}
	inside := make(map[string]bool, len(w.Accounts))
	for _, a := range w.Accounts {
		inside[a.ID] = true
	}
	var out []Outsider
	seen := map[string]bool{}
	add := func(doc *policy.Document, where string) {
		if doc == nil {
			return
		}
		for _, st := range doc.Statements {
			p := st.Principal
			if p == nil {
				continue
			}
			if p.Wildcard && !seen["*"] {
				seen["*"] = true
				out = append(out, Outsider{Principal: "*", About: "anyone (public) · " + where})
			}
			for _, l := range []struct {
				list *policy.List
				kind string
			}{{p.AWS, "AWS"}, {p.Service, "Service"}, {p.Federated, "Federated"}, {p.CanonicalUser, "CanonicalUser"}} {
				for _, v := range l.list.Strings() {
					v = strings.TrimSpace(v)
					if v == "" || seen[v] {
						continue
					}
					what, ok := outsiderKind(v, l.kind, inside)
					if !ok {
						continue
					}
					seen[v] = true
					out = append(out, Outsider{Principal: v, About: what + " · " + where})
				}
			}
		}
	}
	for _, a := range w.Accounts {
		for _, r := range a.Roles {
			add(r.TrustPolicy, "trust of "+r.Name)
		}
	}
	for _, rp := range w.ResourcePolicies {
		add(rp.Document, "policy of "+lastSegment(rp.ResourceARN))
	}
	return out
}

// outsiderKind says what a principal named in a policy is, and whether it
// is outside the accounts held.
func outsiderKind(v, element string, inside map[string]bool) (string, bool) {
	switch {
	case v == "*":
		return "anyone (public)", true
	case element == "Service":
		return "service", true
	case element == "Federated":
		return "identity provider", true
	case element == "CanonicalUser":
		return "S3 canonical user", true
	case isAccountID(v):
		return "account", !inside[v]
	}
	id, err := model.ParseIAMARN(v)
	if err != nil || inside[id.AccountID] || !isAccountID(id.AccountID) {
		return "", false
	}
	switch id.Type {
	case "root":
		return "account", true
	case "user", "role":
		return id.Type + " of " + id.AccountID, true
	case "assumed-role":
		return "session of " + id.AccountID, true
	}
	return "", false
}

func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// lastSegment shortens a resource ARN for a suggestion's detail.
func lastSegment(arn string) string {
	if parts := strings.SplitN(arn, ":", 6); len(parts) == 6 {
		return parts[5]
	}
	return arn
}

// outsiderText says what a principal outside the database stands for, in
// the CLI's words.
func outsiderText(res *evaluator.Result) string {
	switch res.PrincipalKind {
	case evaluator.PrincipalAccount:
		return "any principal of account " + res.PrincipalAccount + " that its own IAM policies allow"
	case evaluator.PrincipalService:
		if evaluator.IsServicePrincipal(res.PrincipalARN) {
			return "an AWS service: only a resource-based policy can allow it"
		}
		return "an identity provider or canonical user: only a resource-based policy can allow it"
	case evaluator.PrincipalAnonymous:
		return "anyone: an anonymous (unauthenticated) request"
	}
	return "a " + res.PrincipalKind.String() + " of account " + res.PrincipalAccount + ", which is not in the database"
}
