package evaluator

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"iamtui/model"
)

// externalWorld is account A with resources whose policies name principals
// outside the database: account 444455556666 (not imported), its users and
// roles, service principals, and anyone.
func externalWorld(t *testing.T) *Engine {
	t.Helper()
	const outsider = "444455556666"
	b := newBuilder(t)
	b.user(acctA, "alice", pol(stmt("AliceS3", "Allow", "s3:*", "*")))
	mfa := b.user(acctA, "mfa-mike", pol(stmt("MikeWithMFA", "Allow", "s3:GetObject", "*", `"Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}`)))
	_ = mfa
	b.role(acctA, "agency", pol(
		`{"Sid":"TheAgency","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::`+outsider+`:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"agency-2024"}}}`,
		`{"Sid":"TheService","Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}`))
	b.role(acctA, "web", pol(`{"Sid":"Google","Effect":"Allow","Principal":{"Federated":"accounts.google.com"},"Action":"sts:AssumeRoleWithWebIdentity"}`))
	b.resource("arn:aws:s3:::deliveries", acctA, pol(
		grantTo("Supplier", `{"AWS":"`+outsider+`"}`, "s3:PutObject", "arn:aws:s3:::deliveries/in/*"),
		grantTo("Courier", `{"AWS":"arn:aws:iam::`+outsider+`:user/courier"}`, "s3:GetObject", "arn:aws:s3:::deliveries/out/*"),
		grantTo("Driver", `{"AWS":"arn:aws:iam::`+outsider+`:role/driver"}`, "s3:DeleteObject", "arn:aws:s3:::deliveries/out/*"),
		grantTo("Alice", `{"AWS":"`+aliceA+`"}`, "s3:PutObject", "arn:aws:s3:::deliveries/in/*")))
	b.resource("arn:aws:s3:::public-site", acctA, pol(
		grantTo("PublicRead", `"*"`, "s3:GetObject", "arn:aws:s3:::public-site/*"),
		`{"Sid":"FromOffice","Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::public-site/*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}`,
		`{"Sid":"NoDeletes","Effect":"Deny","Principal":"*","Action":"s3:DeleteObject","Resource":"arn:aws:s3:::public-site/*"}`))
	b.node("r-ex01", "")
	b.node(outsider, "r-ex01")
	b.orgPolicy(model.SCP, outsider, "NoSQS", pol(stmt("NoSQS", "Allow", `["s3:*","sts:*"]`, "*")))
	b.resource("arn:aws:sqs:us-east-1:111122223333:jobs", acctA, pol(grantTo("Everyone", `{"AWS":"`+outsider+`"}`, "sqs:*", "*")))
	return b.engine()
}

