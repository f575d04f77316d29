-- 0001: the first schema.
--
-- Conventions:
-- * Policy documents are stored as their original text, byte for byte; the
--   loader re-parses them, so a better parser never needs a data migration.
-- * Top-level entities keep the order they were imported or created in by
--   their INTEGER PRIMARY KEY (rowid order): a modification updates the row
--   in place and keeps its place, a creation appends, exactly as
--   model.Account.Apply does in memory. Lists inside an entity keep their
--   order in an explicit ord column.
-- * name_key is the name folded to lower case: AWS's names are unique
--   ignoring case, and the key makes the database enforce it.
-- * Dates are RFC 3339 text (with the original offset) or NULL for "never":
--   readable in the sqlite3 shell of an auditor.
-- * Every foreign-key column has an index: SQLite scans the child table on
--   each parent delete otherwise.

CREATE TABLE accounts (
	id          TEXT PRIMARY KEY CHECK (length(id) = 12),
	alias       TEXT NOT NULL DEFAULT '',
	truncated   INTEGER NOT NULL DEFAULT 0,
	source      TEXT NOT NULL DEFAULT '',
	imported_at TEXT NOT NULL
);

CREATE TABLE managed_policies (
	pk                 INTEGER PRIMARY KEY,
	account_id         TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
	arn                TEXT NOT NULL,
	name               TEXT NOT NULL,
	path               TEXT NOT NULL,
	policy_id          TEXT NOT NULL,
	description        TEXT NOT NULL DEFAULT '',
	create_date        TEXT,
	update_date        TEXT,
	default_version_id TEXT NOT NULL DEFAULT '',
	is_attachable      INTEGER NOT NULL,
	UNIQUE (account_id, arn)
);
CREATE INDEX managed_policies_account ON managed_policies(account_id);

CREATE TABLE policy_versions (
	policy_pk   INTEGER NOT NULL REFERENCES managed_policies(pk) ON DELETE CASCADE,
	ord         INTEGER NOT NULL,
	version_id  TEXT NOT NULL,
	is_default  INTEGER NOT NULL,
	create_date TEXT,
	document    TEXT NOT NULL,
	PRIMARY KEY (policy_pk, ord),
	UNIQUE (policy_pk, version_id)
) WITHOUT ROWID;
-- AWS's rule, kept by the database too: one default version per policy.
CREATE UNIQUE INDEX policy_versions_one_default ON policy_versions(policy_pk) WHERE is_default;

CREATE TABLE policy_tags (
	policy_pk INTEGER NOT NULL REFERENCES managed_policies(pk) ON DELETE CASCADE,
	ord       INTEGER NOT NULL,
	key       TEXT NOT NULL,
	value     TEXT NOT NULL,
	PRIMARY KEY (policy_pk, ord)
) WITHOUT ROWID;

CREATE TABLE users (
	pk                 INTEGER PRIMARY KEY,
	account_id         TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
	name               TEXT NOT NULL,
	name_key           TEXT NOT NULL,
	path               TEXT NOT NULL,
	user_id            TEXT NOT NULL,
	arn                TEXT NOT NULL,
	create_date        TEXT,
	password_last_used TEXT,
	-- A policy that is some principal's boundary cannot be deleted.
	boundary_pk        INTEGER REFERENCES managed_policies(pk) ON DELETE RESTRICT,
	UNIQUE (account_id, name_key)
);
CREATE INDEX users_account ON users(account_id);
CREATE INDEX users_boundary ON users(boundary_pk);

CREATE TABLE groups (
	pk          INTEGER PRIMARY KEY,
	account_id  TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
	name        TEXT NOT NULL,
	name_key    TEXT NOT NULL,
	path        TEXT NOT NULL,
	group_id    TEXT NOT NULL,
	arn         TEXT NOT NULL,
	create_date TEXT,
	UNIQUE (account_id, name_key)
);
CREATE INDEX groups_account ON groups(account_id);

CREATE TABLE roles (
	pk                   INTEGER PRIMARY KEY,
	account_id           TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
	name                 TEXT NOT NULL,
	name_key             TEXT NOT NULL,
	path                 TEXT NOT NULL,
	role_id              TEXT NOT NULL,
	arn                  TEXT NOT NULL,
	description          TEXT NOT NULL DEFAULT '',
	create_date          TEXT,
	max_session_duration INTEGER NOT NULL DEFAULT 0,
	boundary_pk          INTEGER REFERENCES managed_policies(pk) ON DELETE RESTRICT,
	last_used            TEXT,
	last_used_region     TEXT NOT NULL DEFAULT '',
	UNIQUE (account_id, name_key)
);
CREATE INDEX roles_account ON roles(account_id);
CREATE INDEX roles_boundary ON roles(boundary_pk);

-- A role's AssumeRolePolicyDocument: exactly one per role.
CREATE TABLE trust_policies (
	role_pk  INTEGER PRIMARY KEY REFERENCES roles(pk) ON DELETE CASCADE,
	document TEXT NOT NULL
);

