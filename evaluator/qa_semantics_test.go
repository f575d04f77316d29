package evaluator

// QA audit of the evaluator against AWS's IAM User Guide. Every case names
// the page and the sentence it checks (the doc field). Cases that expose an
// evaluator bug carry a bug note: they are skipped so that the suite stays
// green, and run with QA_RUN_BUGS=1 to see them fail (or pass, once fixed):
//
//	QA_RUN_BUGS=1 go test -run 'TestQA' ./evaluator/

import (
	"os"
	"testing"

	"iamtui/model"
	"iamtui/model/policy"
)

// The IAM User Guide pages the cases cite.
const (
	pgCondOps    = "IAM JSON policy elements: Condition operators"
	pgMultiKeys  = "Single-valued vs. multivalued context keys"
	pgMultiEx    = "Multivalued context key examples"
	pgVars       = "IAM policy elements: Variables and tags"
	pgGlobalKeys = "AWS global condition context keys"
	pgEval       = "Policy evaluation logic"
	pgSameAcct   = "Determining whether a request is allowed or denied within an account"
	pgCross      = "Cross-account policy evaluation logic"
	pgBoundaries = "Permissions boundaries for IAM entities"
	pgSession    = "Session policies"
	pgNotPrin    = "AWS JSON policy elements: NotPrincipal"
	pgRCP        = "Resource control policies (RCPs)"
	pgSCP        = "Service control policies (SCPs)"
	pgTrust      = "How to use trust policies with IAM roles"
	pgKMS        = "AWS KMS: Key policies / Default key policy"
	pgAction     = "IAM JSON policy elements: Action"
	pgNotAction  = "IAM JSON policy elements: NotAction"
	pgResource   = "IAM JSON policy elements: Resource"
	pgNotRes     = "IAM JSON policy elements: NotResource"
)

// qaSkipBug skips a case that exposes an evaluator bug, unless QA_RUN_BUGS
// is set.
func qaSkipBug(t *testing.T, bug string) {
	t.Helper()
	if bug != "" && os.Getenv("QA_RUN_BUGS") == "" {
		t.Skip("EVALUATOR BUG: " + bug)
	}
}

// qaCase is one request against a world, with AWS's answer.
type qaCase struct {
	name string
	doc  string // page: the sentence checked
	req  Request
	want want
	bug  string // non-empty: the evaluator is wrong here (see the report)
}

func qaRun(t *testing.T, e *Engine, cases []qaCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			qaSkipBug(t, c.bug)
			req := c.req
			res := check(t, e, &req, c.want)
			if t.Failed() {
				t.Logf("rule: %s", c.doc)
				return
			}
			qaConsistent(t, e, &req, res)
		})
	}
}

// qaConsistent checks that the slow path agrees with Evaluate: every
// statement Evaluate says decided is traced by Explain as applying, and
// WhoCan lists a user or role exactly when it is allowed.
func qaConsistent(t *testing.T, e *Engine, req *Request, res *Result) {
	t.Helper()
	exp, err := e.Explain(req)
	if err != nil {
		t.Fatalf("explain: %v", err)
	}
	if exp.Result.Decision != res.Decision || exp.Result.Step != res.Step {
		t.Errorf("Explain decided %s at %s, Evaluate %s at %s", exp.Result.Decision, exp.Result.Step, res.Decision, res.Step)
	}
	for _, m := range res.Matched {
		found := false
		for _, st := range exp.Statements {
			if st.PolicyID == m.PolicyID && st.Index == m.Index {
				found = true
				if !st.Applies {
					t.Errorf("Explain says statement %q of %s does not apply (%s), but it decided", m.Sid, m.PolicyID, st.Failed)
				}
			}
		}
		if !found && m.PolicyType != SCP && m.PolicyType != RCP {
			t.Errorf("Explain does not trace the deciding statement %q of %s", m.Sid, m.PolicyID)
		}
	}
	if req.SessionPolicy != nil {
		return
	}
	var p reqPrincipal
	if !e.resolve(req.Principal, &p) || p.session != "" || p.ent.kind == entRoot {
		return
	}
	who, err := e.WhoCan(req.Action, req.Resource, req.Context)
	if err != nil {
		t.Fatalf("who-can: %v", err)
	}
	listed := false
	for _, w := range who {
		if w.Principal.ARN == req.Principal {
			listed = true
		}
	}
	if listed != (res.Decision == Allowed) {
		t.Errorf("WhoCan lists %s: %v, but Evaluate says %s", req.Principal, listed, res.Decision)
	}
}

// ---------------------------------------------------------------------------
// Condition operators, one condition block at a time.

// qaCond is one Condition block evaluated in an Allow statement of alice's
// identity policy (aws:username is "alice").
type qaCond struct {
	name    string
	doc     string
	version string // "" for 2012-10-17; "none" for no Version element
	cond    string
	ctx     []ContextValue
	want    bool
	bug     string
}

