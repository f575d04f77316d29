package ui

import (
	"context"
	"encoding/json"

	"iamtui/model"
	"iamtui/storage"
)

// dbStore adapts *storage.DB to the UI's Store.
type dbStore struct{ db *storage.DB }

// NewStore wraps an open database for Run.
func NewStore(db *storage.DB) Store { return dbStore{db} }

func (s dbStore) Path() string   { return s.db.Path() }
func (s dbStore) ReadOnly() bool { return s.db.ReadOnly() }

func (s dbStore) LoadWorld(ctx context.Context) (*model.World, error) { return s.db.LoadWorld(ctx) }

func (s dbStore) Apply(ctx context.Context, cs model.ChangeSet) (int64, error) {
	e, err := s.db.Apply(ctx, cs)
	return e.ID, err
}

func (s dbStore) NextUndo(ctx context.Context) (storage.JournalEntry, error) {
	return s.db.NextUndo(ctx)
}

func (s dbStore) UndoEntry(ctx context.Context, id int64) (Undone, error) {
	r, err := s.db.UndoEntry(ctx, id)
	if err != nil {
		return Undone{}, err
	}
	return Undone{Summary: r.Undid.Summary, ChangeSet: r.ChangeSet}, nil
}

func (s dbStore) PutResourcePolicyIf(ctx context.Context, rp *model.ResourcePolicy, before *string) (int64, error) {
	if err := s.db.PutResourcePolicyIf(ctx, rp, before); err != nil {
		return 0, err
	}
	// The put does not return its journal entry; it is the newest one
	// unless another process wrote in the instant since, which the
	// operation, resource and text tell apart (no match only means u asks
	// before undoing it).
	e, err := s.db.NextUndo(ctx)
	if err != nil || e.Operation != "put-resource-policy" || e.Summary != "stored the policy of "+rp.ResourceARN {
		return 0, nil
	}
	var after struct{ Document string }
	if json.Unmarshal(e.After, &after) != nil || after.Document != rp.Document.Text {
		return 0, nil
	}
	return e.ID, nil
}

func (s dbStore) DataVersion(ctx context.Context) (int64, error) { return s.db.DataVersion(ctx) }

func (s dbStore) SaveDraft(ctx context.Context, d Draft) error {
	return s.db.SaveDraft(ctx, storage.Draft(d))
}

func (s dbStore) Drafts(ctx context.Context) ([]Draft, error) {
	ds, err := s.db.Drafts(ctx)
	out := make([]Draft, len(ds))
	for i, d := range ds {
		out[i] = Draft(d)
	}
	return out, err
}

func (s dbStore) DeleteDraft(ctx context.Context, key string) error {
	return s.db.DeleteDraft(ctx, key)
}
