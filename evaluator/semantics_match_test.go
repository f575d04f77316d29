package evaluator

import (
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