func TestQAConditionOperators(t *testing.T) {
	const (
		missing = "If the key that you specify in a policy condition is not present in the request context, the values do not match and the condition is false"
		negated = "If the policy condition requires that the key is not matched, such as StringNotLike or ArnNotLike, and the right key is not present, the condition is true. This logic applies to all condition operators except ...IfExists and Null check"
		ifExist = "If the policy key is present in the context of the request, process the key as specified in the policy. If the key is not present, evaluate the condition element as true"
		nullDoc = "use either true (the key doesn't exist — it is null) or false (the key exists and its value is not null)"
		dates   = "You must specify date/time values with one of the W3C implementations of the ISO 8601 date formats or in epoch (UNIX) time"
		ips     = "The value must be in the standard CIDR format (for example, 203.0.113.0/24 or 2001:DB8:1234:5678::/64). If you specify an IP address without the associated routing prefix, IAM uses the default prefix value of /32"
		arns    = "Each of the six colon-delimited components of the ARN is checked separately and each can include multi-character match wildcards (*) or single-character match wildcards (?)"
		orVals  = "If a single condition operator includes multiple values for a context key, those values are evaluated using a logical OR"
		norVals = "negated matching condition operators (StringNotEquals, NumericNotEquals...) with multiple values: the request value must match none of them (logical NOR)"
		forAll  = "ForAllValues ... returns true if every context key value in the request matches at least one context key value in the policy. It also returns true if there are no context keys in the request"
		forAny  = "ForAnyValue ... returns true if any one of the context key values in the request matches any one of the context key values in the policy. For context keys that are not present, it returns false"
		noVarOp = "You can use a policy variable for Condition values in any condition that involves the string operators or the ARN operators ... You can't use a policy variable with other operators, such as Numeric, Date, Boolean, Binary, IP Address, or Null operators"
	)
	tags := func(v ...string) []ContextValue { return []ContextValue{{Key: "aws:TagKeys", Values: v}} }
	cases := []qaCond{
		// Negated operators on a missing key.
		{name: "StringNotEqualsIgnoreCase missing key", doc: pgCondOps + ": " + negated,
			cond: `{"StringNotEqualsIgnoreCase":{"s3:prefix":"home"}}`, want: true},
		{name: "NumericNotEquals missing key", doc: pgCondOps + ": " + negated,
			cond: `{"NumericNotEquals":{"s3:max-keys":"10"}}`, want: true},
		{name: "DateNotEquals missing key", doc: pgCondOps + ": " + negated,
			cond: `{"DateNotEquals":{"aws:CurrentTime":"2026-01-01T00:00:00Z"}}`, want: true},
		{name: "ArnNotLike missing key", doc: pgCondOps + ": " + negated,
			cond: `{"ArnNotLike":{"aws:SourceArn":"arn:aws:sns:*:111122223333:*"}}`, want: true},
		{name: "ArnNotLike present and matching", doc: pgCondOps + ": ArnNotEquals, ArnNotLike: Negated matching for ARN",
			cond: `{"ArnNotLike":{"aws:SourceArn":"arn:aws:sns:*:111122223333:*"}}`, ctx: ctxv("aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:t"), want: false},
		{name: "positive operator on missing key", doc: pgCondOps + ": " + missing,
			cond: `{"StringEqualsIgnoreCase":{"s3:prefix":"home"}}`, want: false},

		// ...IfExists.
		{name: "StringNotEqualsIfExists missing", doc: pgCondOps + ": " + ifExist,
			cond: `{"StringNotEqualsIfExists":{"s3:prefix":"home"}}`, want: true},
		{name: "StringNotEqualsIfExists present and equal", doc: pgCondOps + ": " + ifExist,
			cond: `{"StringNotEqualsIfExists":{"s3:prefix":"home"}}`, ctx: ctxv("s3:prefix", "home"), want: false},
		{name: "NotIpAddressIfExists present inside", doc: pgCondOps + ": " + ifExist,
			cond: `{"NotIpAddressIfExists":{"aws:SourceIp":"203.0.113.0/24"}}`, ctx: ctxv("aws:SourceIp", "203.0.113.9"), want: false},
		{name: "NotIpAddressIfExists present outside", doc: pgCondOps + ": " + ifExist,
			cond: `{"NotIpAddressIfExists":{"aws:SourceIp":"203.0.113.0/24"}}`, ctx: ctxv("aws:SourceIp", "198.51.100.9"), want: true},
		{name: "ArnLikeIfExists missing", doc: pgCondOps + ": " + ifExist,
			cond: `{"ArnLikeIfExists":{"aws:SourceArn":"arn:aws:sns:*:*:t"}}`, want: true},
		{name: "DateLessThanIfExists missing", doc: pgCondOps + ": " + ifExist,
			cond: `{"DateLessThanIfExists":{"aws:CurrentTime":"2026-01-01T00:00:00Z"}}`, want: true},
		{name: "StringEqualsIfExists present, other value", doc: pgCondOps + ": " + ifExist,
			cond: `{"StringEqualsIfExists":{"s3:prefix":"home"}}`, ctx: ctxv("s3:prefix", "public"), want: false},
		{name: "doc example StringLikeIfExists t2.micro", doc: pgCondOps + ": StringLikeIfExists ec2:InstanceType [t1.*, t2.*, m3.*] example",
			cond: `{"StringLikeIfExists":{"ec2:InstanceType":["t1.*","t2.*","m3.*"]}}`, ctx: ctxv("ec2:InstanceType", "t2.micro"), want: true},
		{name: "doc example StringLikeIfExists c5.large", doc: pgCondOps + ": StringLikeIfExists ec2:InstanceType example",
			cond: `{"StringLikeIfExists":{"ec2:InstanceType":["t1.*","t2.*","m3.*"]}}`, ctx: ctxv("ec2:InstanceType", "c5.large"), want: false},
		{name: "doc example StringLikeIfExists resource without the key", doc: pgCondOps + ": If the resource being checked does not have that condition key, then don't worry about it",
			cond: `{"StringLikeIfExists":{"ec2:InstanceType":["t1.*","t2.*","m3.*"]}}`, want: true},

		// Null.
		{name: "Null true on a principal fact that is present", doc: pgCondOps + ": " + nullDoc,
			cond: `{"Null":{"aws:username":"true"}}`, want: false},
		{name: "Null false on a principal fact that is present", doc: pgCondOps + ": " + nullDoc,
			cond: `{"Null":{"aws:PrincipalArn":"false"}}`, want: true},
		{name: "Null doc example with another operator (AND)", doc: pgCondOps + ": the key aws:TokenIssueTime ... must not exist ... for the user to use the Amazon EC2 API",
			cond: `{"Null":{"aws:TokenIssueTime":"true"},"StringEquals":{"aws:username":"alice"}}`, want: true},
		{name: "Null on two keys is AND", doc: pgCondOps + ": " + nullDoc,
			cond: `{"Null":{"aws:TokenIssueTime":"true","aws:SourceVpc":"false"}}`, want: false},

		// Bool.
		{name: "Bool doc example false matches false", doc: pgCondOps + ": Bool ... aws:SecureTransport \"false\" (deny if not over SSL)",
			cond: `{"Bool":{"aws:SecureTransport":"false"}}`, ctx: ctxv("aws:SecureTransport", "false"), want: true},
		{name: "Bool false vs true", doc: pgCondOps + ": Boolean matching",
			cond: `{"Bool":{"aws:SecureTransport":"false"}}`, ctx: ctxv("aws:SecureTransport", "true"), want: false},
		{name: "Bool on a missing key", doc: pgCondOps + ": " + missing,
			cond: `{"Bool":{"aws:SecureTransport":"false"}}`, want: false},

		// Numeric.
		{name: "doc example NumericLessThanEquals 10 vs 10", doc: pgCondOps + ": the requester can list up to 10 objects",
			cond: `{"NumericLessThanEquals":{"s3:max-keys":"10"}}`, ctx: ctxv("s3:max-keys", "10"), want: true},
		{name: "doc example NumericLessThanEquals 10 vs 11", doc: pgCondOps + ": the requester can list up to 10 objects",
			cond: `{"NumericLessThanEquals":{"s3:max-keys":"10"}}`, ctx: ctxv("s3:max-keys", "11"), want: false},
		{name: "Numeric decimals", doc: pgCondOps + ": comparing a key to an integer or decimal value",
			cond: `{"NumericLessThan":{"s3:max-keys":"10.5"}}`, ctx: ctxv("s3:max-keys", "10.25"), want: true},
		{name: "Numeric OR across policy values", doc: pgCondOps + ": " + orVals,
			cond: `{"NumericGreaterThan":{"s3:max-keys":["100","5"]}}`, ctx: ctxv("s3:max-keys", "10"), want: true},
		{name: "NumericNotEquals NOR across policy values", doc: pgCondOps + ": " + norVals,
			cond: `{"NumericNotEquals":{"s3:max-keys":["10","11"]}}`, ctx: ctxv("s3:max-keys", "11"), want: false},
		{name: "StringNotLike NOR across policy values", doc: pgCondOps + ": " + norVals,
			cond: `{"StringNotLike":{"s3:prefix":["home/*","public/*"]}}`, ctx: ctxv("s3:prefix", "public/x"), want: false},

		// Date.
		{name: "Date policy in epoch, request in ISO 8601", doc: pgCondOps + ": " + dates,
			cond: `{"DateGreaterThan":{"aws:CurrentTime":"1767225600"}}`, ctx: ctxv("aws:CurrentTime", "2026-01-02T00:00:00Z"), want: true},
		{name: "Date with fractional seconds", doc: pgCondOps + ": " + dates + " (W3C: YYYY-MM-DDThh:mm:ss.sTZD)",
			cond: `{"DateLessThan":{"aws:CurrentTime":"2026-01-01T00:00:00.500Z"}}`, ctx: ctxv("aws:CurrentTime", "2026-01-01T00:00:00Z"), want: true},
		{name: "Date with hours and minutes only", doc: pgCondOps + ": " + dates + " (W3C: YYYY-MM-DDThh:mmTZD)",
			cond: `{"DateEquals":{"aws:CurrentTime":"2026-01-01T10:30Z"}}`, ctx: ctxv("aws:CurrentTime", "2026-01-01T10:30:00Z"), want: true},
		{name: "Date with a zone offset", doc: pgCondOps + ": " + dates + " (W3C: TZD = Z or +hh:mm or -hh:mm)",
			cond: `{"DateEquals":{"aws:CurrentTime":"2026-01-01T10:00:00+02:00"}}`, ctx: ctxv("aws:CurrentTime", "2026-01-01T08:00:00Z"), want: true},
		{name: "Date year and month", doc: pgCondOps + ": " + dates + " (W3C: Year and month: YYYY-MM)",
			cond: `{"DateGreaterThan":{"aws:CurrentTime":"2026-01"}}`, ctx: ctxv("aws:CurrentTime", "2026-02-01T00:00:00Z"), want: true},
		{name: "doc example DateGreaterThan on aws:TokenIssueTime without temporary credentials", doc: pgCondOps + ": The aws:TokenIssueTime key is present in the request context only when the principal uses temporary credentials",
			cond: `{"DateGreaterThan":{"aws:TokenIssueTime":"2020-01-01T00:00:01Z"}}`, want: false},

		// IP addresses.
		{name: "IPv4 without prefix is /32", doc: pgCondOps + ": " + ips,
			cond: `{"IpAddress":{"aws:SourceIp":"203.0.113.7"}}`, ctx: ctxv("aws:SourceIp", "203.0.113.8"), want: false},
		{name: "IPv6 without prefix is one address (same)", doc: pgCondOps + ": " + ips,
			cond: `{"IpAddress":{"aws:SourceIp":"2001:db8::1"}}`, ctx: ctxv("aws:SourceIp", "2001:db8::1"), want: true},
		{name: "IPv6 without prefix is one address (other)", doc: pgCondOps + ": " + ips,
			cond: `{"IpAddress":{"aws:SourceIp":"2001:db8::1"}}`, ctx: ctxv("aws:SourceIp", "2001:db8::2"), want: false},
		{name: "doc example mixing IPv4 and IPv6", doc: pgCondOps + ": how to mix IPv4 and IPv6 addresses to cover all of your organization's valid IP addresses",
			cond: `{"IpAddress":{"aws:SourceIp":["203.0.113.0/24","2001:DB8:1234:5678::/64"]}}`, ctx: ctxv("aws:SourceIp", "2001:DB8:1234:5678:ABCD::1"), want: true},
		{name: "NotIpAddress with a list, request in the second block", doc: pgCondOps + ": NotIpAddress: All IP addresses except the specified IP address or range",
			cond: `{"NotIpAddress":{"aws:SourceIp":["10.0.0.0/8","203.0.113.0/24"]}}`, ctx: ctxv("aws:SourceIp", "203.0.113.1"), want: false},

		// ARNs.
		{name: "doc example ArnLike checks components separately", doc: pgCondOps + ": With an ArnLike condition, which matches elements between colons, the match fails",
			cond: `{"ArnLike":{"aws:SourceArn":"arn:aws:someservice:*:111122223333:finance/*"}}`,
			ctx:  ctxv("aws:SourceArn", "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"), want: false},
		{name: "doc example StringLike spans colons", doc: pgCondOps + ": With a StringLike condition, the match succeeds",
			cond: `{"StringLike":{"aws:SourceArn":"arn:aws:someservice:*:111122223333:finance/*"}}`,
			ctx:  ctxv("aws:SourceArn", "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"), want: true},
		{name: "ArnLike role/* covers paths", doc: pgCondOps + ": " + arns,
			cond: `{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/*"}}`, ctx: ctxv("aws:PrincipalArn", "arn:aws:iam::444455556666:role/path/to/r"), want: true},
		{name: "ArnLike role/* is not a user", doc: pgCondOps + ": " + arns,
			cond: `{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/*"}}`, ctx: ctxv("aws:PrincipalArn", "arn:aws:iam::444455556666:user/r"), want: false},
		{name: "ArnLike ? in the region", doc: pgCondOps + ": " + arns,
			cond: `{"ArnLike":{"aws:SourceArn":"arn:aws:sns:us-east-?:111122223333:t"}}`, ctx: ctxv("aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:t"), want: true},
		{name: "ArnLike ? is exactly one character", doc: pgCondOps + ": " + arns,
			cond: `{"ArnLike":{"aws:SourceArn":"arn:aws:sns:us-east-?:111122223333:t"}}`, ctx: ctxv("aws:SourceArn", "arn:aws:sns:us-east-10:111122223333:t"), want: false},
		{name: "ArnEquals against a value that is not an ARN", doc: pgCondOps + ": " + arns,
			cond: `{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:*:*:*"}}`, ctx: ctxv("aws:SourceArn", "hello"), want: false},

		// Strings.
		{name: "doc example s3:prefix empty string", doc: pgCondOps + `: StringLike s3:prefix ["", "home/", "home/${aws:username}/"]`,
			cond: `{"StringLike":{"s3:prefix":["","home/","home/${aws:username}/"]}}`, ctx: ctxv("s3:prefix", ""), want: true},
		{name: "doc example s3:prefix own home", doc: pgCondOps + `: StringLike s3:prefix ["", "home/", "home/${aws:username}/"]`,
			cond: `{"StringLike":{"s3:prefix":["","home/","home/${aws:username}/"]}}`, ctx: ctxv("s3:prefix", "home/alice/"), want: true},
		{name: "doc example s3:prefix someone else's home", doc: pgCondOps + `: StringLike s3:prefix ["", "home/", "home/${aws:username}/"]`,
			cond: `{"StringLike":{"s3:prefix":["","home/","home/${aws:username}/"]}}`, ctx: ctxv("s3:prefix", "home/bob/"), want: false},
		{name: "StringLike * matches the empty string", doc: pgCondOps + ": multi-character match wildcards (*)",
			cond: `{"StringLike":{"s3:prefix":"home/*"}}`, ctx: ctxv("s3:prefix", "home/"), want: true},
		{name: "StringLike ? matches one character", doc: pgCondOps + ": single-character match wildcards (?)",
			cond: `{"StringLike":{"s3:prefix":"v?"}}`, ctx: ctxv("s3:prefix", "v1"), want: true},

		// Set operators (doc tables of "Multivalued context key examples").
		{name: "doc table ForAllValues:StringNotLike key1:legal", doc: pgMultiEx + ": ForAllValues:StringNotLike aws:TagKeys key1* / key1:legal → No match",
			cond: `{"ForAllValues:StringNotLike":{"aws:TagKeys":"key1*"}}`, ctx: tags("key1:legal"), want: false},
		{name: "doc table ForAllValues:StringNotLike key1:hr key1:personnel", doc: pgMultiEx + ": ... key1:hr, key1:personnel → No match",
			cond: `{"ForAllValues:StringNotLike":{"aws:TagKeys":"key1*"}}`, ctx: tags("key1:hr", "key1:personnel"), want: false},
		{name: "doc table ForAllValues:StringNotLike key2:audit", doc: pgMultiEx + ": ... key2:audit → Match",
			cond: `{"ForAllValues:StringNotLike":{"aws:TagKeys":"key1*"}}`, ctx: tags("key2:audit"), want: true},
		{name: "doc table ForAllValues:StringNotLike no aws:TagKeys", doc: pgMultiEx + ": ... No aws:TagKeys in the request context → Match",
			cond: `{"ForAllValues:StringNotLike":{"aws:TagKeys":"key1*"}}`, want: true},
		{name: "ForAllValues:StringLike every value matches", doc: pgMultiKeys + ": " + forAll,
			cond: `{"ForAllValues:StringLike":{"aws:TagKeys":"Created*"}}`, ctx: tags("CreatedBy", "CreatedAt"), want: true},
		{name: "ForAnyValue:StringEquals one value matches", doc: pgMultiKeys + ": " + forAny,
			cond: `{"ForAnyValue:StringEquals":{"aws:TagKeys":["a","b"]}}`, ctx: tags("c", "b"), want: true},
		{name: "ForAnyValue negated on a missing key", doc: pgMultiKeys + ": " + forAny,
			cond: `{"ForAnyValue:StringNotEquals":{"aws:TagKeys":"a"}}`, want: false},
		{name: "ForAllValues IfExists on a missing key", doc: pgCondOps + ": " + ifExist,
			cond: `{"ForAllValues:StringEqualsIfExists":{"aws:TagKeys":"a"}}`, want: true},
		{name: "ForAnyValue IfExists present, none matches", doc: pgCondOps + ": " + ifExist,
			cond: `{"ForAnyValue:StringLikeIfExists":{"aws:TagKeys":"a*"}}`, ctx: tags("b", "c"), want: false},
		{name: "ForAnyValue:ArnLike", doc: pgMultiKeys + ": " + forAny,
			cond: `{"ForAnyValue:ArnLike":{"aws:SourceArn":"arn:aws:sns:*:111122223333:*"}}`,
			ctx:  []ContextValue{{Key: "aws:SourceArn", Values: []string{"arn:aws:sqs:us-east-1:111122223333:q", "arn:aws:sns:us-east-1:111122223333:t"}}}, want: true},

		// Policy variables in condition values.
		{name: "2008-10-17: ${} is literal (no match on the name)", doc: pgVars + ": If you don't include the Version element and set it to an appropriate version date, variables like ${aws:username} are treated as literal strings", version: "2008-10-17",
			cond: `{"StringEquals":{"s3:prefix":"${aws:username}"}}`, ctx: ctxv("s3:prefix", "alice"), want: false},
		{name: "2008-10-17: ${} is literal (matches the text)", doc: pgVars + ": variables like ${aws:username} are treated as literal strings", version: "2008-10-17",
			cond: `{"StringEquals":{"s3:prefix":"${aws:username}"}}`, ctx: ctxv("s3:prefix", "${aws:username}"), want: true},
		{name: "no Version: ${} is literal", doc: pgVars + ": If you don't include the Version element ... treated as literal strings", version: "none",
			cond: `{"StringEquals":{"s3:prefix":"${aws:username}"}}`, ctx: ctxv("s3:prefix", "alice"), want: false},
		{name: "2008-10-17: ${*} is not special, its * is a wildcard", doc: pgVars + ": Variables were introduced in version 2012-10-17. Earlier versions of the policy language don't support policy variables", version: "2008-10-17",
			cond: `{"StringLike":{"s3:prefix":"a${*}"}}`, ctx: ctxv("s3:prefix", "a${xyz}"), want: true},
		{name: "${*} is a literal asterisk (not a wildcard)", doc: pgVars + ": ${*} - use where you need an * (asterisk) character",
			cond: `{"StringLike":{"s3:prefix":"a${*}"}}`, ctx: ctxv("s3:prefix", "a${xyz}"), want: false},
		{name: "${*} is a literal asterisk", doc: pgVars + ": ${*} - use where you need an * (asterisk) character",
			cond: `{"StringLike":{"s3:prefix":"a${*}"}}`, ctx: ctxv("s3:prefix", "a*"), want: true},
		{name: "${?} is a literal question mark", doc: pgVars + ": ${?} - use where you need a ? (question mark) character",
			cond: `{"StringLike":{"s3:prefix":"what${?}"}}`, ctx: ctxv("s3:prefix", "whatx"), want: false},
		{name: "${?} matches a question mark", doc: pgVars + ": ${?} - use where you need a ? (question mark) character",
			cond: `{"StringLike":{"s3:prefix":"what${?}"}}`, ctx: ctxv("s3:prefix", "what?"), want: true},
		{name: "${$} is a dollar sign", doc: pgVars + ": ${$} - use where you need a $ (dollar sign) character",
			cond: `{"StringEquals":{"s3:prefix":"cost${$}"}}`, ctx: ctxv("s3:prefix", "cost$"), want: true},
		{name: "default value when the key is absent", doc: pgVars + ": To add a default value to a variable, surround the default value with single quotes (' '), and separate the variable text and the default value with a comma and space",
			cond: `{"StringEquals":{"s3:prefix":"${aws:PrincipalTag/dept, 'shared'}/"}}`, ctx: ctxv("s3:prefix", "shared/"), want: true},
		{name: "default value ignored when the key is present", doc: pgVars + ": When the policy is evaluated, the policy variables are replaced with values that come from the context of the request itself",
			cond: `{"StringEquals":{"s3:prefix":"${aws:PrincipalTag/dept, 'shared'}/"}}`, ctx: ctxv("aws:PrincipalTag/dept", "eng", "s3:prefix", "shared/"), want: false},
		{name: "variable in ArnLike", doc: pgVars + ": ARN operators include ArnEquals and ArnLike",
			cond: `{"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:*:${aws:username}-topic"}}`, ctx: ctxv("aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:alice-topic"), want: true},
		{name: "variables are not substituted in condition keys", doc: pgVars + ": You can use a policy variable for Condition values (keys are not listed)",
			cond: `{"StringEquals":{"aws:PrincipalTag/${aws:username}":"yes"}}`, ctx: ctxv("aws:PrincipalTag/alice", "yes"), want: false},
		{name: "undefined variable: a negated operator matches against the null value", doc: pgVars + ": Inverted condition operators like StringNotEquals or StringNotLike do match against a null value, as the value of the condition key they are testing against is not equal to or like the effectively null value",
			cond: `{"StringNotEquals":{"s3:prefix":"${aws:PrincipalTag/none}"}}`, ctx: ctxv("s3:prefix", "x"), want: true},
		{name: "undefined variable: StringEquals does not match", doc: pgVars + ": When you use a variable with no value in the condition element of an IAM policy, condition operators like StringEquals or StringLike do not match",
			cond: `{"StringEquals":{"s3:prefix":"${aws:PrincipalTag/none}"}}`, ctx: ctxv("s3:prefix", "x"), want: false},
		{name: "multivalued key as a variable", doc: pgMultiKeys + ": you can't use a multivalued context key as a policy variable",
			cond: `{"StringEquals":{"s3:prefix":"${aws:TagKeys}"}}`, ctx: ctxv("aws:TagKeys", "a", "aws:TagKeys", "b", "s3:prefix", "a"), want: false},
		{name: "no variables in Numeric operators", doc: pgVars + ": " + noVarOp,
			cond: `{"NumericLessThanEquals":{"s3:max-keys":"${aws:PrincipalTag/maxkeys}"}}`, ctx: ctxv("aws:PrincipalTag/maxkeys", "10", "s3:max-keys", "5"), want: false},
		{name: "no variables in Date operators", doc: pgVars + ": " + noVarOp,
			cond: `{"DateLessThan":{"aws:CurrentTime":"${aws:PrincipalTag/expires}"}}`, ctx: ctxv("aws:PrincipalTag/expires", "2030-01-01T00:00:00Z", "aws:CurrentTime", "2026-01-01T00:00:00Z"), want: false},
		{name: "no variables in IpAddress", doc: pgVars + ": " + noVarOp,
			cond: `{"IpAddress":{"aws:SourceIp":"${aws:PrincipalTag/cidr}"}}`, ctx: ctxv("aws:PrincipalTag/cidr", "10.0.0.0/8", "aws:SourceIp", "10.1.2.3"), want: false},
		{name: "no variables in BinaryEquals", doc: pgVars + ": " + noVarOp,
			cond: `{"BinaryEquals":{"key":"${aws:PrincipalTag/bin}"}}`, ctx: ctxv("aws:PrincipalTag/bin", "QmluYXJ5", "key", "QmluYXJ5"), want: false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			qaSkipBug(t, c.bug)
			version := "2012-10-17"
			switch c.version {
			case "none":
				version = ""
			case "":
			default:
				version = c.version
			}
			if got := condAllowed(t, version, c.cond, c.ctx); got != c.want {
				t.Errorf("%s with %v: condition holds=%v, want %v\nrule: %s", c.cond, c.ctx, got, c.want, c.doc)
			}
		})
	}
}

