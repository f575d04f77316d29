package ui

import (
	"strings"

	"iamtui/catalog"
	"iamtui/evaluator"
	"iamtui/model"
	"iamtui/model/policy"
)

// question is what the can-X-do-Y panel opens with: whatever the screen
// says about X, Y and Z (empty parts are left as the panel has them).
type question struct {
	principal, action, resource string
	context                     []evaluator.ContextValue
}

// prefill finds X, Y and Z in what is on screen: a trust policy in the
// editor asks whether its trusted principal may assume the role; a
// statement under the editor's cursor gives Y and Z; a policy, a group or
// a resource policy gives what it allows and to whom; the nearest user or
// role in the breadcrumb is X.
func (m *Model) prefill() question {
	var q question
	for i := len(m.stack) - 1; i >= -1 && q.principal == ""; i-- {
		var sel selection
		if i < 0 {
			sel = m.browse.Selection()
		} else {
			switch p := m.stack[i].(type) {
			case *evalPage:
				continue
			case *editorPage:
				if q.action == "" {
					if p.target.kind == docTrust {
						if tq, ok := m.trustQuestion(p); ok {
							return tq
						}
					}
					q.action, q.resource = p.ed.CursorStatement()
				}
				sel = p.Selection()
			default:
				sel = p.Selection()
			}
		}
		for _, r := range []ref{sel.entity, linkTarget(sel.link)} {
			if r.kind == refUser || r.kind == refRole {
				q.principal = r.name
				break
			}
		}
		if q.action == "" {
			m.fromSelection(sel, &q)
		}
	}
	// A resource policy on screen gives Z.
	if sel := m.top().Selection(); sel.entity.kind == refResource && q.resource == "" {
		q.resource = sel.entity.name
	}
	if a := m.ctx.Account; a != nil {
		q.resource = concreteResource(q.resource, a.ID)
	}
	return q
}

// concreteResource turns a policy's resource pattern into a resource a
// request can name, which the pattern matches: a request's ARN is taken
// literally, so "arn:aws:s3:::bucket/*" would ask about an object named
// "*". Wildcards in the resource part become "example" ("x" for ?), a
// wildcard region becomes us-east-1 and a wildcard account the account's
// own; "*" alone and text that is no ARN stay as they are.
func concreteResource(pattern, account string) string {
	if !strings.ContainsAny(pattern, "*?") || !strings.HasPrefix(pattern, "arn:") {
		return pattern
	}
	parts := strings.SplitN(pattern, ":", 6)
	if len(parts) < 6 {
		return pattern
	}
	fill := func(s, whole string) string {
		if strings.Trim(s, "*?") == "" && s != "" {
			return whole
		}
		return strings.NewReplacer("*", "example", "?", "x").Replace(s)
	}
	if parts[3] != "" {
		parts[3] = fill(parts[3], "us-east-1")
	}
	if parts[4] != "" {
		parts[4] = fill(parts[4], account)
	}
	parts[5] = fill(parts[5], "example")
	return strings.Join(parts, ":")
}

// fromSelection fills what a policy, an inline policy, a group or a
// resource policy under the selection allows: the action and resource of
// its first Allow statement and, when the selection names no user or role,
// someone it applies to.
func (m *Model) fromSelection(sel selection, q *question) {
	c := m.ctx
	a := c.Account
	if a == nil {
		return
	}
	var doc *policy.Document
	fallback := "" // the resource asked about when no statement names one
	holders := func(arn string) {
		if q.principal != "" {
			return
		}
		at := c.Index.Attachments(arn)
		switch {
		case len(at.Users) > 0:
			q.principal = at.Users[0]
		case len(at.Roles) > 0:
			q.principal = at.Roles[0]
		case len(at.Groups) > 0:
			if ms := c.Index.Members(at.Groups[0]); len(ms) > 0 {
				q.principal = ms[0].Name
			}
		}
	}
	target := sel.entity
	if l := sel.link; l != nil {
		switch l.rel {
		case relInline, relVia:
			if l.rel == relInline || !l.target.valid() {
				if text, ok := c.docText(docTarget{kind: docInline, owner: l.owner, name: l.name}); ok {
					doc, _ = policy.Parse(text, policy.AnyKind)
				}
				if l.owner.kind == refGroup && q.principal == "" {
					if ms := c.Index.Members(l.owner.name); len(ms) > 0 {
						q.principal = ms[0].Name
					}
				}
				break
			}
			target = l.target
		case relAttached, relBoundary, relUsedBy, relBoundOf:
			if l.target.kind == refPolicy {
				target = l.target
			}
		case relVersion:
			if p := a.Policy(l.owner.name); p != nil {
				for _, v := range p.Versions {
					if v.ID == l.name {
						doc = v.Document
					}
				}
				holders(p.ARN)
			}
		}
	}
	if doc == nil {
		switch e := c.resolve(target).(type) {
		case *model.ManagedPolicy:
			if d := e.Default(); d != nil {
				doc = d.Document
			}
			holders(e.ARN)
		case *model.Group:
			if q.principal == "" {
				if ms := c.Index.Members(e.Name); len(ms) > 0 {
					q.principal = ms[0].Name
				}
			}
			// Its first policy that allows anything.
			for _, ip := range e.InlinePolicies {
				if doc == nil && firstAllow(ip.Document) != nil {
					doc = ip.Document
				}
			}
			for _, arn := range e.AttachedPolicies {
				if p := c.Index.Policy(arn); doc == nil && p != nil && p.Default() != nil && firstAllow(p.Default().Document) != nil {
					doc = p.Default().Document
				}
			}
		case *model.ResourcePolicy:
			doc = e.Document
			// Unless its statement names one of the policy's resources
			// (the bucket, its objects), the question is about the resource.
			fallback = e.ResourceARN
		}
	}
	if st := firstAllow(doc); st != nil {
		q.action = concreteAction(c.Catalog, st.Action)
		if q.resource == "" && st.Resource != nil && len(st.Resource.Values) > 0 {
			q.resource = st.Resource.Values[0].S
		}
		if q.principal == "" && st.Principal != nil && st.Principal.AWS != nil && len(st.Principal.AWS.Values) > 0 {
			q.principal = principalARN(st.Principal.AWS.Values[0].S)
		}
	}
	if q.resource == "" {
		q.resource = fallback
	}
}

