package ui

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"iamtui/model"
	"iamtui/model/edit"
	"iamtui/model/policy"
	"iamtui/storage"
	"iamtui/themes"
)

// The fixture is a small restaurant of our own, frozen here so that golden
// files do not change when the demo account evolves.

const acct = "111122223333"

var day0 = time.Date(2024, 3, 4, 9, 0, 0, 0, time.UTC)

func mustDoc(t testing.TB, text string, kind policy.Kind) *policy.Document {
	t.Helper()
	d, err := policy.Parse(text, kind)
	if err != nil {
		t.Fatalf("fixture policy: %v\n%s", err, text)
	}
	return d
}

const kitchenDoc = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "CookInTheKitchen",
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:PutObject"],
      "Resource": "arn:aws:s3:::restaurant-kitchen/*"
    }
  ]
}`

const boundaryDoc = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "AtMostTheKitchen",
      "Effect": "Allow",
      "Action": "s3:*",
      "Resource": ["arn:aws:s3:::restaurant-kitchen", "arn:aws:s3:::restaurant-kitchen/*"]
    }
  ]
}`

const noWineDoc = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "NoWineOnDuty",
      "Effect": "Deny",
      "Action": "s3:*",
      "Resource": "arn:aws:s3:::restaurant-storage-room/wine-cellar/*"
    }
  ]
}`

const trustDoc = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::111122223333:user/head-chef-hana"},
      "Action": "sts:AssumeRole"
    }
  ]
}`

const ec2TrustDoc = `{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}
  ]
}`

const bucketDoc = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "TheCleanerThrowsOutExpiredFood",
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::111122223333:user/cleaner-carl"},
      "Action": "s3:DeleteObject",
      "Resource": "arn:aws:s3:::restaurant-storage-room/ingredients/expired/*"
    }
  ]
}`

// fixtureWorld builds the restaurant.
func fixtureWorld(t testing.TB) *model.World {
	t.Helper()
	kitchen := policy2(t, "KitchenAccess", "/", "Cook in the kitchen", kitchenDoc, kitchenDoc)
	boundary := policy2(t, "KitchenOnlyBoundary", "/boundaries/", "The most a kitchen hand may do", boundaryDoc)
	readOnly := &model.ManagedPolicy{Name: "ReadOnlyAccess", Path: "/", ID: "ANPAILL3HVNFSB6DCOWYQ", ARN: "arn:aws:iam::aws:policy/ReadOnlyAccess",
		CreateDate: day0, UpdateDate: day0, DefaultVersionID: "v1", IsAttachable: true,
		Versions: []*model.PolicyVersion{{ID: "v1", IsDefault: true, CreateDate: day0, Document: mustDoc(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get*","s3:List*"],"Resource":"*"}]}`, policy.Identity)}}}
	user := func(name string, groups []string, attached []string, boundary string, tags ...model.Tag) *model.User {
		return &model.User{Name: name, Path: "/", ID: fmt.Sprintf("AIDA%017d", len(name)*7919+int(name[0])), ARN: model.UserARN(acct, "/", name),
			CreateDate: day0, Groups: groups, AttachedPolicies: attached, PermissionsBoundary: boundary, Tags: tags}
	}
	a := &model.Account{
		ID: acct, Alias: "the-restaurant",
		Users: []*model.User{
			user("chef-alice", []string{"Chefs"}, nil, "", model.Tag{Key: "team", Value: "kitchen"}),
			user("head-chef-hana", []string{"Chefs"}, []string{"arn:aws:iam::aws:policy/ReadOnlyAccess"}, ""),
			user("apprentice-ari", []string{"Chefs"}, nil, boundary.ARN),
			user("waiter-bob", []string{"Waiters"}, nil, ""),
			user("cleaner-carl", nil, nil, ""),
		},
		Groups: []*model.Group{
			{Name: "Chefs", Path: "/", ID: "AGPA00000000000000001", ARN: model.GroupARN(acct, "/", "Chefs"), CreateDate: day0,
				AttachedPolicies: []string{kitchen.ARN}, InlinePolicies: []model.InlinePolicy{{Name: "NoWineOnDuty", Document: mustDoc(t, noWineDoc, policy.Identity)}}},
			{Name: "Waiters", Path: "/", ID: "AGPA00000000000000002", ARN: model.GroupARN(acct, "/", "Waiters"), CreateDate: day0},
		},
		Roles: []*model.Role{
			{Name: "PartTimeChef", Path: "/staff/", ID: "AROA00000000000000001", ARN: model.RoleARN(acct, "/staff/", "PartTimeChef"), CreateDate: day0,
				Description: "A four-hour shift", MaxSessionDuration: 14400, TrustPolicy: mustDoc(t, trustDoc, policy.Trust),
				AttachedPolicies: []string{kitchen.ARN}, PermissionsBoundary: boundary.ARN},
			{Name: "Dishwasher", Path: "/", ID: "AROA00000000000000002", ARN: model.RoleARN(acct, "/", "Dishwasher"), CreateDate: day0,
				TrustPolicy: mustDoc(t, ec2TrustDoc, policy.Trust), LastUsed: day0.AddDate(0, 8, 0), LastUsedRegion: "eu-west-1"},
		},
		Policies: []*model.ManagedPolicy{kitchen, boundary, readOnly},
	}
	w := &model.World{
		Accounts: []*model.Account{a},
		ResourcePolicies: []*model.ResourcePolicy{{ResourceARN: "arn:aws:s3:::restaurant-storage-room", AccountID: acct,
			Document: mustDoc(t, bucketDoc, policy.Resource), UpdateDate: day0}},
	}
	if _, err := model.Validate(a); err != nil {
		t.Fatalf("fixture breaks AWS's rules: %v", err)
	}
	return w
}