// ---------------------------------------------------------------------------
// Policy variables in Resource, for users, role sessions and their facts.

func TestQAPolicyVariables(t *testing.T) {
	b := newBuilder(t)
	alice := b.user(acctA, "alice",
		pol(stmt("OwnHome", "Allow", "s3:GetObject", "arn:aws:s3:::home/${aws:username}/*")),
		pol(stmt("TeamDefault", "Allow", "s3:PutObject", "arn:aws:s3:::team/${aws:PrincipalTag/team, 'none'}/*")),
		pol(stmt("DeptDefault", "Allow", "s3:DeleteObject", "arn:aws:s3:::dept/${aws:PrincipalTag/dept, 'none'}/*")),
		pol(stmt("KeyCase", "Allow", "s3:GetObjectAcl", "arn:aws:s3:::case/${AWS:UserName}/*")),
		pol(stmt("AcctVar", "Allow", "sqs:SendMessage", "arn:aws:sqs:us-east-1:${aws:PrincipalAccount}:jobs")),
		pol(stmt("MultiVar", "Allow", "s3:ListBucket", "arn:aws:s3:::tags-${aws:TagKeys}")),
		pol(stmt("TypeVar", "Allow", "s3:GetObjectTagging", "arn:aws:s3:::types/${aws:PrincipalType}/*")),
	)
	alice.Tags = []model.Tag{modelTag("team", "red")}
	roleStmts := pol(
		stmt("RoleHome", "Allow", "s3:GetObject", "arn:aws:s3:::home/${aws:username}/*"),
		stmt("RoleUID", "Allow", "s3:PutObject", "arn:aws:s3:::uid/${aws:userid}/*"),
		stmt("RoleTeam", "Allow", "s3:DeleteObject", "arn:aws:s3:::team/${aws:PrincipalTag/team}/*"),
		stmt("RoleType", "Allow", "s3:GetObjectTagging", "arn:aws:s3:::types/${aws:PrincipalType}/*"),
		stmt("RoleArnIsRole", "Allow", "sqs:ReceiveMessage", "*", `"Condition":{"ArnEquals":{"aws:PrincipalArn":"`+appRole+`"}}`),
		stmt("RoleArnIsSession", "Allow", "sqs:DeleteMessage", "*", `"Condition":{"ArnEquals":{"aws:PrincipalArn":"`+appSess+`"}}`),
		stmt("NoUsername", "Deny", "sqs:PurgeQueue", "*", `"Condition":{"StringNotEquals":{"aws:username":"alice"}}`),
		stmt("AllowPurge", "Allow", "sqs:PurgeQueue", "*"),
		`{"Sid":"NotOthersHome","Effect":"Allow","Action":"s3:ListBucket","NotResource":"arn:aws:s3:::private-${aws:username}"}`,
		stmt("TagAll", "Allow", "s3:PutObjectTagging", "*"),
		`{"Sid":"DenyOutsideHome","Effect":"Deny","Action":"s3:PutObjectTagging","NotResource":"arn:aws:s3:::home/${aws:username}/*"}`,
		stmt("AclAll", "Allow", "s3:PutObjectAcl", "*"),
		stmt("DenyHomeAcl", "Deny", "s3:PutObjectAcl", "arn:aws:s3:::home/${aws:username}/*"),
	)
	r := b.role(acctA, "app", pol(`{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}`), roleStmts)
	r.Tags = []model.Tag{modelTag("team", "blue")}
	e := b.engine()
	const usernameFacts = "The values for aws:username, aws:userid, and aws:PrincipalType depend on what type of principal initiated the request"
	cases := []qaCase{
		{name: "aws:username in Resource for a user", doc: pgVars + ": IAM replaces the variable ${aws:username} with the friendly name of the actual current user",
			req: Request{Principal: aliceA, Action: "s3:GetObject", Resource: "arn:aws:s3:::home/alice/notes.txt"}, want: allowed(StepIdentityPolicy, "OwnHome")},
		{name: "aws:username is not present for a role session", doc: pgVars + ": " + usernameFacts + " (role: aws:username not present); not present ... any attempt to match it fails",
			req: Request{Principal: appSess, Action: "s3:GetObject", Resource: "arn:aws:s3:::home/app/notes.txt"}, want: implicit(StepImplicitDeny)},
		{name: "aws:username absent for a role: negated operator matches (Deny applies)", doc: pgCondOps + ": If the policy condition requires that the key is not matched ... and the right key is not present, the condition is true",
			req: Request{Principal: appSess, Action: "sqs:PurgeQueue", Resource: "arn:aws:sqs:us-east-1:111122223333:jobs"}, want: denied("NoUsername")},
		{name: "aws:userid of a role session is role-id:session-name", doc: pgVars + ": " + usernameFacts + " (role: aws:userid = role-id:caller-specified-role-name)",
			req: Request{Principal: appSess, Action: "s3:PutObject", Resource: "arn:aws:s3:::uid/" + r.ID + ":worker/x"}, want: allowed(StepIdentityPolicy, "RoleUID")},
		{name: "aws:PrincipalTag of a role session comes from the role's tags", doc: pgCondOps + ": It is also included for a principal using an IAM role with attached tags or session tags",
			req: Request{Principal: appSess, Action: "s3:DeleteObject", Resource: "arn:aws:s3:::team/blue/x"}, want: allowed(StepIdentityPolicy, "RoleTeam")},
		{name: "aws:PrincipalType of a role session is AssumedRole", doc: pgVars + ": " + usernameFacts,
			req: Request{Principal: appSess, Action: "s3:GetObjectTagging", Resource: "arn:aws:s3:::types/AssumedRole/x"}, want: allowed(StepIdentityPolicy, "RoleType")},
		{name: "aws:PrincipalType of a user is User", doc: pgVars + ": " + usernameFacts,
			req: Request{Principal: aliceA, Action: "s3:GetObjectTagging", Resource: "arn:aws:s3:::types/User/x"}, want: allowed(StepIdentityPolicy, "TypeVar")},
		{name: "aws:PrincipalArn of a session is the role's ARN", doc: pgGlobalKeys + ": aws:PrincipalArn ... IAM role: the request context contains the ARN of the role, not the assumed role session",
			req: Request{Principal: appSess, Action: "sqs:ReceiveMessage", Resource: "arn:aws:sqs:us-east-1:111122223333:jobs"}, want: allowed(StepIdentityPolicy, "RoleArnIsRole")},
		{name: "aws:PrincipalArn of a session is not the session's ARN", doc: pgGlobalKeys + ": Do not specify the assumed role session ARN as a value for this key",
			req: Request{Principal: appSess, Action: "sqs:DeleteMessage", Resource: "arn:aws:sqs:us-east-1:111122223333:jobs"}, want: implicit(StepImplicitDeny)},
		{name: "undefined variable in a Deny's Resource: the Deny does not apply", doc: pgVars + ": not present means that the value is not in the current request information, and any attempt to match it fails and causes the statement to be invalid",
			req: Request{Principal: appSess, Action: "s3:PutObjectAcl", Resource: "arn:aws:s3:::home/app/x"}, want: allowed(StepIdentityPolicy, "AclAll")},
		{name: "undefined variable in an Allow's NotResource: that entry excludes nothing", doc: pgVars + ": Policy variables with no value: If a variable that has no value in the authorization context is used as part of the Resource or NotResource element of a policy, the resource that includes a policy variable with no value will not match any resource",
			req: Request{Principal: appSess, Action: "s3:ListBucket", Resource: "arn:aws:s3:::private-bob"}, want: allowed(StepIdentityPolicy, "NotOthersHome")},
		{name: "undefined variable in a Deny's NotResource: that entry excludes nothing, the Deny applies", doc: pgVars + ": Policy variables with no value: If a variable that has no value in the authorization context is used as part of the Resource or NotResource element of a policy, the resource that includes a policy variable with no value will not match any resource",
			req: Request{Principal: appSess, Action: "s3:PutObjectTagging", Resource: "arn:aws:s3:::home/app/x"}, want: denied("DenyOutsideHome")},
		{name: "default value not used when the tag exists", doc: pgVars + ": Specifying default values",
			req: Request{Principal: aliceA, Action: "s3:PutObject", Resource: "arn:aws:s3:::team/red/x"}, want: allowed(StepIdentityPolicy, "TeamDefault")},
		{name: "default value not taken when the tag exists", doc: pgVars + ": Specifying default values",
			req: Request{Principal: aliceA, Action: "s3:PutObject", Resource: "arn:aws:s3:::team/none/x"}, want: implicit(StepImplicitDeny)},
		{name: "default value used when the tag is missing", doc: pgVars + ": Specifying default values",
			req: Request{Principal: aliceA, Action: "s3:DeleteObject", Resource: "arn:aws:s3:::dept/none/x"}, want: allowed(StepIdentityPolicy, "DeptDefault")},
		{name: "variable key names are case-insensitive", doc: pgVars + ": Key names are case-insensitive. For example, aws:CurrentTime is equivalent to AWS:currenttime",
			req: Request{Principal: aliceA, Action: "s3:GetObjectAcl", Resource: "arn:aws:s3:::case/alice/x"}, want: allowed(StepIdentityPolicy, "KeyCase")},
		{name: "multivalued key is not a variable", doc: pgMultiKeys + ": you can't use a multivalued context key as a policy variable",
			req: Request{Principal: aliceA, Action: "s3:ListBucket", Resource: "arn:aws:s3:::tags-a", Context: ctxv("aws:TagKeys", "a", "aws:TagKeys", "b")}, want: implicit(StepImplicitDeny)},
		{name: "no variables before the fifth colon of a Resource ARN", doc: pgVars + ": You can use a policy variable in the Resource element, but only in the resource portion of the ARN ... You can't use a variable to replace parts of the ARN before the fifth colon, such as the service or account",
			req: Request{Principal: aliceA, Action: "sqs:SendMessage", Resource: "arn:aws:sqs:us-east-1:111122223333:jobs"}, want: implicit(StepImplicitDeny)},
	}
	qaRun(t, e, cases)
}

