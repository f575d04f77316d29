package lint

import (
	"fmt"
	"net/netip"
	"regexp"
	"strconv"
	"strings"
	"time"

	"iamtui/catalog"
	"iamtui/model/policy"
)

var (
	vpcRe      = regexp.MustCompile(`^vpc-([0-9a-f]{8}|[0-9a-f]{17})$`)
	vpceRe     = regexp.MustCompile(`^vpce-([0-9a-f]{8}|[0-9a-f]{17})$`)
	dateLikeRe = regexp.MustCompile(`^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}`)
	keyRe      = regexp.MustCompile(`^[A-Za-z0-9_.-]+:\S.*$`)
)

// tagKeys are the global keys whose support varies by service.
var tagKeys = map[string]bool{"aws:resourcetag": true, "aws:requesttag": true, "aws:tagkeys": true}

// conditions checks a statement's Condition block.
func (r *run) conditions(st *policy.Statement) {
	keys := map[string]bool{}
	byOperator := map[int]map[string]string{} // operator offset → lower key → key as written
	for _, c := range st.Conditions {
		lk := strings.ToLower(c.Key)
		keys[lk] = true
		m := byOperator[c.OperatorPos.Offset]
		if m == nil {
			m = map[string]string{}
			byOperator[c.OperatorPos.Offset] = m
		}
		if prev, dup := m[lk]; dup && prev != c.Key {
			r.add("DUPLICATE_KEYS_WITH_DIFFERENT_CASE", st, c.KeyPos, policy.Pos{},
				fmt.Sprintf("%s and %s are the same key (condition keys ignore case)", prev, c.Key), "")
		}
		m[lk] = c.Key
		r.condition(st, c)
	}
	if st.Effect == policy.Allow && keys["aws:vpcsourceip"] && !keys["aws:sourcevpc"] && !keys["aws:sourcevpce"] {
		for _, c := range st.Conditions {
			if strings.EqualFold(c.Key, "aws:VpcSourceIp") {
				r.add("MISSING_PAIRED_CONDITION_KEYS", st, c.KeyPos, policy.Pos{},
					"aws:VpcSourceIp matches that address in any VPC: pair it with aws:SourceVpc or aws:SourceVpce", "")
			}
		}
	}
}

// family is the kind of value an operator compares.
func family(base string) string {
	switch {
	case base == "Null", base == "Bool":
		return base
	case strings.HasPrefix(base, "String"):
		return "String"
	case strings.HasPrefix(base, "Numeric"):
		return "Numeric"
	case strings.HasPrefix(base, "Date"):
		return "Date"
	case strings.HasPrefix(base, "Arn"):
		return "Arn"
	case strings.HasSuffix(base, "IpAddress"):
		return "Ip"
	case base == "BinaryEquals":
		return "Binary"
	}
	return ""
}

// fits reports whether an operator family can compare a key of a type.
func fits(fam, keyType string) bool {
	t := strings.TrimPrefix(keyType, "ArrayOf")
	switch fam {
	case "Null":
		return true
	case "String":
		return t == "String" || t == "ARN"
	case "Arn":
		return t == "ARN"
	case "Numeric":
		return t == "Numeric" || t == "Long" || t == "Integer" || t == "Date"
	case "Date":
		return t == "Date"
	case "Bool":
		return t == "Bool" || t == "Boolean"
	case "Ip":
		return t == "IPAddress"
	case "Binary":
		return t == "Binary"
	}
	return true
}

func (r *run) condition(st *policy.Statement, c *policy.Condition) {
	fam := family(c.Base)
	lk := strings.ToLower(c.Key)
	if !keyRe.MatchString(c.Key) {
		r.add("INVALID_CONDITION_KEY_FORMAT", st, c.KeyPos, policy.Pos{},
			fmt.Sprintf("%q is not a condition key (service:name, e.g. aws:SourceIp)", c.Key), "")
		return
	}
	k := r.conditionKey(st, c, lk)
	if k != nil {
		multi := strings.HasPrefix(k.Type, "ArrayOf")
		switch {
		case fam != "" && !fits(fam, k.Type):
			r.add("TYPE_MISMATCH", st, c.KeyPos, policy.Pos{},
				fmt.Sprintf("%s compares %s values but %s is of type %s", c.Operator, strings.ToLower(fam), c.Key, k.Type), "")
		case c.Set == policy.ForAllValues && !multi && c.Base != "Null":
			r.add("FORALLVALUES_WITH_SINGLE_VALUED_KEY", st, c.OperatorPos, policy.Pos{},
				fmt.Sprintf("%s on the single-valued key %s is also true when the key is absent: drop ForAllValues:", c.Operator, c.Key),
				strings.TrimPrefix(c.Operator, c.Operator[:len("ForAllValues:")]))
		case c.Set == policy.SingleValue && multi && c.Base != "Null":
			r.add("MISSING_QUALIFIER", st, c.KeyPos, policy.Pos{},
				fmt.Sprintf("%s is multivalued: use ForAnyValue:%s or ForAllValues:%s", c.Key, c.Operator, c.Operator), "ForAnyValue:"+c.Operator)
		}
	}
	if c.Base == "Null" && c.Set != policy.SingleValue {
		r.add("NULL_WITH_QUALIFIER", st, c.OperatorPos, policy.Pos{}, fmt.Sprintf("%s: Null needs no ForAllValues or ForAnyValue", c.Operator), "Null")
	}
	if c.Array && len(c.Values) == 0 {
		code := "EMPTY_ARRAY_CONDITION"
		switch {
		case c.Set == policy.ForAllValues:
			code = "EMPTY_ARRAY_CONDITION_FORALLVALUES"
		case c.Set == policy.ForAnyValue:
			code = "EMPTY_ARRAY_CONDITION_FORANYVALUE"
		case c.IfExists:
			code = "EMPTY_ARRAY_CONDITION_IFEXISTS"
		}
		r.add(code, st, c.Start, policy.Pos{}, fmt.Sprintf("%s has no values", c.Key), "")
		return
	}
	r.conditionValues(st, c, fam, lk)
}

