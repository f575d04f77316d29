package evaluator

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"iamtui/model/policy"
)

type opKind uint8

const (
	opString opKind = iota
	opStringFold
	opStringLike
	opNumEq
	opNumLt
	opNumLe
	opNumGt
	opNumGe
	opDateEq
	opDateLt
	opDateLe
	opDateGt
	opDateGe
	opBool
	opBinary
	opIP
	opArn
	opNull
)

// operators maps AWS's base operator names to their kind and negation.
var operators = map[string]struct {
	op      opKind
	negated bool
}{
	"StringEquals": {opString, false}, "StringNotEquals": {opString, true},
	"StringEqualsIgnoreCase": {opStringFold, false}, "StringNotEqualsIgnoreCase": {opStringFold, true},
	"StringLike": {opStringLike, false}, "StringNotLike": {opStringLike, true},
	"NumericEquals": {opNumEq, false}, "NumericNotEquals": {opNumEq, true},
	"NumericLessThan": {opNumLt, false}, "NumericLessThanEquals": {opNumLe, false},
	"NumericGreaterThan": {opNumGt, false}, "NumericGreaterThanEquals": {opNumGe, false},
	"DateEquals": {opDateEq, false}, "DateNotEquals": {opDateEq, true},
	"DateLessThan": {opDateLt, false}, "DateLessThanEquals": {opDateLe, false},
	"DateGreaterThan": {opDateGt, false}, "DateGreaterThanEquals": {opDateGe, false},
	"Bool": {opBool, false}, "BinaryEquals": {opBinary, false},
	"IpAddress": {opIP, false}, "NotIpAddress": {opIP, true},
	"ArnEquals": {opArn, false}, "ArnLike": {opArn, false},
	"ArnNotEquals": {opArn, true}, "ArnNotLike": {opArn, true},
	"Null": {opNull, false},
}

// ccond is one compiled operator-and-key.
type ccond struct {
	src      *policy.Condition
	op       opKind
	negated  bool
	set      policy.SetOperator
	ifExists bool
	hasVars  bool // some value holds a policy variable (String* and Arn* only)
	key      string
	vals     []cval
}

// cval is one policy value, pre-parsed for its operator. Policy variables
// are substituted only in the values of the String and Arn operators (IAM
// User Guide, "Variables and tags": not in Numeric, Date, Bool, Binary, IP
// address or Null conditions, whose values are taken as written).
type cval struct {
	raw string
	g   glob // string operators
	num float64
	tm  time.Time
	pfx netip.Prefix
	bin []byte
	arn arnPat
	ok  bool // a literal value parsed as the operator's type
}

func compileCondition(c *policy.Condition, vars bool) (ccond, error) {
	o, known := operators[c.Base]
	if !known {
		return ccond{}, fmt.Errorf("%s: unknown condition operator %q", c.OperatorPos, c.Operator)
	}
	cc := ccond{src: c, op: o.op, negated: o.negated, set: c.Set, ifExists: c.IfExists, key: c.Key}
	cc.vals = make([]cval, len(c.Values))
	for i, v := range c.Values {
		cv := cval{raw: v.S}
		switch o.op {
		case opString:
			cv.g = compileGlob(v.S, false, vars, false)
		case opStringFold:
			cv.g = compileGlob(v.S, false, vars, true)
		case opStringLike:
			cv.g = compileGlob(v.S, true, vars, false)
		case opArn:
			cv.arn = compileARNPattern(v.S, vars, false)
		default:
			// No variables here: "${...}" is literal text, which is no
			// number, date, address or base64, so the value never matches.
			cv.ok = cv.parse(o.op, v.S)
		}
		cc.hasVars = cc.hasVars || cv.g.nvars > 0 || cv.arn.nvars > 0
		cc.vals[i] = cv
	}
	return cc, nil
}

// resolvable reports whether every policy variable of every value has a
// value in the request (or a default), noting the keys that lack one. A
// value whose variable has none is "effectively null" (IAM User Guide,
// "Policy variables with no value"): StringEquals and StringLike do not
// match it, while StringNotEquals and StringNotLike do.
func (cc *ccond) resolvable(c *evalCtx) bool {
	var buf [8]string
	for i := range cc.vals {
		cv := &cc.vals[i]
		if cc.op == opArn {
			if !cv.arn.resolvable(c) {
				return false
			}
			continue
		}
		if _, _, ok := resolveVars(&cv.g, c, buf[:0]); !ok {
			return false
		}
	}
	return true
}

