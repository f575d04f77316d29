package evalpanel

import (
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// contextWarnings says which context rows will not do what their author
// expects: a key that is not a condition key, or a value that does not
// fit the key's type in the catalog (a date, an IP address, a boolean...).
// The evaluator would compare such a value and fail to match, silently;
// the panel says so under the rows without stopping anything.
func (m Model) contextWarnings() []string {
	if m.cat == nil {
		return nil
	}
	var out []string
	for _, r := range m.ctx {
		k := strings.TrimSpace(r.key.Value())
		if k == "" {
			continue
		}
		ck, ok := m.cat.ConditionKey(k)
		if !ok {
			out = append(out, k+" is not a condition key AWS knows")
			continue
		}
		v := strings.TrimSpace(r.value.Value())
		if v == "" {
			continue
		}
		typ := strings.TrimPrefix(ck.Type, "ArrayOf")
		vals := []string{v}
		if typ != ck.Type {
			vals = strings.Split(v, ",")
		}
		for _, one := range vals {
			if why := typeMismatch(typ, strings.TrimSpace(one)); why != "" {
				out = append(out, k+": "+why)
				break
			}
		}
	}
	return out
}

// typeMismatch says why v is not a value of the catalog type typ, "" when
// it is (or the type has no form to check).
func typeMismatch(typ, v string) string {
	if v == "" {
		return ""
	}
	switch strings.ToLower(typ) {
	case "date":
		if !isDate(v) {
			return "not a date (write 2026-01-02T15:04:05Z, 2026-01-02 or seconds since 1970)"
		}
	case "ipaddress":
		if _, err := netip.ParsePrefix(v); err == nil {
			return ""
		}
		if _, err := netip.ParseAddr(v); err != nil {
			return "not an IP address (write 203.0.113.7 or 2001:db8::1)"
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

// isDate accepts what the evaluator reads as a date: ISO 8601 forms, or
// seconds since the epoch.
func isDate(s string) bool {
	if _, err := strconv.ParseInt(s, 10, 64); err == nil {
		return true
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04Z07:00", "2006-01-02T15:04:05", "2006-01-02"} {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}
