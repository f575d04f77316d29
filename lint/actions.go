package lint

import (
	"fmt"
	"strings"

	"iamtui/model/policy"
)

func hasWild(s string) bool { return strings.ContainsAny(s, "*?") }

// globFold is IAM's action matching: '*' any run, '?' one character,
// ignoring case. A pattern matched against another pattern treats the
// latter's wildcards as plain characters, which is what redundancy needs:
// "s3:*" covers "s3:Get*".
func globFold(pattern, s string) bool { return glob(pattern, s, true) }

// glob matches without backtracking blow-up: the last '*' is the only
// restart point, which is enough for '*'/'?' patterns.
func glob(p, s string, fold bool) bool {
	pi, si := 0, 0
	star, mark := -1, 0
	for si < len(s) {
		if pi < len(p) && (p[pi] == '?' || eqByte(p[pi], s[si], fold)) {
			pi++
			si++
			continue
		}
		if pi < len(p) && p[pi] == '*' {
			star, mark = pi, si
			pi++
			continue
		}
		if star >= 0 {
			pi = star + 1
			mark++
			si = mark
			continue
		}
		return false
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}

func eqByte(a, b byte, fold bool) bool {
	if a == b {
		return true
	}
	if !fold {
		return false
	}
	if 'A' <= a && a <= 'Z' {
		a += 'a' - 'A'
	}
	if 'A' <= b && b <= 'Z' {
		b += 'a' - 'A'
	}
	return a == b
}

// actions checks an Action or NotAction list: each entry names existing
// actions, and none is covered by another.
func (r *run) actions(st *policy.Statement, list *policy.List) {
	org := r.opts.PolicyType == ServiceControlPolicy || r.opts.PolicyType == ResourceControlPolicy
	for _, v := range list.Values {
		a := v.S
		if a == "*" {
			continue
		}
		if r.doc.VariablesEnabled() && strings.Contains(a, "${") {
			r.addValue("VARIABLE_UNSUPPORTED_IN_ELEMENT", st, v, fmt.Sprintf("policy variables cannot be used in actions (%q)", a), "")
			continue
		}
		svc, name, ok := strings.Cut(a, ":")
		if !ok || svc == "" || name == "" {
			sugg := ""
			if r.l.cat != nil {
				sugg, _ = r.l.cat.Nearest(a)
			}
			r.addValue("INVALID_ACTION", st, v, fmt.Sprintf("%q is not an action: actions are service:Action, e.g. s3:GetObject", a), sugg)
			continue
		}
		if org {
			if i := strings.IndexAny(a, "*?"); i >= 0 && i < len(a)-1 || strings.Contains(a, "?") {
				r.addValue("SCP_SYNTAX_ERROR_ACTION_WILDCARD", st, v, fmt.Sprintf("%q: in service control policies only a trailing * is allowed (as in s3:Get*)", a), "")
			}
		}
		if hasWild(svc) {
			r.addValue("WILDCARD_IN_SERVICE_NAME", st, v, fmt.Sprintf("the service prefix of %q has a wildcard: it grants actions of every matching service, including future ones", a), "")
			continue
		}
		if r.l.cat == nil {
			continue
		}
		s, ok := r.l.cat.Service(svc)
		if !ok {
			sugg := ""
			if near, ok := r.l.cat.Nearest(a); ok {
				sugg = near
			} else if ns, ok := r.l.cat.NearestService(svc); ok {
				sugg = ns + ":" + name
			}
			r.addValue("INVALID_SERVICE_IN_ACTION", st, v, fmt.Sprintf("the service %q in %q does not exist%s", svc, a, didYouMean(sugg)), sugg)
			continue
		}
		if hasWild(name) {
			found := false
			for _, act := range s.Actions {
				if globFold(name, act.Name) {
					found = true
					break
				}
			}
			if !found {
				r.addValue("INVALID_ACTION", st, v, fmt.Sprintf("%q matches no %s action", a, s.Prefix), "")
			}
			continue
		}
		if _, ok := s.Action(name); !ok {
			sugg, _ := r.l.cat.Nearest(a)
			r.addValue("INVALID_ACTION", st, v, fmt.Sprintf("the action %s does not exist%s", a, didYouMean(sugg)), sugg)
		}
	}
	r.redundant(st, list, "REDUNDANT_ACTION", true)
	if list == st.Action {
		r.actionsForResourceType(st, list)
	}
}

// redundant reports entries another entry of the same list covers: a
// wildcard over them, or an earlier identical entry.
func (r *run) redundant(st *policy.Statement, list *policy.List, code string, fold bool) {
	if len(list.Values) < 2 {
		return
	}
	for i, v := range list.Values {
		for j, w := range list.Values {
			if i == j {
				continue
			}
			same := v.S == w.S || fold && strings.EqualFold(v.S, w.S)
			if same && j > i {
				continue // the later duplicate is the redundant one
			}
			if same || hasWild(w.S) && glob(w.S, v.S, fold) {
				r.addValue(code, st, v, fmt.Sprintf("%q is already covered by %q", v.S, w.S), "")
				break
			}
		}
	}
}

// actionsForResourceType checks that a resource-based policy grants only
// actions of its resource's service.
func (r *run) actionsForResourceType(st *policy.Statement, list *policy.List) {
	rt := r.opts.ResourceType
	if rt == "" {
		return
	}
	for _, v := range list.Values {
		svc, name, ok := strings.Cut(v.S, ":")
		if v.S == "*" || !ok || hasWild(svc) {
			continue
		}
		if rt == trustPolicyResourceTyp {
			if !strings.EqualFold(svc, "sts") {
				r.addValue("UNSUPPORTED_ACTION_IN_POLICY", st, v, fmt.Sprintf("trust policies grant sts actions (sts:AssumeRole...), not %s", v.S), "")
				continue
			}
			if !hasWild(name) && !trustActions[strings.ToLower(name)] {
				r.addValue("UNSUPPORTED_ACTION_IN_POLICY", st, v, fmt.Sprintf("%s is not an action a trust policy can grant", v.S), "")
			}
			continue
		}
		if want := serviceOfResourceType(rt); want != "" && !strings.EqualFold(svc, want) {
			r.addValue("UNSUPPORTED_ACTION_IN_POLICY", st, v, fmt.Sprintf("a policy on %s can only grant %s actions, not %s", rt, want, v.S), "")
		}
	}
}

// trustActions are the actions a role's trust policy can allow.
var trustActions = map[string]bool{
	"assumerole": true, "assumerolewithsaml": true, "assumerolewithwebidentity": true,
	"tagsession": true, "setsourceidentity": true, "setcontext": true,
}

// serviceOfResourceType returns the action prefix of a CloudFormation-style
// resource type: AWS::S3::Bucket → s3.
func serviceOfResourceType(rt string) string {
	parts := strings.Split(rt, "::")
	if len(parts) != 3 || parts[0] != "AWS" {
		return ""
	}
	if s, ok := resourceTypeServices[parts[1]]; ok {
		return s
	}
	return strings.ToLower(parts[1])
}

var resourceTypeServices = map[string]string{
	"Lambda": "lambda", "ApiGateway": "execute-api", "EFS": "elasticfilesystem",
	"S3Express": "s3express", "OpenSearchService": "es", "Elasticsearch": "es",
}

// ResourceTypeForARN returns the validatePolicyResourceType of a resource
// ARN whose policy iamtui stores, "" when unknown: the resource-specific
// checks need it.
func ResourceTypeForARN(arn string) string {
	f := strings.SplitN(arn, ":", 6)
	if len(f) < 6 || f[0] != "arn" {
		return ""
	}
	switch f[2] {
	case "s3":
		if !strings.Contains(f[5], "/") && f[3] == "" {
			return "AWS::S3::Bucket"
		}
		if strings.HasPrefix(f[5], "accesspoint/") {
			return "AWS::S3::AccessPoint"
		}
	case "sqs":
		return "AWS::SQS::Queue"
	case "sns":
		return "AWS::SNS::Topic"
	case "kms":
		return "AWS::KMS::Key"
	case "secretsmanager":
		return "AWS::SecretsManager::Secret"
	case "lambda":
		return "AWS::Lambda::Function"
	case "ecr":
		return "AWS::ECR::Repository"
	case "glacier":
		return "AWS::Glacier::Vault"
	case "elasticfilesystem":
		return "AWS::EFS::FileSystem"
	case "iam":
		if strings.HasPrefix(f[5], "role/") {
			return trustPolicyResourceTyp
		}
	}
	return ""
}

func didYouMean(s string) string {
	if s == "" {
		return ""
	}
	return " (did you mean " + s + "?)"
}
