package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"iamtui/model"
)

// AccountSummary describes one account in the file without loading it.
type AccountSummary struct {
	ID               string
	Alias            string
	Users            int
	Groups           int
	Roles            int
	Policies         int
	ResourcePolicies int // resource policies the account owns
	ImportedAt       time.Time
	Source           string
	Truncated        bool
}

// AccountIDs returns the ids of the accounts in the file, sorted.
func (db *DB) AccountIDs(ctx context.Context) ([]string, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT id FROM accounts ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list accounts: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("list accounts: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list accounts: %w", err)
	}
	return ids, nil
}

// AccountSummaries counts each account's entities, sorted by id.
func (db *DB) AccountSummaries(ctx context.Context) ([]AccountSummary, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT a.id, a.alias, a.source, a.imported_at, a.truncated,
		(SELECT count(*) FROM users WHERE account_id = a.id),
		(SELECT count(*) FROM groups WHERE account_id = a.id),
		(SELECT count(*) FROM roles WHERE account_id = a.id),
		(SELECT count(*) FROM managed_policies WHERE account_id = a.id),
		(SELECT count(*) FROM resource_policies WHERE account_id = a.id)
		FROM accounts a ORDER BY a.id`)
	if err != nil {
		return nil, fmt.Errorf("account summaries: %w", err)
	}
	defer rows.Close()
	var out []AccountSummary
	for rows.Next() {
		var s AccountSummary
		var imported string
		if err := rows.Scan(&s.ID, &s.Alias, &s.Source, &imported, &s.Truncated, &s.Users, &s.Groups, &s.Roles, &s.Policies, &s.ResourcePolicies); err != nil {
			return nil, fmt.Errorf("account summaries: %w", err)
		}
		if s.ImportedAt, err = parseTime(imported); err != nil {
			return nil, fmt.Errorf("account summaries: account %s: %w", s.ID, err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("account summaries: %w", err)
	}
	return out, nil
}

// LoadAccount loads one account with every document parsed.
func (db *DB) LoadAccount(ctx context.Context, id string) (*model.Account, error) {
	var acct *model.Account
	err := db.bulkReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		acct, err = loadAccount(ctx, tx, id, newDocSet(false))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("load account %s: %w", id, err)
	}
	return acct, nil
}

// loadAccount reads one account in tx; ErrNotFound if it is not there.
func loadAccount(ctx context.Context, tx *sql.Tx, id string, ds *docSet) (*model.Account, error) {
	l := newLoader(ctx, tx, ds, id)
	if err := l.load(); err != nil {
		ds.abandon()
		return nil, err
	}
	if err := ds.wait(); err != nil {
		return nil, err
	}
	if len(l.accounts) == 0 {
		return nil, ErrNotFound
	}
	return l.accounts[0], nil
}

// LoadWorld loads everything the evaluator sees, from one consistent
// snapshot of the file: every account, every resource policy and the
// organization.
func (db *DB) LoadWorld(ctx context.Context) (*model.World, error) {
	return db.LoadWorldWith(ctx, LoadOptions{})
}

// LoadOptions narrows what LoadWorldWith reads.
type LoadOptions struct {
	// ForEvaluation loads only what evaluator.Compile reads, for the
	// commands that evaluate and exit: managed policies keep only their
	// default version, and dates, policy tags and instance profiles are
	// left out. Such a world is for compiling, never for showing, editing,
	// linting or exporting.
	ForEvaluation bool
}

// LoadWorldWith is LoadWorld with options.
func (db *DB) LoadWorldWith(ctx context.Context, opts LoadOptions) (*model.World, error) {
	w := &model.World{}
	err := db.bulkReadTx(ctx, func(tx *sql.Tx) error {
		ds := newDocSet(false)
		l := newLoader(ctx, tx, ds, "")
		l.eval = opts.ForEvaluation
		err := l.load()
		if err == nil {
			w.ResourcePolicies, err = loadResourcePolicies(ctx, tx, "", "", ds)
		}
		if err == nil {
			w.Org, err = loadOrganization(ctx, tx, ds)
		}
		if err != nil {
			ds.abandon()
			return err
		}
		w.Accounts = l.accounts
		return ds.wait()
	})
	if err != nil {
		return nil, fmt.Errorf("load world: %w", err)
	}
	return w, nil
}

// accountRow is the bookkeeping of an import.
type accountRow struct {
	source     string
	importedAt string
}

func readAccountRow(ctx context.Context, tx *sql.Tx, id string) (*accountRow, error) {
	var r accountRow
	err := tx.QueryRowContext(ctx, `SELECT source, imported_at FROM accounts WHERE id = ?`, id).Scan(&r.source, &r.importedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &r, nil
}

// ReplaceAccount stores acct, replacing the account with its id if there
// is one, in one transaction. The account is validated against AWS's rules
// first: a bad one changes nothing. The journal keeps a compressed
// snapshot of the account it replaced, for audits and Undo.
func (db *DB) ReplaceAccount(ctx context.Context, acct *model.Account, source string) error {
	if db.readOnly {
		return ErrReadOnly
	}
	if acct == nil {
		return errors.New("replace account: no account")
	}
	if _, err := model.Validate(acct); err != nil {
		return fmt.Errorf("replace account %s: %w", acct.ID, err)
	}
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		summary := fmt.Sprintf("imported account %s from %s", acct.ID, source)
		_, err := replaceAccountTx(ctx, tx, acct.ID, acct, source, time.Time{}, journalRow{kind: "account", operation: "import", summary: summary})
		return err
	})
	if err != nil {
		return fmt.Errorf("replace account %s: %w", acct.ID, err)
	}
	return nil
}

// DeleteAccount removes an account and everything in it (not the resource
// policies it owns: those describe resources, which outlive an export).
// The journal keeps a compressed snapshot, so Undo brings it back.
func (db *DB) DeleteAccount(ctx context.Context, id string) error {
	if db.readOnly {
		return ErrReadOnly
	}
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		_, err := replaceAccountTx(ctx, tx, id, nil, "", time.Time{}, journalRow{kind: "account", operation: "delete-account", summary: "deleted account " + id})
		return err
	})
	if err != nil {
		return fmt.Errorf("delete account %s: %w", id, err)
	}
	return nil
}

// replaceAccountTx replaces account id by acct (nil deletes it) and
// journals it: j gives the operation and summary, and gets the before and
// after summaries and the snapshot of the old account. The snapshot is
// compressed on another core while this one writes the new rows. A zero
// importedAt means now.
func replaceAccountTx(ctx context.Context, tx *sql.Tx, id string, acct *model.Account, source string, importedAt time.Time, j journalRow) (JournalEntry, error) {
	oldRow, err := readAccountRow(ctx, tx, id)
	if err != nil {
		return JournalEntry{}, err
	}
	if oldRow == nil && acct == nil {
		return JournalEntry{}, ErrNotFound
	}
	type packed struct {
		gz  []byte
		err error
	}
	var snapDone chan packed
	if oldRow != nil {
		old, err := loadAccount(ctx, tx, id, newDocSet(true))
		if err != nil {
			return JournalEntry{}, fmt.Errorf("snapshot of the old account: %w", err)
		}
		sum := summaryOf(old, oldRow.source)
		sum.Snapshot = true
		if j.before, err = json.Marshal(sum); err != nil {
			return JournalEntry{}, err
		}
		snapDone = make(chan packed, 1)
		go func() {
			s := snapOfAccount(old)
			s.Source, s.ImportedAt = oldRow.source, oldRow.importedAt
			gz, err := compress(s)
			snapDone <- packed{gz, err}
		}()
	}
	w := newWriter(ctx, tx, id)
	defer w.close()
	err = w.deleteAccountRows(id)
	if err == nil && acct != nil {
		if importedAt.IsZero() {
			importedAt = time.Now().UTC()
		}
		err = w.insertAccount(acct, source, importedAt)
		if err == nil {
			j.after, err = json.Marshal(summaryOf(acct, source))
		}
	}
	if snapDone != nil {
		p := <-snapDone
		if err == nil && p.err != nil {
			err = fmt.Errorf("snapshot of the old account: %w", p.err)
		}
		j.snapshot = p.gz
	}
	if err != nil {
		return JournalEntry{}, err
	}
	j.account = id
	return insertJournal(ctx, tx, j)
}

func summaryOf(a *model.Account, source string) importSummary {
	return importSummary{
		Account: a.ID, Source: source, Users: len(a.Users), Groups: len(a.Groups), Roles: len(a.Roles),
		Policies: len(a.Policies), InstanceProfiles: len(a.InstanceProfiles),
	}
}

// readSnapshot rebuilds the account a journal snapshot holds, with the
// source and time of its import.
func readSnapshot(gz []byte) (*model.Account, string, time.Time, error) {
	raw, err := decompress(gz)
	if err != nil {
		return nil, "", time.Time{}, fmt.Errorf("read snapshot: %w", err)
	}
	var s snapAccount
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, "", time.Time{}, fmt.Errorf("read snapshot: %w", err)
	}
	ds := newDocSet(false)
	acct, err := s.model(ds)
	if err != nil {
		ds.abandon()
		return nil, "", time.Time{}, fmt.Errorf("read snapshot: %w", err)
	}
	if err := ds.wait(); err != nil {
		return nil, "", time.Time{}, fmt.Errorf("read snapshot: %w", err)
	}
	imported, err := parseTime(s.ImportedAt)
	if err != nil {
		return nil, "", time.Time{}, fmt.Errorf("read snapshot: %w", err)
	}
	return acct, s.Source, imported, nil
}