// ---------------------------------------------------------------------------
// Action, NotAction, Resource, NotResource.

func TestQAMatching(t *testing.T) {
	type mc struct {
		name, doc        string
		policy           string
		action, resource string
		ctx              []ContextValue
		want             want
	}
	notActionRes := pol(`{"Sid":"NA","Effect":"Allow","NotAction":"iam:*","Resource":"arn:aws:s3:::b/*"}`)
	notBoth := pol(`{"Sid":"NANR","Effect":"Allow","NotAction":"s3:Delete*","NotResource":"arn:aws:s3:::secret/*"}`)
	denyNotRes := pol(stmt("All", "Allow", "s3:*", "*"),
		`{"Sid":"OnlyOk","Effect":"Deny","Action":"s3:*","NotResource":["arn:aws:s3:::ok","arn:aws:s3:::ok/*"]}`)
	// The NotAction page's example: deny everything but IAM without MFA.
	denyNotAction := pol(stmt("Everything", "Allow", "*", "*"),
		`{"Sid":"DenyAllButIAMWithoutMFA","Effect":"Deny","NotAction":"iam:*","Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}`)
	cases := []mc{
		{"NotAction with Resource: other service in the resource", pgNotAction + ": NotAction ... matches everything except the specified list of actions; combined with Resource it is limited to that resource",
			notActionRes, "s3:GetObject", "arn:aws:s3:::b/k", nil, allowed(StepIdentityPolicy, "NA")},
		{"NotAction with Resource: outside the resource", pgNotAction + ": NotAction with Resource",
			notActionRes, "s3:GetObject", "arn:aws:s3:::c/k", nil, implicit(StepImplicitDeny)},
		{"NotAction with Resource: the excluded action", pgNotAction + ": NotAction with Resource",
			notActionRes, "IAM:CreateUser", "arn:aws:s3:::b/k", nil, implicit(StepImplicitDeny)},
		{"NotAction and NotResource: both outside", pgNotRes + ": NotResource ... matches every resource except those specified",
			notBoth, "s3:GetObject", "arn:aws:s3:::public/k", nil, allowed(StepIdentityPolicy, "NANR")},
		{"NotAction and NotResource: excluded resource", pgNotRes + ": NotResource ... matches every resource except those specified",
			notBoth, "s3:GetObject", "arn:aws:s3:::secret/k", nil, implicit(StepImplicitDeny)},
		{"NotAction and NotResource: excluded action", pgNotAction + ": NotAction",
			notBoth, "s3:DeleteObject", "arn:aws:s3:::public/k", nil, implicit(StepImplicitDeny)},
		{"Deny with NotResource spares the listed resources", pgNotRes + ": Deny with NotResource denies everything except the listed resources",
			denyNotRes, "s3:GetObject", "arn:aws:s3:::ok/k", nil, allowed(StepIdentityPolicy, "All")},
		{"Deny with NotResource denies the rest", pgNotRes + ": Deny with NotResource denies everything except the listed resources",
			denyNotRes, "s3:GetObject", "arn:aws:s3:::other/k", nil, denied("OnlyOk")},
		{"NotAction doc example: no MFA key, non-IAM action denied", pgNotAction + ": deny access to all actions except IAM when the user is not signed in with MFA (BoolIfExists ... false)",
			denyNotAction, "s3:GetObject", "arn:aws:s3:::b/k", nil, denied("DenyAllButIAMWithoutMFA")},
		{"NotAction doc example: with MFA allowed", pgNotAction + ": deny ... when the user is not signed in with MFA",
			denyNotAction, "s3:GetObject", "arn:aws:s3:::b/k", ctxv("aws:MultiFactorAuthPresent", "true"), allowed(StepIdentityPolicy, "Everything")},
		{"NotAction doc example: IAM action never denied", pgNotAction + ": NotAction iam:* excludes IAM from the Deny",
			denyNotAction, "iam:ListUsers", "*", nil, allowed(StepIdentityPolicy, "Everything")},
		{"NotAction is case-insensitive too", pgAction + ": action names are case-insensitive",
			denyNotAction, "IAM:LISTUSERS", "*", nil, allowed(StepIdentityPolicy, "Everything")},
		{"action list OR, any case", pgAction + ": Action values are case-insensitive; a list matches any of them",
			pol(stmt("L", "Allow", `["S3:GETOBJECT","s3:putobject"]`, "*")), "s3:PutObject", "arn:aws:s3:::b/k", nil, allowed(StepIdentityPolicy, "L")},
		{"action ? wildcard", pgAction + ": You can use ... wildcards (* or ?)",
			pol(stmt("Q", "Allow", "s3:Get?bject", "*")), "s3:GetObject", "arn:aws:s3:::b/k", nil, allowed(StepIdentityPolicy, "Q")},
		{"resource arn:aws:iam::*:role/* covers role paths", pgResource + ": wildcards in the resource part of the ARN span '/'",
			pol(stmt("R", "Allow", "iam:GetRole", "arn:aws:iam::*:role/*")), "iam:GetRole", "arn:aws:iam::111122223333:role/team/app", nil, allowed(StepIdentityPolicy, "R")},
		{"resource arn:aws:iam::*:role/* is not a user", pgResource + ": ARN matching",
			pol(stmt("R", "Allow", "iam:GetUser", "arn:aws:iam::*:role/*")), "iam:GetUser", "arn:aws:iam::111122223333:user/alice", nil, implicit(StepImplicitDeny)},
		{"resource ? is exactly one character", pgResource + ": ? wildcard",
			pol(stmt("R", "Allow", "s3:GetObject", "arn:aws:s3:::log?/*")), "s3:GetObject", "arn:aws:s3:::log/x", nil, implicit(StepImplicitDeny)},
		{"resource ? matches one character", pgResource + ": ? wildcard",
			pol(stmt("R", "Allow", "s3:GetObject", "arn:aws:s3:::log?/*")), "s3:GetObject", "arn:aws:s3:::logs/x", nil, allowed(StepIdentityPolicy, "R")},
		{"resource account segment against an ARN with no account", pgResource + ": the account part of arn:aws:s3:::b is empty",
			pol(stmt("R", "Allow", "s3:GetObject", "arn:aws:*:*:111122223333:*")), "s3:GetObject", "arn:aws:s3:::b/k", nil, implicit(StepImplicitDeny)},
		{"resource list OR", pgResource + ": you can specify multiple resources",
			pol(stmt("R", "Allow", "s3:GetObject", `["arn:aws:s3:::a/*","arn:aws:s3:::b/*"]`)), "s3:GetObject", "arn:aws:s3:::b/k", nil, allowed(StepIdentityPolicy, "R")},
		{"resource ARNs are case-sensitive (user name)", pgResource + ": ARNs are case-sensitive",
			pol(stmt("R", "Allow", "iam:GetUser", "arn:aws:iam::111122223333:user/Alice")), "iam:GetUser", "arn:aws:iam::111122223333:user/alice", nil, implicit(StepImplicitDeny)},
		{"arn:aws:s3:::* covers objects", pgResource + ": * in the resource part spans '/'",
			pol(stmt("R", "Allow", "s3:GetObject", "arn:aws:s3:::*")), "s3:GetObject", "arn:aws:s3:::b/deep/k", nil, allowed(StepIdentityPolicy, "R")},
		{"middle * spans several path levels", pgResource + ": * in the resource part spans '/'",
			pol(stmt("R", "Allow", "s3:GetObject", "arn:aws:s3:::b/*/logs/*")), "s3:GetObject", "arn:aws:s3:::b/x/y/logs/z", nil, allowed(StepIdentityPolicy, "R")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := newBuilder(t)
			b.user(acctA, "alice", c.policy)
			e := b.engine()
			check(t, e, &Request{Principal: aliceA, Action: c.action, Resource: c.resource, Context: c.ctx}, c.want)
			if t.Failed() {
				t.Logf("rule: %s", c.doc)
			}
		})
	}
}

