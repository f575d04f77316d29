package storage

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"iamtui/model"
)

func TestOpenCreatesTheSchemaAndReopens(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "new.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var appID, version, ps int64
	var mode, fk string
	for q, dst := range map[string]any{
		"PRAGMA application_id": &appID, "PRAGMA user_version": &version, "PRAGMA page_size": &ps,
		"PRAGMA journal_mode": &mode, "PRAGMA foreign_keys": &fk,
	} {
		if err := db.w.QueryRowContext(ctx, q).Scan(dst); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if appID != ApplicationID || version != int64(SchemaVersion()) || version < 1 || ps != pageSize || mode != "wal" || fk != "1" {
		t.Errorf("application_id %#x, user_version %d, page_size %d, journal_mode %s, foreign_keys %s", appID, version, ps, mode, fk)
	}
	if err := db.ReplaceAccount(ctx, genAccount(t, testAccount, sizeSmall, 1), "x"); err != nil {
		t.Fatal(err)
	}
	// The file and its WAL companions are private to the user.
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v, want 0600", filepath.Base(p), st.Mode().Perm())
		}
	}
	before := dump(t, db)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + "-wal"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the WAL is still there after Close: %v", err)
	}
	// Reopening migrates nothing and finds everything.
	db = openAt(t, path, Options{})
	if after := dump(t, db); after != before {
		t.Error("reopening changed the database")
	}
}

func openAt(t *testing.T, path string, opts Options) *DB {
	t.Helper()
	db, err := Open(path, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestMigrationsAreNumberedWithoutGaps(t *testing.T) {
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) == 0 || ms[0].version != 1 {
		t.Fatalf("migrations: %+v", ms)
	}
}

// makeSQLite writes an SQLite file with the given header values and one
// table, as another program would.
func makeSQLite(t *testing.T, path string, appID, version int) {
	t.Helper()
	c, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Exec("CREATE TABLE notes (body TEXT); PRAGMA application_id = " + strconv.Itoa(appID) + "; PRAGMA user_version = " + strconv.Itoa(version)); err != nil {
		t.Fatal(err)
	}
}

func TestOpenRefusesFilesThatAreNotOurs(t *testing.T) {
	tests := []struct {
		name    string
		make    func(t *testing.T, path string)
		wantErr string
	}{
		{"another program's database", func(t *testing.T, p string) { makeSQLite(t, p, 0x12345678, 3) }, "another program's SQLite database"},
		{"a plain SQLite database", func(t *testing.T, p string) { makeSQLite(t, p, 0, 0) }, "another program's SQLite database"},
		{"a newer iamtui", func(t *testing.T, p string) { makeSQLite(t, p, ApplicationID, SchemaVersion()+1) }, "newer than this iamtui"},
		{"not SQLite at all", func(t *testing.T, p string) {
			os.WriteFile(p, []byte(`{"UserDetailList": []}`+strings.Repeat(" ", 200)), 0o600)
		}, "not an SQLite database"},
	}
	for _, tt := range tests {
		for _, ro := range []bool{false, true} {
			name := tt.name
			if ro {
				name += " (read-only)"
			}
			t.Run(name, func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "x.db")
				tt.make(t, path)
				before, _ := os.ReadFile(path)
				db, err := Open(path, Options{ReadOnly: ro})
				if err == nil {
					db.Close()
					t.Fatal("opened")
				}
				if !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), path) {
					t.Errorf("error %q does not say %q and name the file", err, tt.wantErr)
				}
				after, _ := os.ReadFile(path)
				if !bytes.Equal(before, after) {
					t.Error("the refused file was modified")
				}
			})
		}
	}
}

func TestReadOnlyOpenRefusesMissingAndEmptyFiles(t *testing.T) {
	dir := t.TempDir()
	if _, err := Open(filepath.Join(dir, "missing.db"), Options{ReadOnly: true}); err == nil {
		t.Error("a missing file opened read-only")
	}
	if _, err := os.Stat(filepath.Join(dir, "missing.db")); !errors.Is(err, os.ErrNotExist) {
		t.Error("a read-only open created the file")
	}
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o600)
	if _, err := Open(empty, Options{ReadOnly: true}); err == nil || !strings.Contains(err.Error(), "empty") {
		t.Errorf("empty file: %v", err)
	}
}

