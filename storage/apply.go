package storage

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"iamtui/model"
)

// Apply stores a change set in one transaction. Each Change.Before must
// equal what is stored (nil: the entity must not exist), or the change set
// was computed from a stale copy: ErrConflict, and nothing is written. The
// accounts the change set touches must still obey AWS's rules afterwards.
// Only the changed entities are written; the journal gets before and after
// snapshots of each.
func (db *DB) Apply(ctx context.Context, cs model.ChangeSet) (JournalEntry, error) {
	if db.readOnly {
		return JournalEntry{}, ErrReadOnly
	}
	var e JournalEntry
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		var err error
		e, err = applyTx(ctx, tx, cs, 0)
		return err
	})
	if err != nil {
		return JournalEntry{}, fmt.Errorf("apply %s: %w", cs.Op, err)
	}
	return e, nil
}

// kindOrder is the order in which entities are written: what is referred
// to before what refers to it. Deletions go in the reverse order.
var kindOrder = map[model.EntityKind]int{
	model.KindPolicy: 0, model.KindGroup: 1, model.KindRole: 2, model.KindInstanceProfile: 3, model.KindUser: 4,
}

// storedEntity finds the entity of a kind by key in an account; nil if
// absent.
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
	case model.KindInstanceProfile:
		for _, ip := range a.InstanceProfiles {
			if strings.EqualFold(ip.Name, key) {
				return ip
			}
		}
	}
	return nil
}

func isNilEntity(e any) bool {
	switch x := e.(type) {
	case nil:
		return true
	case *model.User:
		return x == nil
	case *model.Group:
		return x == nil
	case *model.Role:
		return x == nil
	case *model.ManagedPolicy:
		return x == nil
	case *model.InstanceProfile:
		return x == nil
	}
	return false
}

func applyTx(ctx context.Context, tx *sql.Tx, cs model.ChangeSet, undoes int64) (JournalEntry, error) {
	if len(cs.Changes) == 0 {
		return JournalEntry{}, errors.New("the change set is empty")
	}
	type target struct{ account, kind, key string }
	seen := map[target]bool{}
	accounts := map[string]*model.Account{}
	var ids []string
	for i, c := range cs.Changes {
		if _, ok := kindOrder[c.Kind]; !ok {
			return JournalEntry{}, fmt.Errorf("change %d: unknown entity kind %q", i, c.Kind)
		}
		if isNilEntity(c.Before) && isNilEntity(c.After) {
			return JournalEntry{}, fmt.Errorf("change %d: %s change has neither before nor after", i, c.Kind)
		}
		for _, e := range []any{c.Before, c.After} {
			if !isNilEntity(e) && model.Key(c.Kind, e) == "" {
				return JournalEntry{}, fmt.Errorf("change %d: %s change holds a %T", i, c.Kind, e)
			}
		}
		t := target{c.Account, string(c.Kind), c.EntityKey()}
		if seen[t] {
			return JournalEntry{}, fmt.Errorf("change %d: the change set changes %s %s twice", i, c.Kind, t.key)
		}
		seen[t] = true
		if _, ok := accounts[c.Account]; !ok {
			accounts[c.Account] = nil
			ids = append(ids, c.Account)
		}
	}
	sort.Strings(ids)

	// The accounts as stored, with documents as text only: enough to
	// compare with Before and to validate, and far cheaper than a parse.
	world := &model.World{}
	for _, id := range ids {
		a, err := loadAccount(ctx, tx, id, newDocSet(true))
		if errors.Is(err, ErrNotFound) {
			return JournalEntry{}, fmt.Errorf("account %s is not in the database (%w)", id, ErrConflict)
		}
		if err != nil {
			return JournalEntry{}, err
		}
		accounts[id] = a
		world.Accounts = append(world.Accounts, a)
	}

	befores := make([]snapChange, len(cs.Changes))
	afters := make([]snapChange, len(cs.Changes))
	for i, c := range cs.Changes {
		key := c.EntityKey()
		stored := storedEntity(accounts[c.Account], c.Kind, key)
		before, err := snapOfEntity(c.Kind, c.Before)
		if err != nil {
			return JournalEntry{}, err
		}
		after, err := snapOfEntity(c.Kind, c.After)
		if err != nil {
			return JournalEntry{}, err
		}
		switch {
		case isNilEntity(c.Before) && stored != nil:
			return JournalEntry{}, fmt.Errorf("%s %s already exists: %w", c.Kind, key, ErrConflict)
		case !isNilEntity(c.Before) && stored == nil:
			return JournalEntry{}, fmt.Errorf("%s %s is no longer there: %w", c.Kind, key, ErrConflict)
		case stored != nil:
			now, err := snapOfEntity(c.Kind, stored)
			if err != nil {
				return JournalEntry{}, err
			}
			if !bytes.Equal(now, before) {
				return JournalEntry{}, fmt.Errorf("%s %s differs from the copy the change was made from: %w", c.Kind, key, ErrConflict)
			}
		}
		befores[i] = snapChange{Account: c.Account, Kind: c.Kind, Key: key, Entity: before}
		afters[i] = snapChange{Account: c.Account, Kind: c.Kind, Key: model.Key(c.Kind, c.After), Entity: after}
		if afters[i].Key == "" {
			afters[i].Key = key
		}
	}
	if err := world.Apply(cs); err != nil {
		return JournalEntry{}, err
	}
	for _, id := range ids {
		if _, err := model.Validate(accounts[id]); err != nil {
			return JournalEntry{}, fmt.Errorf("account %s after the change: %w", id, err)
		}
	}

	for _, id := range ids {
		if err := writeChanges(ctx, tx, id, cs.Changes); err != nil {
			return JournalEntry{}, err
		}
	}

	j := journalRow{kind: "changeset", account: strings.Join(ids, ","), operation: cs.Op, summary: cs.Summary, undoes: undoes}
	var err error
	if j.before, err = json.Marshal(befores); err != nil {
		return JournalEntry{}, err
	}
	if j.after, err = json.Marshal(afters); err != nil {
		return JournalEntry{}, err
	}
	return insertJournal(ctx, tx, j)
}