// ---------------------------------------------------------------------------
// Resource-based policies, within one account and across accounts.

func TestQAResourcePolicies(t *testing.T) {
	const (
		erinA   = "arn:aws:iam::111122223333:user/erin"
		rootA   = "arn:aws:iam::111122223333:root"
		rootB   = "arn:aws:iam::444455556666:root"
		daveB   = "arn:aws:iam::444455556666:user/dave"
		auditR  = "arn:aws:iam::444455556666:role/cross-account-read-only-role"
		auditOK = "arn:aws:sts::444455556666:assumed-role/cross-account-read-only-role/cross-account-audit-app"
		auditNo = "arn:aws:sts::444455556666:assumed-role/cross-account-read-only-role/someone-else"
	)
	b := newBuilder(t)
	b.user(acctA, "alice")
	b.user(acctA, "bob", pol(stmt("BobS3", "Allow", "s3:*", "*")))
	erin := b.user(acctA, "erin", pol(stmt("ErinS3", "Allow", "s3:*", "*")))
	erin.PermissionsBoundary = b.managed(acctA, "S3Boundary", pol(stmt("BoundS3", "Allow", "s3:*", "*")))
	b.role(acctA, "app", pol(`{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}`), pol(stmt("AppS3", "Allow", "s3:*", "*")))
	b.user(acctB, "carol", pol(stmt("CarolAll", "Allow", "*", "*")))
	b.user(acctB, "dave", pol(stmt("DaveS3", "Allow", "s3:*", "*")))
	b.role(acctB, "cross-account-read-only-role", pol(`{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"sts:AssumeRole"}`), pol(stmt("AuditS3", "Allow", "s3:Get*", "*")))

	grantB := func(sid, bkt string) string {
		return grantTo(sid, `{"AWS":"444455556666"}`, "s3:GetObject", "arn:aws:s3:::"+bkt+"/*")
	}
	b.resource("arn:aws:s3:::qa-user-grant", acctA, pol(grantTo("GrantAlice", `{"AWS":"`+aliceA+`"}`, "s3:GetObject", "arn:aws:s3:::qa-user-grant/*")))
	b.resource("arn:aws:s3:::qa-root-grant", acctA, pol(grantTo("GrantRoot", `{"AWS":"`+rootA+`"}`, "s3:GetObject", "arn:aws:s3:::qa-root-grant/*")))
	b.resource("arn:aws:s3:::qa-acct-grant", acctA, pol(grantTo("GrantAcct", `{"AWS":"111122223333"}`, "s3:GetObject", "arn:aws:s3:::qa-acct-grant/*")))
	b.resource("arn:aws:s3:::qa-session-grant", acctA, pol(grantTo("GrantSession", `{"AWS":"arn:aws:sts::111122223333:assumed-role/app/s1"}`, "s3:PutObject", "arn:aws:s3:::qa-session-grant/*")))
	b.resource("arn:aws:s3:::qa-deny-all", acctA, pol(
		grantTo("PublicRead", `"*"`, "s3:GetObject", "arn:aws:s3:::qa-deny-all/*"),
		`{"Sid":"DenyDelete","Effect":"Deny","Principal":"*","Action":"s3:DeleteObject","Resource":"arn:aws:s3:::qa-deny-all/*"}`))
	b.resource("arn:aws:s3:::qa-deny-outsiders", acctA, pol(
		grantB("GrantB", "qa-deny-outsiders"),
		`{"Sid":"DenyOutsiders","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::qa-deny-outsiders/*","Condition":{"StringNotEquals":{"aws:PrincipalAccount":"111122223333"}}}`))
	b.resource("arn:aws:s3:::qa-notprin-user", acctA, pol(
		grantB("GrantB", "qa-notprin-user"),
		`{"Sid":"OnlyCarol","Effect":"Deny","NotPrincipal":{"AWS":["`+carolB+`","`+rootB+`"]},"Action":"s3:*","Resource":["arn:aws:s3:::qa-notprin-user","arn:aws:s3:::qa-notprin-user/*"]}`))
	b.resource("arn:aws:s3:::qa-notprin-role", acctA, pol(
		grantB("GrantB", "qa-notprin-role"),
		`{"Sid":"OnlyAuditApp","Effect":"Deny","NotPrincipal":{"AWS":["`+auditOK+`","`+auditR+`","`+rootB+`"]},"Action":"s3:*","Resource":["arn:aws:s3:::qa-notprin-role","arn:aws:s3:::qa-notprin-role/*"]}`))
	b.resource("arn:aws:s3:::qa-notprin-boundary", acctA, pol(
		`{"Sid":"OnlyErin","Effect":"Deny","NotPrincipal":{"AWS":["`+erinA+`","`+rootA+`"]},"Action":"s3:*","Resource":"arn:aws:s3:::qa-notprin-boundary/*"}`))
	b.resource("arn:aws:s3:::qa-grant-b", acctA, pol(grantB("GrantB", "qa-grant-b")))
	b.resource("arn:aws:s3:::qa-partial-wildcard", acctA, pol(grantTo("AllUsers", `{"AWS":"arn:aws:iam::111122223333:user/*"}`, "s3:GetObject", "arn:aws:s3:::qa-partial-wildcard/*")))
	// The ARN condition operators page's queue policy, with the account as principal.
	b.resource("arn:aws:sqs:us-east-1:111122223333:qa-queue", acctA, `{"Version":"2012-10-17","Statement":{"Sid":"FromTopic","Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"SQS:SendMessage","Resource":"arn:aws:sqs:us-east-1:111122223333:qa-queue","Condition":{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:111122223333:qa-topic"}}}}`)
	b.user(acctA, "frank", pol(stmt("FrankSQS", "Allow", "sqs:SendMessage", "*")))
	e := b.engine()

	const (
		userGrant  = "Within the same account, resource-based policies that grant permissions to an IAM user ARN ... are not limited by an implicit deny in an identity-based policy"
		acctGrant  = "if the resource-based policy grants permission to the account (its root or id), the identity-based policies of the principal must also allow"
		denyWins   = "An explicit deny in any of these policies overrides the allow"
		crossBoth  = "the identity-based policy of the principal in the trusted account and the resource-based policy in the trusting account must both allow"
		notPrinBob = "all principals except the user named Bob in AWS account 444455556666 are explicitly denied access to a resource"
		notPrinApp = "all principals except the assumed-role user named cross-account-audit-app in AWS account 444455556666 are explicitly denied access"
	)
	obj := func(bkt string) string { return "arn:aws:s3:::" + bkt + "/2026/q1.csv" }
	cases := []qaCase{
		{name: "grant to the user ARN, no identity policy", doc: pgBoundaries + ": " + userGrant,
			req: Request{Principal: aliceA, Action: "s3:GetObject", Resource: obj("qa-user-grant")}, want: allowed(StepResourcePolicy, "GrantAlice")},
		{name: "grant to the user ARN covers only its actions", doc: pgSameAcct + ": by default all requests are implicitly denied",
			req: Request{Principal: aliceA, Action: "s3:PutObject", Resource: obj("qa-user-grant")}, want: implicit(StepImplicitDeny)},
		{name: "grant to the account root ARN without identity policy", doc: pgSameAcct + ": " + acctGrant,
			req: Request{Principal: aliceA, Action: "s3:GetObject", Resource: obj("qa-root-grant")}, want: implicit(StepNone)},
		{name: "grant to the account root ARN with identity policy", doc: pgSameAcct + ": " + acctGrant,
			req: Request{Principal: bobA, Action: "s3:GetObject", Resource: obj("qa-root-grant")}, want: allowed(StepIdentityPolicy, "GrantRoot", "BobS3")},
		{name: "grant to the account id with identity policy", doc: pgSameAcct + ": " + acctGrant,
			req: Request{Principal: bobA, Action: "s3:GetObject", Resource: obj("qa-acct-grant")}, want: allowed(StepIdentityPolicy, "GrantAcct", "BobS3")},
		{name: "grant to the account id without identity policy", doc: pgSameAcct + ": " + acctGrant,
			req: Request{Principal: aliceA, Action: "s3:GetObject", Resource: obj("qa-acct-grant")}, want: implicit(StepNone)},
		{name: "grant to a session ARN allows that session alone", doc: pgBoundaries + ": resource-based policies that grant permissions to a role session ARN are not limited by an implicit deny",
			req: Request{Principal: "arn:aws:sts::111122223333:assumed-role/app/s1", Action: "s3:PutObject", Resource: obj("qa-session-grant")}, want: allowed(StepResourcePolicy, "GrantSession")},
		{name: "Principal * Allow: public read", doc: pgEval + ": a resource-based policy with Principal * grants everyone",
			req: Request{Principal: aliceA, Action: "s3:GetObject", Resource: obj("qa-deny-all")}, want: allowed(StepResourcePolicy, "PublicRead")},
		{name: "Principal * Deny applies to the root user", doc: pgEval + ": " + denyWins,
			req: Request{Principal: rootA, Action: "s3:DeleteObject", Resource: obj("qa-deny-all")}, want: denied("DenyDelete")},
		{name: "Principal * Deny applies to a role session", doc: pgEval + ": " + denyWins,
			req: Request{Principal: appSess, Action: "s3:DeleteObject", Resource: obj("qa-deny-all")}, want: denied("DenyDelete")},
		{name: "Principal * Deny with a condition on the principal's account: outsider", doc: pgEval + ": " + denyWins,
			req: Request{Principal: carolB, Action: "s3:GetObject", Resource: obj("qa-deny-outsiders")}, want: denied("DenyOutsiders")},
		{name: "Principal * Deny with a condition on the principal's account: insider", doc: pgEval + ": " + denyWins,
			req: Request{Principal: bobA, Action: "s3:GetObject", Resource: obj("qa-deny-outsiders")}, want: allowed(StepIdentityPolicy, "BobS3")},
		{name: "NotPrincipal doc example: Bob (carol here) is not denied", doc: pgNotPrin + ": " + notPrinBob,
			req: Request{Principal: carolB, Action: "s3:GetObject", Resource: obj("qa-notprin-user")}, want: allowed(StepResourcePolicy, "GrantB", "CarolAll")},
		{name: "NotPrincipal doc example: another user of Bob's account is denied", doc: pgNotPrin + ": " + notPrinBob,
			req: Request{Principal: daveB, Action: "s3:GetObject", Resource: obj("qa-notprin-user")}, want: denied("OnlyCarol")},
		{name: "NotPrincipal doc example: a user of the bucket's account is denied", doc: pgNotPrin + ": " + notPrinBob,
			req: Request{Principal: bobA, Action: "s3:GetObject", Resource: obj("qa-notprin-user")}, want: denied("OnlyCarol")},
		{name: "NotPrincipal doc example: the named session is not denied", doc: pgNotPrin + ": " + notPrinApp,
			req: Request{Principal: auditOK, Action: "s3:GetObject", Resource: obj("qa-notprin-role")}, want: allowed(StepResourcePolicy, "GrantB", "AuditS3")},
		{name: "NotPrincipal doc example: another session of the role is denied", doc: pgNotPrin + ": When you specify an assumed-role session in a NotPrincipal element, you cannot use a wildcard (*) to mean all sessions. Principals must always name a specific session",
			req: Request{Principal: auditNo, Action: "s3:GetObject", Resource: obj("qa-notprin-role")}, want: denied("OnlyAuditApp")},
		{name: "NotPrincipal Deny always denies a principal with a permissions boundary", doc: pgNotPrin + " and " + pgBoundaries + ": The NotPrincipal element with a Deny effect will always deny any IAM principal that has a permissions boundary policy attached, regardless of the values specified in the NotPrincipal element",
			req: Request{Principal: erinA, Action: "s3:GetObject", Resource: obj("qa-notprin-boundary")}, want: denied("OnlyErin")},
		{name: "NotPrincipal Deny spares a listed principal without boundary", doc: pgNotPrin + ": " + notPrinBob,
			req: Request{Principal: rootA, Action: "s3:GetObject", Resource: obj("qa-notprin-boundary")}, want: allowed(StepNone)},
		{name: "a Principal ARN with a partial wildcard matches no one", doc: "IAM JSON policy elements: Principal: You cannot use a wildcard to match part of a principal name or ARN",
			req: Request{Principal: aliceA, Action: "s3:GetObject", Resource: obj("qa-partial-wildcard")}, want: implicit(StepImplicitDeny)},
		{name: "doc queue policy: message from the topic", doc: pgCondOps + ": It gives Amazon SNS permission to send messages to the queue ... but only if the service is sending the messages on behalf of a particular Amazon SNS topic (Action \"SQS:SendMessage\", any case)",
			req: Request{Principal: "arn:aws:iam::111122223333:user/frank", Action: "sqs:SendMessage", Resource: "arn:aws:sqs:us-east-1:111122223333:qa-queue",
				Context: ctxv("aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:qa-topic")}, want: allowed(StepIdentityPolicy, "FromTopic", "FrankSQS")},
		{name: "doc queue policy: sent directly, no aws:SourceArn", doc: pgCondOps + ": If an IAM user attempts to perform this operation directly, the condition returns false and the request is implicitly denied by this statement (the identity policy still allows in the same account)",
			req: Request{Principal: "arn:aws:iam::111122223333:user/frank", Action: "sqs:SendMessage", Resource: "arn:aws:sqs:us-east-1:111122223333:qa-queue"}, want: allowed(StepIdentityPolicy, "FrankSQS")},
		{name: "cross account: grant to the account and identity policy", doc: pgCross + ": " + crossBoth,
			req: Request{Principal: daveB, Action: "s3:GetObject", Resource: obj("qa-grant-b")}, want: allowed(StepResourcePolicy, "GrantB", "DaveS3")},
		{name: "cross account: the other account's root user", doc: pgCross + ": " + crossBoth + " (the root user has every permission of its account)",
			req: Request{Principal: rootB, Action: "s3:GetObject", Resource: obj("qa-grant-b")}, want: allowed(StepResourcePolicy, "GrantB")},
		{name: "cross account: no resource policy", doc: pgCross + ": " + crossBoth,
			req: Request{Principal: carolB, Action: "sqs:SendMessage", Resource: "arn:aws:sqs:us-east-1:111122223333:jobs"}, want: implicit(StepResourcePolicy)},
		{name: "cross account: grant does not cover the action", doc: pgCross + ": " + crossBoth,
			req: Request{Principal: daveB, Action: "s3:PutObject", Resource: obj("qa-grant-b")}, want: implicit(StepResourcePolicy)},
	}
	qaRun(t, e, cases)
}

