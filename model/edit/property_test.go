package edit

import (
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"iamtui/model"
)

// chooser picks among n possibilities: from a seeded generator in the
// property test, from the fuzzer's bytes in the fuzz target.
type chooser interface{ intn(n int) int }

type randChooser struct{ r *rand.Rand }

func (c randChooser) intn(n int) int { return c.r.IntN(n) }

type byteChooser struct {
	b []byte
	i int
}

func (c *byteChooser) intn(n int) int {
	if c.i >= len(c.b) {
		return 0
	}
	v := int(c.b[c.i])
	c.i++
	return v % n
}

func (c *byteChooser) done() bool { return c.i >= len(c.b) }

// Pools of arguments: few enough that names collide (also ignoring case),
// quotas are reached and entities come and go.
var (
	poolUsers    = []string{"alice", "Alice", "bob", "carol", "dave"}
	poolGroups   = []string{"chefs", "Chefs", "waiters", "cleaners", "ga", "gb", "gc", "gd", "ge", "gf", "gg", "gh", "gi", "gj"}
	poolRoles    = []string{"cook", "Cook", "baker", "AWSServiceRoleForX"}
	poolPolicies = []string{"KitchenRead", "Boundary", "Spare", "ReadOnlyAccess", "P1", "p1", "P2", "P3",
		"arn:aws:iam::111122223333:policy/Spare", "arn:aws:iam::aws:policy/ReadOnlyAccess"}
	poolPaths    = []string{"", "/", "/x/", "/x/y/", "bad"}
	poolKinds    = []model.EntityKind{model.KindUser, model.KindGroup, model.KindRole, model.KindPolicy}
	poolInline   = []string{"Notes", "notes", "Extra", "Pantry"}
	poolVersions = []string{"v1", "v2", "v3", "v5", "v6", "v9"}
	poolTags     = [][]model.Tag{nil, {{Key: "team", Value: "a"}}, {{Key: "Team", Value: "b"}, {Key: "x", Value: ""}}, {{Key: "aws:no", Value: "v"}}}
)

func poolIdentityDocs() []string {
	return []string{allowS3, allowS3List, denyAll, bigDoc(1500), bigDoc(3000), trustEC2, "{"}
}

var poolTrustDocs = []string{trustEC2, trustAcct, allowS3}

type randomOp struct {
	name string
	run  func(e *Editor, a *model.Account, c chooser) (model.ChangeSet, error)
}

func pick[T any](c chooser, xs []T) T { return xs[c.intn(len(xs))] }

