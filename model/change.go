package model

import (
	"fmt"
	"strings"
)

// EntityKind names the kinds of entity a Change can replace.
type EntityKind string

const (
	KindUser            EntityKind = "user"
	KindGroup           EntityKind = "group"
	KindRole            EntityKind = "role"
	KindPolicy          EntityKind = "policy" // managed policy, keyed by ARN
	KindInstanceProfile EntityKind = "instance-profile"
)

// Change replaces one entity of one account as a whole: Before is nil when
// the entity is created, After is nil when it is deleted, and both are set
// when it is modified (a rename has different names in Before and After).
// Before and After hold *User, *Group, *Role, *ManagedPolicy or
// *InstanceProfile, matching Kind. Entities are never shared between
// Before and After: an edit copies what it changes, so a Change can be
// undone by swapping them.
type Change struct {
	Account string
	Kind    EntityKind
	Before  any
	After   any
}

// ChangeSet is one user-visible change (one transaction, one journal entry,
// one undo step), possibly touching several entities: renaming a group also
// changes each member's list of groups.
type ChangeSet struct {
	Op      string // machine-readable: "create-user", "add-user-to-group", ...
	Summary string // for people: `added user "alice" to group "chefs"`
	Changes []Change
}

// Inverse returns the change set that undoes cs.
func (cs ChangeSet) Inverse() ChangeSet {
	inv := ChangeSet{Op: "undo:" + cs.Op, Summary: "undo: " + cs.Summary, Changes: make([]Change, len(cs.Changes))}
	for i, c := range cs.Changes {
		// Reverse order so that dependent changes unwind last-first.
		inv.Changes[len(cs.Changes)-1-i] = Change{Account: c.Account, Kind: c.Kind, Before: c.After, After: c.Before}
	}
	return inv
}

// Key returns the entity's identity within its account and kind: the name
// folded to lower case (AWS's uniqueness rule) or, for managed policies,
// the ARN. It is "" for a nil or mismatched entity.
func Key(kind EntityKind, entity any) string {
	switch kind {
	case KindUser:
		if u, ok := entity.(*User); ok && u != nil {
			return strings.ToLower(u.Name)
		}
	case KindGroup:
		if g, ok := entity.(*Group); ok && g != nil {
			return strings.ToLower(g.Name)
		}
	case KindRole:
		if r, ok := entity.(*Role); ok && r != nil {
			return strings.ToLower(r.Name)
		}
	case KindPolicy:
		if p, ok := entity.(*ManagedPolicy); ok && p != nil {
			return p.ARN
		}
	case KindInstanceProfile:
		if ip, ok := entity.(*InstanceProfile); ok && ip != nil {
			return strings.ToLower(ip.Name)
		}
	}
	return ""
}

// EntityKey is Before's key, or After's for a creation.
func (c Change) EntityKey() string {
	if !isNil(c.Before) {
		return Key(c.Kind, c.Before)
	}
	return Key(c.Kind, c.After)
}

// Apply applies a change set to the in-memory world: every Change must find
// its Before in place (or nothing, for a creation). It checks everything
// first and changes nothing on error.
func (w *World) Apply(cs ChangeSet) error {
	for i, c := range cs.Changes {
		a := w.Account(c.Account)
		if a == nil {
			return fmt.Errorf("%s: change %d: account %s is not loaded", cs.Op, i, c.Account)
		}
		if err := a.check(c); err != nil {
			return fmt.Errorf("%s: change %d: %w", cs.Op, i, err)
		}
	}
	for _, c := range cs.Changes {
		w.Account(c.Account).apply(c)
	}
	return nil
}

// Apply applies a change set whose changes all belong to this account.
func (a *Account) Apply(cs ChangeSet) error {
	w := &World{Accounts: []*Account{a}}
	return w.Apply(cs)
}

func (a *Account) check(c Change) error {
	if isNil(c.Before) && isNil(c.After) {
		return fmt.Errorf("%s change has neither before nor after", c.Kind)
	}
	for _, e := range []any{c.Before, c.After} {
		if !isNil(e) && Key(c.Kind, e) == "" {
			return fmt.Errorf("%s change holds a %T", c.Kind, e)
		}
	}
	key := c.EntityKey()
	idx := a.index(c.Kind, key)
	if isNil(c.Before) {
		if idx >= 0 {
			return fmt.Errorf("%s %s already exists", c.Kind, key)
		}
		return nil
	}
	if idx < 0 {
		return fmt.Errorf("%s %s is not in account %s", c.Kind, key, a.ID)
	}
	if !isNil(c.After) {
		if newKey := Key(c.Kind, c.After); newKey != key && a.index(c.Kind, newKey) >= 0 {
			return fmt.Errorf("%s %s already exists", c.Kind, newKey)
		}
	}
	return nil
}

