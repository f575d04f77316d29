package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"iamtui/lint"
	"iamtui/model"
	"iamtui/model/edit"
	"iamtui/model/policy"
)

const reasonReadOnly = "read-only: opened with --read-only"

// availability says whether an action can run here and, if not, why; the
// help shows the reason next to the greyed key, and pressing the key shows
// it in the status bar. An empty reason means "not an action here": the key
// goes to the page instead.
func (m *Model) availability(id actionID) (bool, string) {
	info := m.ctx.Keys.Info(id)
	if info.mutating && m.ctx.ReadOnly {
		return false, reasonReadOnly
	}
	if info.mutating && m.busy {
		return false, "saving the previous change"
	}
	if m.ctx.Account == nil && (info.mutating || id == actCopy || id == actCan || id == actWhoCan || id == actAccount) {
		return false, "no account loaded"
	}
	sel := m.top().Selection()
	e := sel.entity
	aws := e.kind == refPolicy && model.IsAWSManagedPolicyARN(e.name)
	_, onDetail := m.top().(*detailPage)
	_, onBrowse := m.top().(*browsePage)
	switch id {
	case actAccount:
		if m.ctx.World == nil || len(m.ctx.World.Accounts) < 2 {
			return false, "the file holds one account"
		}
	case actCopy:
		if m.selectionARN() == "" {
			return false, "nothing with an ARN is selected"
		}
	case actCan, actWhoCan:
		return m.evalAvailable()
	case actSort:
		if !onBrowse {
			return false, "only in a list (1-5)"
		}
	case actNew:
		if !onBrowse {
			return false, "only in a list (1-5)"
		}
	case actRename, actDelete:
		if id == actDelete && sel.link != nil && sel.link.rel == relVersion {
			// d on a version deletes that version, not the policy.
			if v := m.policyVersion(sel.link); v != nil && v.IsDefault {
				return false, "the default version cannot be deleted: make another one the default first (s), or delete the policy from the list"
			}
			if model.IsAWSManagedPolicyARN(sel.link.owner.name) {
				return false, "AWS-managed policies belong to AWS and cannot be changed"
			}
			return true, ""
		}
		switch {
		case !e.valid():
			return false, "nothing selected"
		case e.kind == refResource:
			return false, "resource policies are managed with 'iamtui resource-policy'"
		case aws:
			return false, "AWS-managed policies belong to AWS and cannot be changed"
		}
	case actMember:
		if e.kind != refUser && e.kind != refGroup {
			return false, "only on a user or a group"
		}
	case actAttach:
		if e.kind != refUser && e.kind != refGroup && e.kind != refRole {
			return false, "only on a user, group or role"
		}
	case actBoundary:
		if e.kind != refUser && e.kind != refRole {
			return false, "only users and roles have permissions boundaries"
		}
	case actTags:
		if e.kind != refUser && e.kind != refRole && e.kind != refPolicy {
			return false, "only users, roles and policies have tags"
		}
		if aws {
			return false, "AWS-managed policies belong to AWS and cannot be changed"
		}
	case actInline:
		if e.kind != refUser && e.kind != refGroup && e.kind != refRole {
			return false, "only users, groups and roles have inline policies"
		}
	case actEdit:
		return m.editAvailable(sel)
	case actRemove:
		if !onDetail || sel.link == nil {
			return false, "in a detail view, on a group, policy, boundary, tag or version"
		}
		switch sel.link.rel {
		case relVia:
			return false, "it comes through a group: leave the group or detach it from the group"
		case relTrust:
			return false, "a role needs its trust policy; edit it with e"
		case relDocument:
			return false, "the resource's policy itself: edit it with e, or delete it with 'iamtui resource-policy delete'"
		case relFinding:
			return false, "a lint finding: enter opens it in the editor, where it can be fixed"
		case relVersion:
			if v := m.policyVersion(sel.link); v != nil && v.IsDefault {
				return false, "the default version cannot be deleted: make another one the default first (s)"
			}
		}
	case actSetDefault:
		if sel.link == nil || sel.link.rel != relVersion {
			return false, "on a policy version in a policy's detail view"
		}
		if v := m.policyVersion(sel.link); v != nil && v.IsDefault {
			return false, "already the default version"
		}
	}
	return true, ""
}

// version returns the policy version a link points at.
func (m *Model) policyVersion(l *link) *model.PolicyVersion {
	p := m.ctx.Account.Policy(l.owner.name)
	if p == nil {
		return nil
	}
	for _, v := range p.Versions {
		if v.ID == l.name {
			return v
		}
	}
	return nil
}

