package evaluator

import (
	"encoding/json"
	"testing"

	"iamtui/model"
	"iamtui/model/policy"
)

// decisionWith evaluates alice's request with the given statements as her
// one inline policy; ok is false when the policy does not parse.
func decisionWith(t *testing.T, stmts []string, req Request) (Decision, bool) {
	text := pol(stmts...)
	doc, err := policy.Parse(text, policy.Identity)
	if err != nil {
		return 0, false
	}
	w := &model.World{Accounts: []*model.Account{{ID: acctA, Users: []*model.User{{
		Name: "alice", Path: "/", ID: "AIDAEXAMPLE000000001", ARN: aliceA,
		InlinePolicies: []model.InlinePolicy{{Name: "P", Document: doc}},
	}}}}}
	e, err := Compile(w)
	if err != nil {
		t.Fatalf("compile %s: %v", text, err)
	}
	var res Result
	if err := e.Evaluate(&req, &res); err != nil {
		return 0, false
	}
	if _, err := e.Explain(&req); err != nil {
		t.Fatalf("Explain failed where Evaluate did not: %v", err)
	}
	return res.Decision, true
}

func q(s string) string { b, _ := json.Marshal(s); return string(b) }

// FuzzConditionOperators: no panics; adding a Deny never turns a denial
// into an allow; removing an Allow never does either.
func FuzzConditionOperators(f *testing.F) {
	f.Add("StringLike", "s3:prefix", "home/*", "home/x")
	f.Add("ForAllValues:StringEquals", "aws:TagKeys", "a", "b")
	f.Add("IpAddress", "aws:SourceIp", "10.0.0.0/8", "10.1.1.1")
	f.Add("NotIpAddress", "aws:SourceIp", "2001:db8::/32", "::ffff:10.0.0.1")
	f.Add("DateLessThanIfExists", "aws:CurrentTime", "2026-01-01", "1700000000")
	f.Add("NumericGreaterThan", "n", "1e3", "NaN")
	f.Add("ArnNotLike", "aws:SourceArn", "arn:aws:s3:::${aws:username}*", "arn:aws:s3:::alice")
	f.Add("BinaryEquals", "k", "AAAA", "AAAA")
	f.Add("Null", "k", "true", "")
	f.Add("StringEquals", "aws:PrincipalTag/t", "${aws:PrincipalTag/t, 'd'}", "d")
	f.Fuzz(func(t *testing.T, op, key, pv, rv string) {
		cond := `"Condition":{` + q(op) + `:{` + q(key) + `:` + q(pv) + `}}`
		req := Request{Principal: aliceA, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k",
			Context: []ContextValue{{Key: key, Values: []string{rv}}}}
		allow := stmt("A", "Allow", "s3:GetObject", "*", cond)
		other := stmt("B", "Allow", "s3:Get*", "arn:aws:s3:::b/*", cond)
		deny := stmt("D", "Deny", "s3:*", "*", cond)
		base, ok := decisionWith(t, []string{allow, other}, req)
		if !ok {
			return
		}
		if withDeny, ok := decisionWith(t, []string{allow, other, deny}, req); ok && base != Allowed && withDeny == Allowed {
			t.Fatalf("adding a Deny turned %s into allowed: %s", base, cond)
		}
		if fewer, ok := decisionWith(t, []string{other}, req); ok && base != Allowed && fewer == Allowed {
			t.Fatalf("removing an Allow turned %s into allowed: %s", base, cond)
		}
	})
}

// FuzzARNMatch: no panics; "*" matches everything; a pattern without
// wildcards or variables matches itself; the invariants above.
func FuzzARNMatch(f *testing.F) {
	f.Add("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b")
	f.Add("arn:aws:logs:*:*:log-group:*:log-stream:*", "arn:aws:logs:us-east-1:111122223333:log-group:/a:log-stream:b")
	f.Add("arn:aws:s3:::${aws:username}/*", "arn:aws:s3:::alice/x")
	f.Add("arn:*:*:*:*:*", "*")
	f.Add("a*b?c*", "aXbYcZ")
	f.Add("arn:aws:iam::111122223333:user/${*}?", "arn:aws:iam::111122223333:user/*x")
	f.Fuzz(func(t *testing.T, pattern, resource string) {
		if len(pattern) > 300 || len(resource) > 300 {
			return
		}
		p := compileARNPattern(pattern, true, true)
		r := splitARN(resource)
		ctx := &evalCtx{facts: []ContextValue{{Key: "aws:username", Values: []string{"alice"}}}}
		_ = p.match(&r, ctx)
		all := compileARNPattern("*", true, true)
		if !all.match(&r, ctx) {
			t.Fatalf("* does not match %q", resource)
		}
		self := compileARNPattern(resource, false, true)
		if !self.match(&r, ctx) {
			t.Fatalf("%q does not match itself", resource)
		}
		g := compileGlob(pattern, true, true, false)
		var buf [8]string
		if vals, _, ok := resolveVars(&g, ctx, buf[:0]); ok {
			_ = g.match(resource, vals)
		}
		req := Request{Principal: aliceA, Action: "s3:GetObject", Resource: resource}
		if resource == "" {
			return
		}
		allow := stmt("A", "Allow", "s3:GetObject", pattern)
		deny := stmt("D", "Deny", "s3:GetObject", pattern)
		base, ok := decisionWith(t, []string{allow}, req)
		if !ok {
			return
		}
		if d, ok := decisionWith(t, []string{allow, deny}, req); ok && base != Allowed && d == Allowed {
			t.Fatalf("adding a Deny allowed %q vs %q", pattern, resource)
		}
		if base == Allowed {
			if d, ok := decisionWith(t, []string{allow, deny}, req); ok && d != ExplicitDeny {
				t.Fatalf("a Deny with the pattern that allowed did not deny: %q vs %q (%s)", pattern, resource, d)
			}
		}
	})
}
