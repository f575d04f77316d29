package edit

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"iamtui/model"
	"iamtui/model/policy"
)

// PolicySpec describes a customer-managed policy to create (AWS
// CreatePolicy).
type PolicySpec struct {
	Name        string
	Path        string // "" means "/"
	Description string // AWS cannot change it later
	Document    string // the text of version v1, the default
	Tags        []model.Tag
}

// managedDoc parses and size-checks a managed policy version.
func managedDoc(text, what string) (*policy.Document, error) {
	doc, err := parseDoc(text, policy.Identity, what)
	if err != nil {
		return nil, err
	}
	if n := model.PolicyChars(text); n > model.MaxManagedPolicyChars {
		return nil, fail(CodeLimitExceeded, "%s is %d characters (whitespace not counted); AWS allows %d for a managed policy (LimitExceeded: PolicySize): split it into several policies", what, n, model.MaxManagedPolicyChars)
	}
	return doc, nil
}

// policyNameTaken returns the customer-managed policy other than self whose
// name equals name ignoring case. AWS-managed policies live in AWS's own
// namespace (arn:aws:iam::aws:policy/...) and never clash.
func policyNameTaken(a *model.Account, name string, self *model.ManagedPolicy) *model.ManagedPolicy {
	for _, p := range a.Policies {
		if p != self && !p.AWSManaged() && strings.EqualFold(p.Name, name) {
			return p
		}
	}
	return nil
}

func policyIDUsed(a *model.Account) func(string) bool {
	return func(id string) bool {
		for _, p := range a.Policies {
			if p.ID == id {
				return true
			}
		}
		return false
	}
}

// CreatePolicy creates a customer-managed policy whose version v1 is the
// document (AWS CreatePolicy).
func (e *Editor) CreatePolicy(a *model.Account, spec PolicySpec) (model.ChangeSet, error) {
	if err := checkAccount(a); err != nil {
		return model.ChangeSet{}, err
	}
	path := pathOr(spec.Path, "/")
	if err := validName("policy", spec.Name); err != nil {
		return model.ChangeSet{}, err
	}
	if err := validPath(path); err != nil {
		return model.ChangeSet{}, err
	}
	what := fmt.Sprintf("policy %q", spec.Name)
	if err := validDescription(what, spec.Description); err != nil {
		return model.ChangeSet{}, err
	}
	if err := validTags(what, spec.Tags); err != nil {
		return model.ChangeSet{}, err
	}
	if p := policyNameTaken(a, spec.Name, nil); p != nil {
		return model.ChangeSet{}, exists("policy", spec.Name, p.Name)
	}
	doc, err := managedDoc(spec.Document, what)
	if err != nil {
		return model.ChangeSet{}, err
	}
	id, err := e.newID(model.PrefixPolicy, policyIDUsed(a))
	if err != nil {
		return model.ChangeSet{}, err
	}
	now := e.now()
	p := &model.ManagedPolicy{
		Name:             spec.Name,
		Path:             path,
		ID:               id,
		ARN:              model.PolicyARN(a.ID, path, spec.Name),
		Description:      spec.Description,
		CreateDate:       now,
		UpdateDate:       now,
		DefaultVersionID: "v1",
		IsAttachable:     true,
		Versions:         []*model.PolicyVersion{{ID: "v1", IsDefault: true, CreateDate: now, Document: doc}},
		Tags:             append([]model.Tag(nil), spec.Tags...),
	}
	b := newBuilder(a, "create-policy")
	b.create(model.KindPolicy, p)
	return b.done("created policy %q", spec.Name)
}

// policyUse is where a managed policy is used.
type policyUse struct {
	attached []string // `user "alice"`, ...
	boundary []string
}

func (u policyUse) empty() bool { return len(u.attached) == 0 && len(u.boundary) == 0 }

func usesOf(a *model.Account, arn string) policyUse {
	var use policyUse
	for _, u := range a.Users {
		if slices.Contains(u.AttachedPolicies, arn) {
			use.attached = append(use.attached, "user "+strconv.Quote(u.Name))
		}
		if u.PermissionsBoundary == arn {
			use.boundary = append(use.boundary, "user "+strconv.Quote(u.Name))
		}
	}
	for _, g := range a.Groups {
		if slices.Contains(g.AttachedPolicies, arn) {
			use.attached = append(use.attached, "group "+strconv.Quote(g.Name))
		}
	}
	for _, r := range a.Roles {
		if slices.Contains(r.AttachedPolicies, arn) {
			use.attached = append(use.attached, "role "+strconv.Quote(r.Name))
		}
		if r.PermissionsBoundary == arn {
			use.boundary = append(use.boundary, "role "+strconv.Quote(r.Name))
		}
	}
	return use
}

