package evaluator

import (
	"strings"
	"testing"
	"time"
)

// Dates: the W3C profiles of ISO 8601 and epoch seconds ("Condition
// operators": "You must specify date/time values with one of the W3C
// implementations of the ISO 8601 date formats or in epoch (UNIX) time").
func TestParseDateW3CProfiles(t *testing.T) {
	utc := func(y int, mo time.Month, d, h, mi, s, ns int) time.Time {
		return time.Date(y, mo, d, h, mi, s, ns, time.UTC)
	}
	cases := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2026", utc(2026, 1, 1, 0, 0, 0, 0), true},
		{"2026-02", utc(2026, 2, 1, 0, 0, 0, 0), true},
		{"2026-02-03", utc(2026, 2, 3, 0, 0, 0, 0), true},
		{"2026-02-03T04:05Z", utc(2026, 2, 3, 4, 5, 0, 0), true},
		{"2026-02-03T04:05+01:00", utc(2026, 2, 3, 3, 5, 0, 0), true},
		{"2026-02-03T04:05:06Z", utc(2026, 2, 3, 4, 5, 6, 0), true},
		{"2026-02-03T04:05:06-02:30", utc(2026, 2, 3, 6, 35, 6, 0), true},
		{"2026-02-03T04:05:06+0100", utc(2026, 2, 3, 3, 5, 6, 0), true},
		{"2026-02-03T04:05:06.5Z", utc(2026, 2, 3, 4, 5, 6, 500_000_000), true},
		{"2026-02-03T04:05:06.123456789123Z", utc(2026, 2, 3, 4, 5, 6, 123_456_789), true},
		{"2026-02-03T04:05:06", utc(2026, 2, 3, 4, 5, 6, 0), true}, // no zone: UTC
		{" 2026-02-03 ", utc(2026, 2, 3, 0, 0, 0, 0), true},
		{"1767225600", utc(2026, 1, 1, 0, 0, 0, 0), true}, // epoch seconds
		{"0", utc(1970, 1, 1, 0, 0, 0, 0), true},
		{"", time.Time{}, false},
		{"2026-13", time.Time{}, false},
		{"2026-02-30", time.Time{}, false},
		{"2024-02-29", utc(2024, 2, 29, 0, 0, 0, 0), true},
		{"2026-02-03T24:00Z", time.Time{}, false},
		{"2026-02-03T04Z", time.Time{}, false}, // hours alone are no W3C profile
		{"2026-02-03T04:05:06.Z", time.Time{}, false},
		{"2026-02-03 04:05:06Z", time.Time{}, false},
		{"2026-2-3", time.Time{}, false},
		{"26", utc(1970, 1, 1, 0, 0, 26, 0), true}, // not four digits: epoch seconds
		{"26-01", time.Time{}, false},
		{"yesterday", time.Time{}, false},
		{"2026-02-03T04:05:06Zjunk", time.Time{}, false},
	}
	for _, c := range cases {
		got, ok := parseDate(c.in)
		if ok != c.ok || (ok && !got.Equal(c.want)) {
			t.Errorf("parseDate(%q) = %v, %v; want %v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

// Every form the earlier parser read (time.Parse layouts) still reads the
// same instant.
func TestParseDateKeepsTheEarlierForms(t *testing.T) {
	layouts := []string{time.RFC3339Nano, time.RFC3339, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04Z07:00", "2006-01-02T15:04:05", "2006-01-02"}
	zones := []*time.Location{time.UTC, time.FixedZone("", 5*3600+30*60), time.FixedZone("", -8*3600)}
	for _, l := range layouts {
		for _, z := range zones {
			for _, ts := range []time.Time{time.Date(2026, 3, 4, 5, 6, 7, 890_000_000, z), time.Date(1999, 12, 31, 23, 59, 59, 0, z)} {
				text := ts.Format(l)
				want, err := time.Parse(l, text)
				if err != nil {
					t.Fatal(err)
				}
				got, ok := parseDate(text)
				if !ok || !got.Equal(want) {
					t.Errorf("parseDate(%q) = %v, %v; want %v", text, got, ok, want)
				}
			}
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026", "2026-01", "2026-01-02T03:04:05.6+07:00", "1767225600", "2026-02-30"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := parseDate(s)
		if !ok {
			return
		}
		// What parses as a full RFC 3339 time must be the instant Go reads.
		if want, err := time.Parse(time.RFC3339Nano, s); err == nil && !got.Equal(want) {
			t.Fatalf("parseDate(%q) = %v, time.Parse says %v", s, got, want)
		}
	})
}

// Policy variables: substituted only in the String and Arn operators and
// in the resource part of a Resource ARN; a variable without a value is
// "effectively null": it equals nothing (so negated operators match it), and
// a Resource or NotResource entry holding it matches no resource.
func TestPolicyVariablesWhereAndUndefined(t *testing.T) {
	conds := []struct {
		name string
		cond string
		ctx  []ContextValue
		want bool
	}{
		{"Bool takes ${} literally", `{"Bool":{"aws:SecureTransport":"${aws:PrincipalTag/tls}"}}`, ctxv("aws:PrincipalTag/tls", "true", "aws:SecureTransport", "true"), false},
		{"Null takes ${} literally (not a boolean: never holds)", `{"Null":{"s3:prefix":"${aws:PrincipalTag/t}"}}`, ctxv("aws:PrincipalTag/t", "true"), false},
		{"NumericEquals literal ${} never compares, negated neither", `{"NumericNotEquals":{"s3:max-keys":"${aws:PrincipalTag/n}"}}`, ctxv("aws:PrincipalTag/n", "1", "s3:max-keys", "5"), false},
		{"StringEquals substitutes", `{"StringEquals":{"s3:prefix":"${aws:PrincipalTag/p}"}}`, ctxv("aws:PrincipalTag/p", "x", "s3:prefix", "x"), true},
		{"ArnEquals substitutes in the account part", `{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:${aws:PrincipalAccount}:t"}}`, ctxv("aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:t"), true},
		{"an undefined value matches nothing; the others still do", `{"StringEquals":{"s3:prefix":["a","${aws:PrincipalTag/none}"]}}`, ctxv("s3:prefix", "a"), true},
		{"undefined value only: StringEquals does not match", `{"StringEquals":{"s3:prefix":"${aws:PrincipalTag/none}"}}`, ctxv("s3:prefix", "a"), false},
		{"undefined value, negated operator, key present: matches the null value", `{"StringNotLike":{"s3:prefix":"${aws:PrincipalTag/none}*"}}`, ctxv("s3:prefix", "a"), true},
		{"undefined value, negated operator, key absent: matches", `{"StringNotEquals":{"s3:prefix":"${aws:PrincipalTag/none}"}}`, nil, true},
		{"undefined value, ForAllValues, key absent: matches", `{"ForAllValues:StringEquals":{"aws:TagKeys":"${aws:PrincipalTag/none}"}}`, nil, true},
		{"undefined value, IfExists, key absent: nothing compared, holds", `{"StringEqualsIfExists":{"s3:prefix":"${aws:PrincipalTag/none}"}}`, nil, true},
		{"undefined value, IfExists, key present: invalid", `{"StringEqualsIfExists":{"s3:prefix":"${aws:PrincipalTag/none}"}}`, ctxv("s3:prefix", ""), false},
		{"default makes it defined", `{"StringNotEquals":{"s3:prefix":"${aws:PrincipalTag/none, 'd'}"}}`, ctxv("s3:prefix", "x"), true},
	}
	for _, c := range conds {
		t.Run(c.name, func(t *testing.T) {
			if got := condAllowed(t, "2012-10-17", c.cond, c.ctx); got != c.want {
				t.Errorf("%s with %v: holds=%v, want %v", c.cond, c.ctx, got, c.want)
			}
		})
	}

	b := newBuilder(t)
	b.user(acctA, "alice",
		pol(stmt("Listed", "Allow", "s3:GetObject", `["arn:aws:s3:::public/*","arn:aws:s3:::home/${aws:PrincipalTag/none}/*"]`)),
		pol(stmt("Head", "Allow", "sqs:SendMessage", "arn:aws:sqs:${aws:PrincipalTag/region, 'us-east-1'}:111122223333:q")),
		pol(stmt("Own", "Allow", "sqs:ReceiveMessage", "arn:aws:sqs:us-east-1:111122223333:${aws:username}")),
		pol(stmt("All", "Allow", "sns:Publish", "*"), `{"Sid":"DenyNR","Effect":"Deny","Action":"sns:Publish","NotResource":"arn:aws:sns:*:*:${aws:PrincipalTag/none}"}`),
	)
	e := b.engine()
	cases := []struct {
		name string
		req  Request
		want want
	}{
		{"an undefined value in a Resource list matches nothing; the others still do", Request{Principal: aliceA, Action: "s3:GetObject", Resource: "arn:aws:s3:::public/x"}, allowed(StepIdentityPolicy, "Listed")},
		{"and the entry with the undefined variable covers nothing", Request{Principal: aliceA, Action: "s3:GetObject", Resource: "arn:aws:s3:::home/alice/x"}, implicit(StepImplicitDeny)},
		{"a variable before the fifth colon is literal text", Request{Principal: aliceA, Action: "sqs:SendMessage", Resource: "arn:aws:sqs:us-east-1:111122223333:q"}, implicit(StepImplicitDeny)},
		{"a variable in the resource part is substituted", Request{Principal: aliceA, Action: "sqs:ReceiveMessage", Resource: "arn:aws:sqs:us-east-1:111122223333:alice"}, allowed(StepIdentityPolicy, "Own")},
		{"a Deny's NotResource entry with an undefined variable excludes nothing: the Deny applies", Request{Principal: aliceA, Action: "sns:Publish", Resource: "arn:aws:sns:us-east-1:111122223333:t"}, denied("DenyNR")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := check(t, e, &c.req, c.want)
			exp, err := e.Explain(&c.req)
			if err != nil {
				t.Fatal(err)
			}
			if exp.Result.Decision != res.Decision {
				t.Errorf("Explain decided %s, Evaluate %s", exp.Result.Decision, res.Decision)
			}
		})
	}
	// The missing key is reported, and Explain says which entry matched nothing.
	req := Request{Principal: aliceA, Action: "s3:GetObject", Resource: "arn:aws:s3:::home/alice/x"}
	exp, err := e.Explain(&req)
	if err != nil {
		t.Fatal(err)
	}
	if len(exp.Result.MissingContextValues) != 1 || exp.Result.MissingContextValues[0] != "aws:PrincipalTag/none" {
		t.Errorf("missing context values: %v", exp.Result.MissingContextValues)
	}
	for _, st := range exp.Statements {
		if st.Sid == "Listed" && (st.Applies || st.Resource.Matched || !strings.Contains(st.Resource.Detail, "matches no resource")) {
			t.Errorf("Explain: Listed applies=%v resource=%+v", st.Applies, st.Resource)
		}
	}
}

// NotPrincipal with Deny always denies a principal with a boundary — a
// role session too, whatever NotPrincipal lists — and never an Allow.
func TestNotPrincipalDenyAndBoundaries(t *testing.T) {
	const (
		sess = "arn:aws:sts::111122223333:assumed-role/app/s1"
		bkt  = "arn:aws:s3:::np"
	)
	b := newBuilder(t)
	bound := b.managed(acctA, "B", pol(stmt("BAll", "Allow", "*", "*")))
	r := b.role(acctA, "app", pol(`{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}`), pol(stmt("AppS3", "Allow", "s3:*", "*")))
	r.PermissionsBoundary = bound
	b.user(acctA, "bob", pol(stmt("BobS3", "Allow", "s3:*", "*")))
	b.resource(bkt, acctA, pol(`{"Sid":"OnlyThese","Effect":"Deny","NotPrincipal":{"AWS":["`+sess+`","arn:aws:iam::111122223333:user/bob"]},"Action":"s3:*","Resource":"`+bkt+`/*"}`))
	e := b.engine()
	check(t, e, &Request{Principal: sess, Action: "s3:GetObject", Resource: bkt + "/k"}, denied("OnlyThese"))
	check(t, e, &Request{Principal: "arn:aws:iam::111122223333:user/bob", Action: "s3:GetObject", Resource: bkt + "/k"}, allowed(StepIdentityPolicy, "BobS3"))
	exp, err := e.Explain(&Request{Principal: sess, Action: "s3:GetObject", Resource: bkt + "/k"})
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range exp.Statements {
		if st.Sid == "OnlyThese" && (!st.Applies || st.Principal.Detail == "") {
			t.Errorf("Explain: %+v", st)
		}
	}
}

// The root user cannot call sts:AssumeRole, whatever the trust policy says;
// other STS actions and other principals are unaffected.
func TestRootCannotAssumeRole(t *testing.T) {
	const rootA = "arn:aws:iam::111122223333:root"
	b := newBuilder(t)
	b.user(acctA, "bob", pol(stmt("BobAssume", "Allow", "sts:*", "*")))
	b.role(acctA, "r", pol(`{"Sid":"TrustAcct","Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":["sts:AssumeRole","sts:TagSession"]}`))
	e := b.engine()
	role := "arn:aws:iam::111122223333:role/r"
	cases := []struct {
		req  Request
		want want
	}{
		{Request{Principal: rootA, Action: "sts:AssumeRole", Resource: role}, implicit(StepRootUser)},
		{Request{Principal: rootA, Action: "STS:assumerole", Resource: role}, implicit(StepRootUser)},
		{Request{Principal: rootA, Action: "sts:TagSession", Resource: role}, allowed(StepResourcePolicy, "TrustAcct")},
		{Request{Principal: rootA, Action: "sts:AssumeRoleWithSAML", Resource: role}, implicit(StepResourcePolicy)},
		{Request{Principal: "arn:aws:iam::111122223333:user/bob", Action: "sts:AssumeRole", Resource: role}, allowed(StepResourcePolicy, "TrustAcct", "BobAssume")},
	}
	for _, c := range cases {
		check(t, e, &c.req, c.want)
	}
	exp, err := e.Explain(&cases[0].req)
	if err != nil {
		t.Fatal(err)
	}
	if exp.Result.Step != StepRootUser || StepRootUser.String() != "root user" {
		t.Errorf("Explain: %s", exp.Result.Step)
	}
}