// writeChanges writes one account's part of a validated change set:
// modified rows are updated in place and created rows inserted, in
// dependency order; then their lists are rewritten; deletions come last,
// in reverse dependency order, once nothing refers to the rows any more.
func writeChanges(ctx context.Context, tx *sql.Tx, account string, changes []model.Change) error {
	w := newWriter(ctx, tx, account)
	defer w.close()
	var mine []model.Change
	for _, c := range changes {
		if c.Account == account {
			mine = append(mine, c)
		}
	}
	// Modifications before creations: a rename frees its old name for a
	// creation in the same change set.
	sort.SliceStable(mine, func(i, j int) bool {
		ci, cj := mine[i], mine[j]
		if kindOrder[ci.Kind] != kindOrder[cj.Kind] {
			return kindOrder[ci.Kind] < kindOrder[cj.Kind]
		}
		return !isNilEntity(ci.Before) && isNilEntity(cj.Before)
	})
	pks := make([]int64, len(mine))
	for i, c := range mine {
		if !isNilEntity(c.Before) {
			pk, err := w.entityPK(c.Kind, model.Key(c.Kind, c.Before))
			if err != nil {
				return err
			}
			pks[i] = pk
		}
	}
	for i, c := range mine {
		if isNilEntity(c.After) {
			continue
		}
		var err error
		switch e := c.After.(type) {
		case *model.ManagedPolicy:
			pks[i], err = w.putPolicy(pks[i], e)
		case *model.Group:
			pks[i], err = w.putGroup(pks[i], e)
		case *model.Role:
			pks[i], err = w.putRole(pks[i], e)
		case *model.InstanceProfile:
			pks[i], err = w.putProfile(pks[i], 0, e)
		case *model.User:
			pks[i], err = w.putUser(pks[i], e)
		}
		if err != nil {
			return fmt.Errorf("write %s %s: %w", c.Kind, model.Key(c.Kind, c.After), err)
		}
	}
	for i, c := range mine {
		if isNilEntity(c.After) {
			continue
		}
		replace := !isNilEntity(c.Before)
		var err error
		switch e := c.After.(type) {
		case *model.Group:
			err = w.groupChildren(pks[i], e, replace)
		case *model.Role:
			err = w.roleChildren(pks[i], e, replace)
		case *model.User:
			err = w.userChildren(pks[i], e, replace)
		}
		if err != nil {
			return fmt.Errorf("write %s %s: %w", c.Kind, model.Key(c.Kind, c.After), err)
		}
	}
	for i := len(mine) - 1; i >= 0; i-- {
		c := mine[i]
		if !isNilEntity(c.After) {
			continue
		}
		if _, err := w.exec("DELETE FROM "+kindTable[c.Kind]+" WHERE pk = ?", pks[i]); err != nil {
			return fmt.Errorf("delete %s %s: %w", c.Kind, c.EntityKey(), err)
		}
	}
	return nil
}

var kindTable = map[model.EntityKind]string{
	model.KindUser: "users", model.KindGroup: "groups", model.KindRole: "roles",
	model.KindPolicy: "managed_policies", model.KindInstanceProfile: "instance_profiles",
}

// entityPK finds the row of an entity that the change set found stored.
func (w *writer) entityPK(kind model.EntityKind, key string) (int64, error) {
	var (
		pk  int64
		err error
	)
	switch kind {
	case model.KindPolicy:
		pk, err = w.lookup(`SELECT pk FROM managed_policies WHERE account_id = ? AND arn = ?`, w.account, key)
	case model.KindInstanceProfile:
		pk, err = w.lookup(`SELECT pk FROM instance_profiles WHERE account_id = ? AND name_key = ? AND role_pk IS NULL`, w.account, key)
	default:
		pk, err = w.lookup(`SELECT pk FROM `+kindTable[kind]+` WHERE account_id = ? AND name_key = ?`, w.account, key)
	}
	if err == nil && pk == 0 {
		err = fmt.Errorf("%s %s is not stored", kind, key)
	}
	return pk, err
}

