package ui

import (
	"strings"

	"iamtui/model"
)

// index holds the relationships an account stores only one way round
// (users name their groups; policies do not know who attached them), built
// once per load or edit so that detail views and counts are lookups.
type index struct {
	acct     *model.Account
	members  map[string][]*model.User // lower-case group name → users, in account order
	attached map[string]*attachments  // policy ARN → who uses it
	policies map[string]*model.ManagedPolicy
}

// attachments lists the entities that attach a managed policy or use it as
// their permissions boundary.
type attachments struct {
	Users, Groups, Roles         []string
	BoundaryUsers, BoundaryRoles []string
}

// Count is how many entities use the policy in any way.
func (a *attachments) Count() int {
	if a == nil {
		return 0
	}
	return len(a.Users) + len(a.Groups) + len(a.Roles) + len(a.BoundaryUsers) + len(a.BoundaryRoles)
}

func newIndex(a *model.Account) *index {
	ix := &index{
		acct:     a,
		members:  make(map[string][]*model.User, len(a.Groups)),
		attached: make(map[string]*attachments, len(a.Policies)),
		policies: make(map[string]*model.ManagedPolicy, len(a.Policies)),
	}
	for _, p := range a.Policies {
		ix.policies[p.ARN] = p
	}
	at := func(arn string) *attachments {
		x := ix.attached[arn]
		if x == nil {
			x = &attachments{}
			ix.attached[arn] = x
		}
		return x
	}
	for _, u := range a.Users {
		for _, g := range u.Groups {
			k := strings.ToLower(g)
			ix.members[k] = append(ix.members[k], u)
		}
		for _, p := range u.AttachedPolicies {
			at(p).Users = append(at(p).Users, u.Name)
		}
		if u.PermissionsBoundary != "" {
			at(u.PermissionsBoundary).BoundaryUsers = append(at(u.PermissionsBoundary).BoundaryUsers, u.Name)
		}
	}
	for _, g := range a.Groups {
		for _, p := range g.AttachedPolicies {
			at(p).Groups = append(at(p).Groups, g.Name)
		}
	}
	for _, r := range a.Roles {
		for _, p := range r.AttachedPolicies {
			at(p).Roles = append(at(p).Roles, r.Name)
		}
		if r.PermissionsBoundary != "" {
			at(r.PermissionsBoundary).BoundaryRoles = append(at(r.PermissionsBoundary).BoundaryRoles, r.Name)
		}
	}
	return ix
}

// Members returns the users in a group.
func (ix *index) Members(group string) []*model.User { return ix.members[strings.ToLower(group)] }

// Attachments returns who uses a managed policy (never nil).
func (ix *index) Attachments(arn string) *attachments {
	if a := ix.attached[arn]; a != nil {
		return a
	}
	return &attachments{}
}

// Policy returns the managed policy with the ARN, or nil.
func (ix *index) Policy(arn string) *model.ManagedPolicy { return ix.policies[arn] }

// PolicyName is the policy's name, or the last part of its ARN when the
// account does not hold it.
func (ix *index) PolicyName(arn string) string {
	if p := ix.policies[arn]; p != nil {
		return p.Name
	}
	if i := strings.LastIndexByte(arn, '/'); i >= 0 {
		return arn[i+1:]
	}
	return arn
}

// effective is one policy that applies to a principal, and why.
type effective struct {
	Kind   string // "inline", "managed", "boundary", "group inline", "group managed", "scp", "rcp"
	Name   string
	Via    string // the group it comes through, or the org node
	ARN    string // managed policies
	Inline *model.InlinePolicy
}

// Effective lists every policy that shapes a user's permissions: its own,
// its groups', its boundary.
func (ix *index) EffectiveUser(u *model.User) []effective {
	var out []effective
	for i := range u.InlinePolicies {
		out = append(out, effective{Kind: "inline", Name: u.InlinePolicies[i].Name, Inline: &u.InlinePolicies[i]})
	}
	for _, p := range u.AttachedPolicies {
		out = append(out, effective{Kind: "managed", Name: ix.PolicyName(p), ARN: p})
	}
	for _, gn := range u.Groups {
		g := ix.acct.Group(gn)
		if g == nil {
			continue
		}
		for i := range g.InlinePolicies {
			out = append(out, effective{Kind: "group inline", Name: g.InlinePolicies[i].Name, Via: g.Name, Inline: &g.InlinePolicies[i]})
		}
		for _, p := range g.AttachedPolicies {
			out = append(out, effective{Kind: "group managed", Name: ix.PolicyName(p), Via: g.Name, ARN: p})
		}
	}
	if u.PermissionsBoundary != "" {
		out = append(out, effective{Kind: "boundary", Name: ix.PolicyName(u.PermissionsBoundary), ARN: u.PermissionsBoundary})
	}
	return out
}

// EffectiveRole lists every policy that shapes a role's permissions.
func (ix *index) EffectiveRole(r *model.Role) []effective {
	var out []effective
	for i := range r.InlinePolicies {
		out = append(out, effective{Kind: "inline", Name: r.InlinePolicies[i].Name, Inline: &r.InlinePolicies[i]})
	}
	for _, p := range r.AttachedPolicies {
		out = append(out, effective{Kind: "managed", Name: ix.PolicyName(p), ARN: p})
	}
	if r.PermissionsBoundary != "" {
		out = append(out, effective{Kind: "boundary", Name: ix.PolicyName(r.PermissionsBoundary), ARN: r.PermissionsBoundary})
	}
	return out
}

// orgPolicies returns the SCPs and RCPs that apply to an account: those on
// the account and on every organizational unit above it up to the root.
func orgPolicies(w *model.World, account string) []*model.OrgPolicy {
	if w == nil || w.Org == nil {
		return nil
	}
	parent := make(map[string]string, len(w.Org.Nodes))
	for _, n := range w.Org.Nodes {
		parent[n.ID] = n.ParentID
	}
	chain := map[string]bool{}
	for id, hops := account, 0; id != "" && hops < 64; id, hops = parent[id], hops+1 {
		chain[id] = true
	}
	var out []*model.OrgPolicy
	for _, p := range w.Org.Policies {
		if chain[p.TargetID] {
			out = append(out, p)
		}
	}
	return out
}