// ---------------------------------------------------------------------------
// Permissions boundaries and session policies with resource-based policies.

func TestQABoundariesAndSessions(t *testing.T) {
	const (
		ursulaA = "arn:aws:iam::111122223333:user/ursula"
		vicA    = "arn:aws:iam::111122223333:user/vic"
		wendyB  = "arn:aws:iam::444455556666:user/wendy"
		s1      = "arn:aws:sts::111122223333:assumed-role/app/s1"
		s2      = "arn:aws:sts::111122223333:assumed-role/app/s2"
		wRole   = "arn:aws:iam::111122223333:role/worker"
		wSess   = "arn:aws:sts::111122223333:assumed-role/worker/w1"
	)
	b := newBuilder(t)
	ec2Only := b.managed(acctA, "EC2Only", boundary)
	u := b.user(acctA, "ursula", pol(stmt("UrsulaS3", "Allow", "s3:*", "*")))
	u.PermissionsBoundary = ec2Only
	v := b.user(acctA, "vic", pol(stmt("VicS3", "Allow", "s3:*", "*")))
	v.PermissionsBoundary = b.managed(acctA, "AllButDelete", pol(stmt("BAll", "Allow", "*", "*"), stmt("BDenyDelete", "Deny", "s3:DeleteObject", "*")))
	ec2Trust := pol(`{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}`)
	app := b.role(acctA, "app", ec2Trust, pol(stmt("AppS3", "Allow", "s3:*", "*")))
	app.PermissionsBoundary = ec2Only
	b.role(acctA, "worker", ec2Trust, pol(stmt("WorkerS3", "Allow", "s3:*", "*")))
	wendyBoundaryB := b.managed(acctB, "EC2OnlyB", boundary)
	w := b.user(acctB, "wendy", pol(stmt("WendyS3", "Allow", "s3:*", "*")))
	w.PermissionsBoundary = wendyBoundaryB

	b.resource("arn:aws:s3:::qa-b-user", acctA, pol(
		grantTo("GrantUrsula", `{"AWS":"`+ursulaA+`"}`, "s3:GetObject", "arn:aws:s3:::qa-b-user/*"),
		grantTo("GrantVic", `{"AWS":"`+vicA+`"}`, "s3:DeleteObject", "arn:aws:s3:::qa-b-user/*")))
	b.resource("arn:aws:s3:::qa-b-role", acctA, pol(grantTo("GrantAppRole", `{"AWS":"`+appRole+`"}`, "s3:GetObject", "arn:aws:s3:::qa-b-role/*")))
	b.resource("arn:aws:s3:::qa-b-sess", acctA, pol(grantTo("GrantS1", `{"AWS":"`+s1+`"}`, "s3:GetObject", "arn:aws:s3:::qa-b-sess/*")))
	b.resource("arn:aws:s3:::qa-b-worker-role", acctA, pol(grantTo("GrantWorkerRole", `{"AWS":"`+wRole+`"}`, "s3:GetObject", "arn:aws:s3:::qa-b-worker-role/*")))
	b.resource("arn:aws:s3:::qa-b-worker-sess", acctA, pol(grantTo("GrantW1", `{"AWS":"`+wSess+`"}`, "s3:GetObject", "arn:aws:s3:::qa-b-worker-sess/*")))
	b.resource("arn:aws:s3:::qa-b-cross", acctA, pol(grantTo("GrantWendy", `{"AWS":"`+wendyB+`"}`, "s3:GetObject", "arn:aws:s3:::qa-b-cross/*")))
	e := b.engine()
	ec2Session := b.parse(pol(stmt("SessEC2", "Allow", "ec2:*", "*")), policy.Identity)
	denySession := b.parse(pol(stmt("SessAll", "Allow", "*", "*"), stmt("SessNoGet", "Deny", "s3:GetObject", "*")), policy.Identity)

	const (
		userARN  = "Within the same account, resource-based policies that grant permissions to an IAM user ARN ... are not limited by an implicit deny in an identity-based policy or permissions boundary"
		roleARN  = "resource-based policies that grant permissions to an IAM role ARN are limited by an implicit deny in a permissions boundary or session policy"
		sessARN  = "resource-based policies that grant permissions to an IAM role session ARN ... are not limited by an implicit deny in a permissions boundary"
		sessRole = "A resource-based policy can specify the ARN of the user or role as a principal. In that case, the permissions from the resource-based policy are added to the role or user's identity-based policy before the session is created. The session policy limits the total permissions"
		sessSess = "A resource-based policy can specify the ARN of the session as a principal. In that case, the permissions from the resource-based policy are added after the session is created. The session policy permissions do not limit them"
		explicit = "An explicit deny in any of these policies overrides the allow"
	)
	obj := func(bkt string) string { return "arn:aws:s3:::" + bkt + "/k" }
	cases := []qaCase{
		{name: "boundary does not limit a grant to the user ARN", doc: pgBoundaries + ": " + userARN,
			req: Request{Principal: ursulaA, Action: "s3:GetObject", Resource: obj("qa-b-user")}, want: allowed(StepResourcePolicy, "GrantUrsula")},
		{name: "boundary limits the identity policy where the grant does not reach", doc: pgBoundaries + ": effective permissions are the intersection of identity-based policies and the boundary",
			req: Request{Principal: ursulaA, Action: "s3:PutObject", Resource: obj("qa-b-user")}, want: implicit(StepBoundary)},
		{name: "explicit deny in a boundary beats a grant to the user ARN", doc: pgEval + ": " + explicit,
			req: Request{Principal: vicA, Action: "s3:DeleteObject", Resource: obj("qa-b-user")}, want: denied("BDenyDelete")},
		{name: "boundary limits a grant to the role ARN", doc: pgBoundaries + ": " + roleARN,
			req: Request{Principal: s1, Action: "s3:GetObject", Resource: obj("qa-b-role")}, want: implicit(StepBoundary)},
		{name: "boundary does not limit a grant to the session ARN", doc: pgBoundaries + ": " + sessARN,
			req: Request{Principal: s1, Action: "s3:GetObject", Resource: obj("qa-b-sess")}, want: allowed(StepResourcePolicy, "GrantS1")},
		{name: "a grant to one session is not a grant to another", doc: pgBoundaries + ": " + sessARN,
			req: Request{Principal: s2, Action: "s3:GetObject", Resource: obj("qa-b-sess")}, want: implicit(StepBoundary)},
		{name: "session policy limits a grant to the role ARN", doc: pgSession + ": " + sessRole,
			req: Request{Principal: wSess, Action: "s3:GetObject", Resource: obj("qa-b-worker-role"), SessionPolicy: ec2Session}, want: implicit(StepSessionPolicy)},
		{name: "session policy does not limit a grant to the session ARN", doc: pgSession + ": " + sessSess,
			req: Request{Principal: wSess, Action: "s3:GetObject", Resource: obj("qa-b-worker-sess"), SessionPolicy: ec2Session}, want: allowed(StepResourcePolicy, "GrantW1")},
		{name: "explicit deny in a session policy beats a grant to the session ARN", doc: pgEval + ": " + explicit,
			req: Request{Principal: wSess, Action: "s3:GetObject", Resource: obj("qa-b-worker-sess"), SessionPolicy: denySession}, want: denied("SessNoGet")},
		{name: "no boundary, no session policy: grant to the role ARN allows alone", doc: pgSameAcct + ": a resource-based policy that names the role allows the role's sessions",
			req: Request{Principal: wSess, Action: "s3:GetObject", Resource: obj("qa-b-worker-role")}, want: allowed(StepResourcePolicy, "GrantWorkerRole")},
		{name: "cross account: the boundary limits even a grant to the user ARN", doc: pgCross + ": the identity-based side (with its permissions boundary) must allow the request in the trusted account",
			req: Request{Principal: wendyB, Action: "s3:GetObject", Resource: obj("qa-b-cross")}, want: implicit(StepBoundary)},
	}
	qaRun(t, e, cases)
}

