package edit

import (
	"fmt"
	"testing"

	"iamtui/model"
	"iamtui/model/policy"
)

// largeAccount builds an account the size of the large synthetic one (AWS's
// default quotas): 5,000 users in 1-3 groups each with 1-3 attached
// policies, 300 groups, 1,000 roles, 1,500 policies. The first policy is
// attached to every 10th user, group and role.
func largeAccount(b *testing.B) *model.Account {
	b.Helper()
	doc := mustParse(b, allowS3, policy.Identity)
	trust := mustParse(b, trustEC2, policy.Trust)
	a := &model.Account{ID: acctID}
	for i := range 1500 {
		name := fmt.Sprintf("policy-%04d", i)
		a.Policies = append(a.Policies, &model.ManagedPolicy{Name: name, Path: "/", ID: pid(1e6 + i), ARN: model.PolicyARN(acctID, "/", name),
			DefaultVersionID: "v1", IsAttachable: true, Versions: []*model.PolicyVersion{{ID: "v1", IsDefault: true, Document: doc}}})
	}
	arn := func(i int) string { return a.Policies[i%len(a.Policies)].ARN }
	for i := range 300 {
		g := newGroup(0, fmt.Sprintf("group-%03d", i))
		g.ID = gid(1e6 + i)
		g.AttachedPolicies = []string{arn(i*7 + 1)}
		if i%10 == 0 {
			g.AttachedPolicies = append(g.AttachedPolicies, arn(0))
		}
		a.Groups = append(a.Groups, g)
	}
	for i := range 5000 {
		u := newUser(0, fmt.Sprintf("user-%04d", i))
		u.ID = uid(1e6 + i)
		for j := range 1 + i%3 {
			u.Groups = append(u.Groups, a.Groups[(i+j*101)%300].Name)
			u.AttachedPolicies = append(u.AttachedPolicies, arn(i*3+j+1))
		}
		if i%10 == 0 {
			u.AttachedPolicies = append(u.AttachedPolicies, arn(0))
		}
		u.InlinePolicies = []model.InlinePolicy{{Name: "own", Document: doc}}
		a.Users = append(a.Users, u)
	}
	for i := range 1000 {
		r := &model.Role{Name: fmt.Sprintf("role-%04d", i), Path: "/", ID: rid(1e6 + i), TrustPolicy: trust,
			AttachedPolicies: []string{arn(i*5 + 2)}}
		r.ARN = model.RoleARN(acctID, "/", r.Name)
		if i%10 == 0 {
			r.PermissionsBoundary = arn(0)
		}
		a.Roles = append(a.Roles, r)
	}
	if _, err := model.Validate(a); err != nil {
		b.Fatal(err)
	}
	return a
}

// BenchmarkLargeAccount measures operations on a 5,000-user account: each
// is linear in the account's size at worst (a lookup by name is a scan),
// never quadratic.
func BenchmarkLargeAccount(b *testing.B) {
	a := largeAccount(b)
	e := testEditor()
	cases := []struct {
		name string
		op   func() (model.ChangeSet, error)
	}{
		// The typical edit: one lookup of each entity, one clone.
		{"AddUserToGroup", func() (model.ChangeSet, error) { return e.AddUserToGroup(a, "user-4999", "group-299") }},
		{"PutInlinePolicy", func() (model.ChangeSet, error) {
			return e.PutInlinePolicy(a, model.KindUser, "user-4998", "extra", allowS3List)
		}},
		{"CreateUser", func() (model.ChangeSet, error) { return e.CreateUser(a, "newcomer", "", nil) }},
		// Cascades that visit every user or every principal.
		{"DeleteGroup", func() (model.ChangeSet, error) { return e.DeleteGroup(a, "group-000") }},
		{"RenamePolicy", func() (model.ChangeSet, error) { return e.RenamePolicy(a, "policy-0000", "renamed", "") }},
		{"DeletePolicyRefused", func() (model.ChangeSet, error) { return e.DeletePolicy(a, "policy-0000") }},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, err := c.op()
				if err != nil && CodeOf(err) != CodeDeleteConflict {
					b.Fatal(err)
				}
			}
		})
	}
}
