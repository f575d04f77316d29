// Package storage keeps iamtui's model in one SQLite file: accounts and
// their IAM entities in a normalized schema with real foreign keys,
// resource-based policies, the organization, the change journal and editor
// drafts.
//
// Every change is one transaction (BEGIN IMMEDIATE, WAL, synchronous=FULL),
// so kill -9 at any moment leaves either the old state or the new one, and
// two processes writing at once wait for each other instead of failing or
// losing changes. Policy documents are stored as their original text and
// re-parsed on load.
package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// Errors callers test with errors.Is.
var (
	ErrNotFound      = errors.New("not found")
	ErrConflict      = errors.New("changed by another process")
	ErrReadOnly      = errors.New("the database is open read-only")
	ErrNothingToUndo = errors.New("nothing to undo")
)

// ApplicationID marks the file as iamtui's (PRAGMA application_id; "IAMT"),
// so that a --db pointing at some other program's database is refused
// rather than written into.
const ApplicationID = 0x49414d54

// busyTimeoutMS is how long a writer waits for another process's
// transaction: an import of a huge account takes seconds, and the other
// side must wait, not fail.
const busyTimeoutMS = 30000

// Options says how to open the database.
type Options struct {
	// ReadOnly opens the file without ever writing it (audits of evidence
	// files): every mutating method returns ErrReadOnly.
	ReadOnly bool
}

// DB is an open database. It is safe for concurrent use.
type DB struct {
	path     string
	readOnly bool
	// w runs write transactions: its DSN makes every BEGIN an IMMEDIATE
	// one, so a writer takes the lock before reading what it will check
	// (optimistic concurrency) and never fails to upgrade a read lock.
	w *sql.DB
	// r runs reads in deferred transactions: a consistent snapshot that
	// never blocks writers (WAL).
	r *sql.DB

	// dv is one pinned connection for PRAGMA data_version, which is per
	// connection: a pool would hand out a different one each time.
	dvMu sync.Mutex
	dv   *sql.Conn
	// dvSeen is the last data_version read on dv; dvOthers counts the
	// changes seen that were not this DB's own commits.
	dvSeen, dvOthers int64
}