func randomOps() []randomOp {
	docs := poolIdentityDocs()
	return []randomOp{
		{"create-user", func(e *Editor, a *model.Account, c chooser) (model.ChangeSet, error) {
			return e.CreateUser(a, pick(c, poolUsers), pick(c, poolPaths), pick(c, poolTags))
		}},
		{"create-group", func(e *Editor, a *model.Account, c chooser) (model.ChangeSet, error) {
			return e.CreateGroup(a, pick(c, poolGroups), pick(c, poolPaths))
		}},
		{"create-role", func(e *Editor, a *model.Account, c chooser) (model.ChangeSet, error) {
			return e.CreateRole(a, RoleSpec{Name: pick(c, poolRoles), Path: pick(c, poolPaths), TrustPolicy: pick(c, poolTrustDocs), Tags: pick(c, poolTags)})
		}},
		{"create-policy", func(e *Editor, a *model.Account, c chooser) (model.ChangeSet, error) {
			return e.CreatePolicy(a, PolicySpec{Name: pick(c, poolPolicies), Path: pick(c, poolPaths), Document: pick(c, docs)})
		}},
		{"rename", func(e *Editor, a *model.Account, c chooser) (model.ChangeSet, error) {
			switch k := pick(c, poolKinds); k {
			case model.KindUser:
				return e.Rename(a, k, pick(c, poolUsers), pick(c, poolUsers), pick(c, poolPaths))
			case model.KindGroup:
				return e.Rename(a, k, pick(c, poolGroups), pick(c, poolGroups), pick(c, poolPaths))
			case model.KindRole:
				return e.Rename(a, k, pick(c, poolRoles), pick(c, poolRoles), pick(c, poolPaths))
			default:
				return e.Rename(a, k, pick(c, poolPolicies), pick(c, poolPolicies[:8]), pick(c, poolPaths))
			}
		}},
		{"delete", func(e *Editor, a *model.Account, c chooser) (model.ChangeSet, error) {
			switch k := pick(c, poolKinds); k {
			case model.KindUser:
				return e.Delete(a, k, pick(c, poolUsers))
			case model.KindGroup:
				return e.Delete(a, k, pick(c, poolGroups))
			case model.KindRole:
				return e.Delete(a, k, pick(c, poolRoles))
			default:
				return e.Delete(a, k, pick(c, poolPolicies))
			}
		}},
		{"add-user-to-group", func(e *Editor, a *model.Account, c chooser) (model.ChangeSet, error) {
			return e.AddUserToGroup(a, pick(c, poolUsers), pick(c, poolGroups))
		}},
		{"remove-user-from-group", func(e *Editor, a *model.Account, c chooser) (model.ChangeSet, error) {
			return e.RemoveUserFromGroup(a, pick(c, poolUsers), pick(c, poolGroups))
		}},
		{"attach", func(e *Editor, a *model.Account, c chooser) (model.ChangeSet, error) {
			k, n := randomPrincipal(c)
			return e.AttachPolicy(a, k, n, pick(c, poolPolicies))
		}},
		{"detach", func(e *Editor, a *model.Account, c chooser) (model.ChangeSet, error) {
			k, n := randomPrincipal(c)
			return e.DetachPolicy(a, k, n, pick(c, poolPolicies))
		}},
		{"set-boundary", func(e *Editor, a *model.Account, c chooser) (model.ChangeSet, error) {
			k, n := randomPrincipal(c)
			return e.SetBoundary(a, k, n, pick(c, poolPolicies))
		}},
		{"clear-boundary", func(e *Editor, a *model.Account, c chooser) (model.ChangeSet, error) {
			k, n := randomPrincipal(c)
			return e.ClearBoundary(a, k, n)
		}},
		{"put-inline", func(e *Editor, a *model.Account, c chooser) (model.ChangeSet, error) {
			k, n := randomPrincipal(c)
			return e.PutInlinePolicy(a, k, n, pick(c, poolInline), pick(c, docs))
		}},
		{"delete-inline", func(e *Editor, a *model.Account, c chooser) (model.ChangeSet, error) {
			k, n := randomPrincipal(c)
			return e.DeleteInlinePolicy(a, k, n, pick(c, poolInline))
		}},
		{"update-trust", func(e *Editor, a *model.Account, c chooser) (model.ChangeSet, error) {
			return e.UpdateTrustPolicy(a, pick(c, poolRoles), pick(c, poolTrustDocs))
		}},
		{"tags", func(e *Editor, a *model.Account, c chooser) (model.ChangeSet, error) {
			k, n := randomPrincipal(c)
			if c.intn(3) == 0 {
				k, n = model.KindPolicy, pick(c, poolPolicies)
			}
			switch c.intn(3) {
			case 0:
				return e.SetTags(a, k, n, pick(c, poolTags))
			case 1:
				return e.Tag(a, k, n, pick(c, poolTags))
			default:
				return e.Untag(a, k, n, []string{"team", "x"})
			}
		}},
		{"create-policy-version", func(e *Editor, a *model.Account, c chooser) (model.ChangeSet, error) {
			return e.CreatePolicyVersion(a, pick(c, poolPolicies), pick(c, docs), VersionOptions{SetAsDefault: c.intn(2) == 0, DeleteOldest: c.intn(2) == 0})
		}},
		{"set-default-version", func(e *Editor, a *model.Account, c chooser) (model.ChangeSet, error) {
			return e.SetDefaultPolicyVersion(a, pick(c, poolPolicies), pick(c, poolVersions))
		}},
		{"delete-version", func(e *Editor, a *model.Account, c chooser) (model.ChangeSet, error) {
			return e.DeletePolicyVersion(a, pick(c, poolPolicies), pick(c, poolVersions))
		}},
	}
}

