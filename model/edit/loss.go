package edit

import (
	"fmt"
	"strings"

	"iamtui/model"
)

// lossNames is how many names a Loss line lists before "and N more".
const lossNames = 20

// Loss lists, for the confirmation dialog of a delete, exactly what goes
// with the entity: "membership in 3 groups: a, b, c", "2 inline policies:
// A, B", "attached policies: X, Y"... kind is user, group, role or policy
// (name is then a managed policy's ARN or name). It returns nil when the
// entity does not exist or nothing goes with it.
func Loss(a *model.Account, kind model.EntityKind, name string) []string {
	if a == nil {
		return nil
	}
	switch kind {
	case model.KindUser:
		if u := a.User(name); u != nil {
			return userLoss(u, a, true)
		}
	case model.KindGroup:
		if g := a.Group(name); g != nil {
			return groupLoss(g, a, true)
		}
	case model.KindRole:
		if r := a.Role(name); r != nil {
			return roleLoss(r, a, true)
		}
	case model.KindPolicy:
		if p, err := findPolicy(a, name); err == nil {
			return policyLoss(p)
		}
	}
	return nil
}

// loss accumulates the lines of Loss; with names false it writes counts
// only, for a change set's Summary.
type loss struct {
	names bool
	lines []string
}

// add appends "<count phrase>: a, b" (or the count phrase alone).
// one is the phrase for one item, many for several (with %d for the count
// if it shows one).
func (l *loss) add(items []string, one, many string) {
	if len(items) == 0 {
		return
	}
	head := one
	if len(items) != 1 {
		head = many
		if strings.Contains(many, "%d") {
			head = fmt.Sprintf(many, len(items))
		}
	}
	if l.names {
		head += ": " + joinNames(items, lossNames, false)
	}
	l.lines = append(l.lines, head)
}

func inlineNames(ps []model.InlinePolicy) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Name
	}
	return out
}

// policyNames turns attached ARNs into policy names for people.
func policyNames(a *model.Account, arns []string) []string {
	out := make([]string, len(arns))
	for i, arn := range arns {
		out[i] = arn
		if p := a.Policy(arn); p != nil {
			out[i] = p.Name
		}
	}
	return out
}

func tagKeys(tags []model.Tag) []string {
	out := make([]string, len(tags))
	for i, t := range tags {
		out[i] = t.Key
	}
	return out
}

func (l *loss) principal(a *model.Account, inline []model.InlinePolicy, attached []string, boundary string, tags []model.Tag) {
	l.add(inlineNames(inline), "1 inline policy", "%d inline policies")
	if l.names {
		l.add(policyNames(a, attached), "attached policies", "attached policies")
	} else {
		l.add(attached, "1 attached policy", "%d attached policies")
	}
	if boundary != "" {
		l.add(policyNames(a, []string{boundary}), "permissions boundary", "")
	}
	l.add(tagKeys(tags), "1 tag", "%d tags")
}

func userLoss(u *model.User, a *model.Account, names bool) []string {
	l := &loss{names: names}
	l.add(u.Groups, "membership in 1 group", "membership in %d groups")
	l.principal(a, u.InlinePolicies, u.AttachedPolicies, u.PermissionsBoundary, u.Tags)
	return l.lines
}

func groupLoss(g *model.Group, a *model.Account, names bool) []string {
	l := &loss{names: names}
	l.add(groupMembers(a, g.Name), "membership of 1 user", "membership of %d users")
	l.principal(a, g.InlinePolicies, g.AttachedPolicies, "", nil)
	return l.lines
}

func roleLoss(r *model.Role, a *model.Account, names bool) []string {
	l := &loss{names: names}
	l.principal(a, r.InlinePolicies, r.AttachedPolicies, r.PermissionsBoundary, r.Tags)
	// The console deletes the instance profiles that hold the role.
	ips := make([]string, len(r.InstanceProfiles))
	for i, ip := range r.InstanceProfiles {
		ips[i] = ip.Name
	}
	l.add(ips, "1 instance profile", "%d instance profiles")
	return l.lines
}

func policyLoss(p *model.ManagedPolicy) []string {
	l := &loss{names: true}
	vs := make([]string, len(p.Versions))
	for i, v := range p.Versions {
		vs[i] = v.ID
		if v.IsDefault {
			vs[i] += " (default)"
		}
	}
	l.add(vs, "1 version", "%d versions")
	l.add(tagKeys(p.Tags), "1 tag", "%d tags")
	return l.lines
}

// groupMembers returns the names of the users in the group, in account
// order: membership is recorded on users only.
func groupMembers(a *model.Account, group string) []string {
	var out []string
	for _, u := range a.Users {
		if inGroup(u, group) >= 0 {
			out = append(out, u.Name)
		}
	}
	return out
}

// inGroup returns the index of group in u.Groups, ignoring case, or -1.
func inGroup(u *model.User, group string) int {
	for i, g := range u.Groups {
		if strings.EqualFold(g, group) {
			return i
		}
	}
	return -1
}
