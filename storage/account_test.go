package storage

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"iamtui/model"
	"iamtui/model/policy"
)

func TestReplaceAndLoadKeepEverythingInOrder(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	a := genAccount(t, testAccount, sizeSmall, 1)
	if err := db.ReplaceAccount(ctx, a, "small.json"); err != nil {
		t.Fatal(err)
	}
	got, err := db.LoadAccount(ctx, testAccount)
	if err != nil {
		t.Fatal(err)
	}
	if accountJSON(t, got) != accountJSON(t, a) {
		t.Fatal("the loaded account differs from the stored one")
	}
	// Documents come back parsed with the kind of their place.
	for _, r := range got.Roles {
		if r.TrustPolicy.Kind != policy.Trust || len(r.TrustPolicy.Statements) == 0 {
			t.Fatalf("role %s: trust policy not parsed as a trust policy", r.Name)
		}
	}
	for _, p := range got.Policies {
		for _, v := range p.Versions {
			if v.Document.Kind != policy.Identity || len(v.Document.Statements) == 0 {
				t.Fatalf("policy %s %s: not parsed", p.Name, v.ID)
			}
		}
	}
	w, err := db.LoadWorld(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Accounts) != 1 || accountJSON(t, w.Accounts[0]) != accountJSON(t, a) {
		t.Fatal("LoadWorld differs from LoadAccount")
	}
}

func TestSeveralAccountsAndReplace(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	a1 := genAccount(t, "222222222222", sizeSmall, 1)
	a2 := genAccount(t, "111111111111", sizeSmall, 2)
	for _, a := range []*model.Account{a1, a2} {
		if err := db.ReplaceAccount(ctx, a, "f-"+a.ID); err != nil {
			t.Fatal(err)
		}
	}
	ids, err := db.AccountIDs(ctx)
	if err != nil || strings.Join(ids, ",") != "111111111111,222222222222" {
		t.Fatalf("AccountIDs = %v, %v", ids, err)
	}
	// Replacing one account leaves the other alone.
	a1b := genAccount(t, "222222222222", sizeSmall, 3)
	if err := db.ReplaceAccount(ctx, a1b, "again"); err != nil {
		t.Fatal(err)
	}
	w, err := db.LoadWorld(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Accounts) != 2 || accountJSON(t, w.Accounts[0]) != accountJSON(t, a2) || accountJSON(t, w.Accounts[1]) != accountJSON(t, a1b) {
		t.Fatal("world after replace is wrong")
	}
	sums, err := db.AccountSummaries(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := AccountSummary{ID: "222222222222", Alias: a1b.Alias, Users: 200, Groups: 20, Roles: 60, Policies: 85, Source: "again"}
	got := sums[1]
	if time.Since(got.ImportedAt) > time.Minute {
		t.Errorf("ImportedAt = %v", got.ImportedAt)
	}
	got.ImportedAt = time.Time{}
	if got != want {
		t.Errorf("summary = %+v, want %+v", got, want)
	}
	// The journal has three imports, the last with a snapshot of what it replaced.
	j, err := db.Journal(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(j) != 3 || j[0].Operation != "import" || j[0].Account != "222222222222" || !strings.Contains(string(j[0].Before), `"Snapshot":true`) {
		t.Fatalf("journal = %+v", j)
	}
	if j[2].Before != nil {
		t.Errorf("first import has a Before: %s", j[2].Before)
	}
	snap, err := db.JournalSnapshot(ctx, j[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(snap), a1.Users[0].Name) || !strings.Contains(string(snap), `"Source":"f-222222222222"`) {
		t.Error("snapshot does not hold the replaced account")
	}
	if _, err := db.JournalSnapshot(ctx, j[2].ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("snapshot of the first import: %v, want ErrNotFound", err)
	}
}

func TestLoadAccountNotFound(t *testing.T) {
	db := openTemp(t)
	if _, err := db.LoadAccount(context.Background(), "999999999999"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("err = %v, want ErrNotFound", err)
	}
}

// A load for evaluation is the full load less what the evaluator never
// reads: versions other than the default, dates, policy tags and instance
// profiles.
func TestLoadWorldForEvaluation(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	for i, id := range []string{"222222222222", "111111111111"} {
		if err := db.ReplaceAccount(ctx, genAccount(t, id, sizeSmall, uint64(i+1)), "f-"+id); err != nil {
			t.Fatal(err)
		}
	}
	full, err := db.LoadWorld(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ev, err := db.LoadWorldWith(ctx, LoadOptions{ForEvaluation: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(ev.Accounts) != len(full.Accounts) {
		t.Fatalf("%d accounts for evaluation, %d in full", len(ev.Accounts), len(full.Accounts))
	}
	dropped := 0
	for _, a := range full.Accounts {
		a.InstanceProfiles = nil
		for _, p := range a.Policies {
			p.CreateDate, p.UpdateDate, p.Tags = time.Time{}, time.Time{}, nil
			var keep []*model.PolicyVersion
			for _, v := range p.Versions {
				if v.IsDefault {
					v.CreateDate = time.Time{}
					keep = append(keep, v)
				} else {
					dropped++
				}
			}
			p.Versions = keep
		}
		for _, g := range a.Groups {
			g.CreateDate = time.Time{}
		}
		for _, u := range a.Users {
			u.CreateDate, u.PasswordLastUsed = time.Time{}, time.Time{}
		}
		for _, r := range a.Roles {
			r.CreateDate, r.LastUsed, r.InstanceProfiles = time.Time{}, time.Time{}, nil
		}
	}
	if dropped == 0 {
		t.Fatal("the generated accounts have no version to leave out: the test proves nothing")
	}
	for i := range full.Accounts {
		if accountJSON(t, ev.Accounts[i]) != accountJSON(t, full.Accounts[i]) {
			t.Fatalf("account %s: the load for evaluation is not the full load less what it leaves out", full.Accounts[i].ID)
		}
	}
	if len(ev.ResourcePolicies) != len(full.ResourcePolicies) {
		t.Fatal("resource policies differ")
	}
}