// DeletePolicy deletes a customer-managed policy and all its versions (AWS
// DeletePolicy). A policy still attached, or still a permissions boundary,
// cannot be deleted: the error names where it is used.
func (e *Editor) DeletePolicy(a *model.Account, ref string) (model.ChangeSet, error) {
	if err := checkAccount(a); err != nil {
		return model.ChangeSet{}, err
	}
	p, err := findPolicy(a, ref)
	if err != nil {
		return model.ChangeSet{}, err
	}
	if err := refuseAWSManaged(p, "deleted"); err != nil {
		return model.ChangeSet{}, err
	}
	if use := usesOf(a, p.ARN); !use.empty() {
		var where []string
		var todo []string
		if n := len(use.attached); n > 0 {
			where = append(where, "attached to "+joinNames(use.attached, 10, false))
			todo = append(todo, "detach it")
		}
		if n := len(use.boundary); n > 0 {
			where = append(where, "the permissions boundary of "+joinNames(use.boundary, 10, false))
			todo = append(todo, "remove it as a boundary")
		}
		return model.ChangeSet{}, fail(CodeDeleteConflict, "%s is still %s (DeleteConflict): %s first", policyLabel(p), strings.Join(where, ", and "), strings.Join(todo, " and "))
	}
	b := newBuilder(a, "delete-policy")
	b.remove(model.KindPolicy, p)
	return b.done("deleted policy %q (with %s)", p.Name, plural(len(p.Versions), "version", "versions"))
}

// versionNumber returns N of "vN", or 0 for anything else.
func versionNumber(id string) int {
	n, err := strconv.Atoi(strings.TrimPrefix(id, "v"))
	if err != nil || !strings.HasPrefix(id, "v") {
		return 0
	}
	return n
}

// RenamePolicy gives a customer-managed policy a new name and/or path. AWS
// cannot rename a managed policy, so this does what AWS requires: a new
// policy with a new id and ARN holding the old one's versions (renumbered
// v1, v2... in order, as CreatePolicy and CreatePolicyVersion would number
// them, the default kept), description and tags; every attachment and
// boundary use moved to it; the old policy deleted. The Summary says so.
// newPath "" keeps the path.
func (e *Editor) RenamePolicy(a *model.Account, ref, newName, newPath string) (model.ChangeSet, error) {
	if err := checkAccount(a); err != nil {
		return model.ChangeSet{}, err
	}
	p, err := findPolicy(a, ref)
	if err != nil {
		return model.ChangeSet{}, err
	}
	if err := refuseAWSManaged(p, "renamed"); err != nil {
		return model.ChangeSet{}, err
	}
	newPath = pathOr(newPath, p.Path)
	if err := validName("policy", newName); err != nil {
		return model.ChangeSet{}, err
	}
	if err := validPath(newPath); err != nil {
		return model.ChangeSet{}, err
	}
	if newName == p.Name && newPath == p.Path {
		return model.ChangeSet{}, fail(CodeNoChange, "policy %q already has that name and path", p.Name)
	}
	if other := policyNameTaken(a, newName, p); other != nil {
		return model.ChangeSet{}, exists("policy", newName, other.Name)
	}
	id, err := e.newID(model.PrefixPolicy, policyIDUsed(a))
	if err != nil {
		return model.ChangeSet{}, err
	}
	now := e.now()
	np := p.Clone()
	np.Name, np.Path, np.ID = newName, newPath, id
	np.ARN = model.PolicyARN(a.ID, newPath, newName)
	np.CreateDate, np.UpdateDate = now, now
	slices.SortStableFunc(np.Versions, func(x, y *model.PolicyVersion) int {
		return versionNumber(x.ID) - versionNumber(y.ID)
	})
	oldDefault := ""
	for i, v := range np.Versions {
		if v.IsDefault {
			oldDefault = v.ID
		}
		v.ID, v.CreateDate = "v"+strconv.Itoa(i+1), now
		if v.IsDefault {
			np.DefaultVersionID = v.ID
		}
	}
	b := newBuilder(a, "rename-policy")
	// The new policy first and the old one last, so that every step of the
	// change set leaves every attachment pointing at a policy that exists.
	b.create(model.KindPolicy, np)
	moved := movePolicy(a, b, p.ARN, np.ARN)
	var note []string
	if len(np.Versions) == 1 {
		note = append(note, "version")
	} else {
		note = append(note, plural(len(np.Versions), "version", "versions"))
	}
	if d := np.DefaultVersionID; oldDefault != "" && d != oldDefault {
		note[0] += fmt.Sprintf(" (default %s is now %s)", oldDefault, d)
	}
	if moved.attached > 0 {
		note = append(note, "moved "+plural(moved.attached, "attachment", "attachments"))
	}
	if moved.boundary > 0 {
		note = append(note, "moved "+plural(moved.boundary, "permissions boundary use", "permissions boundary uses"))
	}
	b.remove(model.KindPolicy, p)
	return b.done("%s (AWS cannot rename a managed policy: created policy %q with a new id and ARN and its %s, and deleted policy %q)",
		renameSummary("policy", p.Name, newName, p.Path, newPath), newName, strings.Join(note, ", "), p.Name)
}

