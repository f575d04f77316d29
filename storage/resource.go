package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"iamtui/model"
	"iamtui/model/policy"
)

// Resource policies are stored with the kind they were parsed as: a
// bucket's or queue's policy is a resource policy, while the trust policy
// of a role in another account (stored under the role's ARN) is a trust
// policy, whose rules differ.
func resourceKindName(k policy.Kind) (string, error) {
	switch k {
	case policy.Resource:
		return "resource", nil
	case policy.Trust:
		return "trust", nil
	}
	return "", fmt.Errorf("a %s cannot be stored as a resource-based policy", k)
}

func resourceKindOf(name string) policy.Kind {
	if name == "trust" {
		return policy.Trust
	}
	return policy.Resource
}

func validateResourcePolicy(rp *model.ResourcePolicy) (string, error) {
	if rp == nil {
		return "", errors.New("no policy")
	}
	if rp.ResourceARN == "" {
		return "", errors.New("no resource ARN")
	}
	if err := model.ValidateAccountID(rp.AccountID); err != nil {
		return "", fmt.Errorf("owning account: %w", err)
	}
	if rp.Document == nil {
		return "", errors.New("no document")
	}
	return resourceKindName(rp.Document.Kind)
}

func snapOfResourcePolicy(rp *model.ResourcePolicy, kind string) snapResourcePolicy {
	return snapResourcePolicy{
		ResourceARN: rp.ResourceARN, AccountID: rp.AccountID, Kind: kind,
		Document: rp.Document.Text, UpdateDate: fmtTime(rp.UpdateDate),
	}
}

// PutResourcePolicy stores (or replaces) the policy of a resource. The
// owning account need not be in the file.
func (db *DB) PutResourcePolicy(ctx context.Context, rp *model.ResourcePolicy) error {
	if db.readOnly {
		return ErrReadOnly
	}
	kind, err := validateResourcePolicy(rp)
	if err != nil {
		return fmt.Errorf("put resource policy: %w", err)
	}
	err = db.writeTx(ctx, func(tx *sql.Tx) error {
		old, err := readResourcePolicyRow(ctx, tx, rp.ResourceARN)
		if err != nil {
			return err
		}
		s := snapOfResourcePolicy(rp, kind)
		if err := putResourcePolicyRow(ctx, tx, s); err != nil {
			return err
		}
		j := journalRow{kind: "resource-policy", account: rp.AccountID, operation: "put-resource-policy",
			summary: "stored the policy of " + rp.ResourceARN}
		if old != nil {
			if j.before, err = json.Marshal(old); err != nil {
				return err
			}
		}
		if j.after, err = json.Marshal(s); err != nil {
			return err
		}
		_, err = insertJournal(ctx, tx, j)
		return err
	})
	if err != nil {
		return fmt.Errorf("put resource policy %s: %w", rp.ResourceARN, err)
	}
	return nil
}