// ---------------------------------------------------------------------------
// Trust policies and KMS key policies.

func TestQATrustAndKeyPolicies(t *testing.T) {
	const (
		ursulaA = "arn:aws:iam::111122223333:user/ursula"
		daveA   = "arn:aws:iam::111122223333:user/dave"
		erinA   = "arn:aws:iam::111122223333:user/erin"
		rootA   = "arn:aws:iam::111122223333:root"
		roleArn = "arn:aws:iam::111122223333:role/"
		keyArn  = "arn:aws:kms:us-east-1:111122223333:key/"
	)
	b := newBuilder(t)
	ec2Only := b.managed(acctA, "EC2Only", boundary)
	b.user(acctA, "alice")
	b.user(acctA, "bob", pol(stmt("BobAssume", "Allow", "sts:AssumeRole", "*")))
	u := b.user(acctA, "ursula", pol(stmt("UrsulaAssume", "Allow", "sts:AssumeRole", "*")))
	u.PermissionsBoundary = ec2Only
	b.user(acctA, "dave", pol(stmt("DaveKMS", "Allow", "kms:*", "*")))
	erin := b.user(acctA, "erin")
	erin.PermissionsBoundary = ec2Only
	b.user(acctB, "carol", pol(stmt("CarolKMS", "Allow", "kms:Decrypt", "*")))
	b.role(acctA, "trusts-alice", pol(`{"Sid":"TrustAlice","Effect":"Allow","Principal":{"AWS":"`+aliceA+`"},"Action":"sts:AssumeRole"}`))
	b.role(acctA, "trusts-ursula", pol(`{"Sid":"TrustUrsula","Effect":"Allow","Principal":{"AWS":"`+ursulaA+`"},"Action":"sts:AssumeRole"}`))
	b.role(acctA, "trusts-acct", pol(`{"Sid":"TrustAcct","Effect":"Allow","Principal":{"AWS":"`+rootA+`"},"Action":"sts:AssumeRole"}`))
	b.role(acctA, "trusts-acct-not-bob", pol(
		`{"Sid":"TrustAcct","Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole"}`,
		`{"Sid":"NotBob","Effect":"Deny","Principal":{"AWS":"`+bobA+`"},"Action":"sts:AssumeRole"}`))
	b.role(acctA, "trusts-ec2", pol(`{"Sid":"TrustEC2","Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}`))
	hop := b.role(acctA, "hop", pol(`{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}`), pol(stmt("HopAssume", "Allow", "sts:AssumeRole", "*")))
	hop.PermissionsBoundary = ec2Only
	b.role(acctA, "trusts-hop", pol(`{"Sid":"TrustHopRole","Effect":"Allow","Principal":{"AWS":"`+roleArn+`hop"},"Action":"sts:AssumeRole"}`))
	b.role(acctB, "trusts-a", pol(`{"Sid":"TrustA","Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole"}`))
	b.resource(keyArn+"root-only", "", pol(`{"Sid":"EnableIAM","Effect":"Allow","Principal":{"AWS":"`+rootA+`"},"Action":"kms:*","Resource":"*"}`))
	b.resource(keyArn+"erin", "", pol(`{"Sid":"KeyErin","Effect":"Allow","Principal":{"AWS":"`+erinA+`"},"Action":"kms:Decrypt","Resource":"*"}`))
	b.resource(keyArn+"bob-only", "", pol(`{"Sid":"KeyBob","Effect":"Allow","Principal":{"AWS":"`+bobA+`"},"Action":"kms:*","Resource":"*"}`))
	b.resource(keyArn+"shared-b", "", pol(
		`{"Sid":"EnableIAM","Effect":"Allow","Principal":{"AWS":"`+rootA+`"},"Action":"kms:*","Resource":"*"}`,
		`{"Sid":"ShareB","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"kms:Decrypt","Resource":"*"}`))
	e := b.engine()

	const (
		trustUser = "a role trust policy is a resource-based policy: when it names an IAM user ARN in the same account, no identity-based policy is needed"
		trustAcct = "when the trust policy names the account (its root), an administrator must also grant sts:AssumeRole in the user's identity-based policy"
		trustReq  = "the role's trust policy must allow sts:AssumeRole, even for principals in the same account"
		keyReq    = "Unlike other AWS resource policies, a KMS key policy doesn't automatically give permission to the account or any of its identities ... unless the key policy allows it"
		keyDef    = "The default key policy gives the AWS account (root user) full access to the KMS key, which enables IAM policies in the account to allow access"
	)
	cases := []qaCase{
		{name: "trust naming the user: no identity policy needed", doc: pgTrust + ": " + trustUser,
			req: Request{Principal: aliceA, Action: "sts:AssumeRole", Resource: roleArn + "trusts-alice"}, want: allowed(StepResourcePolicy, "TrustAlice")},
		{name: "trust naming the user: boundary does not limit it", doc: pgBoundaries + ": resource-based policies that grant permissions to an IAM user ARN are not limited by an implicit deny in a permissions boundary",
			req: Request{Principal: ursulaA, Action: "sts:AssumeRole", Resource: roleArn + "trusts-ursula"}, want: allowed(StepResourcePolicy, "TrustUrsula")},
		{name: "trust naming the account: identity policy allows", doc: pgTrust + ": " + trustAcct,
			req: Request{Principal: bobA, Action: "sts:AssumeRole", Resource: roleArn + "trusts-acct"}, want: allowed(StepResourcePolicy, "TrustAcct", "BobAssume")},
		{name: "trust naming the account: boundary limits the identity policy", doc: pgTrust + ": " + trustAcct + "; " + pgBoundaries,
			req: Request{Principal: ursulaA, Action: "sts:AssumeRole", Resource: roleArn + "trusts-acct"}, want: implicit(StepBoundary)},
		{name: "trust naming the account: no identity policy", doc: pgTrust + ": " + trustAcct,
			req: Request{Principal: aliceA, Action: "sts:AssumeRole", Resource: roleArn + "trusts-acct"}, want: implicit(StepIdentityPolicy)},
		{name: "trust with an explicit Deny of the user", doc: pgEval + ": An explicit deny in any of these policies overrides the allow",
			req: Request{Principal: bobA, Action: "sts:AssumeRole", Resource: roleArn + "trusts-acct-not-bob"}, want: denied("NotBob")},
		{name: "trust naming only a service: identity Allow is not enough", doc: pgTrust + ": " + trustReq,
			req: Request{Principal: bobA, Action: "sts:AssumeRole", Resource: roleArn + "trusts-ec2"}, want: implicit(StepResourcePolicy)},
		{name: "trust is required whatever the action's case", doc: pgAction + ": action names are case-insensitive; " + pgTrust + ": " + trustReq,
			req: Request{Principal: bobA, Action: "STS:assumerole", Resource: roleArn + "trusts-ec2"}, want: implicit(StepResourcePolicy)},
		{name: "role chaining: trust naming the caller's role ARN is limited by its boundary", doc: pgBoundaries + ": resource-based policies that grant permissions to an IAM role ARN are limited by an implicit deny in a permissions boundary",
			req: Request{Principal: "arn:aws:sts::111122223333:assumed-role/hop/h1", Action: "sts:AssumeRole", Resource: roleArn + "trusts-hop"}, want: implicit(StepBoundary)},
		{name: "the root user cannot assume a role in its account", doc: "AWS STS API Reference, AssumeRole: You cannot call AssumeRole by using AWS root account credentials; access is denied. You must use credentials for an IAM user or an IAM role to call AssumeRole",
			req: Request{Principal: rootA, Action: "sts:AssumeRole", Resource: roleArn + "trusts-acct"}, want: implicit(StepNone)},
		{name: "the root user cannot assume a role in another account", doc: "AWS STS API Reference, AssumeRole: You cannot call AssumeRole by using AWS root account credentials; access is denied",
			req: Request{Principal: rootA, Action: "sts:AssumeRole", Resource: "arn:aws:iam::444455556666:role/trusts-a"}, want: implicit(StepNone)},
		{name: "key policy delegating to IAM, identity policy allows", doc: pgKMS + ": " + keyDef,
			req: Request{Principal: daveA, Action: "kms:Decrypt", Resource: keyArn + "root-only"}, want: allowed(StepResourcePolicy, "EnableIAM", "DaveKMS")},
		{name: "key policy delegating to IAM, no identity policy", doc: pgKMS + ": " + keyDef,
			req: Request{Principal: aliceA, Action: "kms:Decrypt", Resource: keyArn + "root-only"}, want: implicit(StepIdentityPolicy)},
		{name: "key policy naming the user: boundary does not limit it", doc: pgBoundaries + ": resource-based policies that grant permissions to an IAM user ARN are not limited by an implicit deny in a permissions boundary",
			req: Request{Principal: erinA, Action: "kms:Decrypt", Resource: keyArn + "erin"}, want: allowed(StepResourcePolicy, "KeyErin")},
		{name: "key policy not naming the account: even the root user is refused", doc: pgKMS + ": " + keyReq,
			req: Request{Principal: rootA, Action: "kms:Decrypt", Resource: keyArn + "bob-only"}, want: implicit(StepResourcePolicy)},
		{name: "key policy required whatever the action's case", doc: pgKMS + ": " + keyReq,
			req: Request{Principal: daveA, Action: "KMS:decrypt", Resource: keyArn + "bob-only"}, want: implicit(StepResourcePolicy)},
		{name: "cross-account key shared with the account", doc: pgCross + ": both the key policy and the identity-based policy in the other account must allow",
			req: Request{Principal: carolB, Action: "kms:Decrypt", Resource: keyArn + "shared-b"}, want: allowed(StepResourcePolicy, "ShareB", "CarolKMS")},
		{name: "cross-account key with the default key policy", doc: pgKMS + ": " + keyDef + " (only the key's own account)",
			req: Request{Principal: carolB, Action: "kms:Decrypt", Resource: keyArn + "not-stored"}, want: implicit(StepResourcePolicy)},
		{name: "kms:CreateKey has no key: identity policy decides", doc: pgSameAcct + ": identity-based policies allow",
			req: Request{Principal: daveA, Action: "kms:CreateKey", Resource: "*"}, want: allowed(StepIdentityPolicy, "DaveKMS")},
	}
	qaRun(t, e, cases)
}