// conditionKey checks that a key exists and fits the statement's actions,
// and returns it (nil when unknown or without a catalog).
func (r *run) conditionKey(st *policy.Statement, c *policy.Condition, lk string) *catalog.ConditionKey {
	prefix, rest, _ := strings.Cut(lk, ":")
	if prefix == "aws" {
		if lk == "aws:arn" {
			r.add("UNSUPPORTED_GLOBAL_CONDITION_KEY", st, c.KeyPos, policy.Pos{}, "aws:ARN is not supported: use aws:PrincipalArn or aws:SourceArn", "aws:PrincipalArn")
			return nil
		}
		if t := strings.TrimSuffix(rest, "/"); t == "requesttag" || t == "resourcetag" || t == "principaltag" {
			r.add("MISSING_TAG_KEY_IN_CONDITION", st, c.KeyPos, policy.Pos{}, fmt.Sprintf("%s needs a tag key: %s/KEY", c.Key, strings.TrimSuffix(c.Key, "/")), "")
			return nil
		}
	}
	if r.l.cat == nil || strings.Contains(prefix, ".") {
		// Claims of identity providers (accounts.google.com:aud) are not
		// in the catalog.
		return nil
	}
	k, ok := r.l.cat.ConditionKey(c.Key)
	if prefix == "aws" {
		if !ok || !k.Global {
			sugg := nearestName(c.Key, r.l.globalKeys)
			r.add("INVALID_GLOBAL_CONDITION_KEY", st, c.KeyPos, policy.Pos{}, fmt.Sprintf("%s is not a global condition key%s", c.Key, didYouMean(sugg)), sugg)
			return nil
		}
		r.tagSupport(st, c, k)
		return k
	}
	if !ok {
		var names []string
		if s, ok := r.l.cat.Service(prefix); ok {
			for _, sk := range s.ConditionKeys {
				names = append(names, sk.Name)
			}
		}
		sugg := nearestName(c.Key, names)
		r.add("INVALID_SERVICE_CONDITION_KEY", st, c.KeyPos, policy.Pos{}, fmt.Sprintf("%s is not a condition key of %s%s", c.Key, prefix, didYouMean(sugg)), sugg)
		return nil
	}
	r.keyForActions(st, c, k)
	return k
}

// keyForActions reports a service key that none of the statement's actions
// supports, so the condition never matches.
func (r *run) keyForActions(st *policy.Statement, c *policy.Condition, k *catalog.ConditionKey) {
	if st.Action == nil {
		return
	}
	var names []string
	for _, v := range st.Action.Values {
		if hasWild(v.S) {
			return
		}
		a, ok := r.l.cat.Action(v.S)
		if !ok {
			return
		}
		if actionSupports(r.l.cat, a, k.Name) {
			return
		}
		names = append(names, a.FullName())
	}
	if len(names) > 0 {
		r.add("UNSUPPORTED_ACTION_FOR_CONDITION_KEY", st, c.KeyPos, policy.Pos{},
			fmt.Sprintf("%s is not supported by %s: the condition never matches", c.Key, strings.Join(names, ", ")), "")
	}
}

func actionSupports(cat *catalog.Catalog, a *catalog.Action, name string) bool {
	has := func(list []string) bool {
		for _, n := range list {
			if strings.EqualFold(n, name) {
				return true
			}
		}
		return false
	}
	if has(a.ConditionKeys) {
		return true
	}
	svc, _ := cat.Service(a.Service)
	for _, ar := range a.ResourceTypes {
		if has(ar.ConditionKeys) {
			return true
		}
		if svc != nil {
			if rt, ok := svc.ResourceType(ar.Name); ok && has(rt.ConditionKeys) {
				return true
			}
		}
	}
	return false
}