func putResourcePolicyRow(ctx context.Context, tx *sql.Tx, s snapResourcePolicy) error {
	var upd any
	if s.UpdateDate != "" {
		upd = s.UpdateDate
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO resource_policies (arn, account_id, kind, document, update_date)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (arn) DO UPDATE SET account_id = excluded.account_id,
		kind = excluded.kind, document = excluded.document, update_date = excluded.update_date`,
		s.ResourceARN, s.AccountID, s.Kind, s.Document, upd)
	return err
}

func readResourcePolicyRow(ctx context.Context, tx *sql.Tx, arn string) (*snapResourcePolicy, error) {
	var s snapResourcePolicy
	err := tx.QueryRowContext(ctx, `SELECT arn, account_id, kind, document, coalesce(update_date, '')
		FROM resource_policies WHERE arn = ?`, arn).Scan(&s.ResourceARN, &s.AccountID, &s.Kind, &s.Document, &s.UpdateDate)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &s, nil
}

// ResourcePolicy returns the policy stored for a resource ARN, or
// ErrNotFound.
func (db *DB) ResourcePolicy(ctx context.Context, arn string) (*model.ResourcePolicy, error) {
	var rps []*model.ResourcePolicy
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		ds := newDocSet(false)
		var err error
		if rps, err = loadResourcePolicies(ctx, tx, "", arn, ds); err != nil {
			ds.abandon()
			return err
		}
		return ds.wait()
	})
	if err == nil && len(rps) == 0 {
		err = ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("resource policy %s: %w", arn, err)
	}
	return rps[0], nil
}

// ResourcePolicies returns the stored resource policies of one owning
// account ("" for all), sorted by ARN.
func (db *DB) ResourcePolicies(ctx context.Context, account string) ([]*model.ResourcePolicy, error) {
	var rps []*model.ResourcePolicy
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		ds := newDocSet(false)
		var err error
		if rps, err = loadResourcePolicies(ctx, tx, account, "", ds); err != nil {
			ds.abandon()
			return err
		}
		return ds.wait()
	})
	if err != nil {
		return nil, fmt.Errorf("resource policies: %w", err)
	}
	return rps, nil
}

// loadResourcePolicies reads resource policies, all or those of one
// account or one ARN; documents are parsed by ds.
func loadResourcePolicies(ctx context.Context, tx *sql.Tx, account, arn string, ds *docSet) ([]*model.ResourcePolicy, error) {
	q := `SELECT arn, account_id, kind, document, coalesce(update_date, '') FROM resource_policies`
	var conds []string
	var args []any
	if account != "" {
		conds, args = append(conds, "account_id = ?"), append(args, account)
	}
	if arn != "" {
		conds, args = append(conds, "arn = ?"), append(args, arn)
	}
	if len(conds) > 0 {
		q += " WHERE " + strings.Join(conds, " AND ")
	}
	rows, err := tx.QueryContext(ctx, q+" ORDER BY arn", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*model.ResourcePolicy
	for rows.Next() {
		var s snapResourcePolicy
		if err := rows.Scan(&s.ResourceARN, &s.AccountID, &s.Kind, &s.Document, &s.UpdateDate); err != nil {
			return nil, err
		}
		rp, err := s.model(ds)
		if err != nil {
			return nil, err
		}
		out = append(out, rp)
	}
	return out, rows.Err()
}

func (s snapResourcePolicy) model(ds *docSet) (*model.ResourcePolicy, error) {
	upd, err := parseTime(s.UpdateDate)
	if err != nil {
		return nil, fmt.Errorf("resource policy %s: %w", s.ResourceARN, err)
	}
	rp := &model.ResourcePolicy{ResourceARN: s.ResourceARN, AccountID: s.AccountID, UpdateDate: upd}
	ds.add(s.Document, resourceKindOf(s.Kind), docWhere{entity: "resource policy", name: s.ResourceARN},
		func(d *policy.Document) { rp.Document = d })
	return rp, nil
}

// DeleteResourcePolicy removes the policy of a resource; ErrNotFound if
// there is none.
func (db *DB) DeleteResourcePolicy(ctx context.Context, arn string) error {
	if db.readOnly {
		return ErrReadOnly
	}
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		old, err := readResourcePolicyRow(ctx, tx, arn)
		if err != nil {
			return err
		}
		if old == nil {
			return ErrNotFound
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM resource_policies WHERE arn = ?`, arn); err != nil {
			return err
		}
		j := journalRow{kind: "resource-policy", account: old.AccountID, operation: "delete-resource-policy",
			summary: "deleted the policy of " + arn}
		if j.before, err = json.Marshal(old); err != nil {
			return err
		}
		_, err = insertJournal(ctx, tx, j)
		return err
	})
	if err != nil {
		return fmt.Errorf("delete resource policy %s: %w", arn, err)
	}
	return nil
}

// undoResourcePolicy puts back the Before of a resource-policy entry.
func undoResourcePolicy(ctx context.Context, tx *sql.Tx, target JournalEntry, j journalRow) (JournalEntry, error) {
	var before, after *snapResourcePolicy
	if err := unmarshalNullable(target.Before, &before); err != nil {
		return JournalEntry{}, fmt.Errorf("journal entry %d: %w", target.ID, err)
	}
	if err := unmarshalNullable(target.After, &after); err != nil {
		return JournalEntry{}, fmt.Errorf("journal entry %d: %w", target.ID, err)
	}
	var err error
	switch {
	case before != nil:
		err = putResourcePolicyRow(ctx, tx, *before)
	case after != nil:
		_, err = tx.ExecContext(ctx, `DELETE FROM resource_policies WHERE arn = ?`, after.ResourceARN)
	}
	if err != nil {
		return JournalEntry{}, err
	}
	return insertJournal(ctx, tx, j)
}

// unmarshalNullable decodes JSON that may be absent or null.
func unmarshalNullable(raw json.RawMessage, v any) error {
	if len(raw) == 0 {
		return nil
	}
	return json.Unmarshal(raw, v)
}
