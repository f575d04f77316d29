package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"iamtui/model/demo"
	"iamtui/storage"
)

// dbFlags are the flags every database command shares.
type dbFlags struct {
	path     string
	readOnly bool
}

func (d *dbFlags) register(fs *flag.FlagSet, readOnlyFlag bool) {
	fs.StringVar(&d.path, "db", "", "SQLite `FILE` (default $IAMTUI_DB, else the user data directory)")
	if readOnlyFlag {
		fs.BoolVar(&d.readOnly, "read-only", false, "open the database read-only (it is never written)")
	}
}

// checkReadOnlyDefault refuses --read-only on a default database that does
// not exist yet: creating the demo would be a write, and --read-only never
// writes. (Commands that merely read still create it on first use.)
func (d *dbFlags) checkReadOnlyDefault(env *Env) error {
	if !d.readOnly || d.path != "" {
		return nil
	}
	path, err := DefaultDBPath(env)
	if err != nil {
		return err
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("no database at %s yet, and --read-only does not create one (run iamtui once without it to create the demo, or give --db FILE)", path)
	}
	return nil
}

// DefaultDBPath is where the database lives when neither --db nor
// $IAMTUI_DB says: the platform's user data directory.
func DefaultDBPath(env *Env) (string, error) {
	if p := env.Getenv("IAMTUI_DB"); p != "" {
		return p, nil
	}
	var base string
	switch env.GOOS {
	case "darwin":
		if env.HomeDir != "" {
			base = filepath.Join(env.HomeDir, "Library", "Application Support")
		}
	case "windows":
		base = env.Getenv("LocalAppData")
	default:
		base = env.Getenv("XDG_DATA_HOME")
		if base == "" && env.HomeDir != "" {
			base = filepath.Join(env.HomeDir, ".local", "share")
		}
	}
	if base == "" {
		return "", errors.New("cannot find a user data directory: set --db or IAMTUI_DB")
	}
	return filepath.Join(base, "iamtui", "iam.db"), nil
}

// openMode says what a command does with a missing database file.
type openMode int

const (
	// mustExist: reading commands refuse a missing explicit --db rather than
	// create an empty file from a typo.
	mustExist openMode = iota
	// mayCreate: writing commands create the file.
	mayCreate
)

// OpenDB opens the database a command names. The default database (no
// --db) is created with the demo account the first time it is used, so a
// newcomer always has something to explore.
func OpenDB(ctx context.Context, env *Env, explicit string, readOnly bool, mode openMode) (*storage.DB, error) {
	path := explicit
	if path == "" {
		var err error
		if path, err = DefaultDBPath(env); err != nil {
			return nil, err
		}
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			if err := createDemo(ctx, path); err != nil {
				return nil, err
			}
		}
	} else if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) && (mode == mustExist || readOnly) {
		return nil, fmt.Errorf("no database at %s (create one with 'iamtui import --db %s FILE')", path, path)
	}
	db, err := storage.Open(path, storage.Options{ReadOnly: readOnly})
	if err != nil {
		return nil, err // storage's errors name the file
	}
	return db, nil
}

// createDemo makes a new database holding the demo account. It is built
// beside the final path and renamed into place, so an interrupted first run
// never leaves a half-seeded database that would then count as existing.
func createDemo(ctx context.Context, path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("create %s: %w", filepath.Dir(path), err)
	}
	tmp := path + ".creating"
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(tmp + suffix)
	}
	db, err := storage.Open(tmp, storage.Options{})
	if err != nil {
		return fmt.Errorf("create demo database: %w", err)
	}
	if err := seedDemo(ctx, db); err != nil {
		db.Close()
		os.Remove(tmp)
		return err
	}
	if err := db.Close(); err != nil {
		return fmt.Errorf("create demo database: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("create demo database: %w", err)
	}
	return nil
}

func seedDemo(ctx context.Context, db *storage.DB) error {
	acct, rps, err := demo.Restaurant()
	if err != nil {
		return fmt.Errorf("demo account: %w", err)
	}
	if err := db.ReplaceAccount(ctx, acct, "demo: restaurant"); err != nil {
		return fmt.Errorf("demo account: %w", err)
	}
	for _, rp := range rps {
		if err := db.PutResourcePolicy(ctx, rp); err != nil {
			return fmt.Errorf("demo resource policy %s: %w", rp.ResourceARN, err)
		}
	}
	return nil
}
