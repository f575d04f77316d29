package storage

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"iamtui/model"
	"iamtui/model/policy"
)

func moveUser(t *testing.T, db *DB, a *model.Account, i int, path string) JournalEntry {
	t.Helper()
	before := a.Users[i]
	u := before.Clone()
	u.Path = path
	u.ARN = model.UserARN(a.ID, path, u.Name)
	e, err := db.Apply(context.Background(), model.ChangeSet{Op: "move-user", Summary: "moved " + u.Name,
		Changes: []model.Change{{Account: a.ID, Kind: model.KindUser, Before: before, After: u}}})
	if err != nil {
		t.Fatal(err)
	}
	a.Users[i] = u
	return e
}

func TestNextUndoNamesWhatUndoWouldUndo(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	if _, err := db.NextUndo(ctx); !errors.Is(err, ErrNothingToUndo) {
		t.Fatalf("empty journal: %v", err)
	}
	a := smallAccount(t)
	if err := db.ReplaceAccount(ctx, a, "small.json"); err != nil {
		t.Fatal(err)
	}
	e, err := db.NextUndo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if e.Operation != "import" || e.Account != a.ID || e.Before != nil || len(e.After) == 0 {
		t.Errorf("next undo after an import: %+v", e)
	}
	moved := moveUser(t, db, a, 0, "/moved/")
	if e, _ = db.NextUndo(ctx); e.ID != moved.ID {
		t.Errorf("next undo is %d, want the change %d", e.ID, moved.ID)
	}
	// NextUndo changes nothing: Undo still undoes that entry.
	res, err := db.Undo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if res.Undid.ID != moved.ID {
		t.Errorf("Undo undid %d, want %d", res.Undid.ID, moved.ID)
	}
	// An undo is not undoable: the import is next again.
	if e, _ = db.NextUndo(ctx); e.Operation != "import" {
		t.Errorf("after the undo, next is %q", e.Operation)
	}

	ro, err := Open(db.Path(), Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if e, err := ro.NextUndo(ctx); err != nil || e.Operation != "import" {
		t.Errorf("read-only NextUndo: %+v, %v", e, err)
	}
	if _, err := ro.UndoEntry(ctx, e.ID); !errors.Is(err, ErrReadOnly) {
		t.Errorf("read-only UndoEntry: %v", err)
	}
}

func TestUndoEntryUndoesOnlyTheEntryNamed(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name    string
		setup   func(t *testing.T, db, other *DB, a *model.Account) int64 // returns the id to undo
		wantErr error
		check   func(t *testing.T, db *DB, a *model.Account)
	}{
		{
			name: "the newest entry is undone",
			setup: func(t *testing.T, db, _ *DB, a *model.Account) int64 {
				return moveUser(t, db, a, 0, "/moved/").ID
			},
			check: func(t *testing.T, db *DB, a *model.Account) {
				got, _ := db.LoadAccount(ctx, a.ID)
				if got.User("alice").Path != "/" {
					t.Errorf("alice's path is %q after the undo", got.User("alice").Path)
				}
			},
		},
		{
			name: "another process changed something since: conflict",
			setup: func(t *testing.T, db, other *DB, a *model.Account) int64 {
				mine := moveUser(t, db, a, 0, "/moved/").ID
				moveUser(t, other, a, 1, "/elsewhere/")
				return mine
			},
			wantErr: ErrConflict,
			check: func(t *testing.T, db *DB, a *model.Account) {
				got, _ := db.LoadAccount(ctx, a.ID)
				if got.User("alice").Path != "/moved/" || got.User("bob").Path != "/elsewhere/" {
					t.Errorf("a refused undo changed the account: alice %q, bob %q", got.User("alice").Path, got.User("bob").Path)
				}
			},
		},
		{
			name: "an entry already undone: conflict",
			setup: func(t *testing.T, db, other *DB, a *model.Account) int64 {
				mine := moveUser(t, db, a, 0, "/moved/").ID
				if _, err := other.Undo(ctx); err != nil {
					t.Fatal(err)
				}
				return mine
			},
			wantErr: ErrConflict,
		},
		{
			name: "the import itself, when asked by id",
			setup: func(t *testing.T, db, _ *DB, a *model.Account) int64 {
				e, err := db.NextUndo(ctx)
				if err != nil {
					t.Fatal(err)
				}
				return e.ID
			},
			check: func(t *testing.T, db *DB, a *model.Account) {
				if _, err := db.LoadAccount(ctx, a.ID); !errors.Is(err, ErrNotFound) {
					t.Errorf("the account is still there after undoing its import: %v", err)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "iam.db")
			db, err := Open(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			other, err := Open(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer other.Close()
			a := smallAccount(t)
			if err := db.ReplaceAccount(ctx, a, "small"); err != nil {
				t.Fatal(err)
			}
			id := tt.setup(t, db, other, a)
			res, err := db.UndoEntry(ctx, id)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("UndoEntry(%d) = %v, want %v", id, err, tt.wantErr)
				}
			} else {
				if err != nil {
					t.Fatal(err)
				}
				if res.Undid.ID != id || res.Undid.UndoneBy != res.Entry.ID || res.Entry.Undoes != id {
					t.Errorf("result %+v for entry %d", res, id)
				}
			}
			if tt.check != nil {
				tt.check(t, db, a)
			}
		})
	}
	db := openTemp(t)
	if _, err := db.UndoEntry(ctx, 1); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("empty journal: %v", err)
	}
}

func TestPutResourcePolicyIf(t *testing.T) {
	ctx := context.Background()
	const arn = "arn:aws:s3:::menu"
	text := func(rp *model.ResourcePolicy) *string { s := rp.Document.Text; return &s }
	mine := bucketPolicy(t, arn, testAccount)
	theirs := &model.ResourcePolicy{ResourceARN: arn, AccountID: testAccount, Document: mustParse(t,
		`{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::menu/*"}]}`, policy.Resource)}
	tests := []struct {
		name     string
		stored   *model.ResourcePolicy // before the put; nil: none
		before   *string
		conflict bool
	}{
		{name: "new, none stored", before: nil},
		{name: "new, but one was stored meanwhile", stored: theirs, before: nil, conflict: true},
		{name: "unchanged since read", stored: theirs, before: text(theirs)},
		{name: "changed meanwhile", stored: theirs, before: text(mine), conflict: true},
		{name: "deleted meanwhile", before: text(theirs), conflict: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := openTemp(t)
			if tt.stored != nil {
				if err := db.PutResourcePolicy(ctx, tt.stored); err != nil {
					t.Fatal(err)
				}
			}
			journal, _ := db.Journal(ctx, 0)
			err := db.PutResourcePolicyIf(ctx, mine, tt.before)
			got, _ := db.ResourcePolicy(ctx, arn)
			after, _ := db.Journal(ctx, 0)
			if tt.conflict {
				if !errors.Is(err, ErrConflict) {
					t.Fatalf("err = %v, want a conflict", err)
				}
				if len(after) != len(journal) {
					t.Error("a refused put was journaled")
				}
				if tt.stored != nil && (got == nil || got.Document.Text != tt.stored.Document.Text) {
					t.Error("a refused put changed the stored policy")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got == nil || got.Document.Text != mine.Document.Text {
				t.Errorf("stored %+v", got)
			}
			if len(after) != len(journal)+1 || after[0].Operation != "put-resource-policy" {
				t.Errorf("journal: %+v", after)
			}
		})
	}
}