func TestExternalPrincipals(t *testing.T) {
	e := externalWorld(t)
	const (
		root    = "arn:aws:iam::444455556666:root"
		courier = "arn:aws:iam::444455556666:user/courier"
		driver  = "arn:aws:iam::444455556666:role/driver"
		sess    = "arn:aws:sts::444455556666:assumed-role/driver/d1"
		role    = "arn:aws:iam::111122223333:role/agency"
	)
	ext := ctxv("sts:ExternalId", "agency-2024")
	cases := []struct {
		name    string
		req     Request
		want    want
		kind    PrincipalKind
		unknown bool // IdentitySideUnknown
	}{
		{"another account's root with the external id: allowed by the trust policy", Request{Principal: root, Action: "sts:AssumeRole", Resource: role, Context: ext}, allowed(StepResourcePolicy, "TheAgency"), PrincipalAccount, true},
		{"another account's root without the external id", Request{Principal: root, Action: "sts:AssumeRole", Resource: role}, implicit(StepResourcePolicy), PrincipalAccount, true},
		{"another account's user with the external id (the account is trusted)", Request{Principal: courier, Action: "sts:AssumeRole", Resource: role, Context: ext}, allowed(StepResourcePolicy, "TheAgency"), PrincipalUser, true},
		{"the service principal the trust policy names", Request{Principal: "ec2.amazonaws.com", Action: "sts:AssumeRole", Resource: role}, allowed(StepResourcePolicy, "TheService"), PrincipalService, false},
		{"a service the trust policy does not name", Request{Principal: "lambda.amazonaws.com", Action: "sts:AssumeRole", Resource: role}, implicit(StepResourcePolicy), PrincipalService, false},
		{"a federated provider by name", Request{Principal: "accounts.google.com", Action: "sts:AssumeRoleWithWebIdentity", Resource: "arn:aws:iam::111122223333:role/web"}, allowed(StepResourcePolicy, "Google"), PrincipalService, false},
		{"a grant to the outsider's account", Request{Principal: root, Action: "s3:PutObject", Resource: "arn:aws:s3:::deliveries/in/box"}, allowed(StepResourcePolicy, "Supplier"), PrincipalAccount, true},
		{"a grant to the outsider's user: that user", Request{Principal: courier, Action: "s3:GetObject", Resource: "arn:aws:s3:::deliveries/out/x"}, allowed(StepResourcePolicy, "Courier"), PrincipalUser, true},
		{"a grant to the outsider's user: not its account", Request{Principal: root, Action: "s3:GetObject", Resource: "arn:aws:s3:::deliveries/out/x"}, implicit(StepResourcePolicy), PrincipalAccount, true},
		{"a grant to the outsider's role: its session", Request{Principal: sess, Action: "s3:DeleteObject", Resource: "arn:aws:s3:::deliveries/out/x"}, allowed(StepResourcePolicy, "Driver"), PrincipalRoleSession, true},
		{"a grant to the outsider's role: the role", Request{Principal: driver, Action: "s3:DeleteObject", Resource: "arn:aws:s3:::deliveries/out/x"}, allowed(StepResourcePolicy, "Driver"), PrincipalRole, true},
		{"anonymous: public read", Request{Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::public-site/index.html"}, allowed(StepResourcePolicy, "PublicRead"), PrincipalAnonymous, false},
		{"anonymous: {AWS: *} with a condition on the address, met", Request{Principal: "*", Action: "s3:PutObject", Resource: "arn:aws:s3:::public-site/x", Context: ctxv("aws:SourceIp", "203.0.113.9")}, allowed(StepResourcePolicy, "FromOffice"), PrincipalAnonymous, false},
		{"anonymous: the condition not met", Request{Principal: "*", Action: "s3:PutObject", Resource: "arn:aws:s3:::public-site/x"}, implicit(StepResourcePolicy), PrincipalAnonymous, false},
		{"anonymous: an explicit Deny to everyone", Request{Principal: "*", Action: "s3:DeleteObject", Resource: "arn:aws:s3:::public-site/x"}, denied("NoDeletes"), PrincipalAnonymous, false},
		{"anonymous: no resource policy grants it", Request{Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::deliveries/in/x"}, implicit(StepResourcePolicy), PrincipalAnonymous, false},
		{"an outsider's account under an SCP the organization tree gives it", Request{Principal: root, Action: "sqs:SendMessage", Resource: "arn:aws:sqs:us-east-1:111122223333:jobs"}, implicit(StepSCP), PrincipalAccount, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := check(t, e, &c.req, c.want)
			if res.PrincipalKind != c.kind || !res.External || res.IdentitySideUnknown != c.unknown {
				t.Errorf("kind %s external %v unknown %v; want %s, true, %v", res.PrincipalKind, res.External, res.IdentitySideUnknown, c.kind, c.unknown)
			}
			exp, err := e.Explain(&c.req)
			if err != nil {
				t.Fatal(err)
			}
			if exp.Result.Decision != res.Decision || exp.Result.Step != res.Step {
				t.Errorf("Explain: %s at %s", exp.Result.Decision, exp.Result.Step)
			}
			if c.unknown && !strings.Contains(exp.Summary, "not in the database") {
				t.Errorf("summary does not say the identity side is unknown: %s", exp.Summary)
			}
			// The JSON says so too, and keeps its shape.
			js := string(AppendJSON(nil, &c.req, res, nil))
			if !strings.Contains(js, `"ExternalPrincipal":"`+c.kind.String()+`"`) || strings.Contains(js, `"IdentitySideUnknown":true`) != c.unknown {
				t.Errorf("JSON: %s", js)
			}
			// Across accounts, the side that was not evaluated has no decision.
			if res.CrossAccount && c.unknown && !strings.Contains(js, `"EvalDecisionDetails":{"Resource Policy":"`) {
				t.Errorf("JSON decision details: %s", js)
			}
		})
	}
	// The root user of an account in the database is itself, not its account.
	var res Result
	if err := e.Evaluate(&Request{Principal: "arn:aws:iam::111122223333:root", Action: "s3:GetObject", Resource: "*"}, &res); err != nil || res.External || res.PrincipalKind != PrincipalRoot {
		t.Errorf("own root: %v %v %s", err, res.External, res.PrincipalKind)
	}
	// A user the database's account does not have is a mistake.
	if err := e.Evaluate(&Request{Principal: "arn:aws:iam::111122223333:user/nobody", Action: "s3:GetObject", Resource: "*"}, &res); err == nil {
		t.Error("an unknown user of a known account was evaluated")
	}
}

func TestResolvePrincipalOutsiders(t *testing.T) {
	e := externalWorld(t)
	cases := []struct{ in, want, err string }{
		{"444455556666", "arn:aws:iam::444455556666:root", ""},
		{"111122223333", "arn:aws:iam::111122223333:root", ""},
		{"arn:aws:iam::444455556666:user/courier", "arn:aws:iam::444455556666:user/courier", ""},
		{"arn:aws:sts::444455556666:assumed-role/driver/d1", "arn:aws:sts::444455556666:assumed-role/driver/d1", ""},
		{"ec2.amazonaws.com", "ec2.amazonaws.com", ""},
		{"accounts.google.com", "accounts.google.com", ""},
		{"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be", "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be", ""},
		{"*", "*", ""},
		{"alice", aliceA, ""},
		{"arn:aws:iam::111122223333:user/nobody", "", "account 111122223333 is"},
		{"arn:aws:s3:::bucket", "", "not a principal"},
		{"nobody", "", "no user or role"},
	}
	for _, c := range cases {
		got, err := e.ResolvePrincipal("", c.in)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("ResolvePrincipal(%q) = %q, %v; want an error with %q", c.in, got, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("ResolvePrincipal(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
}

func TestWhoCanReportExternal(t *testing.T) {
	e := externalWorld(t)
	type ext struct {
		principal, sid string
		kind           PrincipalKind
		needs          string
		conds          string
	}
	cases := []struct {
		name     string
		action   string
		resource string
		ctx      []ContextValue
		internal []string
		external []ext
	}{
		{"a bucket grant to an outside account", "s3:PutObject", "arn:aws:s3:::deliveries/in/box", nil,
			[]string{aliceA}, []ext{{"444455556666", "Supplier", PrincipalAccount, "", ""}}},
		{"a trust policy with an external id, not given", "sts:AssumeRole", "arn:aws:iam::111122223333:role/agency", nil,
			nil, []ext{{"444455556666", "TheAgency", PrincipalAccount, "sts:ExternalId", "sts:ExternalId = agency-2024"}, {"ec2.amazonaws.com", "TheService", PrincipalService, "", ""}}},
		{"a trust policy with an external id, given", "sts:AssumeRole", "arn:aws:iam::111122223333:role/agency", ctxv("sts:ExternalId", "agency-2024"),
			nil, []ext{{"444455556666", "TheAgency", PrincipalAccount, "", "sts:ExternalId = agency-2024"}, {"ec2.amazonaws.com", "TheService", PrincipalService, "", ""}}},
		{"a trust policy with the wrong external id", "sts:AssumeRole", "arn:aws:iam::111122223333:role/agency", ctxv("sts:ExternalId", "guess"),
			nil, []ext{{"ec2.amazonaws.com", "TheService", PrincipalService, "", ""}}},
		{"public read", "s3:GetObject", "arn:aws:s3:::public-site/index.html", nil,
			[]string{"arn:aws:iam::111122223333:role/agency", "arn:aws:iam::111122223333:role/web", aliceA, "arn:aws:iam::111122223333:user/mfa-mike"}, []ext{{"*", "PublicRead", PrincipalAnonymous, "", ""}}},
		{"public write from an address range", "s3:PutObject", "arn:aws:s3:::public-site/x", nil,
			[]string{aliceA}, []ext{{"*", "FromOffice", PrincipalAnonymous, "aws:SourceIp", "aws:SourceIp in 203.0.113.0/24"}}},
		{"a grant to an outsider's user and role", "s3:GetObject", "arn:aws:s3:::deliveries/out/x", nil,
			[]string{aliceA}, []ext{{"arn:aws:iam::444455556666:user/courier", "Courier", PrincipalUser, "", ""}}},
		{"the web identity provider", "sts:AssumeRoleWithWebIdentity", "arn:aws:iam::111122223333:role/web", nil,
			nil, []ext{{"accounts.google.com", "Google", PrincipalService, "", ""}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rep, err := e.WhoCanReport(c.action, c.resource, c.ctx)
			if err != nil {
				t.Fatal(err)
			}
			old, err := e.WhoCan(c.action, c.resource, c.ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(old, rep.Principals) {
				t.Errorf("WhoCanReport's principals differ from WhoCan's")
			}
			var internal []string
			for _, p := range rep.Principals {
				internal = append(internal, p.Principal.ARN)
			}
			if fmt.Sprint(internal) != fmt.Sprint(c.internal) {
				t.Errorf("internal: %v, want %v", internal, c.internal)
			}
			var got []ext
			for _, x := range rep.External {
				sid := ""
				if len(x.Matched) > 0 {
					sid = x.Matched[0].Sid
				}
				got = append(got, ext{x.Principal, sid, x.Kind, strings.Join(x.NeedsContext, ","), strings.Join(x.Conditions, "; ")})
				if x.Description == "" || x.Public != (x.Kind == PrincipalAnonymous) || x.IdentitySideUnknown != (x.Kind == PrincipalAccount || x.Kind == PrincipalUser) {
					t.Errorf("entry %+v", x)
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(c.external) {
				t.Errorf("external:\n got %v\nwant %v", got, c.external)
			}
		})
	}
}

// Who-can says which context keys it lacked and whom they held back.
func TestWhoCanReportMissingContext(t *testing.T) {
	e := externalWorld(t)
	rep, err := e.WhoCanReport("s3:GetObject", "arn:aws:s3:::reports/q1.csv", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Conditional) != 1 || rep.Conditional[0].Principal.Name != "mfa-mike" || fmt.Sprint(rep.Conditional[0].Keys) != "[aws:MultiFactorAuthPresent]" {
		t.Errorf("conditional: %+v", rep.Conditional)
	}
	if fmt.Sprint(rep.MissingContextValues) != "[aws:MultiFactorAuthPresent]" {
		t.Errorf("missing: %v", rep.MissingContextValues)
	}
	rep, err = e.WhoCanReport("s3:GetObject", "arn:aws:s3:::reports/q1.csv", ctxv("aws:MultiFactorAuthPresent", "true"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Conditional) != 0 || len(rep.MissingContextValues) != 0 || len(rep.Principals) != 2 {
		t.Errorf("with MFA: %+v", rep)
	}
	// A value given that does not satisfy the condition holds nobody back
	// for want of a key.
	rep, err = e.WhoCanReport("s3:GetObject", "arn:aws:s3:::reports/q1.csv", ctxv("aws:MultiFactorAuthPresent", "false"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Conditional) != 0 || len(rep.Principals) != 1 {
		t.Errorf("without MFA: %+v", rep)
	}
}

func TestDescribeCondition(t *testing.T) {
	cases := []struct{ cond, want string }{
		{`{"StringEquals":{"sts:ExternalId":"x"}}`, "sts:ExternalId = x"},
		{`{"StringNotEquals":{"aws:PrincipalAccount":["1","2"]}}`, "aws:PrincipalAccount not in [1, 2]"},
		{`{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, "aws:SourceIp in 203.0.113.0/24"},
		{`{"Bool":{"aws:SecureTransport":"true"}}`, "aws:SecureTransport is true"},
		{`{"BoolIfExists":{"aws:MultiFactorAuthPresent":"true"}}`, "aws:MultiFactorAuthPresent is true (if present)"},
		{`{"Null":{"aws:TokenIssueTime":"true"}}`, "aws:TokenIssueTime is absent"},
		{`{"NumericLessThanEquals":{"s3:max-keys":"10"}}`, "s3:max-keys ≤ 10"},
		{`{"ForAnyValue:StringLike":{"aws:TagKeys":"a*"}}`, "some value of aws:TagKeys like a*"},
		{`{"ArnNotLike":{"aws:SourceArn":"arn:aws:sns:*:*:t"}}`, "aws:SourceArn not like arn:aws:sns:*:*:t"},
		{`{"DateGreaterThan":{"aws:CurrentTime":"2026"}}`, "aws:CurrentTime > 2026"},
	}
	b := newBuilder(t)
	for _, c := range cases {
		doc := b.parse(pol(stmt("S", "Allow", "s3:*", "*", `"Condition":`+c.cond)), 0)
		if got := DescribeCondition(doc.Statements[0].Conditions[0]); got != c.want {
			t.Errorf("%s: %q, want %q", c.cond, got, c.want)
		}
	}
}
