package evaluator

import (
	"strings"
	"sync"
	"testing"

	"iamtui/catalog"
	"iamtui/model"
	"iamtui/model/policy"
)

// reasonWorld has one principal per way of being denied (and allowed).
func reasonWorld(t *testing.T) *Engine {
	t.Helper()
	b := newBuilder(t)
	kitchen := b.managed(acctA, "KitchenOnly", pol(stmt("AtMostTheKitchen", "Allow", "s3:*", "arn:aws:s3:::kitchen/*")))
	ari := b.user(acctA, "ari", pol(stmt("FetchIngredients", "Allow", "s3:GetObject", "arn:aws:s3:::storage/*")))
	ari.PermissionsBoundary = kitchen
	b.user(acctA, "alice", pol(stmt("AliceAll", "Allow", "*", "*"), stmt("NoWine", "Deny", "s3:GetObject", "arn:aws:s3:::storage/wine/*")))
	b.user(acctA, "bob")
	b.user(acctB, "carol", pol(stmt("CarolAll", "Allow", "*", "*")))
	b.role(acctA, "r", pol(`{"Sid":"TrustAcct","Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole"}`), pol(stmt("RAll", "Allow", "*", "*")))
	b.resource("arn:aws:kms:us-east-1:111122223333:key/k1", acctA, pol(`{"Sid":"OnlyBob","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/bob"},"Action":"kms:*","Resource":"*"}`))
	b.resource("arn:aws:s3:::shared", acctA, pol(grantTo("ToAccount", `{"AWS":"111122223333"}`, "s3:GetObject", "arn:aws:s3:::shared/*")))
	b.node("r-rs01", "")
	b.node(acctA, "r-rs01")
	b.orgPolicy(model.SCP, acctA, "NoEC2", pol(stmt("AllButEC2", "Allow", `["s3:*","sts:*","kms:*","sqs:*","iam:*"]`, "*")))
	b.orgPolicy(model.RCP, acctA, "NoQueueFromB", `{"Version":"2012-10-17","Statement":[{"Sid":"NoB","Effect":"Deny","Principal":"*","Action":"sqs:*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalAccount":"444455556666"}}}]}`)
	return b.engine()
}

