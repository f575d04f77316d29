package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"iamtui/model"
)

// PutResourcePolicyIf stores the policy of a resource like
// PutResourcePolicy, but only if what is stored is what the caller last saw:
// beforeText is the document text it edited (nil: there was no policy). A
// policy another process stored, changed or deleted meanwhile is not
// overwritten: ErrConflict, and nothing is written. Resource policies have
// no entity to compare as Apply's change sets do, so an editor that reloads
// its copy before saving would otherwise overwrite the other's change.
func (db *DB) PutResourcePolicyIf(ctx context.Context, rp *model.ResourcePolicy, beforeText *string) error {
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
		switch {
		case beforeText == nil && old != nil:
			return fmt.Errorf("a policy was stored for it meanwhile (%w)", ErrConflict)
		case beforeText != nil && old == nil:
			return fmt.Errorf("its policy was deleted meanwhile (%w)", ErrConflict)
		case beforeText != nil && old.Document != *beforeText:
			return fmt.Errorf("its policy was changed meanwhile (%w)", ErrConflict)
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