type moveCount struct{ attached, boundary int }

// movePolicy points every attachment and boundary of oldARN at newARN, in
// place, so that the order of each entity's attachments stays as it was.
func movePolicy(a *model.Account, b *builder, oldARN, newARN string) moveCount {
	var n moveCount
	swap := func(attached []string, boundary *string) bool {
		changed := false
		if i := indexString(attached, oldARN); i >= 0 {
			attached[i] = newARN
			n.attached++
			changed = true
		}
		if boundary != nil && *boundary == oldARN {
			*boundary = newARN
			n.boundary++
			changed = true
		}
		return changed
	}
	for _, u := range a.Users {
		if slices.Contains(u.AttachedPolicies, oldARN) || u.PermissionsBoundary == oldARN {
			c := u.Clone()
			swap(c.AttachedPolicies, &c.PermissionsBoundary)
			b.modify(model.KindUser, u, c)
		}
	}
	for _, g := range a.Groups {
		if slices.Contains(g.AttachedPolicies, oldARN) {
			c := g.Clone()
			swap(c.AttachedPolicies, nil)
			b.modify(model.KindGroup, g, c)
		}
	}
	for _, r := range a.Roles {
		if slices.Contains(r.AttachedPolicies, oldARN) || r.PermissionsBoundary == oldARN {
			c := r.Clone()
			swap(c.AttachedPolicies, &c.PermissionsBoundary)
			b.modify(model.KindRole, r, c)
		}
	}
	return n
}

// VersionOptions tune CreatePolicyVersion.
type VersionOptions struct {
	// SetAsDefault makes the new version the one in force.
	SetAsDefault bool
	// DeleteOldest deletes the oldest non-default version first when the
	// policy already has 5 versions, as the console offers; without it such
	// a policy is refused with LimitExceeded (wrapping ErrVersionLimit).
	DeleteOldest bool
}

// CreatePolicyVersion saves a new version of a customer-managed policy (AWS
// CreatePolicyVersion).
func (e *Editor) CreatePolicyVersion(a *model.Account, ref, text string, opt VersionOptions) (model.ChangeSet, error) {
	if err := checkAccount(a); err != nil {
		return model.ChangeSet{}, err
	}
	p, err := findPolicy(a, ref)
	if err != nil {
		return model.ChangeSet{}, err
	}
	if err := refuseAWSManaged(p, "changed"); err != nil {
		return model.ChangeSet{}, err
	}
	next := 0
	for _, v := range p.Versions {
		next = max(next, versionNumber(v.ID))
	}
	id := "v" + strconv.Itoa(next+1)
	doc, err := managedDoc(text, fmt.Sprintf("version %s of policy %q", id, p.Name))
	if err != nil {
		return model.ChangeSet{}, err
	}
	now := e.now()
	c := p.Clone()
	deleted := ""
	if len(c.Versions) >= model.MaxPolicyVersions {
		oldest := oldestNonDefault(c.Versions)
		if oldest < 0 {
			// Unreachable in a valid account: 5 versions, one default.
			return model.ChangeSet{}, fail(CodeLimitExceeded, "policy %q has %d versions and none can be deleted", p.Name, len(c.Versions))
		}
		if !opt.DeleteOldest {
			return model.ChangeSet{}, failWrap(CodeLimitExceeded, ErrVersionLimit, "policy %q already has %d versions, AWS's limit (LimitExceeded: PolicyVersionsPerPolicy): delete a version you no longer need, or save again choosing to delete the oldest non-default version (%s)", p.Name, len(c.Versions), c.Versions[oldest].ID)
		}
		deleted = c.Versions[oldest].ID
		c.Versions = slices.Delete(c.Versions, oldest, oldest+1)
	}
	if opt.SetAsDefault {
		for _, v := range c.Versions {
			v.IsDefault = false
		}
		c.DefaultVersionID = id
	}
	c.Versions = append(c.Versions, &model.PolicyVersion{ID: id, IsDefault: opt.SetAsDefault, CreateDate: now, Document: doc})
	c.UpdateDate = now
	summary := fmt.Sprintf("created version %s of policy %q", id, p.Name)
	if opt.SetAsDefault {
		summary += " and set it as default"
	}
	if deleted != "" {
		summary += fmt.Sprintf(" (deleted the oldest non-default version, %s, to stay within AWS's 5)", deleted)
	}
	b := newBuilder(a, "create-policy-version")
	b.modify(model.KindPolicy, p, c)
	return b.done("%s", summary)
}

