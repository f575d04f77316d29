package evaluator

import (
	"net/netip"
	"strconv"
	"strings"

	"iamtui/catalog"
)

// RequestWarnings checks a request against AWS's catalog of actions and
// condition keys and says, for people, what will not do what its author
// expects: an action AWS does not have ("s3:GetObjects is not an AWS action;
// did you mean s3:GetObject?"), a context key that is not a condition key
// (sts:AssumeRole names an action), and a context value that does not fit
// its key's type (a date key given something that is no date). Such a
// request is still evaluated: no statement names a missing action, and a
// value of the wrong type matches neither an operator nor its negation.
// A nil catalog checks nothing.
func RequestWarnings(cat *catalog.Catalog, req *Request) []string {
	if cat == nil || req == nil {
		return nil
	}
	var out []string
	if w := ActionWarning(cat, req.Action); w != "" {
		out = append(out, w)
	}
	if w := ResourceWarning(req.Resource); w != "" {
		out = append(out, w)
	}
	for _, cv := range req.Context {
		out = append(out, contextWarnings(cat, cv)...)
	}
	return out
}

// ActionWarning says why action is not one AWS knows, with the nearest
// one that is; "" for a known action (in any case) or a wildcard pattern.
func ActionWarning(cat *catalog.Catalog, action string) string {
	action = strings.TrimSpace(action)
	if action != "" && strings.ContainsAny(action, "*?") {
		return action + " is a pattern, but a request names one action: it is matched as that literal name " +
			"(list what it stands for with: iamtui actions '" + action + "')"
	}
	if cat == nil || action == "" {
		return ""
	}
	if _, ok := cat.Action(action); ok {
		return ""
	}
	svc, _, _ := strings.Cut(action, ":")
	if near, ok := cat.Nearest(action); ok {
		return action + " is not an AWS action; did you mean " + near + "?"
	}
	if _, ok := cat.Service(strings.ToLower(svc)); !ok {
		if near, ok := cat.NearestService(svc); ok {
			return action + " is not an AWS action: there is no service " + svc + " (did you mean " + near + "?)"
		}
		return action + " is not an AWS action: there is no service " + svc
	}
	return action + " is not an AWS action (not in the catalog of " + svc + "'s actions)"
}

// contextWarnings checks one context key and its values.
func contextWarnings(cat *catalog.Catalog, cv ContextValue) []string {
	key := strings.TrimSpace(cv.Key)
	ck, ok := cat.ConditionKey(key)
	if !ok {
		if _, isAction := cat.Action(key); isAction {
			return []string{key + " is not a condition key: it names an action (give context keys such as aws:SourceIp)"}
		}
		return []string{key + " is not a condition key AWS knows; statements reading it will see the value, but check its spelling"}
	}
	typ := strings.TrimPrefix(ck.Type, "ArrayOf")
	for _, v := range cv.Values {
		if why := typeMismatch(typ, strings.TrimSpace(v)); why != "" {
			return []string{key + ": " + strconv.Quote(v) + " is " + why}
		}
	}
	if typ == ck.Type && len(cv.Values) > 1 {
		return []string{key + " is single-valued, but the request gives it " + strconv.Itoa(len(cv.Values)) + " values"}
	}
	return nil
}

// typeMismatch says why v is not a value of the catalog type typ, as the
// evaluator reads it; "" when it is (or the type has no form to check).
func typeMismatch(typ, v string) string {
	if v == "" {
		return ""
	}
	switch strings.ToLower(typ) {
	case "date":
		if _, ok := parseDate(v); !ok {
			return "not a date (write 2026-01-02T15:04:05Z, 2026-01-02, 2026-01 or seconds since 1970)"
		}
	case "ipaddress":
		if _, err := netip.ParseAddr(v); err != nil {
			if _, err := parsePrefix(v); err != nil {
				return "not an IP address (write 203.0.113.7 or 2001:db8::1)"
			}
		}
	case "bool":
		if !strings.EqualFold(v, "true") && !strings.EqualFold(v, "false") {
			return "not true or false"
		}
	case "numeric":
		if _, err := strconv.ParseFloat(v, 64); err != nil {
			return "not a number"
		}
	case "arn":
		if !strings.HasPrefix(v, "arn:") {
			return "not an ARN (arn:aws:…)"
		}
	}
	return ""
}

// ResourceWarning says why a request's resource can match no Resource ARN
// of a policy: it is neither "*" nor an ARN (a bare bucket name, say).
// "" when it looks like one.
func ResourceWarning(resource string) string {
	r := strings.TrimSpace(resource)
	if r == "" || r == "*" {
		return ""
	}
	if parts := strings.SplitN(r, ":", 6); len(parts) == 6 && parts[0] == "arn" && parts[1] != "" && parts[2] != "" {
		return ""
	}
	return resource + " is not an ARN (arn:partition:service:region:account:resource) or *: only statements with Resource \"*\" or NotResource can match it"
}
