package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"iamtui/model"
	"iamtui/model/policy"
)

// Organization returns the organization tree (nodes in the order they were
// first stored) and its policies. An empty file has an empty organization,
// not an error.
func (db *DB) Organization(ctx context.Context) (*model.Organization, error) {
	var org *model.Organization
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		ds := newDocSet(false)
		var err error
		if org, err = loadOrganization(ctx, tx, ds); err != nil {
			ds.abandon()
			return err
		}
		return ds.wait()
	})
	if err != nil {
		return nil, fmt.Errorf("organization: %w", err)
	}
	return org, nil
}

func loadOrganization(ctx context.Context, tx *sql.Tx, ds *docSet) (*model.Organization, error) {
	org := &model.Organization{}
	rows, err := tx.QueryContext(ctx, `SELECT id, coalesce(parent_id, ''), name FROM org_nodes ORDER BY rowid`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		n := &model.OrgNode{}
		if err := rows.Scan(&n.ID, &n.ParentID, &n.Name); err != nil {
			rows.Close()
			return nil, err
		}
		org.Nodes = append(org.Nodes, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	ps, err := orgPolicies(ctx, tx, "")
	if err != nil {
		return nil, err
	}
	for _, s := range ps {
		p := &model.OrgPolicy{Name: s.Name, Kind: s.Kind, TargetID: s.TargetID}
		kind := policy.OrgPolicy
		if s.Kind == model.RCP {
			kind = policy.ResourceControl
		}
		ds.add(s.Document, kind, docWhere{entity: string(s.Kind), name: s.Name, part: "on", partName: s.TargetID},
			func(d *policy.Document) { p.Document = d })
		org.Policies = append(org.Policies, p)
	}
	return org, nil
}

// orgPolicies reads the policies of one node ("" for all) as snapshots.
func orgPolicies(ctx context.Context, tx *sql.Tx, target string) ([]snapOrgPolicy, error) {
	q := `SELECT target_id, kind, name, document FROM org_policies`
	var args []any
	if target != "" {
		q += ` WHERE target_id = ?`
		args = append(args, target)
	}
	rows, err := tx.QueryContext(ctx, q+` ORDER BY pk`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []snapOrgPolicy
	for rows.Next() {
		var s snapOrgPolicy
		if err := rows.Scan(&s.TargetID, &s.Kind, &s.Name, &s.Document); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func readOrgNode(ctx context.Context, tx *sql.Tx, id string) (*snapOrgNode, error) {
	var n snapOrgNode
	err := tx.QueryRowContext(ctx, `SELECT id, coalesce(parent_id, ''), name FROM org_nodes WHERE id = ?`, id).
		Scan(&n.ID, &n.ParentID, &n.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &n, nil
}

func putOrgNodeRow(ctx context.Context, tx *sql.Tx, n snapOrgNode) error {
	var parent any
	if n.ParentID != "" {
		parent = n.ParentID
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO org_nodes (id, parent_id, name) VALUES (?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id, name = excluded.name`, n.ID, parent, n.Name)
	return err
}

// PutOrgNode stores a node of the organization tree, or changes its parent
// or name. Its parent must already be stored, and a node cannot become its
// own ancestor.
func (db *DB) PutOrgNode(ctx context.Context, n model.OrgNode) error {
	if db.readOnly {
		return ErrReadOnly
	}
	if n.ID == "" {
		return errors.New("put org node: no id")
	}
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		for p := n.ParentID; p != ""; {
			if p == n.ID {
				return fmt.Errorf("%s cannot be its own ancestor", n.ID)
			}
			parent, err := readOrgNode(ctx, tx, p)
			if err != nil {
				return err
			}
			if parent == nil {
				return fmt.Errorf("parent %s: %w", p, ErrNotFound)
			}
			p = parent.ParentID
		}
		old, err := readOrgNode(ctx, tx, n.ID)
		if err != nil {
			return err
		}
		s := snapOrgNode{ID: n.ID, ParentID: n.ParentID, Name: n.Name}
		if err := putOrgNodeRow(ctx, tx, s); err != nil {
			return err
		}
		j := journalRow{kind: "org-node", operation: "put-org-node", summary: "stored organization node " + n.ID}
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
		return fmt.Errorf("put org node %s: %w", n.ID, err)
	}
	return nil
}

// DeleteOrgNode removes a node and the policies attached to it (the journal
// keeps them, and Undo restores them). A node with children cannot be
// deleted; ErrNotFound if there is no such node.
func (db *DB) DeleteOrgNode(ctx context.Context, id string) error {
	if db.readOnly {
		return ErrReadOnly
	}
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		old, err := readOrgNode(ctx, tx, id)
		if err != nil {
			return err
		}
		if old == nil {
			return ErrNotFound
		}
		var children int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM org_nodes WHERE parent_id = ?`, id).Scan(&children); err != nil {
			return err
		}
		if children > 0 {
			return fmt.Errorf("it has %d child nodes: delete or move them first", children)
		}
		if old.Policies, err = orgPolicies(ctx, tx, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM org_nodes WHERE id = ?`, id); err != nil {
			return err
		}
		j := journalRow{kind: "org-node", operation: "delete-org-node", summary: "deleted organization node " + id}
		if j.before, err = json.Marshal(old); err != nil {
			return err
		}
		_, err = insertJournal(ctx, tx, j)
		return err
	})
	if err != nil {
		return fmt.Errorf("delete org node %s: %w", id, err)
	}
	return nil
}

func readOrgPolicy(ctx context.Context, tx *sql.Tx, target string, kind model.OrgPolicyKind, name string) (*snapOrgPolicy, error) {
	s := snapOrgPolicy{TargetID: target, Kind: kind, Name: name}
	err := tx.QueryRowContext(ctx, `SELECT document FROM org_policies WHERE target_id = ? AND kind = ? AND name = ?`,
		target, string(kind), name).Scan(&s.Document)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &s, nil
}

func putOrgPolicyRow(ctx context.Context, tx *sql.Tx, s snapOrgPolicy) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO org_policies (target_id, kind, name, document) VALUES (?, ?, ?, ?)
		ON CONFLICT (target_id, kind, name) DO UPDATE SET document = excluded.document`,
		s.TargetID, string(s.Kind), s.Name, s.Document)
	return err
}

// PutOrgPolicy stores an SCP or RCP on a node, replacing the one with the
// same target, kind and name.
func (db *DB) PutOrgPolicy(ctx context.Context, p *model.OrgPolicy) error {
	if db.readOnly {
		return ErrReadOnly
	}
	switch {
	case p == nil:
		return errors.New("put org policy: no policy")
	case p.Name == "":
		return errors.New("put org policy: no name")
	case p.Kind != model.SCP && p.Kind != model.RCP:
		return fmt.Errorf("put org policy %s: kind %q is neither %q nor %q", p.Name, p.Kind, model.SCP, model.RCP)
	case p.Document == nil:
		return fmt.Errorf("put org policy %s: no document", p.Name)
	}
	if err := fitsOrgKind(p); err != nil {
		return fmt.Errorf("put org policy %s: %w", p.Name, err)
	}
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		node, err := readOrgNode(ctx, tx, p.TargetID)
		if err != nil {
			return err
		}
		if node == nil {
			return fmt.Errorf("organization node %q: %w", p.TargetID, ErrNotFound)
		}
		old, err := readOrgPolicy(ctx, tx, p.TargetID, p.Kind, p.Name)
		if err != nil {
			return err
		}
		s := snapOrgPolicy{Name: p.Name, Kind: p.Kind, TargetID: p.TargetID, Document: p.Document.Text}
		if err := putOrgPolicyRow(ctx, tx, s); err != nil {
			return err
		}
		j := journalRow{kind: "org-policy", operation: "put-org-policy",
			summary: fmt.Sprintf("stored %s %q on %s", p.Kind, p.Name, p.TargetID)}
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
		return fmt.Errorf("put org policy %s: %w", p.Name, err)
	}
	return nil
}

// fitsOrgKind refuses a document that is not of the policy's kind: an SCP
// names no Principal; an RCP's statements name "Principal": "*" and a
// Resource. The document's text is read again as that kind (whatever kind
// it says it was parsed as), so that what is stored loads back, and an SCP
// document
// stored as an RCP (or the reverse) is refused with the parser's position.
func fitsOrgKind(p *model.OrgPolicy) error {
	kind := policy.OrgPolicy
	if p.Kind == model.RCP {
		kind = policy.ResourceControl
	}
	if _, err := policy.Parse(p.Document.Text, kind); err != nil {
		return fmt.Errorf("the document is not a %s: %w", kind, err)
	}
	return nil
}

// DeleteOrgPolicy removes an SCP or RCP from a node; ErrNotFound if it is
// not there.
func (db *DB) DeleteOrgPolicy(ctx context.Context, targetID string, kind model.OrgPolicyKind, name string) error {
	if db.readOnly {
		return ErrReadOnly
	}
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		old, err := readOrgPolicy(ctx, tx, targetID, kind, name)
		if err != nil {
			return err
		}
		if old == nil {
			return ErrNotFound
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM org_policies WHERE target_id = ? AND kind = ? AND name = ?`,
			targetID, string(kind), name); err != nil {
			return err
		}
		j := journalRow{kind: "org-policy", operation: "delete-org-policy",
			summary: fmt.Sprintf("deleted %s %q from %s", kind, name, targetID)}
		if j.before, err = json.Marshal(old); err != nil {
			return err
		}
		_, err = insertJournal(ctx, tx, j)
		return err
	})
	if err != nil {
		return fmt.Errorf("delete org policy %s %s on %s: %w", kind, name, targetID, err)
	}
	return nil
}

// undoOrg puts back the Before of an organization entry.
func undoOrg(ctx context.Context, tx *sql.Tx, kind string, target JournalEntry, j journalRow) (JournalEntry, error) {
	var err error
	if kind == "org-node" {
		var before, after *snapOrgNode
		if err := unmarshalNullable(target.Before, &before); err != nil {
			return JournalEntry{}, fmt.Errorf("journal entry %d: %w", target.ID, err)
		}
		if err := unmarshalNullable(target.After, &after); err != nil {
			return JournalEntry{}, fmt.Errorf("journal entry %d: %w", target.ID, err)
		}
		switch {
		case before != nil:
			err = putOrgNodeRow(ctx, tx, *before)
			for _, p := range before.Policies {
				if err == nil {
					err = putOrgPolicyRow(ctx, tx, p)
				}
			}
		case after != nil:
			_, err = tx.ExecContext(ctx, `DELETE FROM org_nodes WHERE id = ?`, after.ID)
		}
	} else {
		var before, after *snapOrgPolicy
		if err := unmarshalNullable(target.Before, &before); err != nil {
			return JournalEntry{}, fmt.Errorf("journal entry %d: %w", target.ID, err)
		}
		if err := unmarshalNullable(target.After, &after); err != nil {
			return JournalEntry{}, fmt.Errorf("journal entry %d: %w", target.ID, err)
		}
		switch {
		case before != nil:
			err = putOrgPolicyRow(ctx, tx, *before)
		case after != nil:
			_, err = tx.ExecContext(ctx, `DELETE FROM org_policies WHERE target_id = ? AND kind = ? AND name = ?`,
				after.TargetID, string(after.Kind), after.Name)
		}
	}
	if err != nil {
		return JournalEntry{}, err
	}
	return insertJournal(ctx, tx, j)
}
