package lint

import (
	"fmt"
	"regexp"
	"strings"

	"iamtui/catalog"
	"iamtui/model/policy"
)

// arnService is every resource type ARN pattern that uses one service name
// in its ARNs.
type arnService struct {
	patterns []catalog.ARNPattern
	// prefixes are the patterns' resource parts up to their first
	// placeholder ("secret:", "role/"), for looseMatch.
	prefixes []string
	seen     map[string]bool
}

func (l *Linter) addARNPattern(p string) {
	f := strings.SplitN(p, ":", 6)
	if len(f) < 6 {
		return
	}
	svc := f[2]
	s := l.arnServices[svc]
	if s == nil {
		s = &arnService{seen: map[string]bool{}}
		l.arnServices[svc] = s
	}
	if !s.seen[p] {
		s.seen[p] = true
		s.patterns = append(s.patterns, catalog.ParseARNPattern(p))
		s.prefixes = append(s.prefixes, literalPrefix(f[5]))
	}
}

func literalPrefix(resource string) string {
	if i := strings.Index(resource, "${"); i >= 0 {
		return resource[:i]
	}
	return resource
}

func (s *arnService) matches(arn string) bool {
	for _, p := range s.patterns {
		if p.Matches(arn) {
			return true
		}
	}
	return false
}

// looseMatch accepts an ARN whose resource part begins with a resource
// type's literal prefix ("secret:", "role/"). The catalog's patterns do not
// say which placeholders may hold '/' (secret names, for one, may), so a
// strict mismatch alone is not proof of an invalid ARN.
func (s *arnService) looseMatch(resource string) bool {
	for _, p := range s.prefixes {
		if len(p) > 1 && strings.HasPrefix(resource, p) {
			return true
		}
	}
	return false
}

