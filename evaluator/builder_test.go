package evaluator

import (
	"fmt"
	"testing"

	"iamtui/model"
	"iamtui/model/policy"
)

const (
	acctA = "111122223333"
	acctB = "444455556666"
)

// builder makes small worlds for the semantic tables. Every user, role and
// policy gets AWS-shaped ids and ARNs.
type builder struct {
	t     testing.TB
	w     *model.World
	accts map[string]*model.Account
	n     int
}

func newBuilder(t testing.TB) *builder {
	return &builder{t: t, w: &model.World{}, accts: map[string]*model.Account{}}
}

func (b *builder) acct(id string) *model.Account {
	if a, ok := b.accts[id]; ok {
		return a
	}
	a := &model.Account{ID: id}
	b.accts[id] = a
	b.w.Accounts = append(b.w.Accounts, a)
	return a
}

func (b *builder) parse(text string, kind policy.Kind) *policy.Document {
	b.t.Helper()
	d, err := policy.Parse(text, kind)
	if err != nil {
		b.t.Fatalf("test policy does not parse: %v\n%s", err, text)
	}
	return d
}

func (b *builder) inline(texts []string) []model.InlinePolicy {
	var out []model.InlinePolicy
	for i, t := range texts {
		out = append(out, model.InlinePolicy{Name: fmt.Sprintf("P%d", i), Document: b.parse(t, policy.Identity)})
	}
	return out
}

func (b *builder) user(account, name string, policies ...string) *model.User {
	b.n++
	u := &model.User{Name: name, Path: "/", ID: fmt.Sprintf("AIDAEXAMPLE%09d", b.n), ARN: model.UserARN(account, "/", name),
		InlinePolicies: b.inline(policies)}
	a := b.acct(account)
	a.Users = append(a.Users, u)
	return u
}

func (b *builder) group(account, name string, policies ...string) *model.Group {
	b.n++
	g := &model.Group{Name: name, Path: "/", ID: fmt.Sprintf("AGPAEXAMPLE%09d", b.n), ARN: model.GroupARN(account, "/", name),
		InlinePolicies: b.inline(policies)}
	a := b.acct(account)
	a.Groups = append(a.Groups, g)
	return g
}

func (b *builder) role(account, name, trust string, policies ...string) *model.Role {
	b.n++
	r := &model.Role{Name: name, Path: "/", ID: fmt.Sprintf("AROAEXAMPLE%09d", b.n), ARN: model.RoleARN(account, "/", name),
		InlinePolicies: b.inline(policies)}
	if trust != "" {
		r.TrustPolicy = b.parse(trust, policy.Trust)
	}
	a := b.acct(account)
	a.Roles = append(a.Roles, r)
	return r
}

// managed adds a customer-managed policy and returns its ARN.
func (b *builder) managed(account, name, text string) string {
	b.n++
	arn := model.PolicyARN(account, "/", name)
	a := b.acct(account)
	a.Policies = append(a.Policies, &model.ManagedPolicy{Name: name, Path: "/", ID: fmt.Sprintf("ANPAEXAMPLE%09d", b.n), ARN: arn,
		DefaultVersionID: "v1", IsAttachable: true,
		Versions: []*model.PolicyVersion{{ID: "v1", IsDefault: true, Document: b.parse(text, policy.Identity)}}})
	return arn
}

func (b *builder) resource(arn, owner, text string) {
	b.w.ResourcePolicies = append(b.w.ResourcePolicies, &model.ResourcePolicy{ResourceARN: arn, AccountID: owner, Document: b.parse(text, policy.Resource)})
}

func (b *builder) org() *model.Organization {
	if b.w.Org == nil {
		b.w.Org = &model.Organization{}
	}
	return b.w.Org
}

func (b *builder) node(id, parent string) {
	b.org().Nodes = append(b.org().Nodes, &model.OrgNode{ID: id, ParentID: parent, Name: id})
}

func (b *builder) orgPolicy(kind model.OrgPolicyKind, target, name, text string) {
	k := policy.OrgPolicy
	if kind == model.RCP {
		k = policy.AnyKind
	}
	b.org().Policies = append(b.org().Policies, &model.OrgPolicy{Name: name, Kind: kind, TargetID: target, Document: b.parse(text, k)})
}

func (b *builder) engine() *Engine {
	b.t.Helper()
	e, err := Compile(b.w)
	if err != nil {
		b.t.Fatalf("compile: %v", err)
	}
	return e
}

// stmt writes one identity statement with a Sid.
func stmt(sid, effect, action, resource string, extra ...string) string {
	s := fmt.Sprintf(`{"Sid":%q,"Effect":%q,"Action":%s,"Resource":%s`, sid, effect, jsonish(action), jsonish(resource))
	for _, e := range extra {
		s += "," + e
	}
	return s + "}"
}

// jsonish quotes a plain value and passes an array or object through.
func jsonish(v string) string {
	if len(v) > 0 && (v[0] == '[' || v[0] == '{') {
		return v
	}
	return fmt.Sprintf("%q", v)
}

// pol wraps statements in a 2012-10-17 policy.
func pol(stmts ...string) string {
	out := `{"Version":"2012-10-17","Statement":[`
	for i, s := range stmts {
		if i > 0 {
			out += ","
		}
		out += s
	}
	return out + "]}"
}

func ctxv(kv ...string) []ContextValue {
	var out []ContextValue
	for i := 0; i+1 < len(kv); i += 2 {
		found := false
		for j := range out {
			if out[j].Key == kv[i] {
				out[j].Values = append(out[j].Values, kv[i+1])
				found = true
			}
		}
		if !found {
			out = append(out, ContextValue{Key: kv[i], Values: []string{kv[i+1]}})
		}
	}
	return out
}

// want is one expected answer: the decision, the step, and the Sids of the
// matched statements in order ("" to not check).
type want struct {
	decision Decision
	step     Step
	sids     []string
}

func check(t *testing.T, e *Engine, req *Request, w want) *Result {
	t.Helper()
	var res Result
	if err := e.Evaluate(req, &res); err != nil {
		t.Fatalf("evaluate: %v", err)
	}
	var sids []string
	for _, m := range res.Matched {
		sids = append(sids, m.Sid)
	}
	if res.Decision != w.decision || (w.step != StepNone && res.Step != w.step) || (w.sids != nil && fmt.Sprint(sids) != fmt.Sprint(w.sids)) {
		exp, _ := e.Explain(req)
		summary := ""
		if exp != nil {
			summary = exp.Summary
		}
		t.Errorf("%s %s %s:\n got %s at %s, matched %v\nwant %s at %s, matched %v\n%s",
			req.Principal, req.Action, req.Resource, res.Decision, res.Step, sids, w.decision, w.step, w.sids, summary)
	}
	return &res
}

func allowed(step Step, sids ...string) want { return want{Allowed, step, sids} }
func denied(sids ...string) want             { return want{ExplicitDeny, StepExplicitDeny, sids} }
func implicit(step Step) want                { return want{ImplicitDeny, step, []string(nil)} }

func modelTag(k, v string) model.Tag { return model.Tag{Key: k, Value: v} }
