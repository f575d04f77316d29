package model

import (
	"errors"
	"fmt"
	"strings"
)

// Hard limits: default quotas that AWS raises on request stop at these, so
// an account above the default but below these is valid with a warning.
const (
	HardMaxManagedPerEntity = 20
	HardMaxTrustPolicyChars = 4096
)

// EntityError names the entity a rule was broken on.
type EntityError struct {
	Entity string // e.g. `user "alice"`
	Err    error
}

func (e *EntityError) Error() string { return e.Entity + ": " + e.Err.Error() }
func (e *EntityError) Unwrap() error { return e.Err }

func entityErr(kind, name string, err error) error {
	return &EntityError{Entity: fmt.Sprintf("%s %q", kind, name), Err: err}
}

// Validate checks an account against AWS's rules. It returns the first
// broken rule as an error, and warnings for soft quotas that AWS lets
// customers raise.
func Validate(a *Account) (warnings []string, err error) {
	if err := ValidateAccountID(a.ID); err != nil {
		return nil, err
	}
	v := &validator{a: a}
	if len(a.Users) > MaxUsers {
		v.warn("%d users: above AWS's default quota of %d", len(a.Users), MaxUsers)
	}
	policies := make(map[string]*ManagedPolicy, len(a.Policies))
	for _, p := range a.Policies {
		if err := v.policy(p); err != nil {
			return nil, entityErr("policy", p.Name, err)
		}
		if policies[p.ARN] != nil {
			return nil, entityErr("policy", p.Name, fmt.Errorf("ARN %s appears twice", p.ARN))
		}
		policies[p.ARN] = p
	}
	if err := uniqueNames("policy", a.Policies, func(p *ManagedPolicy) string {
		if p.AWSManaged() {
			return ""
		}
		return p.Name
	}); err != nil {
		return nil, err
	}
	groups := make(map[string]bool, len(a.Groups))
	for _, g := range a.Groups {
		if err := v.principalBasics("group", PrefixGroup, g.Name, g.Path, g.ID, g.ARN, GroupARN(a.ID, g.Path, g.Name)); err != nil {
			return nil, entityErr("group", g.Name, err)
		}
		if err := v.attachments(g.AttachedPolicies, "", policies); err != nil {
			return nil, entityErr("group", g.Name, err)
		}
		if err := v.inline(g.InlinePolicies, MaxGroupInlineChars, "group"); err != nil {
			return nil, entityErr("group", g.Name, err)
		}
		groups[strings.ToLower(g.Name)] = true
	}
	if err := uniqueNames("group", a.Groups, func(g *Group) string { return g.Name }); err != nil {
		return nil, err
	}
	for _, u := range a.Users {
		if err := v.principalBasics("user", PrefixUser, u.Name, u.Path, u.ID, u.ARN, UserARN(a.ID, u.Path, u.Name)); err != nil {
			return nil, entityErr("user", u.Name, err)
		}
		if len(u.Groups) > MaxGroupsPerUser {
			return nil, entityErr("user", u.Name, fmt.Errorf("in %d groups; AWS allows at most %d", len(u.Groups), MaxGroupsPerUser))
		}
		seen := map[string]bool{}
		for _, g := range u.Groups {
			if !groups[strings.ToLower(g)] {
				return nil, entityErr("user", u.Name, fmt.Errorf("member of group %q, which does not exist in account %s", g, a.ID))
			}
			if seen[strings.ToLower(g)] {
				return nil, entityErr("user", u.Name, fmt.Errorf("listed twice in group %q", g))
			}
			seen[strings.ToLower(g)] = true
		}
		if err := v.attachments(u.AttachedPolicies, u.PermissionsBoundary, policies); err != nil {
			return nil, entityErr("user", u.Name, err)
		}
		if err := v.inline(u.InlinePolicies, MaxUserInlineChars, "user"); err != nil {
			return nil, entityErr("user", u.Name, err)
		}
		if err := ValidateTags(u.Tags); err != nil {
			return nil, entityErr("user", u.Name, err)
		}
	}
	if err := uniqueNames("user", a.Users, func(u *User) string { return u.Name }); err != nil {
		return nil, err
	}
	for _, r := range a.Roles {
		if err := v.role(r, policies); err != nil {
			return nil, entityErr("role", r.Name, err)
		}
	}
	if err := uniqueNames("role", a.Roles, func(r *Role) string { return r.Name }); err != nil {
		return nil, err
	}
	for _, ip := range a.InstanceProfiles {
		if err := v.principalBasics("instance profile", PrefixInstanceProfile, ip.Name, ip.Path, ip.ID, ip.ARN, InstanceProfileARN(a.ID, ip.Path, ip.Name)); err != nil {
			return nil, entityErr("instance profile", ip.Name, err)
		}
	}
	return v.warnings, nil
}

type validator struct {
	a        *Account
	warnings []string
}

func (v *validator) warn(format string, args ...any) {
	v.warnings = append(v.warnings, fmt.Sprintf(format, args...))
}

func (v *validator) principalBasics(kind, prefix, name, path, id, arn, wantARN string) error {
	if err := ValidateName(kind, name); err != nil {
		return err
	}
	if err := ValidatePath(path); err != nil {
		return err
	}
	if err := ValidateID(prefix, id); err != nil {
		return err
	}
	if arn != wantARN {
		return fmt.Errorf("ARN %q does not match its account, path and name (want %q)", arn, wantARN)
	}
	return nil
}

