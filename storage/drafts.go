package storage

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// sortableTime is how drafts store their time: in UTC with every digit of
// the fraction, so that ordering the text orders the times (RFC 3339 with
// trimmed fractions does not: "05Z" sorts after "05.5Z").
const sortableTime = "2006-01-02T15:04:05.000000000Z07:00"

// Draft is editor text that is not saved yet: it survives a crash of the
// editor, and is not journaled (it changes nothing in the model).
type Draft struct {
	Key     string // e.g. "inline:111122223333:user:alice:Policy1"
	Title   string
	Text    string
	Updated time.Time
}

// SaveDraft stores or replaces the draft with d.Key. A zero Updated means
// now.
func (db *DB) SaveDraft(ctx context.Context, d Draft) error {
	if db.readOnly {
		return ErrReadOnly
	}
	if d.Key == "" {
		return errors.New("save draft: no key")
	}
	if d.Updated.IsZero() {
		d.Updated = time.Now().UTC()
	}
	_, err := db.w.ExecContext(ctx, `INSERT INTO drafts (key, title, text, updated) VALUES (?, ?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET title = excluded.title, text = excluded.text, updated = excluded.updated`,
		d.Key, d.Title, d.Text, d.Updated.UTC().Format(sortableTime))
	if err != nil {
		return fmt.Errorf("save draft %s: %w", d.Key, err)
	}
	db.ownCommit()
	return nil
}

// Drafts returns every draft, most recently updated first.
func (db *DB) Drafts(ctx context.Context) ([]Draft, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT key, title, text, updated FROM drafts ORDER BY updated DESC, key`)
	if err != nil {
		return nil, fmt.Errorf("drafts: %w", err)
	}
	defer rows.Close()
	var out []Draft
	for rows.Next() {
		var d Draft
		var upd string
		if err := rows.Scan(&d.Key, &d.Title, &d.Text, &upd); err != nil {
			return nil, fmt.Errorf("drafts: %w", err)
		}
		if d.Updated, err = parseTime(upd); err != nil {
			return nil, fmt.Errorf("draft %s: %w", d.Key, err)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("drafts: %w", err)
	}
	return out, nil
}

// DeleteDraft removes a draft; deleting one that is not there is not an
// error (the editor deletes its draft on every save).
func (db *DB) DeleteDraft(ctx context.Context, key string) error {
	if db.readOnly {
		return ErrReadOnly
	}
	if _, err := db.w.ExecContext(ctx, `DELETE FROM drafts WHERE key = ?`, key); err != nil {
		return fmt.Errorf("delete draft %s: %w", key, err)
	}
	db.ownCommit()
	return nil
}
