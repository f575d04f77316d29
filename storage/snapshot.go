package storage

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"iamtui/model"
	"iamtui/model/policy"
)

// Snapshots are the JSON form of entities in the journal (JournalEntry
// Before and After) and of whole accounts in import snapshots. Field names
// are the model's; documents are their original text (a JSON string), and
// dates are RFC 3339 strings, "" for none. Undo rebuilds model entities from
// them, so they hold everything the model holds.

type snapInline struct {
	Name     string
	Document string
}

type snapUser struct {
	Name                string
	Path                string
	ID                  string
	ARN                 string
	CreateDate          string       `json:",omitempty"`
	PasswordLastUsed    string       `json:",omitempty"`
	Groups              []string     `json:",omitempty"`
	InlinePolicies      []snapInline `json:",omitempty"`
	AttachedPolicies    []string     `json:",omitempty"`
	PermissionsBoundary string       `json:",omitempty"`
	Tags                []model.Tag  `json:",omitempty"`
}

type snapGroup struct {
	Name             string
	Path             string
	ID               string
	ARN              string
	CreateDate       string       `json:",omitempty"`
	InlinePolicies   []snapInline `json:",omitempty"`
	AttachedPolicies []string     `json:",omitempty"`
}

type snapRole struct {
	Name                string
	Path                string
	ID                  string
	ARN                 string
	Description         string `json:",omitempty"`
	CreateDate          string `json:",omitempty"`
	MaxSessionDuration  int    `json:",omitempty"`
	TrustPolicy         string
	InlinePolicies      []snapInline          `json:",omitempty"`
	AttachedPolicies    []string              `json:",omitempty"`
	PermissionsBoundary string                `json:",omitempty"`
	Tags                []model.Tag           `json:",omitempty"`
	InstanceProfiles    []snapInstanceProfile `json:",omitempty"`
	LastUsed            string                `json:",omitempty"`
	LastUsedRegion      string                `json:",omitempty"`
}

type snapInstanceProfile struct {
	Name       string
	Path       string
	ID         string
	ARN        string
	CreateDate string      `json:",omitempty"`
	Roles      []string    `json:",omitempty"`
	Tags       []model.Tag `json:",omitempty"`
}

type snapVersion struct {
	ID         string
	IsDefault  bool
	CreateDate string `json:",omitempty"`
	Document   string
}

type snapPolicy struct {
	Name             string
	Path             string
	ID               string
	ARN              string
	Description      string `json:",omitempty"`
	CreateDate       string `json:",omitempty"`
	UpdateDate       string `json:",omitempty"`
	DefaultVersionID string `json:",omitempty"`
	IsAttachable     bool
	Versions         []snapVersion
	Tags             []model.Tag `json:",omitempty"`
}

// snapAccount is a whole account with the bookkeeping of its import.
type snapAccount struct {
	ID               string
	Alias            string `json:",omitempty"`
	Truncated        bool   `json:",omitempty"`
	Source           string `json:",omitempty"`
	ImportedAt       string `json:",omitempty"`
	Users            []snapUser
	Groups           []snapGroup
	Roles            []snapRole
	Policies         []snapPolicy
	InstanceProfiles []snapInstanceProfile `json:",omitempty"`
}

// snapChange is one element of a change set's Before or After list.
type snapChange struct {
	Account string
	Kind    model.EntityKind
	Key     string
	Entity  json.RawMessage // null when the entity does not exist on this side
}

type snapResourcePolicy struct {
	ResourceARN string
	AccountID   string
	Kind        string // "resource" or "trust"
	Document    string
	UpdateDate  string `json:",omitempty"`
}

type snapOrgPolicy struct {
	Name     string
	Kind     model.OrgPolicyKind
	TargetID string
	Document string
}

// snapOrgNode is a node with the policies attached to it, which go with a
// deleted node and come back with an undo.
type snapOrgNode struct {
	ID       string
	ParentID string          `json:",omitempty"`
	Name     string          `json:",omitempty"`
	Policies []snapOrgPolicy `json:",omitempty"`
}

// importSummary is the Before/After of an import or account deletion in
// Journal: the full account is in the compressed snapshot
// (JournalSnapshot), too big to hand out with every journal listing.
type importSummary struct {
	Account          string
	Source           string `json:",omitempty"`
	Users            int
	Groups           int
	Roles            int
	Policies         int
	InstanceProfiles int
	Snapshot         bool `json:",omitempty"` // the full account is in the snapshot
}

func fmtTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339Nano)
}

func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return time.Parse(time.RFC3339Nano, s)
}

func docText(d *policy.Document) string {
	if d == nil {
		return ""
	}
	return d.Text
}

func snapInlines(ps []model.InlinePolicy) []snapInline {
	if len(ps) == 0 {
		return nil
	}
	out := make([]snapInline, len(ps))
	for i, p := range ps {
		out[i] = snapInline{Name: p.Name, Document: docText(p.Document)}
	}
	return out
}

func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}

func snapOfUser(u *model.User) snapUser {
	return snapUser{
		Name: u.Name, Path: u.Path, ID: u.ID, ARN: u.ARN,
		CreateDate: fmtTime(u.CreateDate), PasswordLastUsed: fmtTime(u.PasswordLastUsed),
		Groups: nilIfEmpty(u.Groups), InlinePolicies: snapInlines(u.InlinePolicies),
		AttachedPolicies: nilIfEmpty(u.AttachedPolicies), PermissionsBoundary: u.PermissionsBoundary,
		Tags: nilIfEmpty(u.Tags),
	}
}

func snapOfGroup(g *model.Group) snapGroup {
	return snapGroup{
		Name: g.Name, Path: g.Path, ID: g.ID, ARN: g.ARN, CreateDate: fmtTime(g.CreateDate),
		InlinePolicies: snapInlines(g.InlinePolicies), AttachedPolicies: nilIfEmpty(g.AttachedPolicies),
	}
}

func snapOfRole(r *model.Role) snapRole {
	s := snapRole{
		Name: r.Name, Path: r.Path, ID: r.ID, ARN: r.ARN, Description: r.Description,
		CreateDate: fmtTime(r.CreateDate), MaxSessionDuration: r.MaxSessionDuration,
		TrustPolicy: docText(r.TrustPolicy), InlinePolicies: snapInlines(r.InlinePolicies),
		AttachedPolicies: nilIfEmpty(r.AttachedPolicies), PermissionsBoundary: r.PermissionsBoundary,
		Tags: nilIfEmpty(r.Tags), LastUsed: fmtTime(r.LastUsed), LastUsedRegion: r.LastUsedRegion,
	}
	for _, ip := range r.InstanceProfiles {
		s.InstanceProfiles = append(s.InstanceProfiles, snapOfInstanceProfile(ip))
	}
	return s
}

func snapOfInstanceProfile(ip *model.InstanceProfile) snapInstanceProfile {
	return snapInstanceProfile{
		Name: ip.Name, Path: ip.Path, ID: ip.ID, ARN: ip.ARN, CreateDate: fmtTime(ip.CreateDate),
		Roles: nilIfEmpty(ip.Roles), Tags: nilIfEmpty(ip.Tags),
	}
}

func snapOfPolicy(p *model.ManagedPolicy) snapPolicy {
	s := snapPolicy{
		Name: p.Name, Path: p.Path, ID: p.ID, ARN: p.ARN, Description: p.Description,
		CreateDate: fmtTime(p.CreateDate), UpdateDate: fmtTime(p.UpdateDate),
		DefaultVersionID: p.DefaultVersionID, IsAttachable: p.IsAttachable, Tags: nilIfEmpty(p.Tags),
		Versions: make([]snapVersion, len(p.Versions)),
	}
	for i, v := range p.Versions {
		s.Versions[i] = snapVersion{ID: v.ID, IsDefault: v.IsDefault, CreateDate: fmtTime(v.CreateDate), Document: docText(v.Document)}
	}
	return s
}

func snapOfAccount(a *model.Account) snapAccount {
	s := snapAccount{
		ID: a.ID, Alias: a.Alias, Truncated: a.Truncated,
		Users:    make([]snapUser, len(a.Users)),
		Groups:   make([]snapGroup, len(a.Groups)),
		Roles:    make([]snapRole, len(a.Roles)),
		Policies: make([]snapPolicy, len(a.Policies)),
	}
	for i, u := range a.Users {
		s.Users[i] = snapOfUser(u)
	}
	for i, g := range a.Groups {
		s.Groups[i] = snapOfGroup(g)
	}
	for i, r := range a.Roles {
		s.Roles[i] = snapOfRole(r)
	}
	for i, p := range a.Policies {
		s.Policies[i] = snapOfPolicy(p)
	}
	for _, ip := range a.InstanceProfiles {
		s.InstanceProfiles = append(s.InstanceProfiles, snapOfInstanceProfile(ip))
	}
	return s
}