// UndoResult says what Undo did.
type UndoResult struct {
	// Entry is the journal entry of the undo itself.
	Entry JournalEntry
	// Undid is the entry that was undone (its UndoneBy now set).
	Undid JournalEntry
	// ChangeSet is the inverse change set that was applied when the undone
	// entry was a change set; nil for imports, account deletions, resource
	// policies and organization changes, after which callers reload.
	ChangeSet *model.ChangeSet
}

// Undo undoes the newest journal entry that is not an undo and has not been
// undone, in one transaction, and journals the undo. Repeated calls walk
// back through the history. A change set's inverse is checked like any
// change set: ErrConflict if the entities changed since.
func (db *DB) Undo(ctx context.Context) (UndoResult, error) {
	if db.readOnly {
		return UndoResult{}, ErrReadOnly
	}
	var res UndoResult
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		var (
			kind     string
			snapshot []byte
		)
		row := tx.QueryRowContext(ctx, `SELECT kind, snapshot, `+journalColumns+` FROM journal
			WHERE undone_by IS NULL AND undoes IS NULL ORDER BY id DESC LIMIT 1`)
		target, err := scanJournal(scanPrefix{row, []any{&kind, &snapshot}})
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNothingToUndo
		}
		if err != nil {
			return err
		}
		res.Undid = target
		j := journalRow{
			kind: kind, account: target.Account, operation: "undo:" + target.Operation,
			summary: "undo: " + target.Summary, undoes: target.ID,
			before: target.After, after: target.Before,
		}
		switch kind {
		case "changeset":
			cs, err := changeSetOf(target)
			if err != nil {
				return err
			}
			inv := cs.Inverse()
			if res.Entry, err = applyTx(ctx, tx, inv, target.ID); err != nil {
				return err
			}
			res.ChangeSet = &inv
		case "account":
			var (
				acct     *model.Account
				source   string
				imported time.Time
			)
			if snapshot != nil {
				if acct, source, imported, err = readSnapshot(snapshot); err != nil {
					return err
				}
				if _, err := model.Validate(acct); err != nil {
					return fmt.Errorf("the account before entry %d: %w", target.ID, err)
				}
			}
			j.before, j.after = nil, nil
			if res.Entry, err = replaceAccountTx(ctx, tx, target.Account, acct, source, imported, j); err != nil {
				return err
			}
		case "resource-policy":
			if res.Entry, err = undoResourcePolicy(ctx, tx, target, j); err != nil {
				return err
			}
		case "org-node", "org-policy":
			if res.Entry, err = undoOrg(ctx, tx, kind, target, j); err != nil {
				return err
			}
		default:
			return fmt.Errorf("journal entry %d has unknown kind %q", target.ID, kind)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE journal SET undone_by = ? WHERE id = ?`, res.Entry.ID, target.ID); err != nil {
			return fmt.Errorf("mark entry %d undone: %w", target.ID, err)
		}
		res.Undid.UndoneBy = res.Entry.ID
		return nil
	})
	if err != nil {
		if errors.Is(err, ErrNothingToUndo) {
			return UndoResult{}, err
		}
		return UndoResult{}, fmt.Errorf("undo: %w", err)
	}
	return res, nil
}

// scanPrefix scans some leading columns into extra destinations.
type scanPrefix struct {
	row   *sql.Row
	extra []any
}

func (s scanPrefix) Scan(dest ...any) error { return s.row.Scan(append(s.extra, dest...)...) }

// changeSetOf rebuilds a journaled change set from its snapshots.
func changeSetOf(e JournalEntry) (model.ChangeSet, error) {
	var befores, afters []snapChange
	if err := json.Unmarshal(e.Before, &befores); err != nil {
		return model.ChangeSet{}, fmt.Errorf("journal entry %d: before: %w", e.ID, err)
	}
	if err := json.Unmarshal(e.After, &afters); err != nil {
		return model.ChangeSet{}, fmt.Errorf("journal entry %d: after: %w", e.ID, err)
	}
	if len(befores) != len(afters) {
		return model.ChangeSet{}, fmt.Errorf("journal entry %d: %d befores but %d afters", e.ID, len(befores), len(afters))
	}
	cs := model.ChangeSet{Op: e.Operation, Summary: e.Summary, Changes: make([]model.Change, len(befores))}
	ds := newDocSet(false)
	for i, b := range befores {
		before, err := entityOfSnap(b.Account, b.Kind, b.Entity, ds)
		if err != nil {
			ds.abandon()
			return model.ChangeSet{}, fmt.Errorf("journal entry %d: %w", e.ID, err)
		}
		after, err := entityOfSnap(b.Account, b.Kind, afters[i].Entity, ds)
		if err != nil {
			ds.abandon()
			return model.ChangeSet{}, fmt.Errorf("journal entry %d: %w", e.ID, err)
		}
		cs.Changes[i] = model.Change{Account: b.Account, Kind: b.Kind, Before: before, After: after}
	}
	if err := ds.wait(); err != nil {
		return model.ChangeSet{}, fmt.Errorf("journal entry %d: %w", e.ID, err)
	}
	return cs, nil
}