// doAction runs an edit action that availability allowed.
func (m *Model) doAction(id actionID) tea.Cmd {
	sel := m.top().Selection()
	switch id {
	case actUndo:
		return m.undo()
	case actNew:
		return m.newEntity(refKindOf(m.browse.active))
	case actRename:
		return m.rename(sel.entity)
	case actDelete:
		if sel.link != nil && sel.link.rel == relVersion {
			return m.remove(*sel.link)
		}
		return m.delete(sel.entity)
	case actMember:
		return m.membership(sel.entity)
	case actAttach:
		return m.pickPolicy(sel.entity, false)
	case actBoundary:
		return m.pickPolicy(sel.entity, true)
	case actTags:
		return m.editTags(sel.entity)
	case actInline:
		return m.newInline(sel.entity)
	case actEdit:
		return m.edit(sel)
	case actRemove:
		return m.remove(*sel.link)
	case actSetDefault:
		l := sel.link
		cs, err := m.ctx.Editor.SetDefaultPolicyVersion(m.ctx.Account, l.owner.name, l.name)
		return m.propose(cs, err, nil)
	case actCan, actWhoCan:
		return m.openEval(id == actWhoCan)
	}
	return nil
}

// propose applies a change set computed by model/edit, or shows why AWS
// would refuse it.
func (m *Model) propose(cs model.ChangeSet, err error, then func(*Model) tea.Cmd) tea.Cmd {
	if err != nil {
		return statusErr(editError(err))
	}
	return m.apply(cs, then)
}

// submitted is a form's or picker's way to apply: errors stay in the
// dialog, which the user can correct.
func (m *Model) submitted(cs model.ChangeSet, err error, then func(*Model) tea.Cmd) (tea.Cmd, error) {
	if err != nil {
		return nil, err
	}
	return m.apply(cs, then), nil
}

// selectAfter shows an entity once an edit that created or renamed it is in.
func selectAfter(r ref) func(*Model) tea.Cmd {
	return func(m *Model) tea.Cmd {
		if len(m.stack) == 0 {
			m.browse.selectRef(r)
		}
		return nil
	}
}

func (m *Model) newEntity(k refKind) tea.Cmd {
	a := m.ctx.Account
	ed := m.ctx.Editor
	// warned holds the values a lint warning was shown for: submitting
	// the same values again creates anyway.
	warned := ""
	switch k {
	case refUser:
		m.dialog = newForm(m.ctx, "New user", "", func(v []string) (tea.Cmd, error) {
			cs, err := ed.CreateUser(a, strings.TrimSpace(v[0]), strings.TrimSpace(v[1]), nil)
			return m.submitted(cs, err, selectAfter(ref{refUser, strings.TrimSpace(v[0])}))
		},
			field("Name", "", "alice", "letters, digits and + = , . @ _ -; up to 64").needed("give the user a name"),
			prefilled("Path", "/", "/", "/ or /division/team/"))
	case refGroup:
		m.dialog = newForm(m.ctx, "New group", "", func(v []string) (tea.Cmd, error) {
			cs, err := ed.CreateGroup(a, strings.TrimSpace(v[0]), strings.TrimSpace(v[1]))
			return m.submitted(cs, err, selectAfter(ref{refGroup, strings.TrimSpace(v[0])}))
		},
			field("Name", "", "chefs", "letters, digits and + = , . @ _ -; up to 128").needed("give the group a name"),
			prefilled("Path", "/", "/", "/ or /division/team/"))
	case refRole:
		m.dialog = newForm(m.ctx, "New role",
			"Who may assume it: a service (ec2.amazonaws.com), an account id, or a user or role ARN. e edits the trust policy afterwards.",
			func(v []string) (tea.Cmd, error) {
				name := strings.TrimSpace(v[0])
				trust, err := trustPolicyFor(strings.TrimSpace(v[2]))
				if err != nil {
					return nil, err
				}
				if w := m.lintStarter(trust, policy.Trust, v, &warned); w != nil {
					return nil, w
				}
				cs, err := ed.CreateRole(a, edit.RoleSpec{Name: name, Path: strings.TrimSpace(v[1]), Description: strings.TrimSpace(v[3]), TrustPolicy: trust})
				return m.submitted(cs, err, selectAfter(ref{refRole, name}))
			},
			field("Name", "", "part-time-chef", "letters, digits and + = , . @ _ -; up to 64").needed("give the role a name"),
			prefilled("Path", "/", "/", "/ or /division/team/"),
			field("Trusted by", "", "e.g. ec2.amazonaws.com", "service, account id or ARN").needed("say who may assume the role (a service such as ec2.amazonaws.com, an account id or an ARN)"),
			field("About", "", "optional description", ""))
	case refPolicy:
		m.dialog = newForm(m.ctx, "New managed policy",
			"Version v1 allows the actions on the resources; e edits the whole document afterwards.",
			func(v []string) (tea.Cmd, error) {
				name := strings.TrimSpace(v[0])
				doc := starterPolicy(v[2], v[3])
				if w := m.lintStarter(doc, policy.Identity, v, &warned); w != nil {
					return nil, w
				}
				cs, err := ed.CreatePolicy(a, edit.PolicySpec{Name: name, Path: strings.TrimSpace(v[1]), Description: strings.TrimSpace(v[4]), Document: doc})
				return m.submitted(cs, err, selectAfter(ref{refPolicy, model.PolicyARN(a.ID, pathOrRoot(v[1]), name)}))
			},
			field("Name", "", "ReadMenu", "letters, digits and + = , . @ _ -; up to 128").needed("give the policy a name"),
			prefilled("Path", "/", "/", "/ or /division/team/"),
			field("Actions", "", "e.g. s3:GetObject, s3:ListBucket", "comma-separated; wildcards allowed (s3:Get*)").needed("name at least one action, such as s3:GetObject"),
			prefilled("Resources", "*", "arn:aws:s3:::menu/*", "comma-separated ARNs, or * (every resource)"),
			field("About", "", "optional description (AWS cannot change it later)", ""))
	case refResource:
		return m.newResourcePolicy()
	}
	return nil
}