func policy2(t testing.TB, name, path, desc string, docs ...string) *model.ManagedPolicy {
	p := &model.ManagedPolicy{Name: name, Path: path, ID: fmt.Sprintf("ANPA%017d", len(name)), ARN: model.PolicyARN(acct, path, name),
		Description: desc, CreateDate: day0, UpdateDate: day0, IsAttachable: true}
	for i, d := range docs {
		p.Versions = append(p.Versions, &model.PolicyVersion{ID: fmt.Sprintf("v%d", i+1), IsDefault: i == len(docs)-1, CreateDate: day0.AddDate(0, i, 0), Document: mustDoc(t, d, policy.Identity)})
	}
	p.DefaultVersionID = p.Versions[len(p.Versions)-1].ID
	return p
}

// memStore is an in-memory Store: it keeps its own copy of the world and a
// journal of change sets, like storage does.
type memStore struct {
	mu       sync.Mutex
	world    *model.World
	journal  []memEntry
	nextID   int64
	version  int64
	drafts   map[string]Draft
	readOnly bool
	failNext error
}

// memEntry is one journal entry: a change set, an import (whole account
// before and after) or a resource policy put.
type memEntry struct {
	storage.JournalEntry
	cs         *model.ChangeSet
	acctBefore *model.Account // imports: the account replaced (nil: none)
	acctAfter  *model.Account
	rpBefore   *model.ResourcePolicy
	rpAfter    *model.ResourcePolicy
	undone     bool
}

func storedEntity(a *model.Account, kind model.EntityKind, key string) any {
	switch kind {
	case model.KindUser:
		if u := a.User(key); u != nil {
			return u
		}
	case model.KindGroup:
		if g := a.Group(key); g != nil {
			return g
		}
	case model.KindRole:
		if r := a.Role(key); r != nil {
			return r
		}
	case model.KindPolicy:
		if p := a.Policy(key); p != nil {
			return p
		}
	}
	return nil
}

func newMemStore(w *model.World) *memStore {
	return &memStore{world: snapshot(w), drafts: map[string]Draft{}}
}

func (s *memStore) Path() string   { return "/tmp/test.db" }
func (s *memStore) ReadOnly() bool { return s.readOnly }

func (s *memStore) LoadWorld(context.Context) (*model.World, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return snapshot(s.world), nil
}

func (s *memStore) journalLocked(e memEntry) int64 {
	s.nextID++
	e.ID = s.nextID
	if e.Time.IsZero() {
		e.Time = day0.AddDate(1, 0, 0)
	}
	s.journal = append(s.journal, e)
	s.version++
	return e.ID
}

func (s *memStore) Apply(_ context.Context, cs model.ChangeSet) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.readOnly {
		return 0, errors.New("the database is open read-only")
	}
	if err := s.failNext; err != nil {
		s.failNext = nil
		return 0, err
	}
	// Like storage: each Before must be what is stored.
	for _, c := range cs.Changes {
		if c.Before == nil {
			continue
		}
		a := s.world.Account(c.Account)
		if a == nil {
			return 0, fmt.Errorf("account %s: %w", c.Account, storage.ErrConflict)
		}
		if stored := storedEntity(a, c.Kind, c.EntityKey()); stored == nil || !reflect.DeepEqual(stored, c.Before) {
			return 0, fmt.Errorf("%s %s changed by another process (%w)", c.Kind, c.EntityKey(), storage.ErrConflict)
		}
	}
	if err := s.world.Apply(cs); err != nil {
		return 0, fmt.Errorf("%w: %v", storage.ErrConflict, err)
	}
	acct := ""
	if len(cs.Changes) > 0 {
		acct = cs.Changes[0].Account
	}
	return s.journalLocked(memEntry{JournalEntry: storage.JournalEntry{Account: acct, Operation: cs.Op, Summary: cs.Summary}, cs: &cs}), nil
}

// external applies a change set as another process would: the UI did not
// make it.
func (s *memStore) external(t testing.TB, cs model.ChangeSet) {
	t.Helper()
	if _, err := s.Apply(context.Background(), cs); err != nil {
		t.Fatal(err)
	}
}

