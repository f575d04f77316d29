package edit

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"iamtui/model"
	"iamtui/model/policy"
)

const acctID = "111122223333"

var testNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// testEditor returns an editor with a fixed clock and numbered ids, so that
// change sets are reproducible.
func testEditor() *Editor {
	n := 0
	return &Editor{
		Now: func() time.Time { return testNow },
		NewID: func(prefix string) string {
			n++
			return fmt.Sprintf("%s%017d", prefix, n)
		},
	}
}

func mustParse(t testing.TB, text string, kind policy.Kind) *policy.Document {
	t.Helper()
	d, err := policy.Parse(text, kind)
	if err != nil {
		t.Fatalf("parse %q: %v", text, err)
	}
	return d
}

// Documents used throughout.
const (
	allowS3     = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}`
	allowS3List = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}]}`
	denyAll     = `{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*"}}`
	trustEC2    = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}}`
	trustAcct   = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole"}}`
)

// bigDoc returns a valid identity policy of about n characters (whitespace
// not counted).
func bigDoc(n int) string {
	head := `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::`
	tail := `/*"}}`
	pad := max(n-len(head)-len(tail), 1)
	return head + strings.Repeat("b", pad) + tail
}

func pid(n int) string  { return fmt.Sprintf("ANPA%017d", n) }
func uid(n int) string  { return fmt.Sprintf("AIDA%017d", n) }
func gid(n int) string  { return fmt.Sprintf("AGPA%017d", n) }
func rid(n int) string  { return fmt.Sprintf("AROA%017d", n) }
func ipid(n int) string { return fmt.Sprintf("AIPA%017d", n) }

func newPolicy(t testing.TB, n int, name string, docs ...string) *model.ManagedPolicy {
	p := &model.ManagedPolicy{Name: name, Path: "/", ID: pid(900 + n), ARN: model.PolicyARN(acctID, "/", name),
		CreateDate: testNow.Add(-time.Hour), UpdateDate: testNow.Add(-time.Hour), IsAttachable: true}
	for i, d := range docs {
		p.Versions = append(p.Versions, &model.PolicyVersion{ID: fmt.Sprintf("v%d", i+1),
			CreateDate: testNow.Add(time.Duration(i-10) * time.Minute), Document: mustParse(t, d, policy.Identity)})
	}
	last := p.Versions[len(p.Versions)-1]
	last.IsDefault = true
	p.DefaultVersionID = last.ID
	return p
}

func newUser(n int, name string) *model.User {
	return &model.User{Name: name, Path: "/", ID: uid(900 + n), ARN: model.UserARN(acctID, "/", name), CreateDate: testNow.Add(-time.Hour)}
}

func newGroup(n int, name string) *model.Group {
	return &model.Group{Name: name, Path: "/", ID: gid(900 + n), ARN: model.GroupARN(acctID, "/", name), CreateDate: testNow.Add(-time.Hour)}
}

func newRole(t testing.TB, n int, path, name string) *model.Role {
	return &model.Role{Name: name, Path: path, ID: rid(900 + n), ARN: model.RoleARN(acctID, path, name),
		CreateDate: testNow.Add(-time.Hour), TrustPolicy: mustParse(t, trustEC2, policy.Trust)}
}

