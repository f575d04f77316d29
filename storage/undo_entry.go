package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"iamtui/model"
)

// newestUndoable selects the entry Undo would undo: the newest one that is
// not an undo and has not been undone.
const newestUndoable = `SELECT kind, snapshot, ` + journalColumns + ` FROM journal
	WHERE undone_by IS NULL AND undoes IS NULL ORDER BY id DESC LIMIT 1`

// NextUndo returns the entry Undo would undo now, without undoing it, so a
// caller can say what an undo would do (and ask) before doing it:
// ErrNothingToUndo when there is none. It writes nothing, so a read-only
// database answers too.
func (db *DB) NextUndo(ctx context.Context) (JournalEntry, error) {
	var e JournalEntry
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		var (
			kind     string
			snapshot []byte
			err      error
		)
		e, err = scanJournal(scanPrefix{tx.QueryRowContext(ctx, newestUndoable), []any{&kind, &snapshot}})
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNothingToUndo
		}
		return err
	})
	if err != nil {
		if errors.Is(err, ErrNothingToUndo) {
			return JournalEntry{}, err
		}
		return JournalEntry{}, fmt.Errorf("next undo: %w", err)
	}
	return e, nil
}

// UndoEntry undoes exactly the journal entry id, as Undo would, provided it
// is still the newest undoable entry: when another process has journaled
// (or undone) something since the caller looked with NextUndo, it returns
// ErrConflict and changes nothing, so an undo never reverts a change the
// caller did not see. ErrNothingToUndo when nothing is left to undo.
func (db *DB) UndoEntry(ctx context.Context, id int64) (UndoResult, error) {
	if db.readOnly {
		return UndoResult{}, ErrReadOnly
	}
	var res UndoResult
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		var (
			kind     string
			snapshot []byte
		)
		target, err := scanJournal(scanPrefix{tx.QueryRowContext(ctx, newestUndoable), []any{&kind, &snapshot}})
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNothingToUndo
		}
		if err != nil {
			return err
		}
		if target.ID != id {
			return fmt.Errorf("entry %d is no longer the newest change: entry %d (%s) is (%w)", id, target.ID, target.Summary, ErrConflict)
		}
		res, err = undoTargetTx(ctx, tx, kind, snapshot, target)
		return err
	})
	if err != nil {
		if errors.Is(err, ErrNothingToUndo) {
			return UndoResult{}, err
		}
		return UndoResult{}, fmt.Errorf("undo entry %d: %w", id, err)
	}
	return res, nil
}

// undoTargetTx undoes one journal entry inside tx and marks it undone; it
// is Undo's body for an entry already chosen.
func undoTargetTx(ctx context.Context, tx *sql.Tx, kind string, snapshot []byte, target JournalEntry) (UndoResult, error) {
	res := UndoResult{Undid: target}
	j := journalRow{
		kind: kind, account: target.Account, operation: "undo:" + target.Operation,
		summary: "undo: " + target.Summary, undoes: target.ID,
		before: target.After, after: target.Before,
	}
	var err error
	switch kind {
	case "changeset":
		cs, err := changeSetOf(target)
		if err != nil {
			return res, err
		}
		inv := cs.Inverse()
		if res.Entry, err = applyTx(ctx, tx, inv, target.ID); err != nil {
			return res, err
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
				return res, err
			}
			if _, err := model.Validate(acct); err != nil {
				return res, fmt.Errorf("the account before entry %d: %w", target.ID, err)
			}
		}
		j.before, j.after = nil, nil
		if res.Entry, err = replaceAccountTx(ctx, tx, target.Account, acct, source, imported, j); err != nil {
			return res, err
		}
	case "resource-policy":
		if res.Entry, err = undoResourcePolicy(ctx, tx, target, j); err != nil {
			return res, err
		}
	case "org-node", "org-policy":
		if res.Entry, err = undoOrg(ctx, tx, kind, target, j); err != nil {
			return res, err
		}
	default:
		return res, fmt.Errorf("journal entry %d has unknown kind %q", target.ID, kind)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE journal SET undone_by = ? WHERE id = ?`, res.Entry.ID, target.ID); err != nil {
		return res, fmt.Errorf("mark entry %d undone: %w", target.ID, err)
	}
	res.Undid.UndoneBy = res.Entry.ID
	return res, nil
}