// categoryWord names a finding's severity in a sentence.
func categoryWord(c lint.Category) string {
	return strings.ReplaceAll(strings.ToLower(c.String()), "_", " ")
}

// lintStarter checks a document a form wrote before it is created: the
// findings that matter (warnings and worse: an unknown action, a bad ARN)
// come back as a warning, once for the same values; nil when there is
// nothing to say, or no linter yet.
func (m *Model) lintStarter(doc string, kind policy.Kind, values []string, warned *string) error {
	l := m.ctx.Linter
	key := strings.Join(values, "\x00")
	if l == nil || key == *warned {
		return nil
	}
	fs := lint.Filter(l.Document(doc, kind, lint.Options{}), lint.Warning)
	if len(fs) == 0 {
		return nil
	}
	*warned = key
	var lines []string
	for i, f := range fs {
		if i == 3 {
			lines = append(lines, fmt.Sprintf("… and %d more", len(fs)-3))
			break
		}
		msg := f.Message
		if f.Suggestion != "" && !strings.Contains(msg, f.Suggestion) {
			msg += " (did you mean " + f.Suggestion + "?)"
		}
		lines = append(lines, categoryWord(f.Category)+": "+safe(msg))
	}
	lines = append(lines, "enter again creates it anyway; esc cancels")
	return &formWarning{msg: strings.Join(lines, "\n")}
}

func pathOrRoot(p string) string {
	p = strings.TrimSpace(p)
	if p == "" {
		return "/"
	}
	return p
}

// trustPolicyFor writes a trust policy for one principal: a service, an
// account or an ARN.
func trustPolicyFor(who string) (string, error) {
	var principal string
	switch {
	case strings.HasSuffix(who, ".amazonaws.com"):
		principal = fmt.Sprintf(`{"Service": %q}`, who)
	case len(who) == 12 && strings.Trim(who, "0123456789") == "":
		principal = fmt.Sprintf(`{"AWS": "arn:aws:iam::%s:root"}`, who)
	case strings.HasPrefix(who, "arn:"):
		principal = fmt.Sprintf(`{"AWS": %q}`, who)
	default:
		return "", &edit.Error{Code: edit.CodeInvalidInput, Msg: fmt.Sprintf("trusted by %q: give a service (ec2.amazonaws.com), a 12-digit account id or an ARN", who)}
	}
	return fmt.Sprintf(`{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": %s,
      "Action": "sts:AssumeRole"
    }
  ]
}
`, principal), nil
}

// starterPolicy writes a one-statement identity policy.
func starterPolicy(actions, resources string) string {
	return fmt.Sprintf(`{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": %s,
      "Resource": %s
    }
  ]
}
`, jsonList(actions), jsonList(resources))
}