// tagSupport reports tag keys used with services that do not support them:
// an Allow then does not apply to those services, and a Deny does not
// protect them.
func (r *run) tagSupport(st *policy.Statement, c *policy.Condition, k *catalog.ConditionKey) {
	base, _, _ := strings.Cut(strings.ToLower(k.Name), "/")
	if !tagKeys[base] {
		return
	}
	deny := st.Effect == policy.Deny
	if st.NotAction != nil {
		code := "ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE"
		if deny {
			code = "DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE"
		}
		r.add(code, st, c.KeyPos, policy.Pos{}, fmt.Sprintf("NotAction covers services that do not support %s", c.Key), "")
		return
	}
	if st.Action == nil {
		return
	}
	var unsupported []string
	seen := map[string]bool{}
	for _, v := range st.Action.Values {
		svc, _, ok := strings.Cut(v.S, ":")
		if !ok || hasWild(svc) || seen[strings.ToLower(svc)] {
			continue
		}
		seen[strings.ToLower(svc)] = true
		s, ok := r.l.cat.Service(svc)
		if !ok {
			continue
		}
		supported := false
		for _, sk := range s.ConditionKeys {
			if strings.EqualFold(sk.Name, k.Name) {
				supported = true
				break
			}
		}
		if !supported {
			unsupported = append(unsupported, s.Prefix)
		}
	}
	if len(unsupported) == 0 {
		return
	}
	code := "ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE"
	if deny {
		code = "DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE"
	}
	r.add(code, st, c.KeyPos, policy.Pos{}, fmt.Sprintf("%s is not supported by %s", c.Key, strings.Join(unsupported, ", ")), "")
}

// jsonType is the JSON type of the value written at p: 's'tring, 'n'umber
// or 'b'oolean.
func jsonType(text string, p policy.Pos) byte {
	if p.Offset < 0 || p.Offset >= len(text) {
		return 's'
	}
	switch c := text[p.Offset]; {
	case c == '"':
		return 's'
	case c == 't' || c == 'f':
		return 'b'
	}
	return 'n'
}

func (r *run) conditionValues(st *policy.Statement, c *policy.Condition, fam, lk string) {
	var first byte
	trues, falses := 0, 0
	for i, v := range c.Values {
		t := jsonType(r.text, v.Pos)
		if i == 0 {
			first = t
		} else if t != first {
			r.addValue("INVALID_CONDITION_DATA_TYPE", st, v, fmt.Sprintf("the values of %s mix JSON types: use one", c.Key), "")
		}
		if strings.Contains(v.S, "${") {
			if fam != "String" && fam != "Arn" && r.doc.VariablesEnabled() {
				r.addValue("INVALID_VARIABLE_FOR_OPERATOR", st, v, fmt.Sprintf("%s does not substitute policy variables; use a string or ARN operator", c.Operator), "")
				continue
			}
			r.variables(st, v, true)
			continue
		}
		switch fam {
		case "Bool", "Null":
			switch strings.ToLower(v.S) {
			case "true":
				trues++
			case "false":
				falses++
			default:
				r.addValue("TYPE_MISMATCH_BOOLEAN", st, v, fmt.Sprintf("%s takes true or false, not %q", c.Base, v.S), "")
			}
		case "Numeric":
			if _, err := strconv.ParseFloat(v.S, 64); err != nil {
				r.addValue("TYPE_MISMATCH_NUMBER", st, v, fmt.Sprintf("%s takes numbers, not %q", c.Base, v.S), "")
			}
		case "Date":
			if !validDate(v.S) {
				code := "TYPE_MISMATCH_DATE"
				if dateLikeRe.MatchString(v.S) {
					code = "INVALID_DATE_VALUE"
				}
				r.addValue(code, st, v, fmt.Sprintf("%q is not an ISO 8601 date (2026-01-31T00:00:00Z) or epoch seconds", v.S), "")
			}
		case "Ip":
			r.ipValue(st, c, v, lk)
		case "String":
			if strings.HasSuffix(c.Base, "Equals") || strings.HasSuffix(c.Base, "EqualsIgnoreCase") {
				if hasWild(v.S) {
					r.addValue("WILDCARD_WITHOUT_LIKE_OPERATOR", st, v,
						fmt.Sprintf("%s compares %q literally, * and ? included: use %s", c.Base, v.S, likeOf(c.Operator)), likeOf(c.Operator))
				}
			}
			if hasWild(v.S) {
				continue
			}
			switch lk {
			case "aws:sourcevpc":
				if !vpcRe.MatchString(v.S) {
					r.addValue("INVALID_VPC_FORMAT", st, v, fmt.Sprintf("%q is not a VPC id (vpc-0123abcd)", v.S), "")
				}
			case "aws:sourcevpce":
				if !vpceRe.MatchString(v.S) {
					r.addValue("INVALID_VPCE_FORMAT", st, v, fmt.Sprintf("%q is not a VPC endpoint id (vpce-0123abcd)", v.S), "")
				}
			case "aws:requestedregion":
				if !regionRe.MatchString(v.S) {
					r.addValue("INVALID_REGION", st, v, fmt.Sprintf("%q is not a Region code such as eu-west-1", v.S), "")
				}
			}
		}
	}
	if fam == "Bool" && trues > 0 && falses > 0 {
		r.add("INVALID_CONDITION_MULTIPLE_BOOLEAN", st, c.Start, policy.Pos{}, fmt.Sprintf("%s is both true and false: the condition always matches", c.Key), "")
	}
	if fam == "Numeric" && len(c.Values) > 1 && (strings.Contains(c.Base, "LessThan") || strings.Contains(c.Base, "GreaterThan")) {
		r.add("REDUNDANT_CONDITION_VALUE_NUM", st, c.Start, policy.Pos{},
			fmt.Sprintf("%s with several values is the same as with the single %s one", c.Base, map[bool]string{true: "largest", false: "smallest"}[strings.Contains(c.Base, "LessThan")]), "")
	}
}

