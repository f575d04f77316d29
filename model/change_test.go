package model

import (
	"strings"
	"testing"
)

func TestApplyCreatesModifiesRenamesAndDeletes(t *testing.T) {
	alice := &User{Name: "alice", Groups: []string{"chefs"}}
	a := &Account{ID: "111122223333", Users: []*User{alice}}
	bob := &User{Name: "bob"}
	renamed := alice.Clone()
	renamed.Name = "Alicia"
	cs := ChangeSet{Op: "test", Changes: []Change{
		{Account: a.ID, Kind: KindUser, After: bob},
		{Account: a.ID, Kind: KindUser, Before: alice, After: renamed},
	}}
	if err := a.Apply(cs); err != nil {
		t.Fatal(err)
	}
	if a.User("alicia") != renamed || a.User("bob") != bob || a.User("alice") != nil {
		t.Fatalf("after apply: %+v", a.Users)
	}
	if err := a.Apply(cs.Inverse()); err != nil {
		t.Fatal(err)
	}
	if a.User("alice") != alice || a.User("bob") != nil || len(a.Users) != 1 {
		t.Fatalf("after undo: %+v", a.Users)
	}
}

func TestApplyRefusesAndChangesNothing(t *testing.T) {
	alice := &User{Name: "alice"}
	a := &Account{ID: "111122223333", Users: []*User{alice}}
	before := a.Users
	tests := []struct {
		name string
		cs   ChangeSet
		want string
	}{
		{"create over an existing name (ignoring case)", ChangeSet{Changes: []Change{
			{Account: a.ID, Kind: KindUser, After: &User{Name: "bob"}},
			{Account: a.ID, Kind: KindUser, After: &User{Name: "ALICE"}},
		}}, "already exists"},
		{"modify a missing entity", ChangeSet{Changes: []Change{
			{Account: a.ID, Kind: KindUser, Before: &User{Name: "carol"}, After: &User{Name: "carol"}},
		}}, "not in account"},
		{"wrong account", ChangeSet{Changes: []Change{{Account: "444455556666", Kind: KindUser, After: &User{Name: "x"}}}}, "not loaded"},
		{"wrong type", ChangeSet{Changes: []Change{{Account: a.ID, Kind: KindUser, After: &Group{Name: "x"}}}}, "holds a"},
		{"empty change", ChangeSet{Changes: []Change{{Account: a.ID, Kind: KindUser}}}, "neither"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := a.Apply(tt.cs)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			if len(a.Users) != 1 || a.Users[0] != alice || &a.Users[0] != &before[0] {
				t.Fatal("a refused change set changed the account")
			}
		})
	}
}

func TestCloneSharesNothingMutable(t *testing.T) {
	u := &User{Name: "u", Groups: []string{"g"}, Tags: []Tag{{"k", "v"}}, AttachedPolicies: []string{"p"}}
	c := u.Clone()
	c.Groups[0], c.Tags[0].Key, c.AttachedPolicies[0] = "x", "x", "x"
	if u.Groups[0] != "g" || u.Tags[0].Key != "k" || u.AttachedPolicies[0] != "p" {
		t.Fatal("clone shares slices with the original")
	}
	p := &ManagedPolicy{Versions: []*PolicyVersion{{ID: "v1", IsDefault: true}}}
	pc := p.Clone()
	pc.Versions[0].IsDefault = false
	if !p.Versions[0].IsDefault {
		t.Fatal("policy clone shares versions")
	}
}
