package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"iamtui/model"
	"iamtui/model/policy"
)

// loader reads accounts back into the model inside one read transaction.
// Rows come ordered by their parent's key, and references between entities
// (memberships, attachments, boundaries) are read as integer keys and
// resolved through maps filled by the tables read before: no string is
// read twice from SQLite, and SQLite does no joins for them.
type loader struct {
	ctx     context.Context
	tx      *sql.Tx
	ds      *docSet
	account string // "" = every account
	// eval leaves out what the evaluator never reads (LoadOptions).
	eval bool

	accounts  []*model.Account
	byID      map[string]*model.Account
	policyARN map[int64]string
	policies  map[int64]*model.ManagedPolicy
	groupName map[int64]string
	groups    map[int64]*model.Group
	users     map[int64]*model.User
	roles     map[int64]*model.Role
	profiles  map[int64]*model.InstanceProfile
}

func newLoader(ctx context.Context, tx *sql.Tx, ds *docSet, account string) *loader {
	return &loader{
		ctx: ctx, tx: tx, ds: ds, account: account,
		byID:      map[string]*model.Account{},
		policyARN: map[int64]string{},
		policies:  map[int64]*model.ManagedPolicy{},
		groupName: map[int64]string{},
		groups:    map[int64]*model.Group{},
		users:     map[int64]*model.User{},
		roles:     map[int64]*model.Role{},
		profiles:  map[int64]*model.InstanceProfile{},
	}
}

