package edit

import (
	"fmt"
	"strings"

	"iamtui/model"
	"iamtui/model/policy"
)

// target is a user, group or role being edited: the account's entity, a
// clone to change, and pointers into the clone's fields that every kind
// shares. boundary and tags are nil for groups, which AWS gives neither.
type target struct {
	kind      model.EntityKind
	name      string
	label     string // `user "alice"`
	before    any
	after     any
	attached  *[]string
	inline    *[]model.InlinePolicy
	boundary  *string
	tags      *[]model.Tag
	maxInline int
	role      *model.Role // set for roles, to refuse service-owned ones
}

func findTarget(a *model.Account, kind model.EntityKind, name string) (*target, error) {
	if err := checkAccount(a); err != nil {
		return nil, err
	}
	switch kind {
	case model.KindUser:
		u, err := findUser(a, name)
		if err != nil {
			return nil, err
		}
		c := u.Clone()
		return &target{kind: kind, name: u.Name, label: fmt.Sprintf("user %q", u.Name), before: u, after: c,
			attached: &c.AttachedPolicies, inline: &c.InlinePolicies, boundary: &c.PermissionsBoundary, tags: &c.Tags,
			maxInline: model.MaxUserInlineChars}, nil
	case model.KindGroup:
		g, err := findGroup(a, name)
		if err != nil {
			return nil, err
		}
		c := g.Clone()
		return &target{kind: kind, name: g.Name, label: fmt.Sprintf("group %q", g.Name), before: g, after: c,
			attached: &c.AttachedPolicies, inline: &c.InlinePolicies,
			maxInline: model.MaxGroupInlineChars}, nil
	case model.KindRole:
		r, err := findRole(a, name)
		if err != nil {
			return nil, err
		}
		c := r.Clone()
		return &target{kind: kind, name: r.Name, label: fmt.Sprintf("role %q", r.Name), before: r, after: c,
			attached: &c.AttachedPolicies, inline: &c.InlinePolicies, boundary: &c.PermissionsBoundary, tags: &c.Tags,
			maxInline: model.MaxRoleInlineChars, role: r}, nil
	}
	return nil, fail(CodeInvalidInput, "%q is not a user, group or role", kind)
}

// quota is the name AWS gives the attached-policies quota of the kind.
func (t *target) quota() string {
	switch t.kind {
	case model.KindUser:
		return "PoliciesPerUser"
	case model.KindGroup:
		return "PoliciesPerGroup"
	}
	return "PoliciesPerRole"
}

func (t *target) refuseProtected(what string) error {
	if t.role != nil {
		return refuseProtected(t.role, what)
	}
	return nil
}

// changeSet returns the one-change set that replaces the target.
func (t *target) changeSet(a *model.Account, op, format string, args ...any) (model.ChangeSet, error) {
	b := newBuilder(a, op)
	b.modify(t.kind, t.before, t.after)
	return b.done(format, args...)
}

// AttachPolicy attaches a managed policy (ARN or name) to a user, group or
// role (AWS AttachUserPolicy, AttachGroupPolicy, AttachRolePolicy), within
// AWS's default quota of 10 attached policies.
func (e *Editor) AttachPolicy(a *model.Account, kind model.EntityKind, name, policyRef string) (model.ChangeSet, error) {
	t, err := findTarget(a, kind, name)
	if err != nil {
		return model.ChangeSet{}, err
	}
	if err := t.refuseProtected("policies"); err != nil {
		return model.ChangeSet{}, err
	}
	p, err := findPolicy(a, policyRef)
	if err != nil {
		return model.ChangeSet{}, err
	}
	// Customer-managed policies are always attachable; only some retired
	// AWS-managed ones are not. Checking AWS's only keeps hand-built
	// accounts that never set the flag usable.
	if p.AWSManaged() && !p.IsAttachable {
		return model.ChangeSet{}, fail(CodePolicyNotAttachable, "%s is not attachable (AWS reserves it for service roles or has retired it): choose another policy", policyLabel(p))
	}
	for _, arn := range *t.attached {
		if arn == p.ARN {
			return model.ChangeSet{}, fail(CodeNoChange, "%s is already attached to %s", policyLabel(p), t.label)
		}
	}
	if n := len(*t.attached); n >= model.MaxManagedPerEntity {
		return model.ChangeSet{}, fail(CodeLimitExceeded, "%s already has %d managed policies attached, AWS's default quota (LimitExceeded: %s): detach one first, or combine policies", t.label, n, t.quota())
	}
	*t.attached = append(*t.attached, p.ARN)
	return t.changeSet(a, "attach-"+string(kind)+"-policy", "attached %s to %s", policyLabel(p), t.label)
}

// DetachPolicy detaches a managed policy (ARN or name) from a user, group or
// role (AWS DetachUserPolicy...).
func (e *Editor) DetachPolicy(a *model.Account, kind model.EntityKind, name, policyRef string) (model.ChangeSet, error) {
	t, err := findTarget(a, kind, name)
	if err != nil {
		return model.ChangeSet{}, err
	}
	if err := t.refuseProtected("policies"); err != nil {
		return model.ChangeSet{}, err
	}
	p, err := findPolicy(a, policyRef)
	if err != nil {
		return model.ChangeSet{}, err
	}
	i := indexString(*t.attached, p.ARN)
	if i < 0 {
		return model.ChangeSet{}, fail(CodeNoSuchEntity, "%s is not attached to %s", policyLabel(p), t.label)
	}
	*t.attached = append((*t.attached)[:i], (*t.attached)[i+1:]...)
	return t.changeSet(a, "detach-"+string(kind)+"-policy", "detached %s from %s", policyLabel(p), t.label)
}

