package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// JournalEntry is one change in the journal. Before and After are JSON
// snapshots whose shape depends on Operation:
//
//   - a change set (Operation is its Op): a list of
//     {"Account", "Kind", "Key", "Entity"} in the change set's order, Entity
//     being the user/group/role/policy/instance-profile snapshot (model
//     field names; documents as their text; dates RFC 3339) or null;
//   - "import" and "delete-account": a summary {"Account", "Source",
//     "Users", "Groups", "Roles", "Policies", "InstanceProfiles",
//     "Snapshot"}, null where there was no account; the whole replaced
//     account is in JournalSnapshot;
//   - "put-resource-policy", "delete-resource-policy": {"ResourceARN",
//     "AccountID", "Kind", "Document", "UpdateDate"} or null;
//   - "put-org-node", "delete-org-node": {"ID", "ParentID", "Name",
//     "Policies"} or null; "put-org-policy", "delete-org-policy":
//     {"Name", "Kind", "TargetID", "Document"} or null;
//   - an undo ("undo:" + the undone operation): the undone entry's After as
//     its Before and its Before as its After.
type JournalEntry struct {
	ID        int64
	Time      time.Time
	Account   string
	Operation string
	Summary   string
	Before    json.RawMessage
	After     json.RawMessage
	// Undoes is the entry this one undid (0 if it is not an undo).
	Undoes int64
	// UndoneBy is the entry that undid this one (0 if none).
	UndoneBy int64
}

// journalRow is what a change writes to the journal.
type journalRow struct {
	kind                        string // the journal table's kind column
	account, operation, summary string
	before, after               []byte // JSON, nil for SQL NULL
	snapshot                    []byte // gzip JSON of a replaced account
	undoes                      int64
}

func nullJSON(b []byte) any {
	if b == nil {
		return nil
	}
	return string(b)
}

func insertJournal(ctx context.Context, tx *sql.Tx, j journalRow) (JournalEntry, error) {
	now := time.Now().UTC()
	var undoes any
	if j.undoes != 0 {
		undoes = j.undoes
	}
	var snapshot any
	if j.snapshot != nil {
		snapshot = j.snapshot
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO journal (time, kind, account, operation, summary, before, after, snapshot, undoes)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, fmtTime(now), j.kind, j.account, j.operation, j.summary,
		nullJSON(j.before), nullJSON(j.after), snapshot, undoes)
	if err != nil {
		return JournalEntry{}, fmt.Errorf("journal: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return JournalEntry{}, fmt.Errorf("journal: %w", err)
	}
	return JournalEntry{
		ID: id, Time: now, Account: j.account, Operation: j.operation, Summary: j.summary,
		Before: j.before, After: j.after, Undoes: j.undoes,
	}, nil
}

const journalColumns = `id, time, account, operation, summary, before, after, coalesce(undoes, 0), coalesce(undone_by, 0)`

func scanJournal(row interface{ Scan(...any) error }) (JournalEntry, error) {
	var (
		e             JournalEntry
		t             string
		before, after sql.NullString
	)
	if err := row.Scan(&e.ID, &t, &e.Account, &e.Operation, &e.Summary, &before, &after, &e.Undoes, &e.UndoneBy); err != nil {
		return e, err
	}
	var err error
	if e.Time, err = parseTime(t); err != nil {
		return e, fmt.Errorf("journal entry %d: %w", e.ID, err)
	}
	if before.Valid {
		e.Before = json.RawMessage(before.String)
	}
	if after.Valid {
		e.After = json.RawMessage(after.String)
	}
	return e, nil
}

// Journal returns up to limit entries, newest first (limit <= 0: all).
func (db *DB) Journal(ctx context.Context, limit int) ([]JournalEntry, error) {
	if limit <= 0 {
		limit = -1
	}
	rows, err := db.r.QueryContext(ctx, `SELECT `+journalColumns+` FROM journal ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	defer rows.Close()
	var out []JournalEntry
	for rows.Next() {
		e, err := scanJournal(rows)
		if err != nil {
			return nil, fmt.Errorf("journal: %w", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	return out, nil
}

// JournalSnapshot returns the whole account that an import or an account
// deletion replaced, as JSON (the snapshot shape of JournalEntry, for a
// whole account: {"ID", "Alias", "Truncated", "Source", "ImportedAt",
// "Users", "Groups", "Roles", "Policies", "InstanceProfiles"}).
// ErrNotFound if the entry does not exist or holds no snapshot.
func (db *DB) JournalSnapshot(ctx context.Context, id int64) (json.RawMessage, error) {
	var gz []byte
	err := db.r.QueryRowContext(ctx, `SELECT snapshot FROM journal WHERE id = ? AND snapshot IS NOT NULL`, id).Scan(&gz)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("journal entry %d snapshot: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("journal entry %d snapshot: %w", id, err)
	}
	raw, err := decompress(gz)
	if err != nil {
		return nil, fmt.Errorf("journal entry %d snapshot: %w", id, err)
	}
	return raw, nil
}