// snapOfEntity returns the JSON snapshot of a change's entity, "null" for
// none.
func snapOfEntity(kind model.EntityKind, e any) (json.RawMessage, error) {
	var v any
	switch x := e.(type) {
	case nil:
	case *model.User:
		if x != nil {
			v = snapOfUser(x)
		}
	case *model.Group:
		if x != nil {
			v = snapOfGroup(x)
		}
	case *model.Role:
		if x != nil {
			v = snapOfRole(x)
		}
	case *model.ManagedPolicy:
		if x != nil {
			v = snapOfPolicy(x)
		}
	case *model.InstanceProfile:
		if x != nil {
			v = snapOfInstanceProfile(x)
		}
	default:
		return nil, fmt.Errorf("%s change holds a %T", kind, e)
	}
	return json.Marshal(v)
}

// Back from snapshots to the model. Documents go through a docSet so that a
// big account's are parsed on every core.

func (s snapInline) model(ds *docSet, where docWhere, set func(model.InlinePolicy)) {
	p := model.InlinePolicy{Name: s.Name}
	where.part, where.partName = "inline policy", s.Name
	ds.add(s.Document, policy.Identity, where, func(d *policy.Document) { p.Document = d; set(p) })
}

func inlinesModel(ps []snapInline, ds *docSet, where docWhere) []model.InlinePolicy {
	if len(ps) == 0 {
		return nil
	}
	out := make([]model.InlinePolicy, len(ps))
	for i, p := range ps {
		p.model(ds, where, func(ip model.InlinePolicy) { out[i] = ip })
	}
	return out
}

// times parses several dates, stopping at the first bad one.
type timeParser struct{ err error }

func (tp *timeParser) t(s string) time.Time {
	t, err := parseTime(s)
	if err != nil && tp.err == nil {
		tp.err = err
	}
	return t
}

func (s snapUser) model(account string, ds *docSet) (*model.User, error) {
	var tp timeParser
	u := &model.User{
		Name: s.Name, Path: s.Path, ID: s.ID, ARN: s.ARN,
		CreateDate: tp.t(s.CreateDate), PasswordLastUsed: tp.t(s.PasswordLastUsed),
		Groups: s.Groups, AttachedPolicies: s.AttachedPolicies, PermissionsBoundary: s.PermissionsBoundary,
		Tags: s.Tags,
	}
	u.InlinePolicies = inlinesModel(s.InlinePolicies, ds, docWhere{account: account, entity: "user", name: s.Name})
	return u, tp.err
}

func (s snapGroup) model(account string, ds *docSet) (*model.Group, error) {
	var tp timeParser
	g := &model.Group{
		Name: s.Name, Path: s.Path, ID: s.ID, ARN: s.ARN, CreateDate: tp.t(s.CreateDate),
		AttachedPolicies: s.AttachedPolicies,
	}
	g.InlinePolicies = inlinesModel(s.InlinePolicies, ds, docWhere{account: account, entity: "group", name: s.Name})
	return g, tp.err
}

func (s snapRole) model(account string, ds *docSet) (*model.Role, error) {
	var tp timeParser
	r := &model.Role{
		Name: s.Name, Path: s.Path, ID: s.ID, ARN: s.ARN, Description: s.Description,
		CreateDate: tp.t(s.CreateDate), MaxSessionDuration: s.MaxSessionDuration,
		AttachedPolicies: s.AttachedPolicies, PermissionsBoundary: s.PermissionsBoundary,
		Tags: s.Tags, LastUsed: tp.t(s.LastUsed), LastUsedRegion: s.LastUsedRegion,
	}
	where := docWhere{account: account, entity: "role", name: s.Name}
	r.InlinePolicies = inlinesModel(s.InlinePolicies, ds, where)
	where.part = "trust policy"
	ds.add(s.TrustPolicy, policy.Trust, where, func(d *policy.Document) { r.TrustPolicy = d })
	for _, ip := range s.InstanceProfiles {
		m, err := ip.model()
		if err != nil {
			return nil, err
		}
		r.InstanceProfiles = append(r.InstanceProfiles, m)
	}
	return r, tp.err
}