// The reason is the step's, in words: the boundary, an SCP, nothing...;
// the near misses come from the policy that said no.
func TestReasonAndNearest(t *testing.T) {
	e := reasonWorld(t)
	session := newBuilder(t).parse(pol(stmt("SessEC2", "Allow", "ec2:*", "*")), policy.Identity)
	cases := []struct {
		name    string
		req     Request
		step    Step
		reason  string
		nearest PolicyType // the type of every near miss; 0: none expected
		first   string     // the first near miss's Sid
	}{
		{"boundary", Request{Principal: "arn:aws:iam::111122223333:user/ari", Action: "s3:GetObject", Resource: "arn:aws:s3:::storage/tomatoes"},
			StepBoundary, "the permissions boundary does not allow it", Boundary, "AtMostTheKitchen"},
		{"SCP", Request{Principal: aliceA, Action: "ec2:RunInstances", Resource: "*"},
			StepSCP, "an SCP does not allow it", SCP, "AllButEC2"},
		{"nothing", Request{Principal: "arn:aws:iam::111122223333:user/bob", Action: "s3:GetObject", Resource: "arn:aws:s3:::x/y"},
			StepImplicitDeny, "no policy allows it", 0, ""},
		{"session policy", Request{Principal: "arn:aws:sts::111122223333:assumed-role/r/s", Action: "s3:GetObject", Resource: "arn:aws:s3:::x/y", SessionPolicy: session},
			StepSessionPolicy, "the session policy does not allow it", Session, "SessEC2"},
		{"key policy", Request{Principal: aliceA, Action: "kms:Decrypt", Resource: "arn:aws:kms:us-east-1:111122223333:key/k1"},
			StepResourcePolicy, "the key policy does not allow it", ResourceBased, "OnlyBob"},
		{"trust policy", Request{Principal: "arn:aws:iam::444455556666:user/carol", Action: "sts:AssumeRole", Resource: "arn:aws:iam::111122223333:role/r"},
			StepResourcePolicy, "the resource-based policy does not allow it (needed across accounts)", Trust, "TrustAcct"},
		{"identity after a grant to the account", Request{Principal: "arn:aws:iam::111122223333:user/bob", Action: "s3:GetObject", Resource: "arn:aws:s3:::shared/k"},
			StepImplicitDeny, "no identity-based policy allows it (the resource's policy grants it to the account, which leaves it to its IAM policies)", 0, ""},
		{"root and AssumeRole", Request{Principal: "arn:aws:iam::111122223333:root", Action: "sts:AssumeRole", Resource: "arn:aws:iam::111122223333:role/r"},
			StepRootUser, "the root user cannot call sts:AssumeRole (AWS refuses the root user's credentials)", 0, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			exp, err := e.Explain(&c.req)
			if err != nil {
				t.Fatal(err)
			}
			r := &exp.Result
			if r.Decision != ImplicitDeny || r.Step != c.step || r.Reason() != c.reason {
				t.Errorf("%s at %s: %q; want implicitDeny at %s: %q", r.Decision, r.Step, r.Reason(), c.step, c.reason)
			}
			if !strings.Contains(exp.Summary, c.reason) {
				t.Errorf("summary lacks the reason: %s", exp.Summary)
			}
			if c.nearest == 0 {
				if c.step == StepRootUser && len(exp.Nearest) > 0 {
					t.Errorf("near misses for the root user: %v", exp.Nearest)
				}
				return
			}
			if len(exp.Nearest) == 0 || exp.Nearest[0].Sid != c.first {
				t.Fatalf("nearest: %+v, want %s first", exp.Nearest, c.first)
			}
			for _, n := range exp.Nearest {
				if n.PolicyType != c.nearest {
					t.Errorf("near miss %s is in a %s, want only %s", n.Label(), n.PolicyType, c.nearest)
				}
			}
			if !strings.Contains(exp.Summary, "Nearest: "+exp.Nearest[0].Label()) {
				t.Errorf("summary: %s", exp.Summary)
			}
		})
	}
	// Allowed and explicit denies say why too.
	var res Result
	for _, c := range []struct {
		req    Request
		reason string
	}{
		{Request{Principal: aliceA, Action: "s3:GetObject", Resource: "arn:aws:s3:::storage/wine/1982"}, "a Deny statement in the user inline policy applies"},
		{Request{Principal: aliceA, Action: "s3:GetObject", Resource: "arn:aws:s3:::x/y"}, "an identity-based policy allows it"},
		{Request{Principal: "arn:aws:iam::111122223333:root", Action: "s3:GetObject", Resource: "arn:aws:s3:::x/y"}, RootUserRule},
		{Request{Principal: "arn:aws:iam::444455556666:user/carol", Action: "sns:Publish", Resource: "arn:aws:sns:us-east-1:111122223333:t"}, "the resource has no resource-based policy, and across accounts one must allow it"},
	} {
		if err := e.Evaluate(&c.req, &res); err != nil {
			t.Fatal(err)
		}
		if res.Reason() != c.reason {
			t.Errorf("%s %s: %q, want %q", c.req.Principal, c.req.Action, res.Reason(), c.reason)
		}
	}
}

func TestStatementLabels(t *testing.T) {
	for _, c := range []struct {
		index int
		sid   string
		want  string
	}{{0, "", "statement 1"}, {1, "CookInTheKitchen", "statement 2 (CookInTheKitchen)"}} {
		m := MatchedStatement{Index: c.index, Sid: c.sid}
		if got := m.Label(); got != c.want || StatementLabel(c.index, c.sid) != c.want {
			t.Errorf("Label(%d, %q) = %q, want %q", c.index, c.sid, got, c.want)
		}
	}
	// The summary counts from 1 as well; JSON keeps AWS's 0-based index.
	e := reasonWorld(t)
	req := Request{Principal: aliceA, Action: "s3:GetObject", Resource: "arn:aws:s3:::storage/wine/1982"}
	exp, err := e.Explain(&req)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(exp.Summary, "denied by statement 2 (NoWine)") {
		t.Errorf("summary: %s", exp.Summary)
	}
	if js := string(AppendJSON(nil, &req, &exp.Result, exp)); !strings.Contains(js, `"StatementIndex":1`) || !strings.Contains(js, `"Warnings":[]`) {
		t.Errorf("JSON: %s", js)
	}
}