// parse reads s as the operator's type into cv.
func (cv *cval) parse(op opKind, s string) bool {
	var err error
	switch op {
	case opNumEq, opNumLt, opNumLe, opNumGt, opNumGe:
		cv.num, err = strconv.ParseFloat(strings.TrimSpace(s), 64)
		return err == nil
	case opDateEq, opDateLt, opDateLe, opDateGt, opDateGe:
		var ok bool
		cv.tm, ok = parseDate(s)
		return ok
	case opBool:
		return strings.EqualFold(s, "true") || strings.EqualFold(s, "false")
	case opBinary:
		cv.bin, err = base64.StdEncoding.DecodeString(s)
		return err == nil
	case opIP:
		cv.pfx, err = parsePrefix(s)
		return err == nil
	case opNull:
		return strings.EqualFold(s, "true") || strings.EqualFold(s, "false")
	}
	return true
}

// parsePrefix reads a CIDR block, or a bare address as a one-address block.
func parsePrefix(s string) (netip.Prefix, error) {
	s = strings.TrimSpace(s)
	if strings.IndexByte(s, '/') >= 0 {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return p, err
		}
		if p.Addr().Is4In6() {
			p = netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96)
		}
		return p.Masked(), nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, err
	}
	a = a.Unmap()
	return netip.PrefixFrom(a, a.BitLen()), nil
}

// parseDate reads AWS's date forms: the W3C profiles of ISO 8601 (YYYY,
// YYYY-MM, YYYY-MM-DD, and YYYY-MM-DDThh:mm, …:ss, …:ss.s with a zone Z,
// +hh:mm or -hh:mm; also +hhmm, and no zone for UTC) or seconds since the
// epoch. Four digits alone are a year, not 2,026 seconds after 1970: AWS
// lists the year as a form of its own, and no one writes epoch times that
// short. Missing parts are the start of the period (2026-01 is January 1st,
// midnight UTC).
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	if len(s) != 4 {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(n, 0).UTC(), true
		}
	}
	return parseW3CDate(s)
}