func (s snapInstanceProfile) model() (*model.InstanceProfile, error) {
	var tp timeParser
	ip := &model.InstanceProfile{
		Name: s.Name, Path: s.Path, ID: s.ID, ARN: s.ARN, CreateDate: tp.t(s.CreateDate),
		Roles: s.Roles, Tags: s.Tags,
	}
	return ip, tp.err
}

func (s snapPolicy) model(account string, ds *docSet) (*model.ManagedPolicy, error) {
	var tp timeParser
	p := &model.ManagedPolicy{
		Name: s.Name, Path: s.Path, ID: s.ID, ARN: s.ARN, Description: s.Description,
		CreateDate: tp.t(s.CreateDate), UpdateDate: tp.t(s.UpdateDate),
		DefaultVersionID: s.DefaultVersionID, IsAttachable: s.IsAttachable, Tags: s.Tags,
		Versions: make([]*model.PolicyVersion, len(s.Versions)),
	}
	for i, v := range s.Versions {
		pv := &model.PolicyVersion{ID: v.ID, IsDefault: v.IsDefault, CreateDate: tp.t(v.CreateDate)}
		p.Versions[i] = pv
		ds.add(v.Document, policy.Identity, docWhere{account: account, entity: "policy", name: s.Name, part: "version", partName: v.ID},
			func(d *policy.Document) { pv.Document = d })
	}
	return p, tp.err
}

func (s snapAccount) model(ds *docSet) (*model.Account, error) {
	a := &model.Account{ID: s.ID, Alias: s.Alias, Truncated: s.Truncated}
	for _, p := range s.Policies {
		m, err := p.model(s.ID, ds)
		if err != nil {
			return nil, err
		}
		a.Policies = append(a.Policies, m)
	}
	for _, g := range s.Groups {
		m, err := g.model(s.ID, ds)
		if err != nil {
			return nil, err
		}
		a.Groups = append(a.Groups, m)
	}
	for _, u := range s.Users {
		m, err := u.model(s.ID, ds)
		if err != nil {
			return nil, err
		}
		a.Users = append(a.Users, m)
	}
	for _, r := range s.Roles {
		m, err := r.model(s.ID, ds)
		if err != nil {
			return nil, err
		}
		a.Roles = append(a.Roles, m)
	}
	for _, ip := range s.InstanceProfiles {
		m, err := ip.model()
		if err != nil {
			return nil, err
		}
		a.InstanceProfiles = append(a.InstanceProfiles, m)
	}
	return a, nil
}

// entityOfSnap rebuilds a change's entity from its snapshot; nil for null.
func entityOfSnap(account string, kind model.EntityKind, raw json.RawMessage, ds *docSet) (any, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var (
		e   any
		err error
	)
	switch kind {
	case model.KindUser:
		var s snapUser
		if err = json.Unmarshal(raw, &s); err == nil {
			e, err = s.model(account, ds)
		}
	case model.KindGroup:
		var s snapGroup
		if err = json.Unmarshal(raw, &s); err == nil {
			e, err = s.model(account, ds)
		}
	case model.KindRole:
		var s snapRole
		if err = json.Unmarshal(raw, &s); err == nil {
			e, err = s.model(account, ds)
		}
	case model.KindPolicy:
		var s snapPolicy
		if err = json.Unmarshal(raw, &s); err == nil {
			e, err = s.model(account, ds)
		}
	case model.KindInstanceProfile:
		var s snapInstanceProfile
		if err = json.Unmarshal(raw, &s); err == nil {
			e, err = s.model()
		}
	default:
		return nil, fmt.Errorf("unknown entity kind %q", kind)
	}
	if err != nil {
		return nil, fmt.Errorf("%s snapshot: %w", kind, err)
	}
	return e, nil
}

// compress gzips a snapshot. BestSpeed: an import's snapshot of the account
// it replaces is written inside the import's transaction, and the text of
// policies compresses well at any level.
func compress(v any) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	if err != nil {
		return nil, err
	}
	if err := json.NewEncoder(zw).Encode(v); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func decompress(b []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	return io.ReadAll(zr)
}
