package storage

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"iamtui/model"
	"iamtui/model/policy"
)

func mustParse(t testing.TB, text string, kind policy.Kind) *policy.Document {
	t.Helper()
	d, err := policy.Parse(text, kind)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func bucketPolicy(t testing.TB, arn, account string) *model.ResourcePolicy {
	return &model.ResourcePolicy{ResourceARN: arn, AccountID: account, Document: mustParse(t,
		`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::`+account+`:root"}, "Action": "s3:GetObject", "Resource": "`+arn+`/*"}]}`,
		policy.Resource)}
}

// smallAccount is a hand-made account for edits: two users, two groups,
// two policies.
func smallAccount(t testing.TB) *model.Account {
	id := testAccount
	doc := func(action string) *policy.Document {
		return mustParse(t, `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "`+action+`", "Resource": "*"}}`, policy.Identity)
	}
	a := &model.Account{ID: id, Alias: "kitchen"}
	for i, name := range []string{"Cook", "Clean"} {
		a.Policies = append(a.Policies, &model.ManagedPolicy{
			Name: name, Path: "/", ID: "ANPA" + strings.Repeat(string(rune('A'+i)), 17), ARN: model.PolicyARN(id, "/", name),
			DefaultVersionID: "v1", IsAttachable: true,
			Versions: []*model.PolicyVersion{{ID: "v1", IsDefault: true, Document: doc("kitchen:" + name)}},
		})
	}
	for i, name := range []string{"chefs", "cleaners"} {
		a.Groups = append(a.Groups, &model.Group{
			Name: name, Path: "/", ID: "AGPA" + strings.Repeat(string(rune('A'+i)), 17), ARN: model.GroupARN(id, "/", name),
			AttachedPolicies: []string{a.Policies[i].ARN},
		})
	}
	for i, name := range []string{"alice", "bob"} {
		a.Users = append(a.Users, &model.User{
			Name: name, Path: "/", ID: "AIDA" + strings.Repeat(string(rune('A'+i)), 17), ARN: model.UserARN(id, "/", name),
			Groups: []string{a.Groups[i].Name}, Tags: []model.Tag{{Key: "shift", Value: "day"}},
		})
	}
	a.Roles = append(a.Roles, &model.Role{
		Name: "waiter", Path: "/", ID: "AROA" + strings.Repeat("A", 17), ARN: model.RoleARN(id, "/", "waiter"),
		TrustPolicy: mustParse(t, `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}}`, policy.Trust),
	})
	if _, err := model.Validate(a); err != nil {
		t.Fatal(err)
	}
	return a
}

func storedSmall(t *testing.T) (*DB, *model.Account) {
	t.Helper()
	db := openTemp(t)
	a := smallAccount(t)
	if err := db.ReplaceAccount(context.Background(), a, "small"); err != nil {
		t.Fatal(err)
	}
	return db, a
}

func TestApplyChangeSets(t *testing.T) {
	tests := []struct {
		name string
		cs   func(a *model.Account) model.ChangeSet
	}{
		{"create a user", func(a *model.Account) model.ChangeSet {
			u := &model.User{Name: "carol", Path: "/", ID: "AIDA" + strings.Repeat("C", 17), ARN: model.UserARN(a.ID, "/", "carol"),
				Groups: []string{"chefs", "cleaners"}, AttachedPolicies: []string{a.Policies[1].ARN}, PermissionsBoundary: a.Policies[0].ARN,
				InlinePolicies: []model.InlinePolicy{{Name: "extra", Document: a.Policies[0].Versions[0].Document}}}
			return model.ChangeSet{Op: "create-user", Summary: "created carol", Changes: []model.Change{{Account: a.ID, Kind: model.KindUser, After: u}}}
		}},
		{"attach a policy to a user", func(a *model.Account) model.ChangeSet {
			u := a.Users[0].Clone()
			u.AttachedPolicies = append(u.AttachedPolicies, a.Policies[1].ARN)
			return model.ChangeSet{Op: "attach-user-policy", Changes: []model.Change{{Account: a.ID, Kind: model.KindUser, Before: a.Users[0], After: u}}}
		}},
		{"rename a group and its members' lists", func(a *model.Account) model.ChangeSet {
			g := a.Groups[0].Clone()
			g.Name, g.ARN = "cooks", model.GroupARN(a.ID, "/", "cooks")
			u := a.Users[0].Clone()
			u.Groups = []string{"cooks"}
			return model.ChangeSet{Op: "rename-group", Changes: []model.Change{
				{Account: a.ID, Kind: model.KindUser, Before: a.Users[0], After: u},
				{Account: a.ID, Kind: model.KindGroup, Before: a.Groups[0], After: g},
			}}
		}},
		{"delete a user", func(a *model.Account) model.ChangeSet {
			return model.ChangeSet{Op: "delete-user", Changes: []model.Change{{Account: a.ID, Kind: model.KindUser, Before: a.Users[1]}}}
		}},
		{"new policy version and a role using it as boundary", func(a *model.Account) model.ChangeSet {
			p := a.Policies[0].Clone()
			p.Versions[0].IsDefault = false
			p.Versions = append(p.Versions, &model.PolicyVersion{ID: "v2", IsDefault: true, Document: a.Policies[1].Versions[0].Document})
			p.DefaultVersionID = "v2"
			r := a.Roles[0].Clone()
			r.PermissionsBoundary = p.ARN
			r.InstanceProfiles = []*model.InstanceProfile{{Name: "waiter", Path: "/", ID: "AIPA" + strings.Repeat("W", 17), ARN: model.InstanceProfileARN(a.ID, "/", "waiter"), Roles: []string{"waiter"}}}
			return model.ChangeSet{Op: "edit", Changes: []model.Change{
				{Account: a.ID, Kind: model.KindRole, Before: a.Roles[0], After: r},
				{Account: a.ID, Kind: model.KindPolicy, Before: a.Policies[0], After: p},
			}}
		}},
		{"delete a group after removing its member, create a policy", func(a *model.Account) model.ChangeSet {
			u := a.Users[1].Clone()
			u.Groups = nil
			np := a.Policies[1].Clone()
			np.Name, np.ID, np.ARN = "Serve", "ANPA"+strings.Repeat("S", 17), model.PolicyARN(a.ID, "/", "Serve")
			return model.ChangeSet{Op: "edit", Changes: []model.Change{
				{Account: a.ID, Kind: model.KindGroup, Before: a.Groups[1]},
				{Account: a.ID, Kind: model.KindUser, Before: a.Users[1], After: u},
				{Account: a.ID, Kind: model.KindPolicy, After: np},
			}}
		}},
		{"an unattached instance profile", func(a *model.Account) model.ChangeSet {
			ip := &model.InstanceProfile{Name: "spare", Path: "/", ID: "AIPA" + strings.Repeat("P", 17), ARN: model.InstanceProfileARN(a.ID, "/", "spare"), Tags: []model.Tag{{Key: "k", Value: "v"}}}
			return model.ChangeSet{Op: "create-instance-profile", Changes: []model.Change{{Account: a.ID, Kind: model.KindInstanceProfile, After: ip}}}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			db, a := storedSmall(t)
			cs := tt.cs(a)
			want := smallAccount(t)
			if err := want.Apply(cs); err != nil {
				t.Fatal(err)
			}
			e, err := db.Apply(ctx, cs)
			if err != nil {
				t.Fatal(err)
			}
			got, err := db.LoadAccount(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if accountJSON(t, got) != accountJSON(t, want) {
				t.Fatalf("stored account differs from the model's Apply:\n got %s\nwant %s", accountJSON(t, got), accountJSON(t, want))
			}
			if e.Operation != cs.Op || e.Account != a.ID || e.ID == 0 {
				t.Errorf("journal entry %+v", e)
			}
			var before, after []snapChange
			if json.Unmarshal(e.Before, &before) != nil || json.Unmarshal(e.After, &after) != nil || len(before) != len(cs.Changes) || len(after) != len(cs.Changes) {
				t.Fatalf("journal snapshots: %s / %s", e.Before, e.After)
			}
			// Undo brings back exactly what was there.
			res, err := db.Undo(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if res.ChangeSet == nil || res.Undid.ID != e.ID || res.Undid.UndoneBy != res.Entry.ID || res.Entry.Undoes != e.ID {
				t.Fatalf("undo result %+v", res)
			}
			back, err := db.LoadAccount(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if accountJSON(t, back) != accountJSON(t, smallAccount(t)) {
				t.Fatal("undo did not restore the account")
			}
		})
	}
}

func TestApplyConflictsAndRefusals(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name     string
		cs       func(a *model.Account) model.ChangeSet
		conflict bool
		wantErr  string
	}{
		{"stale before", func(a *model.Account) model.ChangeSet {
			stale := a.Users[0].Clone()
			stale.Tags = nil
			next := stale.Clone()
			next.Path = "/x/"
			return model.ChangeSet{Op: "x", Changes: []model.Change{{Account: a.ID, Kind: model.KindUser, Before: stale, After: next}}}
		}, true, "differs"},
		{"create what exists", func(a *model.Account) model.ChangeSet {
			return model.ChangeSet{Op: "x", Changes: []model.Change{{Account: a.ID, Kind: model.KindUser, After: a.Users[0].Clone()}}}
		}, true, "already exists"},
		{"delete what is gone", func(a *model.Account) model.ChangeSet {
			ghost := a.Users[0].Clone()
			ghost.Name = "ghost"
			return model.ChangeSet{Op: "x", Changes: []model.Change{{Account: a.ID, Kind: model.KindUser, Before: ghost}}}
		}, true, "no longer there"},
		{"account deleted meanwhile", func(a *model.Account) model.ChangeSet {
			return model.ChangeSet{Op: "x", Changes: []model.Change{{Account: "999999999999", Kind: model.KindUser, After: a.Users[0].Clone()}}}
		}, true, "not in the database"},
		{"delete an attached policy", func(a *model.Account) model.ChangeSet {
			return model.ChangeSet{Op: "x", Changes: []model.Change{{Account: a.ID, Kind: model.KindPolicy, Before: a.Policies[0]}}}
		}, false, "not in the account"},
		{"user in a missing group", func(a *model.Account) model.ChangeSet {
			u := a.Users[0].Clone()
			u.Groups = []string{"nobody"}
			return model.ChangeSet{Op: "x", Changes: []model.Change{{Account: a.ID, Kind: model.KindUser, Before: a.Users[0], After: u}}}
		}, false, "does not exist"},
		{"bad name", func(a *model.Account) model.ChangeSet {
			u := a.Users[0].Clone()
			u.Name = "bad name!"
			return model.ChangeSet{Op: "x", Changes: []model.Change{{Account: a.ID, Kind: model.KindUser, Before: a.Users[0], After: u}}}
		}, false, "may only use"},
		{"the same entity twice", func(a *model.Account) model.ChangeSet {
			u := a.Users[0].Clone()
			return model.ChangeSet{Op: "x", Changes: []model.Change{
				{Account: a.ID, Kind: model.KindUser, Before: a.Users[0], After: u},
				{Account: a.ID, Kind: model.KindUser, Before: a.Users[0], After: u},
			}}
		}, false, "twice"},
		{"empty", func(a *model.Account) model.ChangeSet { return model.ChangeSet{Op: "x"} }, false, "empty"},
		{"wrong type", func(a *model.Account) model.ChangeSet {
			return model.ChangeSet{Op: "x", Changes: []model.Change{{Account: a.ID, Kind: model.KindUser, After: a.Groups[0]}}}
		}, false, "holds a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, a := storedSmall(t)
			before := dump(t, db)
			_, err := db.Apply(ctx, tt.cs(a))
			if err == nil {
				t.Fatal("applied")
			}
			if errors.Is(err, ErrConflict) != tt.conflict || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("err = %v; want conflict=%v and %q", err, tt.conflict, tt.wantErr)
			}
			if dump(t, db) != before {
				t.Error("a refused change set changed the database")
			}
		})
	}
}

func TestApplyWritesOnlyTheChangedEntities(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	a := genAccount(t, testAccount, sizeSmall, 3)
	if err := db.ReplaceAccount(ctx, a, "x"); err != nil {
		t.Fatal(err)
	}
	before := strings.Split(dump(t, db), "\n")
	u := a.Users[10].Clone()
	u.Tags = append(u.Tags, model.Tag{Key: "new", Value: "tag"})
	if _, err := db.Apply(ctx, model.ChangeSet{Op: "tag-user", Changes: []model.Change{{Account: a.ID, Kind: model.KindUser, Before: a.Users[10], After: u}}}); err != nil {
		t.Fatal(err)
	}
	after := strings.Split(dump(t, db), "\n")
	old := map[string]bool{}
	for _, l := range before {
		old[l] = true
	}
	var added []string
	for _, l := range after {
		if !old[l] {
			added = append(added, l)
		}
	}
	// The user's row and lists are rewritten (in place: same key), plus
	// the journal entry and its sequence: nothing else.
	for _, l := range added {
		if !strings.Contains(l, "tag-user") && !strings.HasPrefix(l, "journal|") && !strings.Contains(l, "|new|tag") && !strings.HasPrefix(l, "sqlite_sequence") && l != "" {
			if !strings.Contains(l, u.Name) && !strings.HasPrefix(l, "11|") {
				t.Errorf("unexpected new row: %.120s", l)
			}
		}
	}
	if len(added) > 4 {
		t.Errorf("%d rows changed for one tag: %q", len(added), added)
	}
}

func TestUndoOfEveryKindOfEntry(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	other := "444455556666"
	type step struct {
		name string
		do   func() error
	}
	a1 := smallAccount(t)
	a2 := genAccount(t, testAccount, sizeSmall, 9)
	scp := &model.OrgPolicy{Name: "DenyLeave", Kind: model.SCP, TargetID: "ou-a", Document: mustParse(t,
		`{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"}}`, policy.OrgPolicy)}
	scp2 := *scp
	scp2.Document = mustParse(t, `{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}}`, policy.OrgPolicy)
	trustRP := &model.ResourcePolicy{ResourceARN: "arn:aws:iam::" + other + ":role/Partner", AccountID: other, Document: mustParse(t,
		`{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"}}`, policy.Trust)}
	steps := []step{
		{"import a new account", func() error { return db.ReplaceAccount(ctx, a1, "first") }},
		{"re-import it", func() error { return db.ReplaceAccount(ctx, a2, "second") }},
		{"apply a change set", func() error {
			u := a2.Users[0].Clone()
			u.Path = "/moved/"
			u.ARN = model.UserARN(u.ARN[13:25], "/moved/", u.Name)
			_, err := db.Apply(ctx, model.ChangeSet{Op: "move-user", Changes: []model.Change{{Account: a2.ID, Kind: model.KindUser, Before: a2.Users[0], After: u}}})
			return err
		}},
		{"put a resource policy", func() error { return db.PutResourcePolicy(ctx, bucketPolicy(t, "arn:aws:s3:::menu", other)) }},
		{"replace it", func() error { return db.PutResourcePolicy(ctx, bucketPolicy(t, "arn:aws:s3:::menu", testAccount)) }},
		{"put a trust policy of another account's role", func() error { return db.PutResourcePolicy(ctx, trustRP) }},
		{"delete a resource policy", func() error { return db.DeleteResourcePolicy(ctx, "arn:aws:s3:::menu") }},
		{"put the org root", func() error { return db.PutOrgNode(ctx, model.OrgNode{ID: "r-1", Name: "Root"}) }},
		{"put an OU", func() error { return db.PutOrgNode(ctx, model.OrgNode{ID: "ou-a", ParentID: "r-1", Name: "A"}) }},
		{"rename the OU", func() error { return db.PutOrgNode(ctx, model.OrgNode{ID: "ou-a", ParentID: "r-1", Name: "Apps"}) }},
		{"put an SCP", func() error { return db.PutOrgPolicy(ctx, scp) }},
		{"replace the SCP", func() error { return db.PutOrgPolicy(ctx, &scp2) }},
		{"delete the OU with its SCP", func() error { return db.DeleteOrgNode(ctx, "ou-a") }},
		{"put the OU back", func() error { return db.PutOrgNode(ctx, model.OrgNode{ID: "ou-a", ParentID: "r-1"}) }},
		{"put an SCP again", func() error { return db.PutOrgPolicy(ctx, scp) }},
		{"delete the SCP", func() error { return db.DeleteOrgPolicy(ctx, "ou-a", model.SCP, "DenyLeave") }},
		{"delete the account", func() error { return db.DeleteAccount(ctx, testAccount) }},
	}
	// Record the database after each step, then undo back to the start,
	// checking each state on the way.
	var states []string
	states = append(states, content(t, db))
	for _, s := range steps {
		if err := s.do(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		states = append(states, content(t, db))
	}
	if rp, err := db.ResourcePolicy(ctx, trustRP.ResourceARN); err != nil || rp.Document.Kind != policy.Trust {
		t.Fatalf("trust policy stored as %v: %v", rp, err)
	}
	for i := len(steps) - 1; i >= 0; i-- {
		res, err := db.Undo(ctx)
		if err != nil {
			t.Fatalf("undo %s: %v", steps[i].name, err)
		}
		if !strings.HasPrefix(res.Entry.Operation, "undo:") {
			t.Errorf("undo entry operation %q", res.Entry.Operation)
		}
		if got := content(t, db); got != states[i] {
			t.Fatalf("undo of %q did not restore the state before it:\n got %.400s\nwant %.400s", steps[i].name, got, states[i])
		}
	}
	if _, err := db.Undo(ctx); !errors.Is(err, ErrNothingToUndo) {
		t.Fatalf("undo past the beginning: %v", err)
	}
	j, _ := db.Journal(ctx, 0)
	if len(j) != 2*len(steps) {
		t.Fatalf("journal has %d entries, want %d", len(j), 2*len(steps))
	}
	for _, e := range j {
		if (e.Undoes == 0) == (e.UndoneBy == 0) {
			t.Errorf("entry %d %s: undoes %d, undone by %d", e.ID, e.Operation, e.Undoes, e.UndoneBy)
		}
	}
}

// content is what the user sees of the database: the world and its
// bookkeeping, without the journal.
func content(t *testing.T, db *DB) string {
	t.Helper()
	ctx := context.Background()
	w, err := db.LoadWorld(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, a := range w.Accounts {
		b.WriteString(accountJSON(t, a))
	}
	for _, rp := range w.ResourcePolicies {
		j, _ := json.Marshal(snapOfResourcePolicy(rp, rp.Document.Kind.String()))
		b.Write(j)
	}
	for _, n := range w.Org.Nodes {
		j, _ := json.Marshal(n)
		b.Write(j)
	}
	for _, p := range w.Org.Policies {
		j, _ := json.Marshal(snapOrgPolicy{Name: p.Name, Kind: p.Kind, TargetID: p.TargetID, Document: p.Document.Text})
		b.Write(j)
	}
	sums, _ := db.AccountSummaries(ctx)
	for _, s := range sums {
		j, _ := json.Marshal(s)
		b.Write(j)
	}
	return b.String()
}

func TestResourcePolicies(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	other := "444455556666" // not in the file: resource policies do not need their account
	for _, rp := range []*model.ResourcePolicy{bucketPolicy(t, "arn:aws:s3:::b2", other), bucketPolicy(t, "arn:aws:s3:::b1", testAccount), bucketPolicy(t, "arn:aws:s3:::b3", other)} {
		if err := db.PutResourcePolicy(ctx, rp); err != nil {
			t.Fatal(err)
		}
	}
	all, err := db.ResourcePolicies(ctx, "")
	if err != nil || len(all) != 3 || all[0].ResourceARN != "arn:aws:s3:::b1" || all[2].ResourceARN != "arn:aws:s3:::b3" {
		t.Fatalf("all = %v, %v", all, err)
	}
	mine, _ := db.ResourcePolicies(ctx, other)
	if len(mine) != 2 {
		t.Fatalf("by account: %d", len(mine))
	}
	rp, err := db.ResourcePolicy(ctx, "arn:aws:s3:::b2")
	if err != nil || rp.AccountID != other || rp.Document.Kind != policy.Resource || rp.Document.Text != bucketPolicy(t, "arn:aws:s3:::b2", other).Document.Text {
		t.Fatalf("get = %+v, %v", rp, err)
	}
	if _, err := db.ResourcePolicy(ctx, "arn:aws:s3:::nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing: %v", err)
	}
	if err := db.DeleteResourcePolicy(ctx, "arn:aws:s3:::nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("delete missing: %v", err)
	}
	before := dump(t, db)
	bad := []*model.ResourcePolicy{
		nil,
		{ResourceARN: "arn:aws:s3:::x", AccountID: "12", Document: rp.Document},
		{ResourceARN: "", AccountID: other, Document: rp.Document},
		{ResourceARN: "arn:aws:s3:::x", AccountID: other},
		{ResourceARN: "arn:aws:s3:::x", AccountID: other, Document: mustParse(t, `{"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}`, policy.Identity)},
	}
	for i, rp := range bad {
		if err := db.PutResourcePolicy(ctx, rp); err == nil {
			t.Errorf("bad policy %d stored", i)
		}
	}
	if dump(t, db) != before {
		t.Error("refused resource policies changed the database")
	}
}

func TestOrganization(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	org, err := db.Organization(ctx)
	if err != nil || len(org.Nodes) != 0 {
		t.Fatalf("empty org: %+v %v", org, err)
	}
	for _, n := range []model.OrgNode{{ID: "r-1", Name: "Root"}, {ID: "ou-a", ParentID: "r-1"}, {ID: "ou-b", ParentID: "ou-a"}, {ID: testAccount, ParentID: "ou-b", Name: "kitchen"}} {
		if err := db.PutOrgNode(ctx, n); err != nil {
			t.Fatal(err)
		}
	}
	doc := mustParse(t, `{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "s3:*", "Resource": "*"}}`, policy.OrgPolicy)
	rcp := mustParse(t, `{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}}`, policy.ResourceControl)
	before := dump(t, db)
	refusals := map[string]error{
		"cycle":             db.PutOrgNode(ctx, model.OrgNode{ID: "ou-a", ParentID: "ou-b"}),
		"self parent":       db.PutOrgNode(ctx, model.OrgNode{ID: "ou-a", ParentID: "ou-a"}),
		"missing parent":    db.PutOrgNode(ctx, model.OrgNode{ID: "ou-c", ParentID: "ou-z"}),
		"no id":             db.PutOrgNode(ctx, model.OrgNode{}),
		"node with kids":    db.DeleteOrgNode(ctx, "ou-a"),
		"missing node":      db.DeleteOrgNode(ctx, "ou-z"),
		"policy on nothing": db.PutOrgPolicy(ctx, &model.OrgPolicy{Name: "p", Kind: model.SCP, TargetID: "ou-z", Document: doc}),
		"bad kind":          db.PutOrgPolicy(ctx, &model.OrgPolicy{Name: "p", Kind: "xcp", TargetID: "ou-a", Document: doc}),
		"missing policy":    db.DeleteOrgPolicy(ctx, "ou-a", model.SCP, "p"),
	}
	for name, err := range refusals {
		if err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if dump(t, db) != before {
		t.Fatal("refusals changed the database")
	}
	for _, p := range []*model.OrgPolicy{
		{Name: "NoS3", Kind: model.SCP, TargetID: "ou-a", Document: doc},
		{Name: "NoS3", Kind: model.RCP, TargetID: "ou-a", Document: rcp},
		{Name: "NoS3", Kind: model.SCP, TargetID: "ou-a", Document: doc}, // replaces the first
	} {
		if err := db.PutOrgPolicy(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	org, err = db.Organization(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(org.Nodes) != 4 || org.Nodes[3].ID != testAccount || org.Nodes[1].ParentID != "r-1" || len(org.Policies) != 2 || org.Policies[0].Document.Kind != policy.OrgPolicy {
		t.Fatalf("org = %+v", org)
	}
	if err := db.DeleteOrgPolicy(ctx, "ou-a", model.RCP, "NoS3"); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteOrgNode(ctx, testAccount); err != nil {
		t.Fatal(err)
	}
	org, _ = db.Organization(ctx)
	if len(org.Nodes) != 3 || len(org.Policies) != 1 {
		t.Fatalf("after deletes: %+v", org)
	}
}

func TestBadImportsLeaveTheDatabaseAsItWas(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name    string
		break_  func(a *model.Account)
		wantErr string
	}{
		{"user in a missing group", func(a *model.Account) { a.Users[0].Groups = []string{"ghosts"} }, "ghosts"},
		{"attached policy not in the file", func(a *model.Account) {
			a.Users[0].AttachedPolicies = []string{"arn:aws:iam::111122223333:policy/Missing"}
		}, "Missing"},
		{"role without trust policy", func(a *model.Account) { a.Roles[0].TrustPolicy = nil }, "trust policy"},
		{"bad account id", func(a *model.Account) { a.ID = "12345" }, "12 digits"},
		{"two default versions", func(a *model.Account) {
			v := *a.Policies[0].Versions[0]
			v.ID, v.IsDefault = "v9", true
			a.Policies[0].Versions = append(a.Policies[0].Versions, &v)
		}, "default"},
		// Validate does not look for twin instance profiles; the schema's
		// unique index refuses them half way through the transaction.
		{"twin instance profiles (refused by the schema mid-transaction)", func(a *model.Account) {
			a.InstanceProfiles = append(a.InstanceProfiles, a.InstanceProfiles[0])
		}, "UNIQUE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := openTemp(t)
			if err := db.ReplaceAccount(ctx, genAccount(t, testAccount, sizeSmall, 1), "good"); err != nil {
				t.Fatal(err)
			}
			before := dump(t, db)
			bad := genAccount(t, testAccount, sizeSmall, 2)
			tt.break_(bad)
			err := db.ReplaceAccount(ctx, bad, "bad")
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			}
			if dump(t, db) != before {
				t.Fatal("a failed import changed the database")
			}
		})
	}
}