// imported journals the account as an import that found no account of
// its id (the database was made by "iamtui import").
func (s *memStore) imported(a *model.Account) {
	s.mu.Lock()
	defer s.mu.Unlock()
	after, _ := json.Marshal(map[string]any{"Account": a.ID, "Source": "acct.json", "Users": len(a.Users), "Groups": len(a.Groups), "Roles": len(a.Roles), "Policies": len(a.Policies)})
	s.journalLocked(memEntry{JournalEntry: storage.JournalEntry{Account: a.ID, Operation: "import",
		Summary: "imported account " + a.ID + " from acct.json", After: after}, acctAfter: a})
}

func (s *memStore) newestLocked() *memEntry {
	for i := len(s.journal) - 1; i >= 0; i-- {
		if !s.journal[i].undone {
			return &s.journal[i]
		}
	}
	return nil
}

func (s *memStore) NextUndo(context.Context) (storage.JournalEntry, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e := s.newestLocked()
	if e == nil {
		return storage.JournalEntry{}, storage.ErrNothingToUndo
	}
	return e.JournalEntry, nil
}

func (s *memStore) UndoEntry(_ context.Context, id int64) (Undone, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e := s.newestLocked()
	switch {
	case e == nil:
		return Undone{}, storage.ErrNothingToUndo
	case e.ID != id:
		return Undone{}, fmt.Errorf("entry %d is no longer the newest: %w", id, storage.ErrConflict)
	}
	var out Undone
	switch {
	case e.cs != nil:
		inv := e.cs.Inverse()
		if err := s.world.Apply(inv); err != nil {
			return Undone{}, fmt.Errorf("%w: %v", storage.ErrConflict, err)
		}
		out = Undone{Summary: e.Summary, ChangeSet: &inv}
	case e.acctAfter != nil:
		var kept []*model.Account
		for _, a := range s.world.Accounts {
			if a.ID != e.acctAfter.ID {
				kept = append(kept, a)
			}
		}
		if e.acctBefore != nil {
			kept = append(kept, e.acctBefore)
		}
		s.world.Accounts = kept
		out = Undone{Summary: e.Summary}
	case e.rpAfter != nil:
		var kept []*model.ResourcePolicy
		for _, rp := range s.world.ResourcePolicies {
			if rp.ResourceARN != e.rpAfter.ResourceARN {
				kept = append(kept, rp)
			}
		}
		if e.rpBefore != nil {
			kept = append(kept, e.rpBefore)
		}
		s.world.ResourcePolicies = kept
		out = Undone{Summary: e.Summary}
	}
	e.undone = true
	s.version++
	return out, nil
}

func (s *memStore) PutResourcePolicyIf(_ context.Context, rp *model.ResourcePolicy, before *string) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var old *model.ResourcePolicy
	idx := -1
	for i, o := range s.world.ResourcePolicies {
		if o.ResourceARN == rp.ResourceARN {
			old, idx = o, i
		}
	}
	switch {
	case before == nil && old != nil, before != nil && old == nil, before != nil && old.Document.Text != *before:
		return 0, fmt.Errorf("put resource policy %s: %w", rp.ResourceARN, storage.ErrConflict)
	}
	if idx >= 0 {
		rps := append([]*model.ResourcePolicy(nil), s.world.ResourcePolicies...)
		rps[idx] = rp
		s.world.ResourcePolicies = rps
	} else {
		s.world.ResourcePolicies = append(append([]*model.ResourcePolicy(nil), s.world.ResourcePolicies...), rp)
	}
	return s.journalLocked(memEntry{JournalEntry: storage.JournalEntry{Account: rp.AccountID, Operation: "put-resource-policy",
		Summary: "stored the policy of " + rp.ResourceARN}, rpBefore: old, rpAfter: rp}), nil
}

func (s *memStore) DataVersion(context.Context) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.version, nil
}

func (s *memStore) SaveDraft(_ context.Context, d Draft) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.drafts[d.Key] = d
	return nil
}

func (s *memStore) Drafts(context.Context) ([]Draft, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Draft
	for _, d := range s.drafts {
		out = append(out, d)
	}
	return out, nil
}

func (s *memStore) DeleteDraft(_ context.Context, key string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.drafts, key)
	return nil
}

// testEditor makes reproducible ids and dates.
func testEditor() *edit.Editor {
	n := 0
	return &edit.Editor{
		Now: func() time.Time { return day0.AddDate(1, 0, 0) },
		NewID: func(prefix string) string {
			n++
			return fmt.Sprintf("%s%017d", prefix, 900+n)
		},
	}
}

// newTestModel builds a model on the fixture, sized and themed for tests.
func newTestModel(t testing.TB, w, h int, opts ...func(*Options)) (*Model, *memStore) {
	t.Helper()
	world := fixtureWorld(t)
	store := newMemStore(world)
	theme, _ := themes.Parse("dark", false)
	o := Options{Store: store, World: world, Theme: theme, PollEvery: -1, StatusLife: -1, Editor: testEditor(),
		Now: func() time.Time { return day0.AddDate(1, 0, 0) }}
	for _, f := range opts {
		f(&o)
	}
	m := New(o)
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m, store
}