// fixture is a small restaurant account that exercises every kind of link:
//
//	users: alice (in chefs and waiters; inline Notes; KitchenRead attached;
//	       boundary Boundary; tagged), bob (plain)
//	groups: chefs (KitchenRead attached; inline ChefExtra), waiters, cleaners
//	roles: cook (trust, Boundary as boundary, KitchenRead and ReadOnlyAccess
//	       attached, inline, tags, instance profile), AWSServiceRoleForX (service-linked)
//	policies: KitchenRead (2 versions), Boundary, Spare (5 versions),
//	          ReadOnlyAccess (AWS-managed)
func fixture(t testing.TB) *model.Account {
	kitchen := newPolicy(t, 1, "KitchenRead", allowS3List, allowS3)
	boundary := newPolicy(t, 2, "Boundary", allowS3)
	spare := newPolicy(t, 3, "Spare", allowS3, allowS3List, allowS3, allowS3List, allowS3)
	aws := &model.ManagedPolicy{Name: "ReadOnlyAccess", Path: "/", ID: pid(999), ARN: "arn:aws:iam::aws:policy/ReadOnlyAccess",
		DefaultVersionID: "v7", IsAttachable: true,
		Versions: []*model.PolicyVersion{{ID: "v7", IsDefault: true, Document: mustParse(t, allowS3, policy.Identity)}}}

	alice := newUser(1, "alice")
	alice.Groups = []string{"chefs", "waiters"}
	alice.InlinePolicies = []model.InlinePolicy{{Name: "Notes", Document: mustParse(t, allowS3List, policy.Identity)}}
	alice.AttachedPolicies = []string{kitchen.ARN}
	alice.PermissionsBoundary = boundary.ARN
	alice.Tags = []model.Tag{{Key: "team", Value: "kitchen"}, {Key: "shift", Value: "day"}}
	bob := newUser(2, "bob")

	chefs := newGroup(1, "chefs")
	chefs.AttachedPolicies = []string{kitchen.ARN}
	chefs.InlinePolicies = []model.InlinePolicy{{Name: "ChefExtra", Document: mustParse(t, allowS3, policy.Identity)}}
	waiters := newGroup(2, "waiters")
	cleaners := newGroup(3, "cleaners")

	cook := newRole(t, 1, "/", "cook")
	cook.Description = "the part-time cook"
	cook.PermissionsBoundary = boundary.ARN
	cook.AttachedPolicies = []string{kitchen.ARN, aws.ARN}
	cook.InlinePolicies = []model.InlinePolicy{{Name: "Pantry", Document: mustParse(t, allowS3, policy.Identity)}}
	cook.Tags = []model.Tag{{Key: "shift", Value: "night"}}
	cook.LastUsed = testNow.Add(-time.Minute)
	cook.InstanceProfiles = []*model.InstanceProfile{{Name: "cook-profile", Path: "/", ID: ipid(1),
		ARN: model.InstanceProfileARN(acctID, "/", "cook-profile"), Roles: []string{"cook"}}}
	slr := newRole(t, 2, "/aws-service-role/x.amazonaws.com/", "AWSServiceRoleForX")

	a := &model.Account{
		ID:       acctID,
		Users:    []*model.User{alice, bob},
		Groups:   []*model.Group{chefs, waiters, cleaners},
		Roles:    []*model.Role{cook, slr},
		Policies: []*model.ManagedPolicy{kitchen, boundary, spare, aws},
	}
	if _, err := model.Validate(a); err != nil {
		t.Fatalf("fixture is invalid: %v", err)
	}
	return a
}

// deepCopy copies v entirely, keeping nil slices nil, so that
// reflect.DeepEqual tells whether an operation touched its input. Struct
// fields that are not exported (time.Time's) are copied by value. Policy
// documents are shared, as entities' Clone methods share them: they are
// immutable once parsed, and copying them would make the random-sequence
// test several times slower.
func deepCopy[T any](v T) T {
	src := reflect.ValueOf(&v).Elem()
	dst := reflect.New(src.Type()).Elem()
	copyValue(dst, src)
	return dst.Interface().(T)
}

var docType = reflect.TypeFor[*policy.Document]()

func copyValue(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.Pointer:
		if src.IsNil() || src.Type() == docType {
			dst.Set(src)
			return
		}
		p := reflect.New(src.Type().Elem())
		copyValue(p.Elem(), src.Elem())
		dst.Set(p)
	case reflect.Slice:
		if src.IsNil() {
			return
		}
		s := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		for i := range src.Len() {
			copyValue(s.Index(i), src.Index(i))
		}
		dst.Set(s)
	case reflect.Map:
		if src.IsNil() {
			return
		}
		m := reflect.MakeMapWithSize(src.Type(), src.Len())
		for _, k := range src.MapKeys() {
			e := reflect.New(src.Type().Elem()).Elem()
			copyValue(e, src.MapIndex(k))
			m.SetMapIndex(k, e)
		}
		dst.Set(m)
	case reflect.Interface:
		if src.IsNil() {
			return
		}
		e := reflect.New(src.Elem().Type()).Elem()
		copyValue(e, src.Elem())
		dst.Set(e)
	case reflect.Struct:
		dst.Set(src)
		for i := range src.NumField() {
			if src.Type().Field(i).IsExported() {
				copyValue(dst.Field(i), src.Field(i))
			}
		}
	default:
		dst.Set(src)
	}
}

// canonical returns a copy of the account's entity lists sorted by key:
// world.Apply appends a re-created entity, so undoing a delete restores
// every entity exactly but not its place in the list.
func canonical(a *model.Account) model.Account {
	c := *a
	c.Users = sortedBy(a.Users, model.KindUser)
	c.Groups = sortedBy(a.Groups, model.KindGroup)
	c.Roles = sortedBy(a.Roles, model.KindRole)
	c.Policies = sortedBy(a.Policies, model.KindPolicy)
	c.InstanceProfiles = sortedBy(a.InstanceProfiles, model.KindInstanceProfile)
	return c
}

