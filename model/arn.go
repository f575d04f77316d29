package model

import (
	"fmt"
	"strings"
)

// ARN is an Amazon Resource Name split into its six parts.
// arn:partition:service:region:account-id:resource
type ARN struct {
	Partition string
	Service   string
	Region    string
	AccountID string
	Resource  string
}

func (a ARN) String() string {
	return "arn:" + a.Partition + ":" + a.Service + ":" + a.Region + ":" + a.AccountID + ":" + a.Resource
}

// ParseARN splits an ARN. The resource part may itself contain colons.
func ParseARN(s string) (ARN, error) {
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" {
		return ARN{}, fmt.Errorf("%q is not an ARN (want arn:partition:service:region:account:resource)", s)
	}
	if parts[1] == "" || parts[2] == "" {
		return ARN{}, fmt.Errorf("%q is not an ARN: partition and service cannot be empty", s)
	}
	return ARN{Partition: parts[1], Service: parts[2], Region: parts[3], AccountID: parts[4], Resource: parts[5]}, nil
}

// Partition used for ARNs this program makes.
const Partition = "aws"

// IAM ARNs.

func UserARN(account, path, name string) string {
	return "arn:" + Partition + ":iam::" + account + ":user" + path + name
}

func GroupARN(account, path, name string) string {
	return "arn:" + Partition + ":iam::" + account + ":group" + path + name
}

func RoleARN(account, path, name string) string {
	return "arn:" + Partition + ":iam::" + account + ":role" + path + name
}

func PolicyARN(account, path, name string) string {
	return "arn:" + Partition + ":iam::" + account + ":policy" + path + name
}

func InstanceProfileARN(account, path, name string) string {
	return "arn:" + Partition + ":iam::" + account + ":instance-profile" + path + name
}

// RootARN is the ARN of an account's root user; in a Principal it stands for
// the whole account.
func RootARN(account string) string { return "arn:" + Partition + ":iam::" + account + ":root" }

// AssumedRoleARN is the ARN of a role session. AWS drops the role's path.
func AssumedRoleARN(account, roleName, session string) string {
	return "arn:" + Partition + ":sts::" + account + ":assumed-role/" + roleName + "/" + session
}

// IsAWSManagedPolicyARN reports whether the ARN names an AWS-managed policy.
func IsAWSManagedPolicyARN(arn string) bool {
	return strings.HasPrefix(arn, "arn:aws:iam::aws:policy/") ||
		strings.Contains(arn, ":iam::aws:policy/")
}

// IAMEntity is what an IAM ARN names.
type IAMEntity struct {
	Type      string // user, group, role, policy, instance-profile, root, assumed-role
	AccountID string
	Path      string // "/" or "/a/b/"
	Name      string
	Session   string // assumed-role only
}

// ParseIAMARN splits an IAM or STS ARN naming a principal or IAM entity.
func ParseIAMARN(s string) (IAMEntity, error) {
	a, err := ParseARN(s)
	if err != nil {
		return IAMEntity{}, err
	}
	e := IAMEntity{AccountID: a.AccountID}
	switch a.Service {
	case "iam":
		if a.Resource == "root" {
			e.Type = "root"
			return e, nil
		}
		typ, rest, ok := strings.Cut(a.Resource, "/")
		if !ok || rest == "" {
			return IAMEntity{}, fmt.Errorf("%q: IAM ARN has no name after %q", s, typ)
		}
		switch typ {
		case "user", "group", "role", "policy", "instance-profile", "mfa", "server-certificate", "saml-provider", "oidc-provider":
		default:
			return IAMEntity{}, fmt.Errorf("%q: unknown IAM resource type %q", s, typ)
		}
		e.Type = typ
		i := strings.LastIndexByte(rest, '/')
		e.Path = "/" + rest[:i+1]
		e.Name = rest[i+1:]
		if e.Name == "" {
			return IAMEntity{}, fmt.Errorf("%q: IAM ARN has an empty name", s)
		}
		return e, nil
	case "sts":
		typ, rest, ok := strings.Cut(a.Resource, "/")
		if !ok || typ != "assumed-role" {
			return IAMEntity{}, fmt.Errorf("%q: STS ARN is not an assumed-role session", s)
		}
		role, session, ok := strings.Cut(rest, "/")
		if !ok || role == "" || session == "" {
			return IAMEntity{}, fmt.Errorf("%q: want arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION", s)
		}
		e.Type, e.Name, e.Session, e.Path = "assumed-role", role, session, "/"
		return e, nil
	}
	return IAMEntity{}, fmt.Errorf("%q is not an IAM or STS ARN", s)
}