// oldestNonDefault returns the index of the non-default version created
// first (by date, then by number), or -1.
func oldestNonDefault(vs []*model.PolicyVersion) int {
	best := -1
	for i, v := range vs {
		if v.IsDefault {
			continue
		}
		if best < 0 {
			best = i
			continue
		}
		b := vs[best]
		if v.CreateDate.Before(b.CreateDate) || (v.CreateDate.Equal(b.CreateDate) && versionNumber(v.ID) < versionNumber(b.ID)) {
			best = i
		}
	}
	return best
}

func findVersion(p *model.ManagedPolicy, id string) (int, error) {
	for i, v := range p.Versions {
		if v.ID == id {
			return i, nil
		}
	}
	ids := make([]string, len(p.Versions))
	for i, v := range p.Versions {
		ids[i] = v.ID
	}
	return -1, fail(CodeNoSuchEntity, "policy %q has no version %q (it has %s)", p.Name, id, strings.Join(ids, ", "))
}

// SetDefaultPolicyVersion makes a version the one in force (AWS
// SetDefaultPolicyVersion).
func (e *Editor) SetDefaultPolicyVersion(a *model.Account, ref, versionID string) (model.ChangeSet, error) {
	if err := checkAccount(a); err != nil {
		return model.ChangeSet{}, err
	}
	p, err := findPolicy(a, ref)
	if err != nil {
		return model.ChangeSet{}, err
	}
	if err := refuseAWSManaged(p, "changed"); err != nil {
		return model.ChangeSet{}, err
	}
	i, err := findVersion(p, versionID)
	if err != nil {
		return model.ChangeSet{}, err
	}
	if p.Versions[i].IsDefault {
		return model.ChangeSet{}, fail(CodeNoChange, "version %s is already the default version of policy %q", versionID, p.Name)
	}
	c := p.Clone()
	for j, v := range c.Versions {
		v.IsDefault = j == i
	}
	c.DefaultVersionID = versionID
	b := newBuilder(a, "set-default-policy-version")
	b.modify(model.KindPolicy, p, c)
	return b.done("set version %s as the default version of policy %q", versionID, p.Name)
}

// DeletePolicyVersion deletes a non-default version (AWS
// DeletePolicyVersion).
func (e *Editor) DeletePolicyVersion(a *model.Account, ref, versionID string) (model.ChangeSet, error) {
	if err := checkAccount(a); err != nil {
		return model.ChangeSet{}, err
	}
	p, err := findPolicy(a, ref)
	if err != nil {
		return model.ChangeSet{}, err
	}
	if err := refuseAWSManaged(p, "changed"); err != nil {
		return model.ChangeSet{}, err
	}
	i, err := findVersion(p, versionID)
	if err != nil {
		return model.ChangeSet{}, err
	}
	if p.Versions[i].IsDefault {
		return model.ChangeSet{}, fail(CodeDeleteConflict, "version %s is the default version of policy %q and cannot be deleted (DeleteConflict): set another version as default first, or delete the policy", versionID, p.Name)
	}
	c := p.Clone()
	c.Versions = slices.Delete(c.Versions, i, i+1)
	b := newBuilder(a, "delete-policy-version")
	b.modify(model.KindPolicy, p, c)
	return b.done("deleted version %s of policy %q", versionID, p.Name)
}