-- Group membership, in the order of the user's list of groups. A group that
-- still has members cannot be deleted (AWS requires removing them first).
CREATE TABLE group_members (
	user_pk  INTEGER NOT NULL REFERENCES users(pk) ON DELETE CASCADE,
	ord      INTEGER NOT NULL,
	group_pk INTEGER NOT NULL REFERENCES groups(pk) ON DELETE RESTRICT,
	PRIMARY KEY (user_pk, ord),
	UNIQUE (user_pk, group_pk)
) WITHOUT ROWID;
CREATE INDEX group_members_group ON group_members(group_pk);

-- Attached managed policies. A policy that is still attached cannot be
-- deleted (ON DELETE RESTRICT), as in AWS.
CREATE TABLE user_attachments (
	user_pk   INTEGER NOT NULL REFERENCES users(pk) ON DELETE CASCADE,
	ord       INTEGER NOT NULL,
	policy_pk INTEGER NOT NULL REFERENCES managed_policies(pk) ON DELETE RESTRICT,
	PRIMARY KEY (user_pk, ord),
	UNIQUE (user_pk, policy_pk)
) WITHOUT ROWID;
CREATE INDEX user_attachments_policy ON user_attachments(policy_pk);

CREATE TABLE group_attachments (
	group_pk  INTEGER NOT NULL REFERENCES groups(pk) ON DELETE CASCADE,
	ord       INTEGER NOT NULL,
	policy_pk INTEGER NOT NULL REFERENCES managed_policies(pk) ON DELETE RESTRICT,
	PRIMARY KEY (group_pk, ord),
	UNIQUE (group_pk, policy_pk)
) WITHOUT ROWID;
CREATE INDEX group_attachments_policy ON group_attachments(policy_pk);

CREATE TABLE role_attachments (
	role_pk   INTEGER NOT NULL REFERENCES roles(pk) ON DELETE CASCADE,
	ord       INTEGER NOT NULL,
	policy_pk INTEGER NOT NULL REFERENCES managed_policies(pk) ON DELETE RESTRICT,
	PRIMARY KEY (role_pk, ord),
	UNIQUE (role_pk, policy_pk)
) WITHOUT ROWID;
CREATE INDEX role_attachments_policy ON role_attachments(policy_pk);

-- Inline policies.
CREATE TABLE user_inline_policies (
	user_pk  INTEGER NOT NULL REFERENCES users(pk) ON DELETE CASCADE,
	ord      INTEGER NOT NULL,
	name     TEXT NOT NULL,
	document TEXT NOT NULL,
	PRIMARY KEY (user_pk, ord)
) WITHOUT ROWID;

CREATE TABLE group_inline_policies (
	group_pk INTEGER NOT NULL REFERENCES groups(pk) ON DELETE CASCADE,
	ord      INTEGER NOT NULL,
	name     TEXT NOT NULL,
	document TEXT NOT NULL,
	PRIMARY KEY (group_pk, ord)
) WITHOUT ROWID;

CREATE TABLE role_inline_policies (
	role_pk  INTEGER NOT NULL REFERENCES roles(pk) ON DELETE CASCADE,
	ord      INTEGER NOT NULL,
	name     TEXT NOT NULL,
	document TEXT NOT NULL,
	PRIMARY KEY (role_pk, ord)
) WITHOUT ROWID;

-- Tags.
CREATE TABLE user_tags (
	user_pk INTEGER NOT NULL REFERENCES users(pk) ON DELETE CASCADE,
	ord     INTEGER NOT NULL,
	key     TEXT NOT NULL,
	value   TEXT NOT NULL,
	PRIMARY KEY (user_pk, ord)
) WITHOUT ROWID;

CREATE TABLE role_tags (
	role_pk INTEGER NOT NULL REFERENCES roles(pk) ON DELETE CASCADE,
	ord     INTEGER NOT NULL,
	key     TEXT NOT NULL,
	value   TEXT NOT NULL,
	PRIMARY KEY (role_pk, ord)
) WITHOUT ROWID;

-- Instance profiles: those attached to a role hang off it (role_pk), the
-- others belong to the account's own list (role_pk NULL), as in the model.
CREATE TABLE instance_profiles (
	pk          INTEGER PRIMARY KEY,
	account_id  TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
	role_pk     INTEGER REFERENCES roles(pk) ON DELETE CASCADE,
	name        TEXT NOT NULL,
	name_key    TEXT NOT NULL,
	path        TEXT NOT NULL,
	profile_id  TEXT NOT NULL,
	arn         TEXT NOT NULL,
	create_date TEXT
);
CREATE INDEX instance_profiles_account ON instance_profiles(account_id);
CREATE INDEX instance_profiles_role ON instance_profiles(role_pk);
CREATE UNIQUE INDEX instance_profiles_unattached_name
	ON instance_profiles(account_id, name_key) WHERE role_pk IS NULL;

-- The role names a profile lists (AWS allows one). Names, not keys: a
-- profile may name a role that is not in the export.
CREATE TABLE instance_profile_roles (
	profile_pk INTEGER NOT NULL REFERENCES instance_profiles(pk) ON DELETE CASCADE,
	ord        INTEGER NOT NULL,
	role_name  TEXT NOT NULL,
	PRIMARY KEY (profile_pk, ord)
) WITHOUT ROWID;

