package ui

import (
	"context"
	"time"

	"iamtui/model"
	"iamtui/storage"
)

// Store is what the UI needs of the database. *storage.DB satisfies it
// through dbStore; tests use an in-memory fake, so every view is tested
// without SQLite.
type Store interface {
	// Path names the database in the status bar.
	Path() string
	ReadOnly() bool
	LoadWorld(ctx context.Context) (*model.World, error)
	// Apply commits one change set (one journal entry, one undo step) and
	// returns the entry's id. It fails when the change set's Before no
	// longer matches the file (another process changed it: an error that
	// is storage.ErrConflict), and then the UI reloads.
	Apply(ctx context.Context, cs model.ChangeSet) (int64, error)
	// NextUndo returns the journal entry an undo would undo now, without
	// undoing it (storage.ErrNothingToUndo when none): the UI undoes its
	// own changes at once and asks about anyone else's.
	NextUndo(ctx context.Context) (storage.JournalEntry, error)
	// UndoEntry undoes exactly entry id, provided it is still the newest
	// undoable one (else storage.ErrConflict). ChangeSet is the inverse
	// that was applied, or nil when the undone entry was not a change set
	// (an import), after which the UI reloads.
	UndoEntry(ctx context.Context, id int64) (Undone, error)
	// PutResourcePolicyIf stores a resource policy if the stored one is
	// still before (nil: none), else storage.ErrConflict; it returns the
	// journal entry's id (0 when unknown).
	PutResourcePolicyIf(ctx context.Context, rp *model.ResourcePolicy, before *string) (int64, error)
	// DataVersion changes when another process commits to the file.
	DataVersion(ctx context.Context) (int64, error)
	SaveDraft(ctx context.Context, d Draft) error
	Drafts(ctx context.Context) ([]Draft, error)
	DeleteDraft(ctx context.Context, key string) error
}

// Undone describes an undo.
type Undone struct {
	Summary   string
	ChangeSet *model.ChangeSet
}

// Draft is unsaved editor text that survives a crash.
type Draft struct {
	Key     string // "inline:111122223333:user:alice:Policy1"
	Title   string
	Text    string
	Updated time.Time
}
