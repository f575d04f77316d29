package storage

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// The schema lives in numbered files (0001_init.sql, 0002_....sql) embedded
// in the binary; PRAGMA user_version records how many have been applied.
//
//go:embed migrations/*.sql
var migrationFS embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the embedded migrations in order. Their numbers must
// run 1, 2, 3... without gaps, or user_version would not say which ran.
func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("migration file %q is not named NNNN_name.sql", e.Name())
		}
		text, err := migrationFS.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: e.Name(), sql: string(text)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: expected number %d", m.name, i+1)
		}
	}
	return out, nil
}

// SchemaVersion is the schema version this build writes.
func SchemaVersion() int {
	ms, err := migrations()
	if err != nil {
		return 0
	}
	return len(ms)
}

type header struct {
	appID, version int64
	tables         int
}

func readHeader(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (header, error) {
	var h header
	if err := q.QueryRowContext(ctx, "PRAGMA application_id").Scan(&h.appID); err != nil {
		return h, describeOpenError(err)
	}
	if err := q.QueryRowContext(ctx, "PRAGMA user_version").Scan(&h.version); err != nil {
		return h, describeOpenError(err)
	}
	if err := q.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&h.tables); err != nil {
		return h, describeOpenError(err)
	}
	return h, nil
}

// describeOpenError turns SQLite's "file is not a database" into words a
// user who passed the wrong --db understands.
func describeOpenError(err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) && se.Code == sqlite3.ErrNotADB {
		return errors.New("the file is not an SQLite database (is --db pointing at the right file?)")
	}
	return err
}

// checkHeader refuses files that are not iamtui's, or are from a newer
// iamtui. fresh reports an empty file that migrate may initialize.
func checkHeader(h header, latest int) (fresh bool, err error) {
	switch {
	case h.appID == 0 && h.version == 0 && h.tables == 0:
		return true, nil
	case h.appID != ApplicationID:
		return false, fmt.Errorf("the file is another program's SQLite database (application_id %#x, iamtui's is %#x): refusing to use it", h.appID, ApplicationID)
	case h.version > int64(latest):
		return false, fmt.Errorf("the database has schema version %d, newer than this iamtui understands (%d): upgrade iamtui", h.version, latest)
	}
	return false, nil
}

// migrate brings the schema up to date in one IMMEDIATE transaction: two
// processes opening a new file at once both wait for the lock, and the
// second one finds the work done.
func (db *DB) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		h, err := readHeader(ctx, tx)
		if err != nil {
			return err
		}
		if _, err := checkHeader(h, len(ms)); err != nil {
			return err
		}
		for _, m := range ms[h.version:] {
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
		}
		if h.version == int64(len(ms)) && h.appID == ApplicationID {
			return nil
		}
		// Both pragmas write the file header inside this transaction.
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d; PRAGMA user_version = %d", ApplicationID, len(ms))); err != nil {
			return fmt.Errorf("set schema version: %w", err)
		}
		return nil
	})
}

// checkSchema is migrate's read-only counterpart: it can only refuse.
func (db *DB) checkSchema(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	h, err := readHeader(ctx, db.r)
	if err != nil {
		return err
	}
	fresh, err := checkHeader(h, len(ms))
	if err != nil {
		return err
	}
	if fresh {
		return errors.New("the file is empty, not an iamtui database")
	}
	if h.version < int64(len(ms)) {
		return fmt.Errorf("the database has schema version %d and needs upgrading to %d, which a read-only open cannot do: open it once read-write", h.version, len(ms))
	}
	return nil
}