CREATE TABLE instance_profile_tags (
	profile_pk INTEGER NOT NULL REFERENCES instance_profiles(pk) ON DELETE CASCADE,
	ord        INTEGER NOT NULL,
	key        TEXT NOT NULL,
	value      TEXT NOT NULL,
	PRIMARY KEY (profile_pk, ord)
) WITHOUT ROWID;

-- Resource-based policies, keyed by the resource's ARN. account_id is the
-- owner and deliberately not a foreign key: the owner is often the other
-- side of a cross-account request, an account that is not in the file.
-- kind is how the document was parsed: 'resource', or 'trust' for the
-- trust policy of a role in another account.
CREATE TABLE resource_policies (
	arn         TEXT PRIMARY KEY,
	account_id  TEXT NOT NULL CHECK (length(account_id) = 12),
	kind        TEXT NOT NULL CHECK (kind IN ('resource', 'trust')),
	document    TEXT NOT NULL,
	update_date TEXT
);
CREATE INDEX resource_policies_account ON resource_policies(account_id);

-- AWS Organizations: the tree (root, OUs, accounts) in rowid order, and the
-- SCPs and RCPs attached to its nodes. A node with children cannot be
-- deleted; its policies go with it.
CREATE TABLE org_nodes (
	id        TEXT PRIMARY KEY,
	parent_id TEXT REFERENCES org_nodes(id) ON DELETE RESTRICT,
	name      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX org_nodes_parent ON org_nodes(parent_id);

CREATE TABLE org_policies (
	pk        INTEGER PRIMARY KEY,
	target_id TEXT NOT NULL REFERENCES org_nodes(id) ON DELETE CASCADE,
	kind      TEXT NOT NULL CHECK (kind IN ('scp', 'rcp')),
	name      TEXT NOT NULL,
	document  TEXT NOT NULL,
	UNIQUE (target_id, kind, name)
);

-- The change journal: every change, newest last. kind says what the entry
-- changed, hence how to undo it (operation is free text for change sets).
-- before and after are JSON snapshots (see storage/snapshot.go); snapshot
-- holds the gzip-compressed JSON of a whole account that an import or a
-- deletion replaced, so that it can be audited and undone. AUTOINCREMENT:
-- ids are never reused, so an id printed in an audit names one entry
-- forever.
CREATE TABLE journal (
	id        INTEGER PRIMARY KEY AUTOINCREMENT,
	time      TEXT NOT NULL,
	kind      TEXT NOT NULL CHECK (kind IN ('changeset', 'account', 'resource-policy', 'org-node', 'org-policy')),
	account   TEXT NOT NULL DEFAULT '',
	operation TEXT NOT NULL,
	summary   TEXT NOT NULL DEFAULT '',
	before    TEXT,
	after     TEXT,
	snapshot  BLOB,
	undoes    INTEGER REFERENCES journal(id),
	undone_by INTEGER REFERENCES journal(id)
);
CREATE INDEX journal_undoes ON journal(undoes);
CREATE INDEX journal_undone_by ON journal(undone_by);

-- Editor drafts: not journaled, they only survive a crash of the editor.
CREATE TABLE drafts (
	key     TEXT PRIMARY KEY,
	title   TEXT NOT NULL DEFAULT '',
	text    TEXT NOT NULL,
	updated TEXT NOT NULL
);

-- Room for what GAAD does not carry (the credential report and STS do);
-- a later change fills these. They hang off users and roles.
CREATE TABLE access_keys (
	pk                INTEGER PRIMARY KEY,
	user_pk           INTEGER NOT NULL REFERENCES users(pk) ON DELETE CASCADE,
	access_key_id     TEXT NOT NULL UNIQUE,
	status            TEXT NOT NULL CHECK (status IN ('Active', 'Inactive')),
	create_date       TEXT,
	last_used_date    TEXT,
	last_used_service TEXT NOT NULL DEFAULT '',
	last_used_region  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX access_keys_user ON access_keys(user_pk);

CREATE TABLE login_profiles (
	user_pk                 INTEGER PRIMARY KEY REFERENCES users(pk) ON DELETE CASCADE,
	create_date             TEXT,
	password_reset_required INTEGER NOT NULL DEFAULT 0,
	password_last_changed   TEXT
);

CREATE TABLE mfa_devices (
	pk            INTEGER PRIMARY KEY,
	user_pk       INTEGER NOT NULL REFERENCES users(pk) ON DELETE CASCADE,
	serial_number TEXT NOT NULL,
	enable_date   TEXT,
	UNIQUE (user_pk, serial_number)
);

CREATE TABLE role_sessions (
	pk              INTEGER PRIMARY KEY,
	role_pk         INTEGER NOT NULL REFERENCES roles(pk) ON DELETE CASCADE,
	session_name    TEXT NOT NULL,
	source_identity TEXT NOT NULL DEFAULT '',
	created         TEXT,
	expiration      TEXT,
	session_policy  TEXT
);
CREATE INDEX role_sessions_role ON role_sessions(role_pk);
