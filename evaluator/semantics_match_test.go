package evaluator

import (
	"fmt"
	"testing"
)

// evalOne builds a world with alice holding the given identity policy and
// returns the decision for action on resource.
func evalOne(t *testing.T, policyText, action, resource string, ctx []ContextValue) *Result {
	t.Helper()
	b := newBuilder(t)
	b.user(acctA, "alice", policyText)
	e := b.engine()
	var res Result
	if err := e.Evaluate(&Request{Principal: "arn:aws:iam::" + acctA + ":user/alice", Action: action, Resource: resource, Context: ctx}, &res); err != nil {
		t.Fatal(err)
	}
	return &res
}

// From "IAM JSON policy elements: Action": names are case-insensitive and
// take * and ? wildcards; NotAction matches everything else.
func TestActionMatching(t *testing.T) {
	cases := []struct {
		name, action, request string
		not                   bool
		want                  bool
	}{
		{"exact", "s3:GetObject", "s3:GetObject", false, true},
		{"case-insensitive action", "S3:getobject", "s3:GetObject", false, true},
		{"case-insensitive request", "s3:GetObject", "S3:GETOBJECT", false, true},
		{"prefix star", "s3:Get*", "s3:GetObjectAcl", false, true},
		{"prefix star other service", "s3:Get*", "s3express:GetObject", false, false},
		{"middle star", "s3:*Object", "s3:DeleteObject", false, true},
		{"middle star no match", "s3:*Object", "s3:DeleteObjects", false, false},
		{"question mark", "ec2:Describe?nstances", "ec2:DescribeInstances", false, true},
		{"question mark needs one char", "ec2:DescribeInstance?", "ec2:DescribeInstance", false, false},
		{"all", "*", "iam:CreateUser", false, true},
		{"service star", "iam:*", "IAM:CreateUser", false, true},
		{"wildcard service", "*:Describe*", "ec2:DescribeVpcs", false, true},
		{"different action", "s3:GetObject", "s3:PutObject", false, false},
		{"NotAction excludes", "iam:*", "iam:CreateUser", true, false},
		{"NotAction covers the rest", "iam:*", "s3:GetObject", true, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			elem := `"Action":` + jsonish(c.action)
			if c.not {
				elem = `"NotAction":` + jsonish(c.action)
			}
			p := `{"Version":"2012-10-17","Statement":[{"Sid":"S","Effect":"Allow",` + elem + `,"Resource":"*"}]}`
			res := evalOne(t, p, c.request, "arn:aws:s3:::b/k", nil)
			if got := res.Decision == Allowed; got != c.want {
				t.Errorf("%s vs %s: allowed=%v, want %v", c.action, c.request, got, c.want)
			}
		})
	}
}

// From "IAM JSON policy elements: Resource" and the ARN condition
// operators: ARNs are case-sensitive; wildcards apply within each of the
// first five colon-separated parts and across the resource part.
func TestResourceMatching(t *testing.T) {
	cases := []struct {
		name, pattern, resource string
		want                    bool
	}{
		{"exact", "arn:aws:s3:::bucket", "arn:aws:s3:::bucket", true},
		{"star covers every key depth", "arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b/c.txt", true},
		{"bucket pattern is not its objects", "arn:aws:s3:::bucket", "arn:aws:s3:::bucket/key", false},
		{"objects pattern is not the bucket", "arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket", false},
		{"case-sensitive", "arn:aws:s3:::Bucket/*", "arn:aws:s3:::bucket/k", false},
		{"region wildcard", "arn:aws:ec2:*:111122223333:instance/*", "arn:aws:ec2:eu-west-1:111122223333:instance/i-1", true},
		{"region star matches empty region", "arn:aws:iam:*:111122223333:user/alice", "arn:aws:iam::111122223333:user/alice", true},
		{"account wildcard", "arn:aws:sqs:us-east-1:*:q", "arn:aws:sqs:us-east-1:111122223333:q", true},
		{"question mark in account", "arn:aws:sqs:us-east-1:11112222333?:q", "arn:aws:sqs:us-east-1:111122223333:q", true},
		{"star does not cross a colon in the first parts", "arn:aws:sqs:us-*:q", "arn:aws:sqs:us-east-1:111122223333:q", false},
		{"resource part crosses colons", "arn:aws:logs:*:*:log-group:*", "arn:aws:logs:us-east-1:111122223333:log-group:/web/x:log-stream:s", true},
		{"resource part prefix", "arn:aws:logs:us-east-1:111122223333:log-group:/web/*", "arn:aws:logs:us-east-1:111122223333:log-group:/api/x", false},
		{"service wildcard", "arn:aws:*:*:*:*", "arn:aws:dynamodb:us-east-1:111122223333:table/t", true},
		{"fewer than six parts matches nothing", "arn:aws:*", "arn:aws:s3:::bucket", false},
		{"star matches everything", "*", "arn:aws:s3:::bucket/key", true},
		{"star matches the resource *", "*", "*", true},
		{"ARN pattern does not match *", "arn:aws:s3:::*", "*", false},
		{"partition", "arn:aws-cn:s3:::bucket", "arn:aws:s3:::bucket", false},
		{"question mark is one character", "arn:aws:s3:::b?cket", "arn:aws:s3:::bcket", false},
		{"middle wildcards", "arn:aws:s3:::*-logs/*/2026/*", "arn:aws:s3:::web-logs/a/b/2026/x", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := pol(stmt("S", "Allow", "s3:GetObject", c.pattern))
			res := evalOne(t, p, "s3:GetObject", c.resource, nil)
			if got := res.Decision == Allowed; got != c.want {
				t.Errorf("Resource %q vs %q: allowed=%v, want %v", c.pattern, c.resource, got, c.want)
			}
			np := `{"Version":"2012-10-17","Statement":[{"Sid":"S","Effect":"Allow","Action":"s3:GetObject","NotResource":` + jsonish(c.pattern) + `}]}`
			res = evalOne(t, np, "s3:GetObject", c.resource, nil)
			if got := res.Decision == Allowed; got == c.want {
				t.Errorf("NotResource %q vs %q: allowed=%v, want %v", c.pattern, c.resource, got, !c.want)
			}
		})
	}
}