// jsonList writes comma-separated values as a JSON string or array.
func jsonList(s string) string {
	var vals []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			vals = append(vals, fmt.Sprintf("%q", v))
		}
	}
	switch len(vals) {
	case 0:
		return `""`
	case 1:
		return vals[0]
	}
	return "[" + strings.Join(vals, ", ") + "]"
}

func (m *Model) delete(r ref) tea.Cmd {
	a := m.ctx.Account
	cs, err := m.ctx.Editor.Delete(a, r.entityKind(), r.name)
	if err != nil {
		// AWS's refusal (a policy still attached...) is the message.
		return statusErr(editError(err))
	}
	label := r.name
	if p, ok := m.ctx.resolve(r).(*model.ManagedPolicy); ok {
		label = p.Name
	}
	body := []string{fmt.Sprintf("Delete %s %q?", r.noun(), safe(label))}
	if loss := edit.Loss(a, r.entityKind(), r.name); len(loss) > 0 {
		body = append(body, "", "This also removes:")
		for _, l := range loss {
			body = append(body, "  • "+safe(l))
		}
	}
	if arn := m.ctx.arnOf(r); arn != "" {
		if refs := m.ctx.refsTo(arn); len(refs) > 0 {
			body = append(body, "", "Not changed, and naming a principal that no longer exists afterwards:")
			for _, sr := range refs {
				body = append(body, "  • "+sr.label)
			}
		}
	}
	body = append(body, "", "u undoes it afterwards.")
	m.dialog = &confirmDialog{ctx: m.ctx, title: "Delete " + r.noun(), body: body, yes: "Delete",
		onYes: func() tea.Cmd { return m.apply(cs, nil) }}
	return nil
}

func (m *Model) membership(r ref) tea.Cmd {
	a := m.ctx.Account
	ed := m.ctx.Editor
	var items []pickItem
	if r.kind == refUser {
		u := a.User(r.name)
		in := map[string]bool{}
		for _, g := range u.Groups {
			in[strings.ToLower(g)] = true
		}
		for _, g := range a.Groups {
			if !in[strings.ToLower(g.Name)] {
				items = append(items, pickItem{label: safe(g.Name), note: plural(len(m.ctx.Index.Members(g.Name)), "member"), value: g.Name})
			}
		}
		m.dialog = newPicker(m.ctx, "Add "+safe(u.Name)+" to group", items, func(it pickItem) (tea.Cmd, error) {
			cs, err := ed.AddUserToGroup(a, u.Name, it.value)
			return m.submitted(cs, err, nil)
		})
		return nil
	}
	g := a.Group(r.name)
	in := map[string]bool{}
	for _, u := range m.ctx.Index.Members(g.Name) {
		in[strings.ToLower(u.Name)] = true
	}
	for _, u := range a.Users {
		if !in[strings.ToLower(u.Name)] {
			items = append(items, pickItem{label: safe(u.Name), note: plural(len(u.Groups), "group"), value: u.Name})
		}
	}
	m.dialog = newPicker(m.ctx, "Add a member to "+safe(g.Name), items, func(it pickItem) (tea.Cmd, error) {
		cs, err := ed.AddUserToGroup(a, it.value, g.Name)
		return m.submitted(cs, err, nil)
	})
	return nil
}

// pickPolicy attaches a managed policy, or sets it as the boundary.
func (m *Model) pickPolicy(r ref, boundary bool) tea.Cmd {
	a := m.ctx.Account
	ed := m.ctx.Editor
	have := map[string]bool{}
	switch e := m.ctx.resolve(r).(type) {
	case *model.User:
		for _, p := range e.AttachedPolicies {
			have[p] = !boundary
		}
		have[e.PermissionsBoundary] = boundary
	case *model.Group:
		for _, p := range e.AttachedPolicies {
			have[p] = true
		}
	case *model.Role:
		for _, p := range e.AttachedPolicies {
			have[p] = !boundary
		}
		have[e.PermissionsBoundary] = boundary
	}
	var items []pickItem
	for _, p := range a.Policies {
		if have[p.ARN] {
			continue
		}
		note := "customer managed"
		if p.AWSManaged() {
			note = "AWS managed"
		}
		items = append(items, pickItem{label: safe(p.Name), note: note, value: p.ARN})
	}
	title := "Attach a managed policy to " + safe(r.name)
	if boundary {
		title = "Permissions boundary of " + safe(r.name)
	}
	m.dialog = newPicker(m.ctx, title, items, func(it pickItem) (tea.Cmd, error) {
		var cs model.ChangeSet
		var err error
		if boundary {
			cs, err = ed.SetBoundary(a, r.entityKind(), r.name, it.value)
		} else {
			cs, err = ed.AttachPolicy(a, r.entityKind(), r.name, it.value)
		}
		return m.submitted(cs, err, nil)
	})
	return nil
}

