package edit

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"iamtui/model"
	"iamtui/model/policy"
)

// RoleSpec describes a role to create (AWS CreateRole).
type RoleSpec struct {
	Name               string
	Path               string // "" means "/"
	Description        string
	TrustPolicy        string // the AssumeRolePolicyDocument's text; required
	MaxSessionDuration int    // seconds, 3600 to 43200; 0 leaves AWS's default of one hour
	Tags               []model.Tag
}

// Paths AWS reserves for roles that only AWS may change: service-linked
// roles and the roles IAM Identity Center provisions.
var protectedRolePaths = []string{"/aws-service-role/", "/aws-reserved/"}

func protectedPath(path string) bool {
	for _, p := range protectedRolePaths {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	return false
}

// refuseProtected refuses to change a role that AWS owns.
func refuseProtected(r *model.Role, what string) error {
	if protectedPath(r.Path) {
		return fail(CodeUnmodifiableEntity, "role %q (path %s) is managed by an AWS service and its %s cannot be changed; change it through the service that owns it", r.Name, r.Path, what)
	}
	return nil
}

// validDescription applies AWS's rule for role and policy descriptions.
func validDescription(what, d string) error {
	if n := utf8.RuneCountInString(d); n > model.MaxRoleDescriptionLength {
		return fail(CodeInvalidInput, "description of %s is %d characters; AWS allows at most %d", what, n, model.MaxRoleDescriptionLength)
	}
	for _, r := range d {
		if r != '\t' && r != '\n' && r != '\r' && (r < 0x20 || r == 0x7f || (r > 0x7e && r < 0xa1) || r > 0xff) {
			return fail(CodeInvalidInput, "description of %s contains %q: AWS allows only tab, newline and printable Latin-1 characters", what, r)
		}
	}
	return nil
}

// trustDoc parses and size-checks a role's trust policy.
func trustDoc(text, role string) (*policy.Document, error) {
	what := fmt.Sprintf("the trust policy of role %q", role)
	doc, err := parseDoc(text, policy.Trust, what)
	if err != nil {
		return nil, err
	}
	if n := model.PolicyChars(text); n > model.MaxTrustPolicyChars {
		return nil, fail(CodeLimitExceeded, "%s is %d characters (whitespace not counted); AWS's default quota is %d (LimitExceeded: ACLSizePerRole): trust fewer principals per statement, or use conditions such as aws:PrincipalOrgID", what, n, model.MaxTrustPolicyChars)
	}
	return doc, nil
}

func roleIDUsed(a *model.Account) func(string) bool {
	return func(id string) bool {
		for _, r := range a.Roles {
			if r.ID == id {
				return true
			}
		}
		return false
	}
}

// CreateRole creates a role with its trust policy (AWS CreateRole).
func (e *Editor) CreateRole(a *model.Account, spec RoleSpec) (model.ChangeSet, error) {
	if err := checkAccount(a); err != nil {
		return model.ChangeSet{}, err
	}
	path := pathOr(spec.Path, "/")
	if err := validName("role", spec.Name); err != nil {
		return model.ChangeSet{}, err
	}
	if err := validPath(path); err != nil {
		return model.ChangeSet{}, err
	}
	if protectedPath(path) {
		return model.ChangeSet{}, fail(CodeInvalidInput, "path %s is reserved for roles that AWS services create: choose another path", path)
	}
	what := fmt.Sprintf("role %q", spec.Name)
	if err := validDescription(what, spec.Description); err != nil {
		return model.ChangeSet{}, err
	}
	if d := spec.MaxSessionDuration; d != 0 && (d < 3600 || d > 43200) {
		return model.ChangeSet{}, fail(CodeInvalidInput, "maximum session duration of %s is %d seconds; AWS allows 3600 (1 hour) to 43200 (12 hours)", what, d)
	}
	if err := validTags(what, spec.Tags); err != nil {
		return model.ChangeSet{}, err
	}
	if r := a.Role(spec.Name); r != nil {
		return model.ChangeSet{}, exists("role", spec.Name, r.Name)
	}
	doc, err := trustDoc(spec.TrustPolicy, spec.Name)
	if err != nil {
		return model.ChangeSet{}, err
	}
	id, err := e.newID(model.PrefixRole, roleIDUsed(a))
	if err != nil {
		return model.ChangeSet{}, err
	}
	r := &model.Role{
		Name:               spec.Name,
		Path:               path,
		ID:                 id,
		ARN:                model.RoleARN(a.ID, path, spec.Name),
		Description:        spec.Description,
		CreateDate:         e.now(),
		MaxSessionDuration: spec.MaxSessionDuration,
		TrustPolicy:        doc,
		Tags:               append([]model.Tag(nil), spec.Tags...),
	}
	b := newBuilder(a, "create-role")
	b.create(model.KindRole, r)
	return b.done("created role %q", spec.Name)
}

// RenameRole gives a role a new name and/or path. AWS cannot rename a role,
// so this does what AWS requires: a new role with a new id and ARN, with
// the old role's trust policy, description, session duration, inline and
// attached policies, boundary, tags and instance profiles, and the old role
// deleted. The Summary says so. newPath "" keeps the path.
func (e *Editor) RenameRole(a *model.Account, name, newName, newPath string) (model.ChangeSet, error) {
	if err := checkAccount(a); err != nil {
		return model.ChangeSet{}, err
	}
	r, err := findRole(a, name)
	if err != nil {
		return model.ChangeSet{}, err
	}
	if err := refuseProtected(r, "name"); err != nil {
		return model.ChangeSet{}, err
	}
	newPath = pathOr(newPath, r.Path)
	if err := validName("role", newName); err != nil {
		return model.ChangeSet{}, err
	}
	if err := validPath(newPath); err != nil {
		return model.ChangeSet{}, err
	}
	if protectedPath(newPath) {
		return model.ChangeSet{}, fail(CodeInvalidInput, "path %s is reserved for roles that AWS services create: choose another path", newPath)
	}
	if newName == r.Name && newPath == r.Path {
		return model.ChangeSet{}, fail(CodeNoChange, "role %q already has that name and path", r.Name)
	}
	if other := a.Role(newName); other != nil && other != r {
		return model.ChangeSet{}, exists("role", newName, other.Name)
	}
	id, err := e.newID(model.PrefixRole, roleIDUsed(a))
	if err != nil {
		return model.ChangeSet{}, err
	}
	nr := r.Clone()
	nr.Name, nr.Path, nr.ID = newName, newPath, id
	nr.ARN = model.RoleARN(a.ID, newPath, newName)
	nr.CreateDate = e.now()
	// A new role has never been used.
	nr.LastUsed, nr.LastUsedRegion = time.Time{}, ""
	for _, ip := range nr.InstanceProfiles {
		for i, rn := range ip.Roles {
			if strings.EqualFold(rn, r.Name) {
				ip.Roles[i] = newName
			}
		}
	}
	b := newBuilder(a, "rename-role")
	if strings.EqualFold(newName, r.Name) {
		// Same name ignoring case (a new case or a new path): AWS needs the
		// old role gone before the new one can take the name, which one
		// replacing change expresses.
		b.modify(model.KindRole, r, nr)
	} else {
		b.create(model.KindRole, nr)
		b.remove(model.KindRole, r)
	}
	return b.done("%s (AWS cannot rename a role: created role %q with a new id and ARN%s, and deleted role %q; policies that name the old ARN must be updated by hand)",
		renameSummary("role", r.Name, newName, r.Path, newPath), newName, copiedNote(append([]string{"trust policy"}, roleLoss(r, a, false)...)), r.Name)
}

// copiedNote lists what a re-created entity took over from the old one.
func copiedNote(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	return ", carrying over its " + strings.Join(lines, ", ")
}

// DeleteRole deletes a role as the console does: its inline policies,
// attachments, boundary and the instance profiles that hold it go with it.
func (e *Editor) DeleteRole(a *model.Account, name string) (model.ChangeSet, error) {
	if err := checkAccount(a); err != nil {
		return model.ChangeSet{}, err
	}
	r, err := findRole(a, name)
	if err != nil {
		return model.ChangeSet{}, err
	}
	if protectedPath(r.Path) {
		return model.ChangeSet{}, fail(CodeUnmodifiableEntity, "role %q (path %s) is managed by an AWS service and cannot be deleted here; delete it through the service that owns it", r.Name, r.Path)
	}
	b := newBuilder(a, "delete-role")
	b.remove(model.KindRole, r)
	return b.done("deleted role %q%s", r.Name, cascadeNote(roleLoss(r, a, false)))
}

// UpdateTrustPolicy replaces a role's trust policy (AWS
// UpdateAssumeRolePolicy).
func (e *Editor) UpdateTrustPolicy(a *model.Account, role, text string) (model.ChangeSet, error) {
	if err := checkAccount(a); err != nil {
		return model.ChangeSet{}, err
	}
	r, err := findRole(a, role)
	if err != nil {
		return model.ChangeSet{}, err
	}
	if err := refuseProtected(r, "trust policy"); err != nil {
		return model.ChangeSet{}, err
	}
	doc, err := trustDoc(text, r.Name)
	if err != nil {
		return model.ChangeSet{}, err
	}
	if r.TrustPolicy != nil && r.TrustPolicy.Text == text {
		return model.ChangeSet{}, fail(CodeNoChange, "the trust policy of role %q is already this document", r.Name)
	}
	rc := r.Clone()
	rc.TrustPolicy = doc
	b := newBuilder(a, "update-assume-role-policy")
	b.modify(model.KindRole, r, rc)
	return b.done("updated the trust policy of role %q", r.Name)
}