func likeOf(op string) string {
	i := strings.Index(strings.ToLower(op), "equals")
	if i < 0 {
		return op
	}
	rest := op[i+len("equals"):]
	rest = strings.TrimPrefix(strings.TrimPrefix(rest, "IgnoreCase"), "ignorecase")
	return op[:i] + "Like" + rest
}

func validDate(s string) bool {
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

var privateV4 = []netip.Prefix{
	netip.MustParsePrefix("10.0.0.0/8"),
	netip.MustParsePrefix("172.16.0.0/12"),
	netip.MustParsePrefix("192.168.0.0/16"),
}

func (r *run) ipValue(st *policy.Statement, c *policy.Condition, v policy.Value, lk string) {
	var p netip.Prefix
	if strings.Contains(v.S, "/") {
		var err error
		if p, err = netip.ParsePrefix(v.S); err != nil {
			r.addValue("TYPE_MISMATCH_IP_RANGE", st, v, fmt.Sprintf("%q is not an IP address or CIDR range", v.S), "")
			return
		}
		if m := p.Masked(); m != p {
			r.addValue("IMPROVE_IP_RANGE", st, v, fmt.Sprintf("%s ignores the bits after /%d: write %s", v.S, p.Bits(), m), m.String())
			p = m
		}
	} else {
		a, err := netip.ParseAddr(v.S)
		if err != nil {
			r.addValue("TYPE_MISMATCH_IP_RANGE", st, v, fmt.Sprintf("%q is not an IP address or CIDR range", v.S), "")
			return
		}
		p = netip.PrefixFrom(a, a.BitLen())
	}
	if lk != "aws:sourceip" || !p.Addr().Is4() {
		return
	}
	not := c.Base == "NotIpAddress"
	for _, priv := range privateV4 {
		switch {
		case priv.Contains(p.Addr()) && p.Bits() >= priv.Bits():
			code := "PRIVATE_IP_ADDRESS"
			if not {
				code = "PRIVATE_NOTIPADDRESS"
			}
			r.addValue(code, st, v, fmt.Sprintf("%s is private; aws:SourceIp is the public address AWS sees (use aws:VpcSourceIp for VPC addresses)", v.S), "")
			return
		case p.Contains(priv.Addr()) && p.Bits() < priv.Bits() && p.Bits() > 0:
			code := "PRIVATE_IP_ADDRESS_SUBSET"
			if not {
				code = "PRIVATE_NOTIPADDRESS_SUBSET"
			}
			r.addValue(code, st, v, fmt.Sprintf("%s includes the private range %s, which aws:SourceIp never has", v.S, priv), "")
			return
		}
	}
}

// nearestName returns the name in names closest to s ignoring case, for
// "did you mean" on condition keys; "" when none is close.
func nearestName(s string, names []string) string {
	ls := strings.ToLower(s)
	best, bestD := "", len(ls)/4+1
	for _, n := range names {
		if strings.ContainsAny(n, "$<") {
			continue
		}
		if d := levenshtein(ls, strings.ToLower(n), bestD); d < bestD {
			best, bestD = n, d
		}
	}
	return best
}

// levenshtein is the edit distance, giving up (returning limit) once it
// cannot be below limit.
func levenshtein(a, b string, limit int) int {
	if d := len(a) - len(b); d >= limit || -d >= limit {
		return limit
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= limit {
			return limit
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
