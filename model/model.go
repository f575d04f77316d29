// Package model holds the IAM entities of one or more AWS accounts, with
// AWS's own rules for names, ARNs, ids and quotas. It knows nothing of
// storage or terminals.
package model

import (
	"time"

	"iamtui/model/policy"
)

// World is everything the evaluator can see: every account in the file,
// resource-based policies (possibly owned by accounts that are otherwise not
// in the file), and the organization's control policies.
type World struct {
	Accounts         []*Account
	ResourcePolicies []*ResourcePolicy
	Org              *Organization
}

// Account is one AWS account's IAM configuration.
type Account struct {
	ID       string // 12 digits
	Alias    string
	Users    []*User
	Groups   []*Group
	Roles    []*Role
	Policies []*ManagedPolicy // customer-managed and the AWS-managed ones in use
	// InstanceProfiles not attached to any role; those with roles also
	// appear on the role (Role.InstanceProfiles).
	InstanceProfiles []*InstanceProfile
	// Truncated records that the export this came from said IsTruncated.
	Truncated bool
}

// Tag is a key/value pair on an entity.
type Tag struct {
	Key   string
	Value string
}

// InlinePolicy is a policy embedded in a user, group or role.
type InlinePolicy struct {
	Name     string
	Document *policy.Document
}

// User is an IAM user.
type User struct {
	Name                string
	Path                string
	ID                  string
	ARN                 string
	CreateDate          time.Time
	PasswordLastUsed    time.Time
	Groups              []string // group names, in the account's order
	InlinePolicies      []InlinePolicy
	AttachedPolicies    []string // managed policy ARNs
	PermissionsBoundary string   // managed policy ARN, "" for none
	Tags                []Tag
}

// Group is an IAM group. Groups hold users, never other groups.
type Group struct {
	Name             string
	Path             string
	ID               string
	ARN              string
	CreateDate       time.Time
	InlinePolicies   []InlinePolicy
	AttachedPolicies []string
}

// Role is an IAM role.
type Role struct {
	Name                string
	Path                string
	ID                  string
	ARN                 string
	Description         string
	CreateDate          time.Time
	MaxSessionDuration  int // seconds; 0 means AWS's default of 3600
	TrustPolicy         *policy.Document
	InlinePolicies      []InlinePolicy
	AttachedPolicies    []string
	PermissionsBoundary string
	Tags                []Tag
	InstanceProfiles    []*InstanceProfile
	LastUsed            time.Time
	LastUsedRegion      string
}

// InstanceProfile is a container for a role that EC2 instances use.
type InstanceProfile struct {
	Name       string
	Path       string
	ID         string
	ARN        string
	CreateDate time.Time
	Roles      []string // role names (AWS allows one)
	Tags       []Tag
}

// ManagedPolicy is a customer-managed or AWS-managed policy.
type ManagedPolicy struct {
	Name             string
	Path             string
	ID               string
	ARN              string
	Description      string
	CreateDate       time.Time
	UpdateDate       time.Time
	DefaultVersionID string
	IsAttachable     bool
	Versions         []*PolicyVersion // at most MaxPolicyVersions
	Tags             []Tag
}

// AWSManaged reports whether AWS owns the policy (arn:aws:iam::aws:policy/...).
func (p *ManagedPolicy) AWSManaged() bool { return IsAWSManagedPolicyARN(p.ARN) }

// Default returns the default version, or nil if none is marked.
func (p *ManagedPolicy) Default() *PolicyVersion {
	for _, v := range p.Versions {
		if v.IsDefault {
			return v
		}
	}
	return nil
}

// PolicyVersion is one version of a managed policy.
type PolicyVersion struct {
	ID         string // "v1", "v2", ...
	IsDefault  bool
	CreateDate time.Time
	Document   *policy.Document
}

// ResourcePolicy is a resource-based policy stored under its resource's ARN
// (an S3 bucket, SQS queue, SNS topic, KMS key, Lambda function...).
type ResourcePolicy struct {
	ResourceARN string
	AccountID   string // the owning account; S3 ARNs carry none
	Document    *policy.Document
	UpdateDate  time.Time
}

// Organization is a simple AWS Organizations tree with the service and
// resource control policies attached to its nodes.
type Organization struct {
	Nodes    []*OrgNode
	Policies []*OrgPolicy
}

// OrgNode is the root (r-...), an organizational unit (ou-...) or an account.
type OrgNode struct {
	ID       string
	ParentID string // "" for the root
	Name     string
}

// OrgPolicyKind says whether an organization policy limits principals (SCP)
// or resources (RCP).
type OrgPolicyKind string

const (
	SCP OrgPolicyKind = "scp"
	RCP OrgPolicyKind = "rcp"
)

// OrgPolicy is an SCP or RCP attached to one node.
type OrgPolicy struct {
	Name     string
	Kind     OrgPolicyKind
	TargetID string
	Document *policy.Document
}

// Find helpers. Names compare ignoring case, as AWS does for uniqueness.

// Account returns the account with the id.
func (w *World) Account(id string) *Account {
	for _, a := range w.Accounts {
		if a.ID == id {
			return a
		}
	}
	return nil
}

// User returns the user with the name, ignoring case.
func (a *Account) User(name string) *User {
	for _, u := range a.Users {
		if equalFold(u.Name, name) {
			return u
		}
	}
	return nil
}

// Group returns the group with the name, ignoring case.
func (a *Account) Group(name string) *Group {
	for _, g := range a.Groups {
		if equalFold(g.Name, name) {
			return g
		}
	}
	return nil
}

// Role returns the role with the name, ignoring case.
func (a *Account) Role(name string) *Role {
	for _, r := range a.Roles {
		if equalFold(r.Name, name) {
			return r
		}
	}
	return nil
}

// Policy returns the managed policy with the ARN.
func (a *Account) Policy(arn string) *ManagedPolicy {
	for _, p := range a.Policies {
		if p.ARN == arn {
			return p
		}
	}
	return nil
}

// PolicyByName returns the managed policy with the name, ignoring case,
// preferring customer-managed over AWS-managed.
func (a *Account) PolicyByName(name string) *ManagedPolicy {
	var aws *ManagedPolicy
	for _, p := range a.Policies {
		if equalFold(p.Name, name) {
			if !p.AWSManaged() {
				return p
			}
			aws = p
		}
	}
	return aws
}
