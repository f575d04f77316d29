package ui

import (
	"context"

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

func (s dbStore) Apply(ctx context.Context, cs model.ChangeSet) error {
	_, err := s.db.Apply(ctx, cs)
	return err
}

func (s dbStore) Undo(ctx context.Context) (Undone, error) {
	r, err := s.db.Undo(ctx)
	if err != nil {
		return Undone{}, err
	}
	return Undone{Summary: r.Undid.Summary, ChangeSet: r.ChangeSet}, nil
}

func (s dbStore) PutResourcePolicy(ctx context.Context, rp *model.ResourcePolicy) error {
	return s.db.PutResourcePolicy(ctx, rp)
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
