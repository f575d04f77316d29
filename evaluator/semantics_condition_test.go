package evaluator

import (
	"testing"
)

// condAllowed evaluates an Allow with the one Condition block against ctx.
func condAllowed(t *testing.T, version, cond string, ctx []ContextValue) bool {
	t.Helper()
	v := ""
	if version != "" {
		v = `"Version":"` + version + `",`
	}
	p := `{` + v + `"Statement":[{"Sid":"C","Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":` + cond + `}]}`
	return evalOne(t, p, "s3:GetObject", "arn:aws:s3:::b/k", ctx).Decision == Allowed
}

// From "IAM JSON policy elements: Condition operators" and "Condition
// keys with multiple values": every operator, ...IfExists, the set
// operators with their empty-set and missing-key traps, negated operators
// on missing keys, AND across keys and OR across values.
func TestConditionOperators(t *testing.T) {
	mfa := func(v string) []ContextValue { return ctxv("aws:MultiFactorAuthPresent", v) }
	ip := func(v string) []ContextValue { return ctxv("aws:SourceIp", v) }
	tag := func(v ...string) []ContextValue {
		var kv []string
		for _, x := range v {
			kv = append(kv, "aws:TagKeys", x)
		}
		return ctxv(kv...)
	}
	cases := []struct {
		name string
		cond string
		ctx  []ContextValue
		want bool
	}{
		// String operators.
		{"StringEquals match", `{"StringEquals":{"aws:username":"alice"}}`, nil, true},
		{"StringEquals is case-sensitive", `{"StringEquals":{"aws:PrincipalTag/team":"Red"}}`, ctxv("aws:PrincipalTag/team", "red"), false},
		{"StringEquals OR across values", `{"StringEquals":{"s3:prefix":["a","b"]}}`, ctxv("s3:prefix", "b"), true},
		{"StringEquals no wildcard", `{"StringEquals":{"s3:prefix":"a*"}}`, ctxv("s3:prefix", "abc"), false},
		{"StringEquals missing key fails", `{"StringEquals":{"s3:prefix":"a"}}`, nil, false},
		{"condition key names ignore case", `{"StringEquals":{"S3:PREFIX":"a"}}`, ctxv("s3:prefix", "a"), true},
		{"StringNotEquals", `{"StringNotEquals":{"s3:prefix":["a","b"]}}`, ctxv("s3:prefix", "c"), true},
		{"StringNotEquals equal value", `{"StringNotEquals":{"s3:prefix":["a","b"]}}`, ctxv("s3:prefix", "a"), false},
		{"negated operator on a missing key matches", `{"StringNotEquals":{"s3:prefix":"a"}}`, nil, true},
		{"StringEqualsIgnoreCase", `{"StringEqualsIgnoreCase":{"s3:prefix":"HOME"}}`, ctxv("s3:prefix", "home"), true},
		{"StringNotEqualsIgnoreCase", `{"StringNotEqualsIgnoreCase":{"s3:prefix":"HOME"}}`, ctxv("s3:prefix", "home"), false},
		{"StringLike star", `{"StringLike":{"s3:prefix":"home/*"}}`, ctxv("s3:prefix", "home/alice/x"), true},
		{"StringLike question", `{"StringLike":{"s3:prefix":"v?"}}`, ctxv("s3:prefix", "v10"), false},
		{"StringNotLike", `{"StringNotLike":{"s3:prefix":"home/*"}}`, ctxv("s3:prefix", "public/x"), true},
		{"StringNotLike missing key matches", `{"StringNotLike":{"s3:prefix":"home/*"}}`, nil, true},
		// Numeric.
		{"NumericLessThan", `{"NumericLessThan":{"s3:max-keys":"10"}}`, ctxv("s3:max-keys", "9"), true},
		{"NumericLessThan equal", `{"NumericLessThan":{"s3:max-keys":"10"}}`, ctxv("s3:max-keys", "10"), false},
		{"NumericLessThanEquals", `{"NumericLessThanEquals":{"s3:max-keys":10}}`, ctxv("s3:max-keys", "10"), true},
		{"NumericGreaterThan", `{"NumericGreaterThan":{"aws:MultiFactorAuthAge":"3600"}}`, ctxv("aws:MultiFactorAuthAge", "3601"), true},
		{"NumericGreaterThanEquals", `{"NumericGreaterThanEquals":{"s3:max-keys":"10"}}`, ctxv("s3:max-keys", "9"), false},
		{"NumericEquals", `{"NumericEquals":{"s3:max-keys":"10"}}`, ctxv("s3:max-keys", "10.0"), true},
		{"NumericNotEquals", `{"NumericNotEquals":{"s3:max-keys":"10"}}`, ctxv("s3:max-keys", "11"), true},
		{"Numeric with a non-number in the request fails", `{"NumericNotEquals":{"s3:max-keys":"10"}}`, ctxv("s3:max-keys", "ten"), false},
		{"NumericLessThanIfExists missing", `{"NumericLessThanIfExists":{"aws:MultiFactorAuthAge":"3600"}}`, nil, true},
		{"NumericLessThanIfExists present and too big", `{"NumericLessThanIfExists":{"aws:MultiFactorAuthAge":"3600"}}`, ctxv("aws:MultiFactorAuthAge", "7200"), false},
		// Date.
		{"DateLessThan ISO", `{"DateLessThan":{"aws:CurrentTime":"2026-01-01T00:00:00Z"}}`, ctxv("aws:CurrentTime", "2025-12-31T23:59:59Z"), true},
		{"DateGreaterThan date only", `{"DateGreaterThan":{"aws:CurrentTime":"2026-01-01"}}`, ctxv("aws:CurrentTime", "2026-01-01T00:00:01Z"), true},
		{"Date epoch against ISO", `{"DateLessThanEquals":{"aws:EpochTime":"2026-01-01T00:00:00Z"}}`, ctxv("aws:EpochTime", "1767225600"), true},
		{"DateEquals", `{"DateEquals":{"aws:CurrentTime":"2026-01-01T00:00:00Z"}}`, ctxv("aws:CurrentTime", "2026-01-01T01:00:00+01:00"), true},
		{"DateNotEquals", `{"DateNotEquals":{"aws:CurrentTime":"2026-01-01T00:00:00Z"}}`, ctxv("aws:CurrentTime", "2026-01-02T00:00:00Z"), true},
		{"DateGreaterThanEquals missing time fails", `{"DateGreaterThanEquals":{"aws:CurrentTime":"2026-01-01"}}`, nil, false},
		// Bool.
		{"Bool true", `{"Bool":{"aws:MultiFactorAuthPresent":"true"}}`, mfa("true"), true},
		{"Bool false vs true", `{"Bool":{"aws:MultiFactorAuthPresent":"true"}}`, mfa("false"), false},
		{"Bool ignores case", `{"Bool":{"aws:SecureTransport":true}}`, ctxv("aws:SecureTransport", "TRUE"), true},
		{"Bool missing fails", `{"Bool":{"aws:MultiFactorAuthPresent":"true"}}`, nil, false},
		{"BoolIfExists missing", `{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}`, nil, true},
		{"BoolIfExists present", `{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}`, mfa("true"), false},
		// Binary.
		{"BinaryEquals", `{"BinaryEquals":{"key":"QmluYXJ5VmFsdWU="}}`, ctxv("key", "QmluYXJ5VmFsdWU="), true},
		{"BinaryEquals differs", `{"BinaryEquals":{"key":"QmluYXJ5VmFsdWU="}}`, ctxv("key", "T3RoZXI="), false},
		// IP addresses.
		{"IpAddress v4 CIDR", `{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, ip("203.0.113.7"), true},
		{"IpAddress v4 outside", `{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, ip("203.0.114.7"), false},
		{"IpAddress bare address", `{"IpAddress":{"aws:SourceIp":"203.0.113.7"}}`, ip("203.0.113.7"), true},
		{"IpAddress v6 CIDR", `{"IpAddress":{"aws:SourceIp":"2001:DB8:1234:5678::/64"}}`, ip("2001:db8:1234:5678::1"), true},
		{"IpAddress v6 outside", `{"IpAddress":{"aws:SourceIp":"2001:DB8:1234:5678::/64"}}`, ip("2001:db8:1234:9999::1"), false},
		{"IpAddress v4 request vs v6 block", `{"IpAddress":{"aws:SourceIp":"2001:DB8::/32"}}`, ip("203.0.113.7"), false},
		{"IpAddress OR of blocks", `{"IpAddress":{"aws:SourceIp":["10.0.0.0/8","203.0.113.0/24"]}}`, ip("10.1.2.3"), true},
		{"NotIpAddress", `{"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, ip("198.51.100.1"), true},
		{"NotIpAddress inside", `{"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, ip("203.0.113.1"), false},
		{"NotIpAddress missing matches", `{"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, nil, true},
		{"IpAddress garbage in request fails", `{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}`, ip("not-an-ip"), false},
		// ARN operators.
		{"ArnLike", `{"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:111122223333:topic-*"}}`, ctxv("aws:SourceArn", "arn:aws:sns:eu-west-1:111122223333:topic-a"), true},
		{"ArnEquals takes wildcards too", `{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:*:111122223333:t"}}`, ctxv("aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:t"), true},
		{"ArnLike case-sensitive", `{"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:111122223333:T"}}`, ctxv("aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:t"), false},
		{"ArnNotLike", `{"ArnNotLike":{"aws:SourceArn":"arn:aws:sns:*:111122223333:*"}}`, ctxv("aws:SourceArn", "arn:aws:sns:us-east-1:444455556666:t"), true},
		{"ArnNotEquals missing matches", `{"ArnNotEquals":{"aws:SourceArn":"arn:aws:sns:*:111122223333:*"}}`, nil, true},
		// Null.
		{"Null true on missing key", `{"Null":{"aws:TokenIssueTime":"true"}}`, nil, true},
		{"Null true on present key", `{"Null":{"aws:TokenIssueTime":"true"}}`, ctxv("aws:TokenIssueTime", "2026-01-01T00:00:00Z"), false},
		{"Null false on present key", `{"Null":{"aws:TokenIssueTime":"false"}}`, ctxv("aws:TokenIssueTime", "2026-01-01T00:00:00Z"), true},
		{"Null false on missing key", `{"Null":{"aws:TokenIssueTime":"false"}}`, nil, false},
		// Set operators.
		{"ForAllValues subset", `{"ForAllValues:StringEquals":{"aws:TagKeys":["env","team"]}}`, tag("env"), true},
		{"ForAllValues extra value", `{"ForAllValues:StringEquals":{"aws:TagKeys":["env","team"]}}`, tag("env", "cost"), false},
		{"ForAllValues missing key is true (trap)", `{"ForAllValues:StringEquals":{"aws:TagKeys":["env"]}}`, nil, true},
		{"ForAllValues empty set is true (trap)", `{"ForAllValues:StringEquals":{"aws:TagKeys":["env"]}}`, []ContextValue{{Key: "aws:TagKeys", Values: []string{}}}, true},
		{"ForAnyValue one matches", `{"ForAnyValue:StringEquals":{"aws:TagKeys":["env"]}}`, tag("cost", "env"), true},
		{"ForAnyValue none matches", `{"ForAnyValue:StringEquals":{"aws:TagKeys":["env"]}}`, tag("cost"), false},
		{"ForAnyValue missing key is false", `{"ForAnyValue:StringEquals":{"aws:TagKeys":["env"]}}`, nil, false},
		{"ForAnyValue IfExists missing key", `{"ForAnyValue:StringEqualsIfExists":{"aws:TagKeys":["env"]}}`, nil, true},
		{"ForAllValues negated", `{"ForAllValues:StringNotLike":{"aws:TagKeys":["aws:*"]}}`, tag("env", "team"), true},
		{"ForAllValues negated one bad", `{"ForAllValues:StringNotLike":{"aws:TagKeys":["aws:*"]}}`, tag("env", "aws:x"), false},
		{"ForAnyValue negated", `{"ForAnyValue:StringNotEquals":{"aws:TagKeys":["env"]}}`, tag("env", "team"), true},
		{"ForAnyValue StringLike", `{"ForAnyValue:StringLike":{"aws:TagKeys":["cost*"]}}`, tag("env", "cost-center"), true},
		// AND across keys and operators.
		{"AND across keys", `{"StringEquals":{"aws:username":"alice","s3:prefix":"a"}}`, ctxv("s3:prefix", "b"), false},
		{"AND across operators", `{"StringEquals":{"s3:prefix":"a"},"Bool":{"aws:SecureTransport":"true"}}`, ctxv("s3:prefix", "a", "aws:SecureTransport", "true"), true},
		{"AND across operators one fails", `{"StringEquals":{"s3:prefix":"a"},"Bool":{"aws:SecureTransport":"true"}}`, ctxv("s3:prefix", "a", "aws:SecureTransport", "false"), false},
		{"single-valued operator on multi-valued request: any value", `{"StringEquals":{"aws:TagKeys":"env"}}`, tag("cost", "env"), true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := condAllowed(t, "2012-10-17", c.cond, c.ctx); got != c.want {
				t.Errorf("%s with %v: allowed=%v, want %v", c.cond, c.ctx, got, c.want)
			}
		})
	}
}

// From "IAM policy elements: Variables and tags": substitution in Resource
// and condition values under 2012-10-17 only; defaults; special
// characters; an undefined variable never matches; principal facts are
// filled in from the model; the caller's context wins.
func TestPolicyVariables(t *testing.T) {
	b := newBuilder(t)
	alice := b.user(acctA, "alice",
		pol(stmt("Home", "Allow", "s3:GetObject", "arn:aws:s3:::home/${aws:username}/*")),
		pol(stmt("Team", "Allow", "s3:PutObject", "arn:aws:s3:::team/${aws:PrincipalTag/team}/*")),
		pol(stmt("Def", "Allow", "s3:DeleteObject", "arn:aws:s3:::x/${aws:PrincipalTag/missing, 'none'}/*")),
		pol(stmt("Star", "Allow", "s3:ListBucket", "arn:aws:s3:::lit${*}")),
		pol(stmt("Cond", "Allow", "sqs:SendMessage", "*", `"Condition":{"StringEquals":{"aws:PrincipalTag/team":"${aws:username}-team"}}`)),
		pol(stmt("Undef", "Allow", "sqs:ReceiveMessage", "arn:aws:sqs:*:*:${aws:PrincipalTag/nope}")),
		`{"Version":"2008-10-17","Statement":[{"Sid":"Old","Effect":"Allow","Action":"sns:Publish","Resource":"arn:aws:sns:us-east-1:111122223333:${aws:username}"}]}`,
		`{"Statement":[{"Sid":"NoVersion","Effect":"Allow","Action":"sns:Subscribe","Resource":"arn:aws:sns:us-east-1:111122223333:${aws:username}"}]}`,
		pol(stmt("UID", "Allow", "dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:111122223333:table/${aws:userid}")),
	)
	alice.Tags = append(alice.Tags, modelTag("team", "red"))
	e := b.engine()
	a := "arn:aws:iam::111122223333:user/alice"
	cases := []struct {
		name   string
		action string
		res    string
		ctx    []ContextValue
		want   want
	}{
		{"username", "s3:GetObject", "arn:aws:s3:::home/alice/doc", nil, allowed(StepIdentityPolicy, "Home")},
		{"another user's home", "s3:GetObject", "arn:aws:s3:::home/bob/doc", nil, implicit(StepImplicitDeny)},
		{"caller context wins", "s3:GetObject", "arn:aws:s3:::home/bob/doc", ctxv("aws:username", "bob"), allowed(StepIdentityPolicy, "Home")},
		{"principal tag", "s3:PutObject", "arn:aws:s3:::team/red/x", nil, allowed(StepIdentityPolicy, "Team")},
		{"principal tag key ignores case", "s3:PutObject", "arn:aws:s3:::team/blue/x", ctxv("AWS:principaltag/TEAM", "blue"), allowed(StepIdentityPolicy, "Team")},
		{"default value", "s3:DeleteObject", "arn:aws:s3:::x/none/k", nil, allowed(StepIdentityPolicy, "Def")},
		{"literal star", "s3:ListBucket", "arn:aws:s3:::lit*", nil, allowed(StepIdentityPolicy, "Star")},
		{"literal star is not a wildcard", "s3:ListBucket", "arn:aws:s3:::litx", nil, implicit(StepImplicitDeny)},
		{"variable in condition", "sqs:SendMessage", "*", ctxv("aws:PrincipalTag/team", "alice-team"), allowed(StepIdentityPolicy, "Cond")},
		{"undefined variable never matches", "sqs:ReceiveMessage", "arn:aws:sqs:us-east-1:111122223333:", nil, implicit(StepImplicitDeny)},
		{"2008-10-17 takes ${} literally", "sns:Publish", "arn:aws:sns:us-east-1:111122223333:alice", nil, implicit(StepImplicitDeny)},
		{"2008-10-17 literal text matches", "sns:Publish", "arn:aws:sns:us-east-1:111122223333:${aws:username}", nil, allowed(StepIdentityPolicy, "Old")},
		{"no Version takes ${} literally", "sns:Subscribe", "arn:aws:sns:us-east-1:111122223333:alice", nil, implicit(StepImplicitDeny)},
		{"userid is the user's id", "dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:111122223333:table/" + alice.ID, nil, allowed(StepIdentityPolicy, "UID")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			check(t, e, &Request{Principal: a, Action: c.action, Resource: c.res, Context: c.ctx}, c.want)
		})
	}
}

// Environment keys are absent unless given and then reported missing;
// principal facts are never missing.
func TestMissingContextValues(t *testing.T) {
	p := pol(
		stmt("MFA", "Allow", "s3:GetObject", "*", `"Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"},"StringEquals":{"aws:username":"alice"}}`),
		stmt("IP", "Deny", "s3:GetObject", "*", `"Condition":{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"},"Null":{"aws:SourceVpc":"true"}}`),
		stmt("Other", "Allow", "ec2:*", "*", `"Condition":{"Bool":{"aws:SecureTransport":"true"}}`),
	)
	res := evalOne(t, p, "s3:GetObject", "arn:aws:s3:::b/k", nil)
	if res.Decision != ExplicitDeny {
		t.Errorf("decision %s, want explicitDeny (NotIpAddress on a missing key matches)", res.Decision)
	}
	got := res.MissingContextValues
	if len(got) != 2 || got[0] != "aws:MultiFactorAuthPresent" || got[1] != "aws:SourceIp" {
		t.Errorf("MissingContextValues = %v, want [aws:MultiFactorAuthPresent aws:SourceIp]", got)
	}
	res = evalOne(t, p, "s3:GetObject", "arn:aws:s3:::b/k", ctxv("aws:SourceIp", "10.0.0.1", "aws:MultiFactorAuthPresent", "true"))
	if res.Decision != Allowed || len(res.MissingContextValues) != 0 {
		t.Errorf("got %s missing %v, want allowed with nothing missing", res.Decision, res.MissingContextValues)
	}
}