// readOnlyFixture is a closed database with an account, a resource policy,
// an organization, a draft and a journal.
func readOnlyFixture(t *testing.T, path string) {
	t.Helper()
	ctx := context.Background()
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.ReplaceAccount(ctx, genAccount(t, testAccount, sizeSmall, 1), "x"); err != nil {
		t.Fatal(err)
	}
	if err := db.PutResourcePolicy(ctx, bucketPolicy(t, "arn:aws:s3:::evidence", testAccount)); err != nil {
		t.Fatal(err)
	}
	if err := db.PutOrgNode(ctx, model.OrgNode{ID: "r-root", Name: "Root"}); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveDraft(ctx, Draft{Key: "k", Text: "{"}); err != nil {
		t.Fatal(err)
	}
}

// mutations calls every mutating method once.
func mutations(db *DB) map[string]error {
	ctx := context.Background()
	acct := &model.Account{ID: testAccount}
	_, applyErr := db.Apply(ctx, model.ChangeSet{Op: "x", Changes: []model.Change{{Account: testAccount, Kind: model.KindUser, After: &model.User{Name: "x"}}}})
	_, undoErr := db.Undo(ctx)
	return map[string]error{
		"ReplaceAccount":       db.ReplaceAccount(ctx, acct, "x"),
		"DeleteAccount":        db.DeleteAccount(ctx, testAccount),
		"Apply":                applyErr,
		"Undo":                 undoErr,
		"PutResourcePolicy":    db.PutResourcePolicy(ctx, &model.ResourcePolicy{ResourceARN: "arn:aws:s3:::b", AccountID: testAccount}),
		"DeleteResourcePolicy": db.DeleteResourcePolicy(ctx, "arn:aws:s3:::evidence"),
		"PutOrgNode":           db.PutOrgNode(ctx, model.OrgNode{ID: "ou-x", ParentID: "r-root"}),
		"DeleteOrgNode":        db.DeleteOrgNode(ctx, "r-root"),
		"PutOrgPolicy":         db.PutOrgPolicy(ctx, &model.OrgPolicy{Name: "p", Kind: model.SCP, TargetID: "r-root"}),
		"DeleteOrgPolicy":      db.DeleteOrgPolicy(ctx, "r-root", model.SCP, "p"),
		"SaveDraft":            db.SaveDraft(ctx, Draft{Key: "k2", Text: "x"}),
		"DeleteDraft":          db.DeleteDraft(ctx, "k"),
	}
}

// reads calls every reading method once and reports the first failure.
func reads(db *DB) error {
	ctx := context.Background()
	if _, err := db.AccountIDs(ctx); err != nil {
		return err
	}
	if _, err := db.AccountSummaries(ctx); err != nil {
		return err
	}
	if _, err := db.LoadAccount(ctx, testAccount); err != nil {
		return err
	}
	if w, err := db.LoadWorld(ctx); err != nil || len(w.Accounts) != 1 || len(w.ResourcePolicies) != 1 || len(w.Org.Nodes) != 1 {
		return errors.Join(err, errors.New("LoadWorld lacks something"))
	}
	if _, err := db.ResourcePolicy(ctx, "arn:aws:s3:::evidence"); err != nil {
		return err
	}
	if _, err := db.ResourcePolicies(ctx, ""); err != nil {
		return err
	}
	if _, err := db.Organization(ctx); err != nil {
		return err
	}
	if j, err := db.Journal(ctx, 10); err != nil || len(j) != 3 {
		return errors.Join(err, errors.New("journal lacks entries"))
	}
	if d, err := db.Drafts(ctx); err != nil || len(d) != 1 {
		return errors.Join(err, errors.New("drafts lack one"))
	}
	if _, err := db.DataVersion(ctx); err != nil {
		return err
	}
	return nil
}

func TestReadOnlyNeverWrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "evidence.db")
	readOnlyFixture(t, path)
	before, _ := os.ReadFile(path)
	st0, _ := os.Stat(path)
	db := openAt(t, path, Options{ReadOnly: true})
	if !db.ReadOnly() || db.Path() != path {
		t.Fatal("ReadOnly/Path")
	}
	for name, err := range mutations(db) {
		if !errors.Is(err, ErrReadOnly) {
			t.Errorf("%s: %v, want ErrReadOnly", name, err)
		}
	}
	if err := reads(db); err != nil {
		t.Fatal(err)
	}
	// query_only is on too: SQL that slipped past the checks cannot write.
	if _, err := db.r.Exec("DELETE FROM drafts"); err == nil {
		t.Error("a read-only connection deleted rows")
	}
	db.Close()
	after, _ := os.ReadFile(path)
	st1, _ := os.Stat(path)
	if !bytes.Equal(before, after) || !st0.ModTime().Equal(st1.ModTime()) {
		t.Error("a read-only open changed the file")
	}
}