// apply replaces, inserts or removes one entity; check has passed.
func (a *Account) apply(c Change) {
	idx := a.index(c.Kind, c.EntityKey())
	switch c.Kind {
	case KindUser:
		a.Users = replace(a.Users, idx, asPtr[User](c.After))
	case KindGroup:
		a.Groups = replace(a.Groups, idx, asPtr[Group](c.After))
	case KindRole:
		a.Roles = replace(a.Roles, idx, asPtr[Role](c.After))
	case KindPolicy:
		a.Policies = replace(a.Policies, idx, asPtr[ManagedPolicy](c.After))
	case KindInstanceProfile:
		a.InstanceProfiles = replace(a.InstanceProfiles, idx, asPtr[InstanceProfile](c.After))
	}
}

func (a *Account) index(kind EntityKind, key string) int {
	switch kind {
	case KindUser:
		return indexOf(a.Users, kind, key)
	case KindGroup:
		return indexOf(a.Groups, kind, key)
	case KindRole:
		return indexOf(a.Roles, kind, key)
	case KindPolicy:
		return indexOf(a.Policies, kind, key)
	case KindInstanceProfile:
		return indexOf(a.InstanceProfiles, kind, key)
	}
	return -1
}

func indexOf[T any](items []*T, kind EntityKind, key string) int {
	for i, it := range items {
		if Key(kind, it) == key {
			return i
		}
	}
	return -1
}

// replace puts v at idx, appends it when idx < 0, or removes idx when v is
// nil. It returns a new slice so that readers of the old one (a compiled
// evaluator, a rendered view) never see a half-applied change.
func replace[T any](items []*T, idx int, v *T) []*T {
	out := make([]*T, 0, len(items)+1)
	switch {
	case idx < 0:
		out = append(append(out, items...), v)
	case v == nil:
		out = append(append(out, items[:idx]...), items[idx+1:]...)
	default:
		out = append(out, items...)
		out[idx] = v
	}
	return out
}

func asPtr[T any](v any) *T {
	p, _ := v.(*T)
	return p
}

// isNil reports whether an entity slot is empty, including a typed nil
// pointer stored in the interface.
func isNil(v any) bool {
	switch e := v.(type) {
	case nil:
		return true
	case *User:
		return e == nil
	case *Group:
		return e == nil
	case *Role:
		return e == nil
	case *ManagedPolicy:
		return e == nil
	case *InstanceProfile:
		return e == nil
	}
	return false
}

// Clone returns a copy of the user that shares nothing mutable with it
// (policy documents are immutable and shared).
func (u *User) Clone() *User {
	c := *u
	c.Groups = append([]string(nil), u.Groups...)
	c.InlinePolicies = append([]InlinePolicy(nil), u.InlinePolicies...)
	c.AttachedPolicies = append([]string(nil), u.AttachedPolicies...)
	c.Tags = append([]Tag(nil), u.Tags...)
	return &c
}

// Clone returns a copy of the group that shares nothing mutable with it.
func (g *Group) Clone() *Group {
	c := *g
	c.InlinePolicies = append([]InlinePolicy(nil), g.InlinePolicies...)
	c.AttachedPolicies = append([]string(nil), g.AttachedPolicies...)
	return &c
}

// Clone returns a copy of the role that shares nothing mutable with it.
func (r *Role) Clone() *Role {
	c := *r
	c.InlinePolicies = append([]InlinePolicy(nil), r.InlinePolicies...)
	c.AttachedPolicies = append([]string(nil), r.AttachedPolicies...)
	c.Tags = append([]Tag(nil), r.Tags...)
	c.InstanceProfiles = make([]*InstanceProfile, len(r.InstanceProfiles))
	for i, ip := range r.InstanceProfiles {
		c.InstanceProfiles[i] = ip.Clone()
	}
	return &c
}

// Clone returns a copy of the managed policy that shares nothing mutable
// with it.
func (p *ManagedPolicy) Clone() *ManagedPolicy {
	c := *p
	c.Versions = make([]*PolicyVersion, len(p.Versions))
	for i, v := range p.Versions {
		vc := *v
		c.Versions[i] = &vc
	}
	c.Tags = append([]Tag(nil), p.Tags...)
	return &c
}

// Clone returns a copy of the instance profile.
func (ip *InstanceProfile) Clone() *InstanceProfile {
	c := *ip
	c.Roles = append([]string(nil), ip.Roles...)
	c.Tags = append([]Tag(nil), ip.Tags...)
	return &c
}