// firstAllow is a document's first Allow statement with an Action.
func firstAllow(doc *policy.Document) *policy.Statement {
	if doc == nil {
		return nil
	}
	for _, st := range doc.Statements {
		if st.Effect == policy.Allow && st.Action != nil && len(st.Action.Values) > 0 {
			return st
		}
	}
	return nil
}

// concreteAction is the first action of a list without wildcards, or the
// first one the first pattern grants.
func concreteAction(cat *catalog.Catalog, l *policy.List) string {
	if l == nil || len(l.Values) == 0 {
		return ""
	}
	for _, v := range l.Values {
		if !strings.ContainsAny(v.S, "*?") {
			return v.S
		}
	}
	if cat != nil {
		if all := cat.Expand(l.Values[0].S); len(all) > 0 {
			return all[0]
		}
	}
	return l.Values[0].S
}

// principalARN is a policy's AWS principal as the evaluator takes it: an
// account id means the account's root.
func principalARN(v string) string {
	if len(v) == 12 && strings.Trim(v, "0123456789") == "" {
		return "arn:aws:iam::" + v + ":root"
	}
	return v
}

// trustQuestion is the question a trust policy answers: may the principal
// it trusts (under the cursor, or the statement's first) assume this role?
// The action is the statement's (sts:AssumeRole, AssumeRoleWithSAML...),
// the resource the role, and an external id the statement requires is in
// the context with the value it wants.
func (m *Model) trustQuestion(p *editorPage) (question, bool) {
	role := m.ctx.Account.Role(p.target.owner.name)
	doc := p.ed.Document()
	if doc == nil {
		d, err := policy.Parse(p.ed.Text(), policy.AnyKind)
		if err != nil {
			return question{}, false
		}
		doc = d
	}
	off := p.ed.Cursor().Offset
	var st *policy.Statement
	for _, s := range doc.Statements {
		if s.Start.Offset <= off && off <= s.End.Offset {
			st = s
			break
		}
	}
	if st == nil {
		for _, s := range doc.Statements {
			if s.Effect == policy.Allow && s.Principal != nil {
				st = s
				break
			}
		}
	}
	if st == nil || st.Principal == nil {
		return question{}, false
	}
	var q question
	pr := st.Principal
	for _, l := range []*policy.List{pr.AWS, pr.Federated, pr.Service} {
		if l == nil {
			continue
		}
		for _, v := range l.Values {
			if q.principal == "" {
				q.principal = principalARN(v.S)
			}
			if off >= v.Pos.Offset && off <= v.Pos.Offset+len(v.S)+1 {
				q.principal = principalARN(v.S)
				break
			}
		}
	}
	q.action, _ = p.ed.CursorStatement()
	if q.action == "" {
		q.action = "sts:AssumeRole"
	}
	if role != nil {
		q.resource = role.ARN
	}
	for _, c := range st.Conditions {
		if !strings.EqualFold(c.Key, "sts:ExternalId") {
			continue
		}
		v := ""
		if len(c.Values) > 0 && !strings.ContainsAny(c.Values[0].S, "*?") {
			v = c.Values[0].S
		}
		q.context = append(q.context, evaluator.ContextValue{Key: "sts:ExternalId", Values: []string{v}})
	}
	return q, true
}