// Open opens or creates the database at path, creating the file with mode
// 0600 and applying the embedded schema migrations. A read-only open never
// creates, migrates or writes anything.
func Open(path string, opts Options) (*DB, error) {
	if path == "" {
		return nil, errors.New("open database: empty path")
	}
	db := &DB{path: path, readOnly: opts.ReadOnly}
	var err error
	if opts.ReadOnly {
		err = db.openReadOnly()
	} else {
		err = db.openReadWrite()
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func (db *DB) openReadWrite() error {
	// Create the file ourselves so that it is 0600 from its first byte;
	// SQLite gives the -wal and -shm files the main file's permissions.
	f, err := os.OpenFile(db.path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("open database %s: %w", db.path, err)
	}
	st, err := f.Stat()
	f.Close()
	if err != nil {
		return fmt.Errorf("open database %s: %w", db.path, err)
	}
	if st.Size() == 0 {
		if err := initFile(db.path); err != nil {
			return fmt.Errorf("create database %s: %w", db.path, err)
		}
	} else if err := precheck(db.path); err != nil {
		// Refuse another program's file before the DSN's journal_mode=WAL
		// gets a chance to rewrite its header.
		return fmt.Errorf("open database %s: %w", db.path, err)
	}
	common := "_busy_timeout=" + fmt.Sprint(busyTimeoutMS) + "&_foreign_keys=1&_synchronous=FULL&_journal_mode=WAL&_cache_size=-32000"
	if db.w, err = sql.Open("sqlite3", fileURI(db.path)+"?"+common+"&_txlock=immediate"); err != nil {
		return fmt.Errorf("open database %s: %w", db.path, err)
	}
	if db.r, err = sql.Open("sqlite3", fileURI(db.path)+"?"+common+"&_txlock=deferred"); err != nil {
		return fmt.Errorf("open database %s: %w", db.path, err)
	}
	if err := db.migrate(context.Background()); err != nil {
		return fmt.Errorf("open database %s: %w", db.path, err)
	}
	return db.pinDataVersion()
}

// pageSize is the page size of new files. 16 KiB instead of SQLite's 4 KiB:
// a policy document then fits in its row's page instead of spilling into a
// chain of overflow pages (SQLite keeps at most a quarter of a page of a
// WITHOUT ROWID row in place), which made reading documents five times
// slower than reading the rest of a row.
const pageSize = 16384

// initFile sets the page size of an empty file and turns on WAL, which
// fixes the page size for good; it must happen before the first
// connection with journal_mode=WAL in its DSN touches the file.
func initFile(path string) error {
	c, err := sql.Open("sqlite3", fileURI(path)+"?_busy_timeout="+fmt.Sprint(busyTimeoutMS))
	if err != nil {
		return err
	}
	defer c.Close()
	_, err = c.Exec(fmt.Sprintf("PRAGMA page_size = %d; PRAGMA journal_mode = WAL", pageSize))
	return err
}

// precheck reads the header of an existing file through a read-only
// connection and refuses it if it is not an iamtui database this build
// can open.
func precheck(path string) error {
	c, err := sql.Open("sqlite3", fileURI(path)+"?mode=ro&_busy_timeout="+fmt.Sprint(busyTimeoutMS))
	if err != nil {
		return err
	}
	defer c.Close()
	ms, err := migrations()
	if err != nil {
		return err
	}
	h, err := readHeader(context.Background(), c)
	if err != nil {
		return err
	}
	_, err = checkHeader(h, len(ms))
	return err
}

func (db *DB) openReadOnly() error {
	if _, err := os.Stat(db.path); err != nil {
		return fmt.Errorf("open database %s read-only: %w", db.path, err)
	}
	common := "_busy_timeout=" + fmt.Sprint(busyTimeoutMS) + "&_foreign_keys=1&_query_only=1&_txlock=deferred&_cache_size=-32000"
	var err error
	if db.r, err = sql.Open("sqlite3", fileURI(db.path)+"?mode=ro&"+common); err != nil {
		return fmt.Errorf("open database %s read-only: %w", db.path, err)
	}
	err = db.checkSchema(context.Background())
	if err != nil && isCantOpen(err) && !hasWAL(db.path) {
		// A WAL database needs its -shm file, which a reader creates; in
		// a read-only directory (an evidence copy) it cannot. With no -wal
		// file there is nothing beyond the main file to read, and nobody
		// can be writing a file in a directory we cannot write, so the
		// file is opened as immutable: no locks, no side files.
		db.r.Close()
		if db.r, err = sql.Open("sqlite3", fileURI(db.path)+"?mode=ro&immutable=1&"+common); err != nil {
			return fmt.Errorf("open database %s read-only: %w", db.path, err)
		}
		err = db.checkSchema(context.Background())
	}
	if err != nil && isCantOpen(err) && hasWAL(db.path) {
		return fmt.Errorf("open database %s read-only: %w (the file has a write-ahead log that was never merged, and SQLite cannot read it without writing next to it: copy the file and its -wal file to a writable directory)", db.path, err)
	}
	if err != nil {
		return fmt.Errorf("open database %s read-only: %w", db.path, err)
	}
	return db.pinDataVersion()
}

func (db *DB) pinDataVersion() error {
	var err error
	if db.dv, err = db.r.Conn(context.Background()); err != nil {
		return fmt.Errorf("open database %s: %w", db.path, err)
	}
	if db.dvSeen, err = db.pragmaDataVersion(context.Background()); err != nil {
		return fmt.Errorf("open database %s: %w", db.path, err)
	}
	return nil
}

// fileURI turns a path into an SQLite URI filename; characters that URIs
// give a meaning to are escaped.
func fileURI(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	r := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")
	return "file:" + r.Replace(filepath.ToSlash(path))
}

func isCantOpen(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.Code == sqlite3.ErrCantOpen || se.Code == sqlite3.ErrReadonly)
}

func hasWAL(path string) bool {
	st, err := os.Stat(path + "-wal")
	return err == nil && st.Size() > 0
}

// Close closes the database. The last connection to close checkpoints the
// WAL into the main file and removes the -wal and -shm files.
func (db *DB) Close() error {
	var errs []error
	if db.dv != nil {
		errs = append(errs, db.dv.Close())
	}
	if db.r != nil {
		errs = append(errs, db.r.Close())
	}
	if db.w != nil {
		errs = append(errs, db.w.Close())
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("close %s: %w", db.path, err)
	}
	return nil
}

// Path is the database file's path.
func (db *DB) Path() string { return db.path }

// ReadOnly reports whether the database was opened read-only.
func (db *DB) ReadOnly() bool { return db.readOnly }

// DataVersion returns a number that changes when another DB handle (often
// another process) commits a change to the file: the UI polls it to know
// when to reload. This DB's own commits do not change it, so a UI saving a
// draft does not take its own write for someone else's.
func (db *DB) DataVersion(ctx context.Context) (int64, error) {
	db.dvMu.Lock()
	defer db.dvMu.Unlock()
	v, err := db.pragmaDataVersion(ctx)
	if err != nil {
		return 0, err
	}
	if v != db.dvSeen {
		db.dvSeen = v
		db.dvOthers++
	}
	return db.dvOthers, nil
}

// ownCommit absorbs the data_version change this DB's own commit made.
// SQLite's counter cannot tell whose commit it saw: another process that
// commits between our commit and this read is taken for ours and goes
// unnoticed until its next change — harmless, because Apply's optimistic
// check still refuses to overwrite what it did.
func (db *DB) ownCommit() {
	db.dvMu.Lock()
	defer db.dvMu.Unlock()
	if db.dv == nil {
		return // still opening (migrations): pinDataVersion reads it next
	}
	if v, err := db.pragmaDataVersion(context.Background()); err == nil {
		db.dvSeen = v
	}
}

func (db *DB) pragmaDataVersion(ctx context.Context) (int64, error) {
	var v int64
	if err := db.dv.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err != nil {
		return 0, fmt.Errorf("data version: %w", err)
	}
	return v, nil
}

// writeTx runs fn in one IMMEDIATE transaction and commits it, or rolls
// everything back if fn fails.
func (db *DB) writeTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if db.readOnly {
		return ErrReadOnly
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	db.ownCommit()
	return nil
}

// bulkReadTx is readTx for the loads that read most of the file. The
// connection maps the file into memory (PRAGMA mmap_size), so that SQLite
// reads pages where they are instead of copying each into its page cache:
// the first load of a large account then needs neither the copies nor the
// fresh memory for them, and is about a fifth faster. The mapping stays
// with the connection, so that a later load on it (the UI's reloads) finds
// the pages mapped; SQLite checks the file's size at the start of every
// transaction and maps again when it changed.
func (db *DB) bulkReadTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	conn, err := db.r.Conn(ctx)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA mmap_size = 1073741824"); err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	return fn(tx)
}

// readTx runs fn in one deferred transaction: every query in it sees the
// same snapshot of the file, however many tables it reads.
func (db *DB) readTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.r.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	return fn(tx)
}