// From "Policy evaluation logic": an explicit Deny in any policy wins, and
// without an Allow the answer is an implicit deny.
func TestExplicitDenyWins(t *testing.T) {
	b := newBuilder(t)
	g := b.group(acctA, "devs", pol(stmt("GroupDeny", "Deny", "s3:DeleteObject", "*")))
	m := b.managed(acctA, "S3All", pol(stmt("ManagedAllow", "Allow", "s3:*", "*")))
	u := b.user(acctA, "alice", pol(stmt("InlineAllow", "Allow", "s3:*", "arn:aws:s3:::b/*")))
	u.Groups = []string{g.Name}
	u.AttachedPolicies = []string{m}
	e := b.engine()
	alice := "arn:aws:iam::111122223333:user/alice"
	check(t, e, &Request{Principal: alice, Action: "s3:DeleteObject", Resource: "arn:aws:s3:::b/k"}, denied("GroupDeny"))
	check(t, e, &Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k"}, allowed(StepIdentityPolicy, "InlineAllow", "ManagedAllow"))
	check(t, e, &Request{Principal: alice, Action: "ec2:RunInstances", Resource: "*"}, implicit(StepImplicitDeny))
	res := check(t, e, &Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k"}, allowed(StepIdentityPolicy))
	if res.Matched[1].PolicyType != CustomerManaged || res.Matched[1].PolicyID != m || res.Matched[0].PolicyType != UserInline {
		t.Errorf("policy types: %+v", res.Matched)
	}
	if res.Matched[0].Start.Line != 1 || res.Matched[0].Start.Column < 2 || res.Matched[0].End.Column <= res.Matched[0].Start.Column {
		t.Errorf("positions: %+v %+v", res.Matched[0].Start, res.Matched[0].End)
	}
}

// Evaluate visits, per policy, only the statements that may match the
// request's service (see cpolicy.bySvc). The pick must not change the
// answer or the order of the matched statements: statements naming the
// service, naming several services, naming any service (wildcard service,
// NotAction) and none of the services named anywhere, across several
// policies, and in a policy of more than 64 statements.
func TestStatementsPickedByService(t *testing.T) {
	wide := []string{}
	for i := 0; i < 70; i++ {
		wide = append(wide, stmt(fmt.Sprintf("W%d", i), "Allow", fmt.Sprintf("svc%d:Get*", i), "*"))
	}
	wide[66] = stmt("W66", "Allow", `["svc9:Get*","s3:GetObject"]`, "*")
	wide[68] = stmt("W68", "Allow", "*:GetObject", "*")
	b := newBuilder(t)
	b.user(acctA, "alice",
		pol(stmt("A0", "Allow", "ec2:Describe*", "*"), stmt("A1", "Allow", `["ec2:Run*","s3:Get*"]`, "*"), stmt("A2", "Allow", "s3:GetObject", "*")),
		pol(stmt("B0", "Allow", "*", "*"), `{"Sid":"B1","Effect":"Allow","NotAction":"iam:*","Resource":"*"}`, stmt("B2", "Allow", "S3:getobject", "*")),
		pol(wide...),
	)
	e := b.engine()
	alice := "arn:aws:iam::" + acctA + ":user/alice"
	check(t, e, &Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k"},
		allowed(StepIdentityPolicy, "A1", "A2", "B0", "B1", "B2", "W66", "W68"))
	check(t, e, &Request{Principal: alice, Action: "EC2:DescribeVpcs", Resource: "*"},
		allowed(StepIdentityPolicy, "A0", "B0", "B1"))
	check(t, e, &Request{Principal: alice, Action: "svc69:GetThing", Resource: "*"},
		allowed(StepIdentityPolicy, "B0", "B1", "W69"))
	check(t, e, &Request{Principal: alice, Action: "nosuchservice:GetObject", Resource: "*"},
		allowed(StepIdentityPolicy, "B0", "B1", "W68"))
	check(t, e, &Request{Principal: alice, Action: "iam:CreateUser", Resource: "*"},
		allowed(StepIdentityPolicy, "B0"))

	// Denies are picked the same way.
	b = newBuilder(t)
	b.user(acctA, "bob",
		pol(stmt("AllowAll", "Allow", "*", "*"), stmt("D0", "Deny", "ec2:*", "*"), `{"Sid":"D1","Effect":"Deny","NotAction":"s3:*","Resource":"*"}`),
		pol(wide[:65]...), pol(stmt("D2", "Deny", "*:Terminate*", "*")))
	e = b.engine()
	bob := "arn:aws:iam::" + acctA + ":user/bob"
	check(t, e, &Request{Principal: bob, Action: "ec2:TerminateInstances", Resource: "*"}, denied("D0", "D1", "D2"))
	check(t, e, &Request{Principal: bob, Action: "s3:GetObject", Resource: "*"}, allowed(StepIdentityPolicy, "AllowAll"))
}