func randomPrincipal(c chooser) (model.EntityKind, string) {
	switch c.intn(3) {
	case 0:
		return model.KindUser, pick(c, poolUsers)
	case 1:
		return model.KindGroup, pick(c, poolGroups)
	}
	return model.KindRole, pick(c, poolRoles)
}

type applied struct {
	cs     model.ChangeSet
	before *model.Account // deep copy of the account before cs
}

// runSequence applies random operations to the fixture, checking after each
// one that the input was not touched, that refusals are *Errors, and that
// the account stays valid; then it undoes everything, checking that each
// inverse restores the account as it was before that step. ok counts the
// successes per operation.
func runSequence(t *testing.T, c chooser, steps int, more func() bool, ok map[string]int) {
	t.Helper()
	a := fixture(t)
	clock := testNow
	e := testEditor()
	e.Now = func() time.Time { clock = clock.Add(time.Second); return clock }
	ops := randomOps()
	var done []applied
	for i := 0; i < steps && more(); i++ {
		op := ops[c.intn(len(ops))]
		snap := deepCopy(a)
		cs, err := op.run(e, a, c)
		if !reflect.DeepEqual(a, snap) {
			t.Fatalf("step %d: %s modified its input", i, op.name)
		}
		if err != nil {
			if CodeOf(err) == "" {
				t.Fatalf("step %d: %s: error without a code: %v", i, op.name, err)
			}
			continue
		}
		ok[op.name]++
		if err := a.Apply(cs); err != nil {
			t.Fatalf("step %d: %s (%s): apply: %v", i, op.name, cs.Summary, err)
		}
		if _, err := model.Validate(a); err != nil {
			t.Fatalf("step %d: %s (%s) left the account invalid: %v", i, op.name, cs.Summary, err)
		}
		done = append(done, applied{cs, snap})
	}
	for i := len(done) - 1; i >= 0; i-- {
		if err := a.Apply(done[i].cs.Inverse()); err != nil {
			t.Fatalf("undo %s: %v", done[i].cs.Summary, err)
		}
		if got, want := canonical(a), canonical(done[i].before); !reflect.DeepEqual(got, want) {
			t.Fatalf("undo of %q does not restore the account:\n got %s\nwant %s", done[i].cs.Summary, dump(&got), dump(&want))
		}
	}
}

func TestRandomSequencesStayValidAndUndo(t *testing.T) {
	seeds, steps := 200, 60
	if testing.Short() {
		seeds = 30
	}
	ok := map[string]int{}
	for seed := range seeds {
		c := randChooser{rand.New(rand.NewPCG(uint64(seed), 0x1a2b))}
		runSequence(t, c, steps, func() bool { return true }, ok)
	}
	// A driver that only ever hits refusals would prove nothing.
	for _, op := range randomOps() {
		if ok[op.name] == 0 {
			t.Errorf("%s never succeeded", op.name)
		}
	}
	t.Logf("successes: %v", ok)
}

func FuzzEditSequence(f *testing.F) {
	f.Add([]byte{0, 0, 1, 6, 0, 0, 8, 0, 0, 0})
	f.Add([]byte{4, 3, 1, 1, 5, 2, 0, 16, 2, 3, 1, 1})
	f.Add([]byte("\x10\x02\x04\x01\x01\x11\x00\x03\x05\x02\x01\x00\x07"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c := &byteChooser{b: data}
		runSequence(t, c, 200, func() bool { return !c.done() }, map[string]int{})
	})
}