func indexString(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// SetBoundary sets the permissions boundary of a user or role to a managed
// policy of the account (AWS PutUserPermissionsBoundary,
// PutRolePermissionsBoundary).
func (e *Editor) SetBoundary(a *model.Account, kind model.EntityKind, name, policyRef string) (model.ChangeSet, error) {
	t, err := findTarget(a, kind, name)
	if err != nil {
		return model.ChangeSet{}, err
	}
	if t.boundary == nil {
		return model.ChangeSet{}, fail(CodeInvalidInput, "AWS sets permissions boundaries on users and roles only, not on %s", t.label)
	}
	if err := t.refuseProtected("permissions boundary"); err != nil {
		return model.ChangeSet{}, err
	}
	p, err := findPolicy(a, policyRef)
	if err != nil {
		return model.ChangeSet{}, fail(CodeNoSuchEntity, "a permissions boundary must be a managed policy of account %s, and %q is not one: create the policy first", a.ID, policyRef)
	}
	if *t.boundary == p.ARN {
		return model.ChangeSet{}, fail(CodeNoChange, "%s is already the permissions boundary of %s", policyLabel(p), t.label)
	}
	*t.boundary = p.ARN
	return t.changeSet(a, "put-"+string(kind)+"-permissions-boundary", "set the permissions boundary of %s to %s", t.label, policyLabel(p))
}

// ClearBoundary removes the permissions boundary of a user or role (AWS
// DeleteUserPermissionsBoundary, DeleteRolePermissionsBoundary).
func (e *Editor) ClearBoundary(a *model.Account, kind model.EntityKind, name string) (model.ChangeSet, error) {
	t, err := findTarget(a, kind, name)
	if err != nil {
		return model.ChangeSet{}, err
	}
	if t.boundary == nil {
		return model.ChangeSet{}, fail(CodeInvalidInput, "AWS sets permissions boundaries on users and roles only, not on %s", t.label)
	}
	if err := t.refuseProtected("permissions boundary"); err != nil {
		return model.ChangeSet{}, err
	}
	if *t.boundary == "" {
		return model.ChangeSet{}, fail(CodeNoChange, "%s has no permissions boundary", t.label)
	}
	old := *t.boundary
	*t.boundary = ""
	oldLabel := fmt.Sprintf("policy %s", old)
	if p := a.Policy(old); p != nil {
		oldLabel = policyLabel(p)
	}
	return t.changeSet(a, "delete-"+string(kind)+"-permissions-boundary", "removed the permissions boundary (%s) from %s", oldLabel, t.label)
}

// PutInlinePolicy creates or replaces an inline policy of a user, group or
// role (AWS PutUserPolicy, PutGroupPolicy, PutRolePolicy). The document must
// be a valid identity policy, and all the entity's inline policies together
// must fit AWS's size quota (2,048 characters for a user, 5,120 for a group,
// 10,240 for a role, whitespace not counted).
func (e *Editor) PutInlinePolicy(a *model.Account, kind model.EntityKind, name, policyName, text string) (model.ChangeSet, error) {
	t, err := findTarget(a, kind, name)
	if err != nil {
		return model.ChangeSet{}, err
	}
	if err := t.refuseProtected("inline policies"); err != nil {
		return model.ChangeSet{}, err
	}
	if err := validName("policy", policyName); err != nil {
		return model.ChangeSet{}, err
	}
	what := fmt.Sprintf("inline policy %q of %s", policyName, t.label)
	doc, err := parseDoc(text, policy.Identity, what)
	if err != nil {
		return model.ChangeSet{}, err
	}
	idx, total := -1, model.PolicyChars(text)
	for i, ip := range *t.inline {
		if strings.EqualFold(ip.Name, policyName) {
			idx = i
			continue
		}
		if ip.Document != nil {
			total += model.PolicyChars(ip.Document.Text)
		}
	}
	if idx >= 0 {
		old := (*t.inline)[idx]
		if old.Name == policyName && old.Document != nil && old.Document.Text == text {
			return model.ChangeSet{}, fail(CodeNoChange, "%s already has this document", what)
		}
	}
	if total > t.maxInline {
		return model.ChangeSet{}, fail(CodeLimitExceeded, "the inline policies of %s would total %d characters (whitespace not counted); AWS allows %d for a %s (LimitExceeded: PolicySize): shorten the document, or move permissions to a managed policy", t.label, total, t.maxInline, t.kind)
	}
	ip := model.InlinePolicy{Name: policyName, Document: doc}
	verb := "updated"
	if idx >= 0 {
		(*t.inline)[idx] = ip
	} else {
		*t.inline = append(*t.inline, ip)
		verb = "created"
	}
	return t.changeSet(a, "put-"+string(kind)+"-policy", "%s inline policy %q of %s", verb, policyName, t.label)
}

// DeleteInlinePolicy deletes an inline policy of a user, group or role (AWS
// DeleteUserPolicy...).
func (e *Editor) DeleteInlinePolicy(a *model.Account, kind model.EntityKind, name, policyName string) (model.ChangeSet, error) {
	t, err := findTarget(a, kind, name)
	if err != nil {
		return model.ChangeSet{}, err
	}
	if err := t.refuseProtected("inline policies"); err != nil {
		return model.ChangeSet{}, err
	}
	for i, ip := range *t.inline {
		if strings.EqualFold(ip.Name, policyName) {
			*t.inline = append((*t.inline)[:i], (*t.inline)[i+1:]...)
			return t.changeSet(a, "delete-"+string(kind)+"-policy", "deleted inline policy %q of %s", ip.Name, t.label)
		}
	}
	return model.ChangeSet{}, fail(CodeNoSuchEntity, "%s has no inline policy named %q", t.label, policyName)
}