// query runs q with its account filter: filter is the SQL condition that
// restricts q to one account, used when the loader has one.
func (l *loader) query(q, filter string, each func(rows *sql.Rows) error) error {
	var args []any
	where := ""
	if l.account != "" {
		where = "WHERE " + filter
		args = append(args, l.account)
	}
	q = strings.Replace(q, "{where}", where, 1)
	if l.account != "" {
		q = strings.Replace(q, "{and}", "AND "+filter, 1)
	} else {
		q = strings.Replace(q, "{and}", "", 1)
	}
	rows, err := l.tx.QueryContext(l.ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := each(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// timeOf parses a stored date; the column holds what fmtTime wrote. A
// load for evaluation leaves dates out (time.Parse is a good part of
// reading a user).
func (l *loader) timeOf(s string, err *error) time.Time {
	if s == "" || l.eval {
		return time.Time{}
	}
	t, e := time.Parse(time.RFC3339Nano, s)
	if e != nil && *err == nil {
		*err = fmt.Errorf("stored date %q: %w", s, e)
	}
	return t
}

func (l *loader) load() error {
	steps := []struct {
		what        string
		fn          func() error
		skipForEval bool
	}{
		{"accounts", l.loadAccounts, false},
		{"managed policies", l.loadPolicies, false},
		{"policy versions", l.loadVersions, false},
		{"policy tags", l.loadPolicyTags, true},
		{"groups", l.loadGroups, false},
		{"group policies", l.loadGroupInline, false},
		{"group attachments", l.loadGroupAttachments, false},
		{"users", l.loadUsers, false},
		{"group members", l.loadMembers, false},
		{"user policies", l.loadUserInline, false},
		{"user attachments", l.loadUserAttachments, false},
		{"user tags", l.loadUserTags, false},
		{"roles", l.loadRoles, false},
		{"role policies", l.loadRoleInline, false},
		{"role attachments", l.loadRoleAttachments, false},
		{"role tags", l.loadRoleTags, false},
		{"instance profiles", l.loadProfiles, true},
		{"instance profile roles", l.loadProfileRoles, true},
		{"instance profile tags", l.loadProfileTags, true},
	}
	for _, s := range steps {
		if l.eval && s.skipForEval {
			continue
		}
		if err := s.fn(); err != nil {
			return fmt.Errorf("load %s: %w", s.what, err)
		}
	}
	return nil
}

func (l *loader) loadAccounts() error {
	return l.query(`SELECT id, alias, truncated FROM accounts {where} ORDER BY id`, "id = ?", func(rows *sql.Rows) error {
		a := &model.Account{}
		if err := rows.Scan(&a.ID, &a.Alias, &a.Truncated); err != nil {
			return err
		}
		l.accounts = append(l.accounts, a)
		l.byID[a.ID] = a
		return nil
	})
}

func (l *loader) acct(id string) (*model.Account, error) {
	a := l.byID[id]
	if a == nil {
		return nil, fmt.Errorf("account %s is referenced but missing", id)
	}
	return a, nil
}

func (l *loader) loadPolicies() error {
	return l.query(`SELECT pk, account_id, arn, name, path, policy_id, description,
		coalesce(create_date, ''), coalesce(update_date, ''), default_version_id, is_attachable
		FROM managed_policies {where} ORDER BY pk`, "account_id = ?", func(rows *sql.Rows) error {
		var (
			pk                    int64
			account, created, upd string
			terr                  error
		)
		p := &model.ManagedPolicy{}
		if err := rows.Scan(&pk, &account, &p.ARN, &p.Name, &p.Path, &p.ID, &p.Description, &created, &upd, &p.DefaultVersionID, &p.IsAttachable); err != nil {
			return err
		}
		p.CreateDate, p.UpdateDate = l.timeOf(created, &terr), l.timeOf(upd, &terr)
		a, err := l.acct(account)
		if err != nil {
			return err
		}
		a.Policies = append(a.Policies, p)
		l.policies[pk] = p
		l.policyARN[pk] = p.ARN
		return terr
	})
}

func (l *loader) loadVersions() error {
	q := `SELECT v.policy_pk, v.version_id, v.is_default, coalesce(v.create_date, ''), v.document
		FROM policy_versions v {where} ORDER BY v.policy_pk, v.ord`
	if l.eval {
		// The evaluator reads the default version alone: the others are
		// two fifths of the documents of a large account.
		q = `SELECT v.policy_pk, v.version_id, v.is_default, '', v.document
		FROM policy_versions v WHERE v.is_default {and} ORDER BY v.policy_pk, v.ord`
	}
	return l.query(q, "v.policy_pk IN (SELECT pk FROM managed_policies WHERE account_id = ?)", func(rows *sql.Rows) error {
		var (
			pk            int64
			created, text string
			terr          error
		)
		v := &model.PolicyVersion{}
		if err := rows.Scan(&pk, &v.ID, &v.IsDefault, &created, &text); err != nil {
			return err
		}
		v.CreateDate = l.timeOf(created, &terr)
		p := l.policies[pk]
		if p == nil {
			return fmt.Errorf("version of unknown policy %d", pk)
		}
		p.Versions = append(p.Versions, v)
		l.ds.add(text, policy.Identity, docWhere{entity: "policy", name: p.Name, part: "version", partName: v.ID},
			func(d *policy.Document) { v.Document = d })
		return terr
	})
}

func (l *loader) loadPolicyTags() error {
	return l.query(`SELECT t.policy_pk, t.key, t.value FROM policy_tags t {where} ORDER BY t.policy_pk, t.ord`,
		"t.policy_pk IN (SELECT pk FROM managed_policies WHERE account_id = ?)", func(rows *sql.Rows) error {
			var pk int64
			var t model.Tag
			if err := rows.Scan(&pk, &t.Key, &t.Value); err != nil {
				return err
			}
			if p := l.policies[pk]; p != nil {
				p.Tags = append(p.Tags, t)
			}
			return nil
		})
}

func (l *loader) loadGroups() error {
	return l.query(`SELECT pk, account_id, name, path, group_id, arn, coalesce(create_date, '')
		FROM groups {where} ORDER BY pk`, "account_id = ?", func(rows *sql.Rows) error {
		var (
			pk               int64
			account, created string
			terr             error
		)
		g := &model.Group{}
		if err := rows.Scan(&pk, &account, &g.Name, &g.Path, &g.ID, &g.ARN, &created); err != nil {
			return err
		}
		g.CreateDate = l.timeOf(created, &terr)
		a, err := l.acct(account)
		if err != nil {
			return err
		}
		a.Groups = append(a.Groups, g)
		l.groups[pk] = g
		l.groupName[pk] = g.Name
		return terr
	})
}

// inline reads one of the inline-policy tables into the owners' lists.
func (l *loader) inline(table, owner, entity string, add func(pk int64) (*[]model.InlinePolicy, string)) error {
	q := fmt.Sprintf(`SELECT i.%[2]s_pk, i.name, i.document FROM %[1]s i {where} ORDER BY i.%[2]s_pk, i.ord`, table, owner)
	filter := fmt.Sprintf("i.%[1]s_pk IN (SELECT pk FROM %[1]ss WHERE account_id = ?)", owner)
	return l.query(q, filter, func(rows *sql.Rows) error {
		var (
			pk         int64
			name, text string
		)
		if err := rows.Scan(&pk, &name, &text); err != nil {
			return err
		}
		list, ownerName := add(pk)
		if list == nil {
			return fmt.Errorf("inline policy of unknown %s %d", entity, pk)
		}
		i := len(*list)
		*list = append(*list, model.InlinePolicy{Name: name})
		l.ds.add(text, policy.Identity, docWhere{entity: entity, name: ownerName, part: "inline policy", partName: name},
			func(d *policy.Document) { (*list)[i].Document = d })
		return nil
	})
}

// attachments reads one of the attachment tables into the owners' lists.
func (l *loader) attachments(table, owner string, add func(pk int64) *[]string) error {
	q := fmt.Sprintf(`SELECT a.%[2]s_pk, a.policy_pk FROM %[1]s a {where} ORDER BY a.%[2]s_pk, a.ord`, table, owner)
	filter := fmt.Sprintf("a.%[1]s_pk IN (SELECT pk FROM %[1]ss WHERE account_id = ?)", owner)
	return l.query(q, filter, func(rows *sql.Rows) error {
		var pk, policyPK int64
		if err := rows.Scan(&pk, &policyPK); err != nil {
			return err
		}
		list := add(pk)
		arn, ok := l.policyARN[policyPK]
		if list == nil || !ok {
			return fmt.Errorf("attachment %d→%d refers to a missing entity", pk, policyPK)
		}
		*list = append(*list, arn)
		return nil
	})
}

// tags reads one of the tag tables into the owners' lists.
func (l *loader) tags(table, owner, ownerTable string, add func(pk int64) *[]model.Tag) error {
	q := fmt.Sprintf(`SELECT t.%[2]s_pk, t.key, t.value FROM %[1]s t {where} ORDER BY t.%[2]s_pk, t.ord`, table, owner)
	filter := fmt.Sprintf("t.%s_pk IN (SELECT pk FROM %s WHERE account_id = ?)", owner, ownerTable)
	return l.query(q, filter, func(rows *sql.Rows) error {
		var pk int64
		var t model.Tag
		if err := rows.Scan(&pk, &t.Key, &t.Value); err != nil {
			return err
		}
		if list := add(pk); list != nil {
			*list = append(*list, t)
		}
		return nil
	})
}

func (l *loader) loadGroupInline() error {
	return l.inline("group_inline_policies", "group", "group", func(pk int64) (*[]model.InlinePolicy, string) {
		if g := l.groups[pk]; g != nil {
			return &g.InlinePolicies, g.Name
		}
		return nil, ""
	})
}

func (l *loader) loadGroupAttachments() error {
	return l.attachments("group_attachments", "group", func(pk int64) *[]string {
		if g := l.groups[pk]; g != nil {
			return &g.AttachedPolicies
		}
		return nil
	})
}

func (l *loader) loadUsers() error {
	return l.query(`SELECT pk, account_id, name, path, user_id, arn, coalesce(create_date, ''),
		coalesce(password_last_used, ''), coalesce(boundary_pk, 0)
		FROM users {where} ORDER BY pk`, "account_id = ?", func(rows *sql.Rows) error {
		var (
			pk, boundary           int64
			account, created, used string
			terr                   error
		)
		u := &model.User{}
		if err := rows.Scan(&pk, &account, &u.Name, &u.Path, &u.ID, &u.ARN, &created, &used, &boundary); err != nil {
			return err
		}
		u.CreateDate, u.PasswordLastUsed = l.timeOf(created, &terr), l.timeOf(used, &terr)
		if boundary != 0 {
			u.PermissionsBoundary = l.policyARN[boundary]
		}
		a, err := l.acct(account)
		if err != nil {
			return err
		}
		a.Users = append(a.Users, u)
		l.users[pk] = u
		return terr
	})
}

func (l *loader) loadMembers() error {
	return l.query(`SELECT m.user_pk, m.group_pk FROM group_members m {where} ORDER BY m.user_pk, m.ord`,
		"m.user_pk IN (SELECT pk FROM users WHERE account_id = ?)", func(rows *sql.Rows) error {
			var userPK, groupPK int64
			if err := rows.Scan(&userPK, &groupPK); err != nil {
				return err
			}
			u := l.users[userPK]
			name, ok := l.groupName[groupPK]
			if u == nil || !ok {
				return fmt.Errorf("membership %d→%d refers to a missing entity", userPK, groupPK)
			}
			u.Groups = append(u.Groups, name)
			return nil
		})
}

func (l *loader) loadUserInline() error {
	return l.inline("user_inline_policies", "user", "user", func(pk int64) (*[]model.InlinePolicy, string) {
		if u := l.users[pk]; u != nil {
			return &u.InlinePolicies, u.Name
		}
		return nil, ""
	})
}

func (l *loader) loadUserAttachments() error {
	return l.attachments("user_attachments", "user", func(pk int64) *[]string {
		if u := l.users[pk]; u != nil {
			return &u.AttachedPolicies
		}
		return nil
	})
}

func (l *loader) loadUserTags() error {
	return l.tags("user_tags", "user", "users", func(pk int64) *[]model.Tag {
		if u := l.users[pk]; u != nil {
			return &u.Tags
		}
		return nil
	})
}

func (l *loader) loadRoles() error {
	return l.query(`SELECT r.pk, r.account_id, r.name, r.path, r.role_id, r.arn, r.description,
		coalesce(r.create_date, ''), r.max_session_duration, coalesce(r.boundary_pk, 0),
		coalesce(r.last_used, ''), r.last_used_region, t.document
		FROM roles r JOIN trust_policies t ON t.role_pk = r.pk {where} ORDER BY r.pk`, "r.account_id = ?", func(rows *sql.Rows) error {
		var (
			pk, boundary                  int64
			account, created, used, trust string
			terr                          error
		)
		r := &model.Role{}
		if err := rows.Scan(&pk, &account, &r.Name, &r.Path, &r.ID, &r.ARN, &r.Description, &created,
			&r.MaxSessionDuration, &boundary, &used, &r.LastUsedRegion, &trust); err != nil {
			return err
		}
		r.CreateDate, r.LastUsed = l.timeOf(created, &terr), l.timeOf(used, &terr)
		if boundary != 0 {
			r.PermissionsBoundary = l.policyARN[boundary]
		}
		a, err := l.acct(account)
		if err != nil {
			return err
		}
		a.Roles = append(a.Roles, r)
		l.roles[pk] = r
		l.ds.add(trust, policy.Trust, docWhere{account: account, entity: "role", name: r.Name, part: "trust policy"},
			func(d *policy.Document) { r.TrustPolicy = d })
		return terr
	})
}

func (l *loader) loadRoleInline() error {
	return l.inline("role_inline_policies", "role", "role", func(pk int64) (*[]model.InlinePolicy, string) {
		if r := l.roles[pk]; r != nil {
			return &r.InlinePolicies, r.Name
		}
		return nil, ""
	})
}

func (l *loader) loadRoleAttachments() error {
	return l.attachments("role_attachments", "role", func(pk int64) *[]string {
		if r := l.roles[pk]; r != nil {
			return &r.AttachedPolicies
		}
		return nil
	})
}

func (l *loader) loadRoleTags() error {
	return l.tags("role_tags", "role", "roles", func(pk int64) *[]model.Tag {
		if r := l.roles[pk]; r != nil {
			return &r.Tags
		}
		return nil
	})
}

func (l *loader) loadProfiles() error {
	return l.query(`SELECT pk, account_id, coalesce(role_pk, 0), name, path, profile_id, arn, coalesce(create_date, '')
		FROM instance_profiles {where} ORDER BY pk`, "account_id = ?", func(rows *sql.Rows) error {
		var (
			pk, rolePK       int64
			account, created string
			terr             error
		)
		ip := &model.InstanceProfile{}
		if err := rows.Scan(&pk, &account, &rolePK, &ip.Name, &ip.Path, &ip.ID, &ip.ARN, &created); err != nil {
			return err
		}
		ip.CreateDate = l.timeOf(created, &terr)
		if rolePK != 0 {
			r := l.roles[rolePK]
			if r == nil {
				return fmt.Errorf("instance profile %q of unknown role %d", ip.Name, rolePK)
			}
			r.InstanceProfiles = append(r.InstanceProfiles, ip)
		} else {
			a, err := l.acct(account)
			if err != nil {
				return err
			}
			a.InstanceProfiles = append(a.InstanceProfiles, ip)
		}
		l.profiles[pk] = ip
		return terr
	})
}

func (l *loader) loadProfileRoles() error {
	return l.query(`SELECT p.profile_pk, p.role_name FROM instance_profile_roles p {where} ORDER BY p.profile_pk, p.ord`,
		"p.profile_pk IN (SELECT pk FROM instance_profiles WHERE account_id = ?)", func(rows *sql.Rows) error {
			var pk int64
			var name string
			if err := rows.Scan(&pk, &name); err != nil {
				return err
			}
			if ip := l.profiles[pk]; ip != nil {
				ip.Roles = append(ip.Roles, name)
			}
			return nil
		})
}

func (l *loader) loadProfileTags() error {
	return l.tags("instance_profile_tags", "profile", "instance_profiles", func(pk int64) *[]model.Tag {
		if ip := l.profiles[pk]; ip != nil {
			return &ip.Tags
		}
		return nil
	})
}