// ---------------------------------------------------------------------------
// Service and resource control policies.

func TestQAOrganizations(t *testing.T) {
	const (
		rootA    = "arn:aws:iam::111122223333:root"
		adminS   = "arn:aws:sts::111122223333:assumed-role/admin/ops"
		topicA   = "arn:aws:sns:us-east-1:111122223333:alerts"
		bucketQA = "arn:aws:s3:::qa-org"
	)
	b := newBuilder(t)
	b.node("r-qa01", "")
	b.node("ou-qa01-prod", "r-qa01")
	b.node(acctA, "ou-qa01-prod")
	// acctB stays outside the organization.
	b.orgPolicy(model.SCP, "r-qa01", "RootGuard", pol(stmt("RootAll", "Allow", "*", "*"), stmt("RootNoQueueDelete", "Deny", "sqs:DeleteQueue", "*")))
	b.orgPolicy(model.SCP, acctA, "AccountServices", pol(stmt("AcctAllow", "Allow", `["s3:*","sqs:*","ec2:RunInstances","sts:*"]`, "*")))
	b.orgPolicy(model.SCP, "ou-qa01-prod", "ProdServices", pol(stmt("ProdAllow", "Allow", `["s3:*","sqs:*","ec2:*"]`, "*")))
	b.orgPolicy(model.SCP, "ou-qa01-prod", "DeleteOnlyAdmin", pol(stmt("DeleteOnlyAdmin", "Deny", "s3:DeleteBucket", "*",
		`"Condition":{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/admin"}}`)))
	b.orgPolicy(model.RCP, acctA, "NoOutsiders", `{"Version":"2012-10-17","Statement":[`+
		`{"Sid":"RCPOutsiders","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalAccount":"111122223333"}}},`+
		`{"Sid":"RCPNoEC2","Effect":"Deny","Principal":"*","Action":"ec2:*","Resource":"*"}]}`)
	b.user(acctA, "alice", pol(stmt("AliceAll", "Allow", "*", "*")))
	b.role(acctA, "admin", pol(`{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole"}`), pol(stmt("AdminAll", "Allow", "*", "*")))
	b.user(acctB, "carol", pol(stmt("CarolAll", "Allow", "*", "*")))
	b.resource(topicA, acctA, pol(
		grantTo("TopicAlice", `{"AWS":"`+aliceA+`"}`, "sns:Publish", topicA),
		grantTo("TopicB", `{"AWS":"444455556666"}`, "sns:Publish", topicA)))
	b.resource(bucketQA, acctA, pol(grantTo("BucketB", `{"AWS":"444455556666"}`, "s3:GetObject", bucketQA+"/*")))
	b.role(acctA, "partner", pol(`{"Sid":"TrustB","Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"sts:AssumeRole"}`))
	b.orgPolicy(model.RCP, acctA, "NoOutsideAssume", `{"Version":"2012-10-17","Statement":[`+
		`{"Sid":"RCPNoOutsideAssume","Effect":"Deny","Principal":"*","Action":"sts:AssumeRole","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalAccount":"111122223333"}}}]}`)
	e := b.engine()

	const (
		scpRoot  = "SCPs affect all users and roles in attached accounts, including the root user"
		scpAllow = "If an SCP ... does not allow the action, the request is implicitly denied, whatever identity-based or resource-based policies allow"
		scpOut   = "SCPs affect only IAM users and roles that are managed by accounts that are part of the organization. They don't affect users or roles from accounts outside the organization"
		rcpAny   = "RCPs restrict permissions on resources in member accounts, whatever the account of the principal making the request"
		rcpSvcs  = "RCPs apply only to the services that support them (Amazon S3, AWS STS, AWS KMS, Amazon SQS, AWS Secrets Manager ...)"
	)
	cases := []qaCase{
		{name: "SCP limits the member account's root user", doc: pgSCP + ": " + scpRoot,
			req: Request{Principal: rootA, Action: "iam:CreateUser", Resource: "*"}, want: implicit(StepSCP)},
		{name: "SCP Deny at the root level", doc: pgSCP + ": an SCP attached to the root applies to every account in the organization; " + pgEval + ": An explicit deny in any of these policies overrides the allow",
			req: Request{Principal: aliceA, Action: "sqs:DeleteQueue", Resource: "arn:aws:sqs:us-east-1:111122223333:jobs"}, want: denied("RootNoQueueDelete")},
		{name: "SCP at the account level without an Allow for the action", doc: pgSCP + ": for a permission to be allowed for a specific account, there must be an explicit Allow statement at every level from the root through each OU in the direct path to the account (including the target account itself)",
			req: Request{Principal: aliceA, Action: "ec2:TerminateInstances", Resource: "*"}, want: implicit(StepSCP)},
		{name: "SCP allows at every level", doc: pgSCP + ": every level from the root to the account must allow",
			req: Request{Principal: aliceA, Action: "sqs:SendMessage", Resource: "arn:aws:sqs:us-east-1:111122223333:jobs"}, want: allowed(StepIdentityPolicy, "AliceAll")},
		{name: "SCP Deny with an exception by aws:PrincipalArn: user denied", doc: pgEval + ": An explicit deny in any of these policies overrides the allow",
			req: Request{Principal: aliceA, Action: "s3:DeleteBucket", Resource: bucketQA}, want: denied("DeleteOnlyAdmin")},
		{name: "SCP Deny with an exception by aws:PrincipalArn: admin session spared", doc: pgGlobalKeys + ": aws:PrincipalArn of an assumed role session is the role's ARN",
			req: Request{Principal: adminS, Action: "s3:DeleteBucket", Resource: bucketQA}, want: allowed(StepIdentityPolicy, "AdminAll")},
		{name: "SCP limits a same-account grant to the user ARN", doc: pgEval + ": " + scpAllow,
			req: Request{Principal: aliceA, Action: "sns:Publish", Resource: topicA}, want: implicit(StepSCP)},
		{name: "SCP does not limit principals outside the organization", doc: pgSCP + ": " + scpOut,
			req: Request{Principal: carolB, Action: "sns:Publish", Resource: topicA}, want: allowed(StepResourcePolicy, "TopicB", "CarolAll")},
		{name: "RCP denies a principal outside the organization", doc: pgRCP + ": " + rcpAny,
			req: Request{Principal: carolB, Action: "s3:GetObject", Resource: bucketQA + "/k"}, want: denied("RCPOutsiders")},
		{name: "RCP on STS denies assuming a member role from outside", doc: pgRCP + ": " + rcpAny + " (AWS STS is among the services RCPs support)",
			req: Request{Principal: carolB, Action: "sts:AssumeRole", Resource: "arn:aws:iam::111122223333:role/partner"}, want: denied("RCPNoOutsideAssume")},
		{name: "RCP for a service RCPs do not govern has no effect", doc: pgRCP + ": " + rcpSvcs,
			req: Request{Principal: aliceA, Action: "ec2:RunInstances", Resource: "*"}, want: allowed(StepIdentityPolicy, "AliceAll")},
	}
	qaRun(t, e, cases)
}