var (
	catOnce sync.Once
	cat     *catalog.Catalog
	catErr  error
)

func loadCatalog(t *testing.T) *catalog.Catalog {
	t.Helper()
	catOnce.Do(func() { cat, catErr = catalog.Load() })
	if catErr != nil {
		t.Fatal(catErr)
	}
	return cat
}

func TestRequestWarnings(t *testing.T) {
	c := loadCatalog(t)
	cases := []struct {
		name   string
		req    Request
		want   []string // substrings, one warning each, in order
		absent bool     // no warning at all
	}{
		{"a known action in any case", Request{Action: "S3:getobject"}, nil, true},
		{"a typo", Request{Action: "s3:GetObjects"}, []string{"s3:GetObjects is not an AWS action; did you mean s3:GetObject?"}, false},
		{"a wrong service", Request{Action: "s4:GetObject"}, []string{"s4:GetObject is not an AWS action; did you mean s3:GetObject?"}, false},
		{"nothing near", Request{Action: "zzzzzz:Qqqqqqqqqqq"}, []string{"zzzzzz:Qqqqqqqqqqq is not an AWS action: there is no service zzzzzz"}, false},
		{"a date key given no date", Request{Action: "s3:GetObject", Context: ctxv("aws:CurrentTime", "yesterday")}, []string{`aws:CurrentTime: "yesterday" is not a date`}, false},
		{"a date key given a W3C year and month", Request{Action: "s3:GetObject", Context: ctxv("aws:CurrentTime", "2026-01")}, nil, true},
		{"an IP key given a name", Request{Action: "s3:GetObject", Context: ctxv("aws:SourceIp", "office")}, []string{`aws:SourceIp: "office" is not an IP address`}, false},
		{"a bool key given yes", Request{Action: "s3:GetObject", Context: ctxv("aws:SecureTransport", "yes")}, []string{`aws:SecureTransport: "yes" is not true or false`}, false},
		{"a number key given words", Request{Action: "s3:GetObject", Context: ctxv("s3:max-keys", "ten")}, []string{`s3:max-keys: "ten" is not a number`}, false},
		{"an action as a key", Request{Action: "s3:GetObject", Context: ctxv("sts:AssumeRole", "x")}, []string{"sts:AssumeRole is not a condition key: it names an action"}, false},
		{"an unknown key", Request{Action: "s3:GetObject", Context: ctxv("aws:NoSuchKey", "x")}, []string{"aws:NoSuchKey is not a condition key AWS knows"}, false},
		{"a single-valued key given twice", Request{Action: "s3:GetObject", Context: ctxv("aws:SourceIp", "10.0.0.1", "aws:SourceIp", "10.0.0.2")}, []string{"aws:SourceIp is single-valued"}, false},
		{"a multivalued key", Request{Action: "s3:GetObject", Context: ctxv("aws:TagKeys", "a", "aws:TagKeys", "b")}, nil, true},
		{"templated keys", Request{Action: "s3:GetObject", Context: ctxv("aws:PrincipalTag/team", "red", "aws:RequestTag/env", "prod")}, nil, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := RequestWarnings(c, &tc.req)
			if tc.absent {
				if len(got) != 0 {
					t.Errorf("warnings: %q", got)
				}
				return
			}
			if len(got) != len(tc.want) {
				t.Fatalf("warnings %q, want %d", got, len(tc.want))
			}
			for i, w := range tc.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("warning %q lacks %q", got[i], w)
				}
			}
		})
	}
	if RequestWarnings(nil, &Request{Action: "s3:GetObjects"}) != nil {
		t.Error("a nil catalog warned")
	}
}