// editTags edits all tags at once as "key=value, key=value": AWS allows
// neither commas nor semicolons in tags, so the list is unambiguous.
func (m *Model) editTags(r ref) tea.Cmd {
	if m.ctx.ReadOnly {
		return statusErr("tags: " + reasonReadOnly)
	}
	var tags []model.Tag
	switch e := m.ctx.resolve(r).(type) {
	case *model.User:
		tags = e.Tags
	case *model.Role:
		tags = e.Tags
	case *model.ManagedPolicy:
		tags = e.Tags
	default:
		return statusErr("only users, roles and policies have tags")
	}
	parts := make([]string, len(tags))
	for i, t := range tags {
		parts[i] = t.Key + "=" + t.Value
	}
	a := m.ctx.Account
	m.dialog = newForm(m.ctx, "Tags of "+safe(r.name), "key=value pairs separated by commas; an empty list removes every tag.",
		func(v []string) (tea.Cmd, error) {
			tags, err := parseTags(v[0])
			if err != nil {
				return nil, err
			}
			cs, err := m.ctx.Editor.SetTags(a, r.entityKind(), r.name, tags)
			return m.submitted(cs, err, nil)
		},
		field("Tags", strings.Join(parts, ", "), "team=kitchen, shift=night", "up to 50 tags"))
	return nil
}

func parseTags(s string) ([]model.Tag, error) {
	var tags []model.Tag
	for _, p := range strings.Split(s, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		k, v, ok := strings.Cut(p, "=")
		if !ok {
			return nil, &edit.Error{Code: edit.CodeInvalidInput, Msg: fmt.Sprintf("tag %q: write key=value", p)}
		}
		tags = append(tags, model.Tag{Key: strings.TrimSpace(k), Value: strings.TrimSpace(v)})
	}
	return tags, nil
}

// remove undoes the relationship a detail view's link shows.
func (m *Model) remove(l link) tea.Cmd {
	a := m.ctx.Account
	ed := m.ctx.Editor
	var cs model.ChangeSet
	var err error
	switch l.rel {
	case relGroupOf:
		cs, err = ed.RemoveUserFromGroup(a, l.owner.name, l.target.name)
	case relMember:
		cs, err = ed.RemoveUserFromGroup(a, l.target.name, l.owner.name)
	case relAttached:
		cs, err = ed.DetachPolicy(a, l.owner.entityKind(), l.owner.name, l.target.name)
	case relBoundary:
		cs, err = ed.ClearBoundary(a, l.owner.entityKind(), l.owner.name)
	case relTag:
		cs, err = ed.Untag(a, l.owner.entityKind(), l.owner.name, []string{l.name})
	case relUsedBy:
		cs, err = ed.DetachPolicy(a, l.target.entityKind(), l.target.name, l.owner.name)
	case relBoundOf:
		cs, err = ed.ClearBoundary(a, l.target.entityKind(), l.target.name)
	case relInline:
		cs, err = ed.DeleteInlinePolicy(a, l.owner.entityKind(), l.owner.name, l.name)
		if err == nil {
			m.dialog = &confirmDialog{ctx: m.ctx, title: "Delete inline policy", yes: "Delete",
				body:  []string{fmt.Sprintf("Delete inline policy %q of %s %q? Its document goes with it.", safe(l.name), l.owner.noun(), safe(l.owner.name)), "", "u undoes it afterwards."},
				onYes: func() tea.Cmd { return m.apply(cs, nil) }}
			return nil
		}
	case relVersion:
		cs, err = ed.DeletePolicyVersion(a, l.owner.name, l.name)
		if err == nil {
			m.dialog = &confirmDialog{ctx: m.ctx, title: "Delete policy version", yes: "Delete",
				body:  []string{fmt.Sprintf("Delete version %s of policy %q? Its document goes with it; the policy and its other versions stay.", safe(l.name), safe(policyNameOf(l.owner.name))), "", "u undoes it afterwards."},
				onYes: func() tea.Cmd { return m.apply(cs, nil) }}
			return nil
		}
	default:
		return statusErr("nothing to remove here")
	}
	return m.propose(cs, err, nil)
}