func TestDataVersionChangesWhenAnotherConnectionCommits(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "dv.db")
	watcher := openAt(t, path, Options{})
	writer := openAt(t, path, Options{})
	v0, err := watcher.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := watcher.DataVersion(ctx); v != v0 {
		t.Fatal("DataVersion changed without a commit")
	}
	if err := writer.SaveDraft(ctx, Draft{Key: "a", Text: "x"}); err != nil {
		t.Fatal(err)
	}
	v1, _ := watcher.DataVersion(ctx)
	if v1 == v0 {
		t.Fatal("DataVersion did not change after another connection committed")
	}
	// The watcher's own writes are not someone else's change.
	if err := watcher.SaveDraft(ctx, Draft{Key: "b", Text: "y"}); err != nil {
		t.Fatal(err)
	}
	if err := watcher.DeleteDraft(ctx, "b"); err != nil {
		t.Fatal(err)
	}
	if err := watcher.ReplaceAccount(ctx, genAccount(t, testAccount, sizeSmall, 2), "own"); err != nil {
		t.Fatal(err)
	}
	if v, _ := watcher.DataVersion(ctx); v != v1 {
		t.Fatal("DataVersion changed after the handle's own commits")
	}
	ro := openAt(t, path, Options{ReadOnly: true})
	r0, _ := ro.DataVersion(ctx)
	if err := writer.ReplaceAccount(ctx, genAccount(t, testAccount, sizeSmall, 1), "x"); err != nil {
		t.Fatal(err)
	}
	if r1, _ := ro.DataVersion(ctx); r1 == r0 {
		t.Fatal("a read-only handle did not see the commit")
	}
}

func TestDrafts(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	steps := []struct {
		do   func() error
		want []string // keys, newest first
	}{
		{func() error { return db.SaveDraft(ctx, Draft{Key: "a", Title: "A", Text: "one", Updated: t0}) }, []string{"a"}},
		{func() error {
			return db.SaveDraft(ctx, Draft{Key: "b", Title: "B", Text: "two", Updated: t0.Add(time.Hour)})
		}, []string{"b", "a"}},
		{func() error {
			return db.SaveDraft(ctx, Draft{Key: "a", Title: "A2", Text: "three", Updated: t0.Add(2 * time.Hour)})
		}, []string{"a", "b"}},
		{func() error { return db.DeleteDraft(ctx, "b") }, []string{"a"}},
		{func() error { return db.DeleteDraft(ctx, "missing") }, []string{"a"}},
	}
	for i, s := range steps {
		if err := s.do(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		ds, err := db.Drafts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var keys []string
		for _, d := range ds {
			keys = append(keys, d.Key)
		}
		if strings.Join(keys, ",") != strings.Join(s.want, ",") {
			t.Fatalf("step %d: drafts %v, want %v", i, keys, s.want)
		}
	}
	ds, _ := db.Drafts(ctx)
	if d := ds[0]; d.Title != "A2" || d.Text != "three" || !d.Updated.Equal(t0.Add(2*time.Hour)) {
		t.Errorf("draft = %+v", d)
	}
	// Ordering survives fractions of a second and other time zones.
	if err := db.SaveDraft(ctx, Draft{Key: "c", Text: "x", Updated: t0.Add(2*time.Hour + 500*time.Millisecond).In(time.FixedZone("x", -3600))}); err != nil {
		t.Fatal(err)
	}
	if ds, _ := db.Drafts(ctx); len(ds) != 2 || ds[0].Key != "c" {
		t.Errorf("drafts out of order: %+v", ds)
	}
	if err := db.SaveDraft(ctx, Draft{Text: "x"}); err == nil {
		t.Error("a draft without a key was saved")
	}
	if j, _ := db.Journal(ctx, 0); len(j) != 0 {
		t.Error("drafts were journaled")
	}
}