// IdentityPoliciesAllow is the identity-based policies' own answer, before
// a boundary limits it: ari's FetchIngredients allows, his boundary does not.
func TestIdentityPoliciesAllowIsBeforeTheBoundary(t *testing.T) {
	e := reasonWorld(t)
	cases := []struct {
		name      string
		principal string
		resource  string
		policies  bool
		decision  Decision
	}{
		{"boundary denies what identity allows", "arn:aws:iam::111122223333:user/ari", "arn:aws:s3:::storage/tomatoes", true, ImplicitDeny},
		{"the boundary allows what identity does not", "arn:aws:iam::111122223333:user/ari", "arn:aws:s3:::kitchen/soup", false, ImplicitDeny},
		{"nothing allows", "arn:aws:iam::111122223333:user/bob", "arn:aws:s3:::x/y", false, ImplicitDeny},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var res Result
			if err := e.Evaluate(&Request{Principal: c.principal, Action: "s3:GetObject", Resource: c.resource}, &res); err != nil {
				t.Fatal(err)
			}
			if res.IdentityPoliciesAllow != c.policies || res.Decision != c.decision {
				t.Fatalf("IdentityPoliciesAllow %v, decision %s; want %v, %s", res.IdentityPoliciesAllow, res.Decision, c.policies, c.decision)
			}
		})
	}
}

// A Deny that applies because a key is missing (ForceMFA's BoolIfExists)
// does not hide a principal from who-can's "would be allowed with suitable
// values" list.
func TestWhoCanConditionalBehindADenyOnAMissingKey(t *testing.T) {
	b := newBuilder(t)
	b.user(acctA, "alice", pol(stmt("All", "Allow", "*", "*"),
		`{"Sid":"ForceMFA","Effect":"Deny","NotAction":"iam:ChangePassword","Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}`))
	e := b.engine()
	rep, err := e.WhoCanReport("s3:GetObject", "arn:aws:s3:::b/k", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Principals) != 0 || len(rep.Conditional) != 1 || rep.Conditional[0].Keys[0] != "aws:MultiFactorAuthPresent" {
		t.Fatalf("principals %+v, conditional %+v", rep.Principals, rep.Conditional)
	}
}

// When a Deny decides, the Allows it overrode are named (AWS's simulator
// lists only the denies): a grant the Deny took away, never a boundary's
// or an SCP's Allow, which grant nothing.
func TestOverriddenAllows(t *testing.T) {
	e := reasonWorld(t)
	cases := []struct {
		name string
		req  Request
		want []string // Sids of the overridden Allows
	}{
		{"deny over an inline allow", Request{Principal: aliceA, Action: "s3:GetObject", Resource: "arn:aws:s3:::storage/wine/1982"}, []string{"AliceAll"}},
		{"allowed: nothing overridden", Request{Principal: aliceA, Action: "s3:GetObject", Resource: "arn:aws:s3:::storage/bread"}, nil},
		{"RCP deny: the SCP's Allow is no grant", Request{Principal: "arn:aws:iam::444455556666:user/carol", Action: "sqs:SendMessage", Resource: "arn:aws:sqs:us-east-1:111122223333:q"}, []string{"CarolAll"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			exp, err := e.Explain(&c.req)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, o := range exp.Overridden {
				got = append(got, o.Sid)
			}
			if strings.Join(got, ",") != strings.Join(c.want, ",") {
				t.Errorf("overridden %v, want %v (decision %s)", got, c.want, exp.Result.Decision)
			}
			if len(c.want) > 0 && !strings.Contains(exp.Summary, "Without it, statement 1 ("+c.want[0]+")") {
				t.Errorf("summary does not name the overridden Allow: %s", exp.Summary)
			}
			js := string(AppendJSON(nil, &c.req, &exp.Result, exp))
			if (len(c.want) > 0) != strings.Contains(js, `"Overridden":[`) {
				t.Errorf("JSON Overridden: %s", js)
			}
		})
	}
}