func sortedBy[T any](items []*T, kind model.EntityKind) []*T {
	if items == nil {
		return nil
	}
	out := slices.Clone(items)
	slices.SortFunc(out, func(x, y *T) int { return strings.Compare(model.Key(kind, x), model.Key(kind, y)) })
	return out
}

// checkChangeSet verifies what every successful change set must satisfy,
// given the account it was computed from (unchanged, checked by the
// caller) and returns the account after the change:
//   - every Before is the account's own entity (storage compares them with
//     what it holds) and no entity appears twice;
//   - After never shares a mutable slice with Before;
//   - world.Apply accepts it and model.Validate passes afterwards;
//   - the inverse restores the account exactly.
func checkChangeSet(t *testing.T, a *model.Account, cs model.ChangeSet) *model.Account {
	t.Helper()
	if cs.Op == "" || cs.Summary == "" || len(cs.Changes) == 0 {
		t.Fatalf("change set lacks an op, summary or changes: %+v", cs)
	}
	seen := map[string]bool{}
	for i, c := range cs.Changes {
		if c.Account != a.ID {
			t.Errorf("change %d: account %q", i, c.Account)
		}
		k := string(c.Kind) + "/" + c.EntityKey()
		if seen[k] {
			t.Errorf("change %d: %s changed twice in one change set", i, k)
		}
		seen[k] = true
		if c.Before != nil && !ownEntity(a, c.Kind, c.Before) {
			t.Errorf("change %d: Before %s is not the account's own entity", i, k)
		}
		if c.Before != nil && c.After != nil && sharesSlices(c.Before, c.After) {
			t.Errorf("change %d: After shares a slice with Before", i)
		}
	}
	w := *a
	world := &model.World{Accounts: []*model.Account{&w}}
	if err := world.Apply(cs); err != nil {
		t.Fatalf("world.Apply(%s): %v", cs.Op, err)
	}
	if _, err := model.Validate(&w); err != nil {
		t.Fatalf("after %s (%s): model.Validate: %v", cs.Op, cs.Summary, err)
	}
	after := w
	u := w
	if err := (&u).Apply(cs.Inverse()); err != nil {
		t.Fatalf("applying the inverse of %s: %v", cs.Op, err)
	}
	if got, want := canonical(&u), canonical(a); !reflect.DeepEqual(got, want) {
		t.Fatalf("the inverse of %s does not restore the account:\n got %s\nwant %s", cs.Op, dump(&got), dump(&want))
	}
	return &after
}

func ownEntity(a *model.Account, kind model.EntityKind, e any) bool {
	switch kind {
	case model.KindUser:
		return slices.Contains(a.Users, e.(*model.User))
	case model.KindGroup:
		return slices.Contains(a.Groups, e.(*model.Group))
	case model.KindRole:
		return slices.Contains(a.Roles, e.(*model.Role))
	case model.KindPolicy:
		return slices.Contains(a.Policies, e.(*model.ManagedPolicy))
	}
	return false
}

// sharesSlices reports whether two entities share the backing array of a
// non-empty slice field, which would let a later edit of one change both.
func sharesSlices(x, y any) bool {
	vx, vy := reflect.ValueOf(x).Elem(), reflect.ValueOf(y).Elem()
	for i := range vx.NumField() {
		fx, fy := vx.Field(i), vy.Field(i)
		if fx.Kind() == reflect.Slice && fx.Len() > 0 && fy.Len() > 0 && fx.Pointer() == fy.Pointer() {
			return true
		}
	}
	return false
}

func dump(a *model.Account) string {
	var sb strings.Builder
	for _, u := range a.Users {
		fmt.Fprintf(&sb, "\n  user %+v", *u)
	}
	for _, g := range a.Groups {
		fmt.Fprintf(&sb, "\n  group %+v", *g)
	}
	for _, r := range a.Roles {
		fmt.Fprintf(&sb, "\n  role %s %s %v %v %s", r.Name, r.ID, r.AttachedPolicies, r.InlinePolicies, r.PermissionsBoundary)
	}
	for _, p := range a.Policies {
		fmt.Fprintf(&sb, "\n  policy %s %s %d versions", p.Name, p.ARN, len(p.Versions))
	}
	return sb.String()
}