// parseW3CDate reads YYYY[-MM[-DD[Thh:mm[:ss[.s+]][TZD]]]].
func parseW3CDate(s string) (time.Time, bool) {
	i := 0
	num := func(n int) (int, bool) {
		if i+n > len(s) {
			return 0, false
		}
		v := 0
		for _, c := range []byte(s[i : i+n]) {
			if c < '0' || c > '9' {
				return 0, false
			}
			v = v*10 + int(c-'0')
		}
		i += n
		return v, true
	}
	sep := func(c byte) bool {
		if i < len(s) && s[i] == c {
			i++
			return true
		}
		return false
	}
	year, ok := num(4)
	if !ok {
		return time.Time{}, false
	}
	month, day, hour, minute, sec, nsec, offset := 1, 1, 0, 0, 0, 0, 0
	if sep('-') {
		if month, ok = num(2); !ok || month < 1 || month > 12 {
			return time.Time{}, false
		}
		if sep('-') {
			if day, ok = num(2); !ok || day < 1 || day > daysIn(year, month) {
				return time.Time{}, false
			}
			if sep('T') {
				if hour, ok = num(2); !ok || hour > 23 || !sep(':') {
					return time.Time{}, false
				}
				if minute, ok = num(2); !ok || minute > 59 {
					return time.Time{}, false
				}
				if sep(':') {
					if sec, ok = num(2); !ok || sec > 59 {
						return time.Time{}, false
					}
					if sep('.') {
						digits := 0
						for i < len(s) && s[i] >= '0' && s[i] <= '9' {
							if digits < 9 {
								nsec = nsec*10 + int(s[i]-'0')
							}
							digits++
							i++
						}
						if digits == 0 {
							return time.Time{}, false
						}
						for ; digits < 9; digits++ {
							nsec *= 10
						}
					}
				}
				switch {
				case sep('Z'):
				case i < len(s) && (s[i] == '+' || s[i] == '-'):
					sign := 1
					if s[i] == '-' {
						sign = -1
					}
					i++
					zh, ok := num(2)
					if !ok || zh > 23 {
						return time.Time{}, false
					}
					sep(':')
					zm, ok := num(2)
					if !ok || zm > 59 {
						return time.Time{}, false
					}
					offset = sign * (zh*3600 + zm*60)
				}
			}
		}
	}
	if i != len(s) {
		return time.Time{}, false
	}
	// In UTC, without a zone of its own: a fixed zone would allocate.
	t := time.Date(year, time.Month(month), day, hour, minute, sec, nsec, time.UTC)
	return t.Add(-time.Duration(offset) * time.Second), true
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// cmp compares one request value with one policy value in the operator's
// positive sense. comparable is false when either side cannot be read as
// the operator's type or holds an undefined variable.
func (cc *ccond) cmp(cv *cval, v string, c *evalCtx) (match, comparable bool) {
	switch cc.op {
	case opString, opStringFold, opStringLike:
		if cv.g.nvars == 0 {
			return cv.g.match(v, nil), true
		}
		var buf [8]string
		vals, _, ok := resolveVars(&cv.g, c, buf[:0])
		if !ok {
			// The variable has no value: the policy value is effectively
			// null, equal to and like nothing, so a negated operator
			// matches against it (IAM User Guide, "Policy variables with
			// no value").
			return false, true
		}
		return cv.g.match(v, vals), true
	case opArn:
		if !cv.arn.resolvable(c) {
			return false, true // effectively null, as above
		}
		r := splitARN(v)
		return cv.arn.match(&r, c), true
	}
	pv := cv
	if !cv.ok {
		return false, false
	}
	switch cc.op {
	case opNumEq, opNumLt, opNumLe, opNumGt, opNumGe:
		n, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil {
			return false, false
		}
		switch cc.op {
		case opNumEq:
			return n == pv.num, true
		case opNumLt:
			return n < pv.num, true
		case opNumLe:
			return n <= pv.num, true
		case opNumGt:
			return n > pv.num, true
		}
		return n >= pv.num, true
	case opDateEq, opDateLt, opDateLe, opDateGt, opDateGe:
		t, ok := parseDate(v)
		if !ok {
			return false, false
		}
		switch cc.op {
		case opDateEq:
			return t.Equal(pv.tm), true
		case opDateLt:
			return t.Before(pv.tm), true
		case opDateLe:
			return !t.After(pv.tm), true
		case opDateGt:
			return t.After(pv.tm), true
		}
		return !t.Before(pv.tm), true
	case opBool:
		if !strings.EqualFold(v, "true") && !strings.EqualFold(v, "false") {
			return false, false
		}
		return strings.EqualFold(v, pv.raw), true
	case opBinary:
		b, err := base64.StdEncoding.DecodeString(v)
		if err != nil {
			return false, false
		}
		return bytes.Equal(b, pv.bin), true
	case opIP:
		a, err := netip.ParseAddr(strings.TrimSpace(v))
		if err != nil {
			return false, false
		}
		return pv.pfx.Contains(a.Unmap()), true
	}
	return false, false
}

// one evaluates the operator for a single request value against every
// policy value: OR across values; a negated operator holds when no value
// matches (and at least one could be compared).
func (cc *ccond) one(v string, c *evalCtx) bool {
	anyMatch, anyComparable := false, false
	for i := range cc.vals {
		m, ok := cc.cmp(&cc.vals[i], v, c)
		if m {
			anyMatch = true
			break
		}
		anyComparable = anyComparable || ok
	}
	if cc.negated {
		return !anyMatch && anyComparable
	}
	return anyMatch
}

// eval evaluates the condition against the context.
func (cc *ccond) eval(c *evalCtx) bool {
	vals, present := c.lookup(cc.key)
	present = present && len(vals) > 0
	if cc.op == opNull {
		for i := range cc.vals {
			want := strings.EqualFold(cc.vals[i].raw, "true")
			if cc.vals[i].ok && want != present {
				return true
			}
		}
		return false
	}
	if !present {
		c.noteMissing(cc.key)
		if cc.hasVars {
			cc.resolvable(c) // notes the variables' missing keys too
		}
		return missingOutcome(cc)
	}
	switch cc.set {
	case policy.ForAllValues:
		for _, v := range vals {
			if !cc.one(v, c) {
				return false
			}
		}
		return true
	case policy.ForAnyValue:
		for _, v := range vals {
			if cc.one(v, c) {
				return true
			}
		}
		return false
	}
	if cc.negated {
		// NOT (some request value matches some policy value).
		anyComparable := false
		for _, v := range vals {
			for i := range cc.vals {
				m, ok := cc.cmp(&cc.vals[i], v, c)
				if m {
					return false
				}
				anyComparable = anyComparable || ok
			}
		}
		return anyComparable
	}
	for _, v := range vals {
		if cc.one(v, c) {
			return true
		}
	}
	return false
}

// missingOutcome is a condition's value when the request lacks its key:
// ...IfExists and ForAllValues hold (an empty set satisfies "all"),
// ForAnyValue does not, a negated operator holds ("not equal to anything"),
// any other operator does not.
func missingOutcome(cc *ccond) bool {
	switch {
	case cc.ifExists:
		return true
	case cc.set == policy.ForAllValues:
		return true
	case cc.set == policy.ForAnyValue:
		return false
	}
	return cc.negated
}
