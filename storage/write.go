package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"iamtui/model"
)

// writer writes one account's entities inside a write transaction, with
// each statement prepared once for the whole transaction (an import runs
// the same dozen statements hundreds of thousands of times).
type writer struct {
	ctx     context.Context
	tx      *sql.Tx
	account string
	stmts   map[string]*sql.Stmt
	// Keys of rows this transaction has already resolved or written:
	// memberships and attachments refer to groups and policies by key.
	policyPKs map[string]int64 // ARN → pk
	groupPKs  map[string]int64 // lower-case name → pk
}

func newWriter(ctx context.Context, tx *sql.Tx, account string) *writer {
	return &writer{
		ctx: ctx, tx: tx, account: account, stmts: map[string]*sql.Stmt{},
		policyPKs: map[string]int64{}, groupPKs: map[string]int64{},
	}
}

func (w *writer) close() {
	for _, st := range w.stmts {
		st.Close()
	}
}

func (w *writer) exec(q string, args ...any) (sql.Result, error) {
	st := w.stmts[q]
	if st == nil {
		var err error
		if st, err = w.tx.PrepareContext(w.ctx, q); err != nil {
			return nil, err
		}
		w.stmts[q] = st
	}
	return st.ExecContext(w.ctx, args...)
}

func (w *writer) insert(q string, args ...any) (int64, error) {
	res, err := w.exec(q, args...)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// dateArg stores the zero time ("never") as NULL.
func dateArg(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return fmtTime(t)
}

func nameKey(name string) string { return strings.ToLower(name) }

// lookup finds the pk of a row of this account, or 0.
func (w *writer) lookup(q string, args ...any) (int64, error) {
	var pk int64
	err := w.tx.QueryRowContext(w.ctx, q, args...).Scan(&pk)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return pk, err
}

func (w *writer) policyPK(arn string) (int64, error) {
	if pk, ok := w.policyPKs[arn]; ok {
		return pk, nil
	}
	pk, err := w.lookup(`SELECT pk FROM managed_policies WHERE account_id = ? AND arn = ?`, w.account, arn)
	if err != nil {
		return 0, err
	}
	if pk == 0 {
		return 0, fmt.Errorf("policy %s is not in account %s", arn, w.account)
	}
	w.policyPKs[arn] = pk
	return pk, nil
}

func (w *writer) groupPK(name string) (int64, error) {
	k := nameKey(name)
	if pk, ok := w.groupPKs[k]; ok {
		return pk, nil
	}
	pk, err := w.lookup(`SELECT pk FROM groups WHERE account_id = ? AND name_key = ?`, w.account, k)
	if err != nil {
		return 0, err
	}
	if pk == 0 {
		return 0, fmt.Errorf("group %q is not in account %s", name, w.account)
	}
	w.groupPKs[k] = pk
	return pk, nil
}

func (w *writer) boundaryArg(arn string) (any, error) {
	if arn == "" {
		return nil, nil
	}
	return w.policyPK(arn)
}

// insertAccount writes a whole account: policies first, then what refers
// to them.
func (w *writer) insertAccount(a *model.Account, source string, importedAt time.Time) error {
	if _, err := w.exec(`INSERT INTO accounts (id, alias, truncated, source, imported_at) VALUES (?, ?, ?, ?, ?)`,
		a.ID, a.Alias, a.Truncated, source, fmtTime(importedAt)); err != nil {
		return fmt.Errorf("account: %w", err)
	}
	for _, p := range a.Policies {
		if _, err := w.putPolicy(0, p); err != nil {
			return fmt.Errorf("policy %q: %w", p.Name, err)
		}
	}
	for _, g := range a.Groups {
		if _, err := w.putGroup(0, g); err != nil {
			return fmt.Errorf("group %q: %w", g.Name, err)
		}
	}
	for _, g := range a.Groups {
		if err := w.groupChildren(w.groupPKs[nameKey(g.Name)], g, false); err != nil {
			return fmt.Errorf("group %q: %w", g.Name, err)
		}
	}
	for _, u := range a.Users {
		pk, err := w.putUser(0, u)
		if err == nil {
			err = w.userChildren(pk, u, false)
		}
		if err != nil {
			return fmt.Errorf("user %q: %w", u.Name, err)
		}
	}
	for _, r := range a.Roles {
		pk, err := w.putRole(0, r)
		if err == nil {
			err = w.roleChildren(pk, r, false)
		}
		if err != nil {
			return fmt.Errorf("role %q: %w", r.Name, err)
		}
	}
	for _, ip := range a.InstanceProfiles {
		if _, err := w.putProfile(0, 0, ip); err != nil {
			return fmt.Errorf("instance profile %q: %w", ip.Name, err)
		}
	}
	return nil
}

// deleteAccountRows deletes an account. The lists hang off the entities go
// first, table by table: deleting them one parent at a time through ON
// DELETE CASCADE runs a trigger program per parent row and child table,
// which made re-importing a large account 40% slower. Principals go before
// the policies they attach (ON DELETE RESTRICT would refuse the policies
// otherwise).
func (w *writer) deleteAccountRows(id string) error {
	for _, child := range accountChildTables {
		q := fmt.Sprintf("DELETE FROM %s WHERE %s IN (SELECT pk FROM %s WHERE account_id = ?)", child.table, child.col, child.parent)
		if _, err := w.tx.ExecContext(w.ctx, q, id); err != nil {
			return fmt.Errorf("delete %s: %w", child.table, err)
		}
	}
	for _, table := range []string{"instance_profiles", "users", "roles", "groups", "managed_policies", "accounts"} {
		col := "account_id"
		if table == "accounts" {
			col = "id"
		}
		if _, err := w.tx.ExecContext(w.ctx, "DELETE FROM "+table+" WHERE "+col+" = ?", id); err != nil {
			return fmt.Errorf("delete %s: %w", table, err)
		}
	}
	return nil
}

// accountChildTables are the lists deleteAccountRows deletes before their
// owners. Tables missing here are still deleted, by cascade.
var accountChildTables = []struct{ table, col, parent string }{
	{"group_members", "user_pk", "users"},
	{"user_attachments", "user_pk", "users"},
	{"user_inline_policies", "user_pk", "users"},
	{"user_tags", "user_pk", "users"},
	{"role_attachments", "role_pk", "roles"},
	{"role_inline_policies", "role_pk", "roles"},
	{"role_tags", "role_pk", "roles"},
	{"trust_policies", "role_pk", "roles"},
	{"group_attachments", "group_pk", "groups"},
	{"group_inline_policies", "group_pk", "groups"},
	{"policy_versions", "policy_pk", "managed_policies"},
	{"policy_tags", "policy_pk", "managed_policies"},
	{"instance_profile_roles", "profile_pk", "instance_profiles"},
	{"instance_profile_tags", "profile_pk", "instance_profiles"},
}

// The put functions insert a row (pk 0) or update it in place (keeping its
// pk, so rows that refer to it stay valid and it keeps its place in the
// account's order), and return its pk. The children functions replace the
// lists that hang off a row; replace says there may be old ones.

func (w *writer) putPolicy(pk int64, p *model.ManagedPolicy) (int64, error) {
	var err error
	if pk == 0 {
		pk, err = w.insert(`INSERT INTO managed_policies (account_id, arn, name, path, policy_id, description,
			create_date, update_date, default_version_id, is_attachable) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			w.account, p.ARN, p.Name, p.Path, p.ID, p.Description, dateArg(p.CreateDate), dateArg(p.UpdateDate),
			p.DefaultVersionID, p.IsAttachable)
	} else {
		_, err = w.exec(`UPDATE managed_policies SET arn = ?, name = ?, path = ?, policy_id = ?, description = ?,
			create_date = ?, update_date = ?, default_version_id = ?, is_attachable = ? WHERE pk = ?`,
			p.ARN, p.Name, p.Path, p.ID, p.Description, dateArg(p.CreateDate), dateArg(p.UpdateDate),
			p.DefaultVersionID, p.IsAttachable, pk)
		if err == nil {
			err = w.clear(pk, "policy_versions", "policy_tags")
		}
	}
	if err != nil {
		return 0, err
	}
	w.policyPKs[p.ARN] = pk
	for i, v := range p.Versions {
		if v.Document == nil {
			return 0, fmt.Errorf("version %s has no document", v.ID)
		}
		if _, err := w.exec(`INSERT INTO policy_versions (policy_pk, ord, version_id, is_default, create_date, document)
			VALUES (?, ?, ?, ?, ?, ?)`, pk, i, v.ID, v.IsDefault, dateArg(v.CreateDate), v.Document.Text); err != nil {
			return 0, fmt.Errorf("version %s: %w", v.ID, err)
		}
	}
	if err := w.insertTags("policy_tags", "policy_pk", pk, p.Tags); err != nil {
		return 0, err
	}
	return pk, nil
}

// clear deletes the child rows of one parent; every child table's parent
// column is named after the table it points to.
func (w *writer) clear(pk int64, tables ...string) error {
	for _, t := range tables {
		col := childColumn[t]
		if _, err := w.exec("DELETE FROM "+t+" WHERE "+col+" = ?", pk); err != nil {
			return fmt.Errorf("clear %s: %w", t, err)
		}
	}
	return nil
}

var childColumn = map[string]string{
	"policy_versions": "policy_pk", "policy_tags": "policy_pk",
	"group_inline_policies": "group_pk", "group_attachments": "group_pk",
	"user_inline_policies": "user_pk", "user_attachments": "user_pk", "user_tags": "user_pk", "group_members": "user_pk",
	"role_inline_policies": "role_pk", "role_attachments": "role_pk", "role_tags": "role_pk", "trust_policies": "role_pk",
	"instance_profiles": "role_pk", "instance_profile_roles": "profile_pk", "instance_profile_tags": "profile_pk",
}

func (w *writer) insertTags(table, col string, pk int64, tags []model.Tag) error {
	for i, t := range tags {
		if _, err := w.exec("INSERT INTO "+table+" ("+col+", ord, key, value) VALUES (?, ?, ?, ?)", pk, i, t.Key, t.Value); err != nil {
			return fmt.Errorf("tag %q: %w", t.Key, err)
		}
	}
	return nil
}

func (w *writer) insertInline(table, col string, pk int64, ps []model.InlinePolicy) error {
	for i, p := range ps {
		if p.Document == nil {
			return fmt.Errorf("inline policy %q has no document", p.Name)
		}
		if _, err := w.exec("INSERT INTO "+table+" ("+col+", ord, name, document) VALUES (?, ?, ?, ?)", pk, i, p.Name, p.Document.Text); err != nil {
			return fmt.Errorf("inline policy %q: %w", p.Name, err)
		}
	}
	return nil
}

func (w *writer) insertAttachments(table, col string, pk int64, arns []string) error {
	for i, arn := range arns {
		ppk, err := w.policyPK(arn)
		if err != nil {
			return fmt.Errorf("attached %w", err)
		}
		if _, err := w.exec("INSERT INTO "+table+" ("+col+", ord, policy_pk) VALUES (?, ?, ?)", pk, i, ppk); err != nil {
			return fmt.Errorf("attach %s: %w", arn, err)
		}
	}
	return nil
}

func (w *writer) putGroup(pk int64, g *model.Group) (int64, error) {
	var err error
	if pk == 0 {
		pk, err = w.insert(`INSERT INTO groups (account_id, name, name_key, path, group_id, arn, create_date)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, w.account, g.Name, nameKey(g.Name), g.Path, g.ID, g.ARN, dateArg(g.CreateDate))
	} else {
		_, err = w.exec(`UPDATE groups SET name = ?, name_key = ?, path = ?, group_id = ?, arn = ?, create_date = ?
			WHERE pk = ?`, g.Name, nameKey(g.Name), g.Path, g.ID, g.ARN, dateArg(g.CreateDate), pk)
	}
	if err != nil {
		return 0, err
	}
	w.groupPKs[nameKey(g.Name)] = pk
	return pk, nil
}

func (w *writer) groupChildren(pk int64, g *model.Group, replace bool) error {
	if replace {
		if err := w.clear(pk, "group_inline_policies", "group_attachments"); err != nil {
			return err
		}
	}
	if err := w.insertInline("group_inline_policies", "group_pk", pk, g.InlinePolicies); err != nil {
		return err
	}
	return w.insertAttachments("group_attachments", "group_pk", pk, g.AttachedPolicies)
}

func (w *writer) putUser(pk int64, u *model.User) (int64, error) {
	boundary, err := w.boundaryArg(u.PermissionsBoundary)
	if err != nil {
		return 0, fmt.Errorf("permissions boundary: %w", err)
	}
	if pk == 0 {
		return w.insert(`INSERT INTO users (account_id, name, name_key, path, user_id, arn, create_date,
			password_last_used, boundary_pk) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			w.account, u.Name, nameKey(u.Name), u.Path, u.ID, u.ARN, dateArg(u.CreateDate), dateArg(u.PasswordLastUsed), boundary)
	}
	_, err = w.exec(`UPDATE users SET name = ?, name_key = ?, path = ?, user_id = ?, arn = ?, create_date = ?,
		password_last_used = ?, boundary_pk = ? WHERE pk = ?`,
		u.Name, nameKey(u.Name), u.Path, u.ID, u.ARN, dateArg(u.CreateDate), dateArg(u.PasswordLastUsed), boundary, pk)
	return pk, err
}

func (w *writer) userChildren(pk int64, u *model.User, replace bool) error {
	if replace {
		if err := w.clear(pk, "group_members", "user_inline_policies", "user_attachments", "user_tags"); err != nil {
			return err
		}
	}
	for i, g := range u.Groups {
		gpk, err := w.groupPK(g)
		if err != nil {
			return fmt.Errorf("member of %w", err)
		}
		if _, err := w.exec(`INSERT INTO group_members (user_pk, ord, group_pk) VALUES (?, ?, ?)`, pk, i, gpk); err != nil {
			return fmt.Errorf("member of group %q: %w", g, err)
		}
	}
	if err := w.insertInline("user_inline_policies", "user_pk", pk, u.InlinePolicies); err != nil {
		return err
	}
	if err := w.insertAttachments("user_attachments", "user_pk", pk, u.AttachedPolicies); err != nil {
		return err
	}
	return w.insertTags("user_tags", "user_pk", pk, u.Tags)
}

func (w *writer) putRole(pk int64, r *model.Role) (int64, error) {
	boundary, err := w.boundaryArg(r.PermissionsBoundary)
	if err != nil {
		return 0, fmt.Errorf("permissions boundary: %w", err)
	}
	if pk == 0 {
		return w.insert(`INSERT INTO roles (account_id, name, name_key, path, role_id, arn, description, create_date,
			max_session_duration, boundary_pk, last_used, last_used_region) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			w.account, r.Name, nameKey(r.Name), r.Path, r.ID, r.ARN, r.Description, dateArg(r.CreateDate),
			r.MaxSessionDuration, boundary, dateArg(r.LastUsed), r.LastUsedRegion)
	}
	_, err = w.exec(`UPDATE roles SET name = ?, name_key = ?, path = ?, role_id = ?, arn = ?, description = ?,
		create_date = ?, max_session_duration = ?, boundary_pk = ?, last_used = ?, last_used_region = ? WHERE pk = ?`,
		r.Name, nameKey(r.Name), r.Path, r.ID, r.ARN, r.Description, dateArg(r.CreateDate),
		r.MaxSessionDuration, boundary, dateArg(r.LastUsed), r.LastUsedRegion, pk)
	return pk, err
}

func (w *writer) roleChildren(pk int64, r *model.Role, replace bool) error {
	if replace {
		if err := w.clear(pk, "trust_policies", "role_inline_policies", "role_attachments", "role_tags", "instance_profiles"); err != nil {
			return err
		}
	}
	if r.TrustPolicy == nil {
		return errors.New("has no trust policy")
	}
	if _, err := w.exec(`INSERT INTO trust_policies (role_pk, document) VALUES (?, ?)`, pk, r.TrustPolicy.Text); err != nil {
		return fmt.Errorf("trust policy: %w", err)
	}
	if err := w.insertInline("role_inline_policies", "role_pk", pk, r.InlinePolicies); err != nil {
		return err
	}
	if err := w.insertAttachments("role_attachments", "role_pk", pk, r.AttachedPolicies); err != nil {
		return err
	}
	if err := w.insertTags("role_tags", "role_pk", pk, r.Tags); err != nil {
		return err
	}
	for _, ip := range r.InstanceProfiles {
		if _, err := w.putProfile(0, pk, ip); err != nil {
			return fmt.Errorf("instance profile %q: %w", ip.Name, err)
		}
	}
	return nil
}

// putProfile writes an instance profile with its lists; rolePK 0 puts it
// in the account's own list.
func (w *writer) putProfile(pk, rolePK int64, ip *model.InstanceProfile) (int64, error) {
	var role any
	if rolePK != 0 {
		role = rolePK
	}
	var err error
	if pk == 0 {
		pk, err = w.insert(`INSERT INTO instance_profiles (account_id, role_pk, name, name_key, path, profile_id, arn, create_date)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, w.account, role, ip.Name, nameKey(ip.Name), ip.Path, ip.ID, ip.ARN, dateArg(ip.CreateDate))
	} else {
		_, err = w.exec(`UPDATE instance_profiles SET name = ?, name_key = ?, path = ?, profile_id = ?, arn = ?, create_date = ?
			WHERE pk = ?`, ip.Name, nameKey(ip.Name), ip.Path, ip.ID, ip.ARN, dateArg(ip.CreateDate), pk)
		if err == nil {
			err = w.clear(pk, "instance_profile_roles", "instance_profile_tags")
		}
	}
	if err != nil {
		return 0, err
	}
	for i, name := range ip.Roles {
		if _, err := w.exec(`INSERT INTO instance_profile_roles (profile_pk, ord, role_name) VALUES (?, ?, ?)`, pk, i, name); err != nil {
			return 0, fmt.Errorf("role %q: %w", name, err)
		}
	}
	return pk, w.insertTags("instance_profile_tags", "profile_pk", pk, ip.Tags)
}