func (v *validator) attachments(arns []string, boundary string, policies map[string]*ManagedPolicy) error {
	if len(arns) > HardMaxManagedPerEntity {
		return fmt.Errorf("%d attached managed policies; AWS allows at most %d", len(arns), HardMaxManagedPerEntity)
	}
	if len(arns) > MaxManagedPerEntity {
		v.warn("%d attached managed policies: above AWS's default quota of %d", len(arns), MaxManagedPerEntity)
	}
	seen := map[string]bool{}
	for _, arn := range arns {
		if policies[arn] == nil {
			return fmt.Errorf("attached policy %s is not in the account", arn)
		}
		if seen[arn] {
			return fmt.Errorf("policy %s is attached twice", arn)
		}
		seen[arn] = true
	}
	if boundary != "" && policies[boundary] == nil {
		return fmt.Errorf("permissions boundary %s is not in the account", boundary)
	}
	return nil
}

func (v *validator) inline(ps []InlinePolicy, max int, kind string) error {
	total := 0
	seen := map[string]bool{}
	for _, p := range ps {
		if err := ValidateName("policy", p.Name); err != nil {
			return fmt.Errorf("inline policy: %w", err)
		}
		if seen[strings.ToLower(p.Name)] {
			return fmt.Errorf("inline policy %q appears twice", p.Name)
		}
		seen[strings.ToLower(p.Name)] = true
		if p.Document == nil {
			return fmt.Errorf("inline policy %q has no document", p.Name)
		}
		total += PolicyChars(p.Document.Text)
	}
	if total > max {
		return fmt.Errorf("inline policies total %d characters (whitespace not counted); AWS allows %d for a %s", total, max, kind)
	}
	return nil
}

func (v *validator) role(r *Role, policies map[string]*ManagedPolicy) error {
	if err := v.principalBasics("role", PrefixRole, r.Name, r.Path, r.ID, r.ARN, RoleARN(v.a.ID, r.Path, r.Name)); err != nil {
		return err
	}
	if r.TrustPolicy == nil {
		return errors.New("has no trust policy (AssumeRolePolicyDocument)")
	}
	if n := PolicyChars(r.TrustPolicy.Text); n > HardMaxTrustPolicyChars {
		return fmt.Errorf("trust policy is %d characters; AWS allows at most %d", n, HardMaxTrustPolicyChars)
	} else if n > MaxTrustPolicyChars {
		v.warn("role %q: trust policy is %d characters, above AWS's default quota of %d", r.Name, n, MaxTrustPolicyChars)
	}
	if err := v.attachments(r.AttachedPolicies, r.PermissionsBoundary, policies); err != nil {
		return err
	}
	if err := v.inline(r.InlinePolicies, MaxRoleInlineChars, "role"); err != nil {
		return err
	}
	if r.MaxSessionDuration != 0 && (r.MaxSessionDuration < 3600 || r.MaxSessionDuration > 43200) {
		return fmt.Errorf("MaxSessionDuration %d must be between 3600 and 43200 seconds", r.MaxSessionDuration)
	}
	return ValidateTags(r.Tags)
}

func (v *validator) policy(p *ManagedPolicy) error {
	if err := ValidateName("policy", p.Name); err != nil {
		return err
	}
	if err := ValidatePath(p.Path); err != nil {
		return err
	}
	if p.AWSManaged() {
		if !strings.HasPrefix(p.ARN, "arn:aws:iam::aws:policy") {
			return fmt.Errorf("ARN %q is not an AWS-managed policy ARN", p.ARN)
		}
	} else {
		if err := ValidateID(PrefixPolicy, p.ID); err != nil {
			return err
		}
		if want := PolicyARN(v.a.ID, p.Path, p.Name); p.ARN != want {
			return fmt.Errorf("ARN %q does not match its account, path and name (want %q)", p.ARN, want)
		}
	}
	if len(p.Versions) == 0 {
		return errors.New("has no policy version")
	}
	if len(p.Versions) > MaxPolicyVersions {
		return fmt.Errorf("%d versions; AWS keeps at most %d", len(p.Versions), MaxPolicyVersions)
	}
	defaults := 0
	ids := map[string]bool{}
	for _, ver := range p.Versions {
		if ver.Document == nil {
			return fmt.Errorf("version %s has no document", ver.ID)
		}
		if ids[ver.ID] {
			return fmt.Errorf("version %s appears twice", ver.ID)
		}
		ids[ver.ID] = true
		if ver.IsDefault {
			defaults++
		}
		if n := PolicyChars(ver.Document.Text); n > MaxManagedPolicyChars && !p.AWSManaged() {
			return fmt.Errorf("version %s is %d characters (whitespace not counted); AWS allows %d", ver.ID, n, MaxManagedPolicyChars)
		}
	}
	if defaults != 1 {
		return fmt.Errorf("has %d default versions; exactly one is required", defaults)
	}
	if p.DefaultVersionID != "" && p.Default().ID != p.DefaultVersionID {
		return fmt.Errorf("DefaultVersionId %s does not match the version marked default (%s)", p.DefaultVersionID, p.Default().ID)
	}
	return nil
}

func uniqueNames[T any](kind string, items []T, name func(T) string) error {
	seen := make(map[string]string, len(items))
	for _, it := range items {
		n := name(it)
		if n == "" {
			continue
		}
		k := strings.ToLower(n)
		if prev, ok := seen[k]; ok {
			return entityErr(kind, n, fmt.Errorf("name clashes with %s %q (names are unique ignoring case)", kind, prev))
		}
		seen[k] = n
	}
	return nil
}