var (
	regionRe  = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$`)
	accountRe = regexp.MustCompile(`^[0-9]{12}$`)
)

var partitions = map[string]bool{
	"aws": true, "aws-cn": true, "aws-us-gov": true, "aws-iso": true, "aws-iso-b": true,
	"aws-iso-e": true, "aws-iso-f": true, "aws-eusc": true,
}

// open reports whether a field holds a wildcard or a variable, so its value
// cannot be checked.
func open(s string) bool { return hasWild(s) || strings.Contains(s, "${") }

// resources checks a Resource or NotResource list.
func (r *run) resources(st *policy.Statement, list *policy.List, not bool) {
	for _, v := range list.Values {
		r.variables(st, v, true)
		r.resource(st, v, not)
	}
	r.redundant(st, list, "REDUNDANT_RESOURCE", false)
}

func (r *run) resource(st *policy.Statement, v policy.Value, not bool) {
	res := v.S
	if res == "*" {
		return
	}
	if !strings.HasPrefix(res, "arn:") {
		sugg := ""
		if strings.HasPrefix(strings.ToLower(res), "arn:") {
			sugg = "arn:" + res[4:]
		}
		r.addValue("INVALID_ARN_PREFIX", st, v, fmt.Sprintf("%q is not an ARN: resources are \"*\" or begin with arn:", res), sugg)
		return
	}
	f := strings.SplitN(res, ":", 6)
	if len(f) < 6 {
		if !hasWild(f[len(f)-1]) {
			r.addValue("MISSING_ARN_FIELD", st, v, fmt.Sprintf("%q has %d of the 6 ARN fields (arn:partition:service:region:account:resource)", res, len(f)), "")
		}
		return
	}
	part, svc, region, acct, rest := f[1], f[2], f[3], f[4], f[5]
	if rest == "" || svc == "" {
		r.addValue("MISSING_ARN_FIELD", st, v, fmt.Sprintf("%q has an empty service or resource field", res), "")
		return
	}
	if !open(part) && !partitions[part] {
		r.addValue("INVALID_PARTITION", st, v, fmt.Sprintf("%q is not a partition (aws, aws-cn, aws-us-gov...)", part), "")
	}
	if open(svc) {
		return
	}
	if strings.ToLower(svc) != svc {
		r.addValue("INVALID_ARN_SERVICE_CASE", st, v, fmt.Sprintf("the service %q must be lower case in ARNs", svc), strings.Replace(res, ":"+svc+":", ":"+strings.ToLower(svc)+":", 1))
		return
	}
	bad := false
	if region != "" && !open(region) && !regionRe.MatchString(region) {
		r.addValue("INVALID_ARN_REGION", st, v, fmt.Sprintf("%q is not a Region code", region), "")
		bad = true
	}
	if acct != "" && !open(acct) && !accountRe.MatchString(acct) && acct != "aws" {
		r.addValue("INVALID_ARN_ACCOUNT", st, v, fmt.Sprintf("%q is not a 12-digit account id", acct), "")
		bad = true
	}
	if rt := r.opts.ResourceType; rt != "" && rt != trustPolicyResourceTyp && !not {
		if want := serviceOfResourceType(rt); want != "" && svc != want && !strings.HasPrefix(svc, want+"-") {
			r.addValue("UNSUPPORTED_RESOURCE_ARN_IN_POLICY", st, v, fmt.Sprintf("a policy on %s can only name %s resources, not %s", rt, want, res), "")
			return
		}
	}
	if r.l.cat == nil || bad {
		return
	}
	info := r.l.arnServices[svc]
	if info == nil {
		sugg := ""
		if ns, ok := r.l.cat.NearestService(svc); ok && r.l.arnServices[ns] != nil {
			sugg = strings.Replace(res, ":"+svc+":", ":"+ns+":", 1)
		}
		r.addValue("INVALID_SERVICE", st, v, fmt.Sprintf("the service %q in the ARN does not exist%s", svc, didYouMean(sugg)), sugg)
		return
	}
	if info.matches(res) || info.looseMatch(rest) {
		if !not {
			r.resourceForActions(st, v)
		}
		return
	}
	with := func(region, acct string) string {
		return strings.Join([]string{"arn", part, svc, region, acct, rest}, ":")
	}
	switch {
	case region != "" && info.matches(with("", acct)):
		r.addValue("ARN_REGION_NOT_ALLOWED", st, v, fmt.Sprintf("the service %s does not use a Region in this ARN", svc), with("", acct))
	case acct != "" && info.matches(with(region, "")):
		r.addValue("ARN_ACCOUNT_NOT_ALLOWED", st, v, fmt.Sprintf("the service %s does not use an account id in this ARN", svc), with(region, ""))
	case region == "" && info.matches(with("us-east-1", acct)):
		// A concrete Region, not *: a * would also span the fields after it.
		r.addValue("MISSING_ARN_REGION", st, v, fmt.Sprintf("the service %s needs a Region in this ARN (or *)", svc), with("*", acct))
	default:
		r.addValue("INVALID_ARN_RESOURCE", st, v, fmt.Sprintf("%q matches none of %s's resource types", res, svc), "")
	}
}

// resourceForActions reports a Resource that none of the statement's actions
// can be scoped to, e.g. a bucket ARN with only s3:GetObject (which takes
// object ARNs): the statement grants nothing on it. AWS has no check of its
// own for this; it is reported under INVALID_ARN_RESOURCE as a warning,
// because the catalog's resource lists are not always complete.
func (r *run) resourceForActions(st *policy.Statement, v policy.Value) {
	if st.Action == nil {
		return
	}
	f := strings.SplitN(v.S, ":", 6)
	svc, rest := f[2], f[5]
	var names []string
	for _, a := range st.Action.Values {
		if hasWild(a.S) {
			return
		}
		act, ok := r.l.cat.Action(a.S)
		if !ok || len(act.ResourceTypes) == 0 {
			return
		}
		for _, rt := range act.ResourceTypes {
			for _, p := range rt.ARNPatterns {
				if catalog.MatchesARNPattern(p, v.S) {
					return
				}
				if f := strings.SplitN(p, ":", 6); len(f) == 6 && len(literalPrefix(f[5])) > 1 &&
					strings.HasPrefix(rest, literalPrefix(f[5])) && f[2] == svc {
					return // see looseMatch
				}
			}
		}
		names = append(names, act.FullName())
	}
	if len(names) == 0 {
		return
	}
	act, _ := r.l.cat.Action(names[0])
	var takes []string
	for _, rt := range act.ResourceTypes {
		takes = append(takes, rt.ARNPatterns...)
	}
	fd := r.addValue("INVALID_ARN_RESOURCE", st, v, fmt.Sprintf("none of the statement's actions (%s) applies to %s: %s takes %s", strings.Join(names, ", "), v.S, names[0], strings.Join(takes, " or ")), "")
	if fd != nil {
		fd.Category = Warning
	}
}
