package ui

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"iamtui/lint"
	"iamtui/model"
	"iamtui/model/policy"
	"iamtui/themes"
	"iamtui/ui/editor"
)

// docTarget says which document an editor page edits, and so what saving
// it means: an inline policy (PutInlinePolicy), a trust policy
// (UpdateTrustPolicy), a managed policy (a new version), a resource policy
// (PutResourcePolicy).
type docTarget struct {
	kind    docKind
	owner   ref    // the user, group or role; the policy; the resource
	name    string // inline policy name; policy version shown
	account string
}

type docKind int

const (
	docInline docKind = iota
	docTrust
	docManaged
	docResource
)

// draftKey names the document in the drafts table; names cannot hold ':'
// (AWS's name rules), and ARNs come last so they can.
func (t docTarget) draftKey() string {
	switch t.kind {
	case docInline:
		return "inline:" + t.account + ":" + string(t.owner.entityKind()) + ":" + t.owner.name + ":" + t.name
	case docTrust:
		return "trust:" + t.account + ":" + t.owner.name
	case docManaged:
		return "policy:" + t.account + ":" + t.owner.name
	}
	return "resource:" + t.owner.name
}

// parseDraftKey is draftKey's inverse, for drafts found on start; a copy
// kept when reloading (copyPrefix) names its document after the prefix.
func parseDraftKey(k string) (docTarget, bool) {
	if strings.HasPrefix(k, copyPrefix) {
		_, k, _ = strings.Cut(k, ":")
	}
	kind, rest, _ := strings.Cut(k, ":")
	switch kind {
	case "inline":
		p := strings.SplitN(rest, ":", 4)
		if len(p) != 4 {
			return docTarget{}, false
		}
		rk := map[string]refKind{"user": refUser, "group": refGroup, "role": refRole}[p[1]]
		if rk == refNone {
			return docTarget{}, false
		}
		return docTarget{kind: docInline, account: p[0], owner: ref{rk, p[2]}, name: p[3]}, true
	case "trust":
		acct, role, ok := strings.Cut(rest, ":")
		return docTarget{kind: docTrust, account: acct, owner: ref{refRole, role}}, ok
	case "policy":
		acct, arn, ok := strings.Cut(rest, ":")
		return docTarget{kind: docManaged, account: acct, owner: ref{refPolicy, arn}}, ok
	case "resource":
		return docTarget{kind: docResource, owner: ref{refResource, rest}}, rest != ""
	}
	return docTarget{}, false
}

func (t docTarget) policyKind() policy.Kind {
	switch t.kind {
	case docTrust:
		return policy.Trust
	case docResource:
		// Another account's role stored as a resource: its trust policy.
		if arnService(t.owner.name) == "iam" && strings.Contains(t.owner.name, ":role/") {
			return policy.Trust
		}
		return policy.Resource
	}
	return policy.Identity
}

// title is the document's name for the editor's header and the crumb.
func (t docTarget) title() string {
	switch t.kind {
	case docInline:
		return t.owner.name + " · inline " + t.name
	case docTrust:
		return t.owner.name + " · trust policy"
	case docManaged:
		return policyNameOf(t.owner.name) + " · " + t.name
	}
	return t.owner.name + " · resource policy"
}

func policyNameOf(arn string) string {
	if i := strings.LastIndexByte(arn, '/'); i >= 0 {
		return arn[i+1:]
	}
	return arn
}

// editorPage hosts the policy editor component.
type editorPage struct {
	ctx    *Context
	target docTarget
	ed     editor.Model
	// base is what was stored when the editor opened (or last saved or
	// reloaded): a save checks that the document is still that, because
	// the world the UI holds is reloaded whenever another process writes,
	// so storage's own check would compare with the other's text and
	// overwrite it.
	base storedBase
	// saving is the text of a save under way, which Refresh must not take
	// for someone else's change.
	saving *string
	// stale says the stored document changed under unsaved edits.
	stale bool
}

func (p *editorPage) Crumb() string {
	switch p.target.kind {
	case docInline:
		return "inline " + safe(p.target.name)
	case docTrust:
		return "trust policy"
	case docManaged:
		return safe(policyNameOf(p.target.owner.name)) + " " + safe(p.target.name)
	}
	return "resource policy"
}

func (p *editorPage) Typing() bool { return true }

func (p *editorPage) Selection() selection { return selection{entity: p.target.owner} }

func (p *editorPage) Footer() []actionID { return nil }

func (p *editorPage) fullHelp() (string, [][]key.Binding) {
	return "Policy editor", p.ed.KeyMap().FullHelp()
}

func (p *editorPage) helpKeys() []key.Binding {
	km := p.ed.KeyMap()
	out := make([]key.Binding, 0, 8)
	clean := len(p.ed.Diagnostics()) == 0
	for _, b := range km.ShortHelp() {
		// The problem keys only where there are problems.
		if clean && (b.Help() == km.NextProblem.Help() || b.Help() == km.QuickFix.Help()) {
			continue
		}
		out = append(out, b)
	}
	return append(out, key.NewBinding(key.WithKeys(evalKeyAnywhere), key.WithHelp(evalKeyAnywhere, "can…?")))
}

// Refresh follows the stored document: an editor without unsaved changes
// shows what another process stored; one with unsaved changes keeps them
// and says that ctrl+s will ask.
func (p *editorPage) Refresh() bool {
	p.ed.SetStyles(editorStyles(p.ctx.Styles))
	now := p.ctx.storedBase(p.target)
	if now == p.base {
		return true
	}
	ours := now.exists && (now.text == p.ed.Text() || (p.saving != nil && now.text == *p.saving))
	switch {
	case ours:
		p.base, p.stale = now, false
	case now.exists && !p.ed.Modified() && p.target.kind != docManaged:
		text := displayText(now.text)
		p.ed.SetText(text)
		p.ed.MarkSaved(text)
		p.base, p.stale = now, false
		p.ed.SetStatus("Reloaded: another window or process changed this policy.", false)
	default:
		p.stale = true
		p.ed.SetStatus("Someone else changed this policy since you opened it: ctrl+s will ask what to do.", true)
	}
	return true
}

func (p *editorPage) Update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	p.ed, cmd = p.ed.Update(msg)
	return cmd
}

func (p *editorPage) View(w, h int) string {
	p.ed.SetSize(w, h)
	return p.ed.View()
}

// editorStyles maps the theme's tokens onto the editor's styles.
func editorStyles(st *themes.Styles) editor.Styles {
	t := st.Theme
	s := editor.DefaultStyles(t.Dark)
	if t.Mono {
		return s
	}
	fgc := func(base lipgloss.Style, c any) lipgloss.Style {
		if col, ok := c.(interface{ RGBA() (r, g, b, a uint32) }); ok && col != nil {
			return base.Foreground(col)
		}
		return base
	}
	s.Title = fgc(s.Title, t.Primary)
	s.Text = fgc(s.Text, t.Text)
	s.Key = fgc(s.Key, t.JSONKey)
	s.String = fgc(s.String, t.JSONString)
	s.Number = fgc(s.Number, t.JSONNumber)
	s.Keyword = fgc(s.Keyword, t.JSONBool)
	s.Punct = fgc(s.Punct, t.JSONPunct)
	s.Allow = fgc(s.Allow, t.Allow)
	s.Deny = fgc(s.Deny, t.Deny)
	s.Error = fgc(s.Error, t.Deny)
	s.Warning = fgc(s.Warning, t.Warn)
	s.OK = fgc(s.OK, t.Allow)
	s.StatusError = fgc(s.StatusError, t.Deny)
	s.LineNumber = fgc(s.LineNumber, t.Muted)
	s.LineNumberActive = fgc(s.LineNumberActive, t.Text)
	s.Subtitle = fgc(s.Subtitle, t.Muted)
	s.Hint = fgc(s.Hint, t.Muted)
	s.Selection = s.Selection.Background(t.Selection)
	return s
}

// editAvailable: e edits the document the selection points at.
func (m *Model) editAvailable(sel selection) (bool, string) {
	if _, ok := m.docFor(sel); ok {
		return true, ""
	}
	switch sel.entity.kind {
	case refUser, refGroup:
		return false, "select an inline policy in the detail view (i adds one)"
	case refPolicy:
		return false, "AWS-managed policies belong to AWS and cannot be changed"
	}
	return false, "nothing with a policy document is selected"
}

// docFor finds the document the selection points at.
func (m *Model) docFor(sel selection) (docTarget, bool) {
	acct := ""
	if m.ctx.Account != nil {
		acct = m.ctx.Account.ID
	}
	if l := sel.link; l != nil {
		switch l.rel {
		case relFinding:
			if l.find != nil {
				return l.find.target, true
			}
		case relInline:
			return docTarget{kind: docInline, owner: l.owner, name: l.name, account: acct}, true
		case relVia:
			if l.target.valid() {
				return m.docFor(selection{entity: l.target})
			}
			return docTarget{kind: docInline, owner: l.owner, name: l.name, account: acct}, true
		case relTrust:
			return docTarget{kind: docTrust, owner: l.owner, account: acct}, true
		case relDocument:
			return docTarget{kind: docResource, owner: l.owner, account: acct}, true
		case relVersion:
			if model.IsAWSManagedPolicyARN(l.owner.name) {
				return docTarget{}, false
			}
			return docTarget{kind: docManaged, owner: l.owner, name: l.name, account: acct}, true
		case relAttached, relBoundary:
			return m.docFor(selection{entity: l.target})
		}
	}
	switch sel.entity.kind {
	case refRole:
		return docTarget{kind: docTrust, owner: sel.entity, account: acct}, true
	case refResource:
		return docTarget{kind: docResource, owner: sel.entity, account: acct}, true
	case refPolicy:
		p := m.ctx.Account.Policy(sel.entity.name)
		if p == nil || p.AWSManaged() || p.Default() == nil {
			return docTarget{}, false
		}
		return docTarget{kind: docManaged, owner: sel.entity, name: p.Default().ID, account: acct}, true
	}
	return docTarget{}, false
}

// docText returns the stored text of a target; ok is false when it is gone.
func (m *Model) docText(t docTarget) (string, bool) { return m.ctx.docText(t) }

func (c *Context) docText(t docTarget) (string, bool) {
	a := c.Account
	if a == nil {
		return "", false
	}
	switch t.kind {
	case docInline:
		var ps []model.InlinePolicy
		switch e := c.resolve(t.owner).(type) {
		case *model.User:
			ps = e.InlinePolicies
		case *model.Group:
			ps = e.InlinePolicies
		case *model.Role:
			ps = e.InlinePolicies
		default:
			return "", false
		}
		for _, p := range ps {
			if p.Name == t.name && p.Document != nil {
				return p.Document.Text, true
			}
		}
		return "", false
	case docTrust:
		if r := a.Role(t.owner.name); r != nil && r.TrustPolicy != nil {
			return r.TrustPolicy.Text, true
		}
	case docManaged:
		if p := a.Policy(t.owner.name); p != nil {
			for _, v := range p.Versions {
				if v.ID == t.name && v.Document != nil {
					return v.Document.Text, true
				}
			}
		}
	case docResource:
		if rp, ok := c.resolve(t.owner).(*model.ResourcePolicy); ok && rp.Document != nil {
			return rp.Document.Text, true
		}
	}
	return "", false
}

// storedBase is what saving a target would replace: the stored text, and
// for a managed policy the version in force (a save makes a new version
// from it), so that an editor can tell whether someone else changed it
// since it opened.
type storedBase struct {
	exists  bool
	text    string
	version string // managed policies: the default version's id
}

func (c *Context) storedBase(t docTarget) storedBase {
	if t.kind == docManaged {
		if c.Account == nil {
			return storedBase{}
		}
		p := c.Account.Policy(t.owner.name)
		if p == nil || p.Default() == nil || p.Default().Document == nil {
			return storedBase{}
		}
		d := p.Default()
		return storedBase{exists: true, text: d.Document.Text, version: d.ID}
	}
	text, ok := c.docText(t)
	return storedBase{exists: ok, text: text}
}

// edit opens the editor on what the selection points at.
func (m *Model) edit(sel selection) tea.Cmd {
	t, ok := m.docFor(sel)
	if !ok {
		return statusErr("nothing to edit here")
	}
	text, ok := m.docText(t)
	if !ok {
		return statusErr("the document is gone")
	}
	return m.openEditor(t, displayText(text), "")
}

// openDocument is enter on a document link: the editor, read-only in
// read-only mode.
func (m *Model) openDocument(l link) tea.Cmd {
	return m.edit(selection{entity: l.owner, link: &l})
}

func (m *Model) openEditor(t docTarget, text, draft string) tea.Cmd {
	readOnly := m.ctx.ReadOnly || (t.kind == docManaged && model.IsAWSManagedPolicyARN(t.owner.name))
	opts := lint.Options{}
	if t.kind == docInline {
		opts.NoSizeQuota = true
	}
	if t.kind == docResource {
		opts.ResourceType = lint.ResourceTypeForARN(t.owner.name)
	}
	st := editorStyles(m.ctx.Styles)
	var extra func(string) []lint.Finding
	if t.kind == docInline && m.ctx.Linter != nil {
		// AWS limits an entity's inline policies together: the editor
		// says so as you type, rather than the save refusing later.
		others := inlineChars(inlinesOf(m.ctx.resolve(t.owner)), t.name)
		quota, owner := inlineQuota(t.owner.kind), t.owner
		extra = func(text string) []lint.Finding {
			if n := others + model.PolicyChars(text); n > quota {
				return []lint.Finding{inlineQuotaFinding(owner, n)}
			}
			return nil
		}
	}
	ed := editor.New(editor.Config{
		Kind:        t.policyKind(),
		Title:       safe(t.title()),
		Text:        text,
		Catalog:     m.ctx.Catalog,
		Linter:      m.ctx.Linter,
		LintOptions: opts,
		ExtraLint:   extra,
		ReadOnly:    readOnly,
		DraftKey:    t.draftKey(),
		Draft:       draft,
		Styles:      &st,
		NoKeyHints:  true, // the footer lists them
	})
	ed.Focus()
	p := &editorPage{ctx: m.ctx, target: t, ed: ed, base: m.ctx.storedBase(t)}
	m.push(p)
	return p.ed.Init()
}

// newInline asks for a name, then opens the editor on a starter document.
func (m *Model) newInline(owner ref) tea.Cmd {
	acct := m.ctx.Account.ID
	m.dialog = newForm(m.ctx, "New inline policy of "+safe(owner.name), "The editor opens on a starter document; ctrl+s saves it.",
		func(v []string) (tea.Cmd, error) {
			name := strings.TrimSpace(v[0])
			if err := model.ValidateName("policy", name); err != nil {
				return nil, err
			}
			t := docTarget{kind: docInline, owner: owner, name: name, account: acct}
			if _, exists := m.docText(t); exists {
				return nil, fmt.Errorf("%s %q already has an inline policy named %q: choose another name", owner.noun(), owner.name, name)
			}
			return m.openEditor(t, starterPolicy("s3:ListBucket", "arn:aws:s3:::example-bucket"), ""), nil
		},
		field("Name", "", "ReadReports", "letters, digits and + = , . @ _ -; up to 128"))
	return nil
}

// editorPageFor finds the open editor of a draft key.
func (m *Model) editorPageFor(key string) *editorPage {
	for _, p := range m.stack {
		if e, ok := p.(*editorPage); ok && e.target.draftKey() == key {
			return e
		}
	}
	return nil
}

// onEditorSave turns the editor's text into the right change.
func (m *Model) onEditorSave(msg editor.SaveMsg) tea.Cmd { return m.saveEditor(msg, false) }

// saveEditor saves an editor's text; unless overwrite is set, it first
// checks that the stored document is still the one the editor opened, and
// asks when someone else changed it.
func (m *Model) saveEditor(msg editor.SaveMsg, overwrite bool) tea.Cmd {
	p := m.editorPageFor(msg.Key)
	if p == nil {
		return nil
	}
	if m.ctx.ReadOnly {
		p.ed.SetStatus(reasonReadOnly, true)
		return nil
	}
	a := m.ctx.Account
	ed := m.ctx.Editor
	t := p.target
	now := m.ctx.storedBase(t)
	if !overwrite && now != p.base {
		m.askConflict(p, msg, now)
		return nil
	}
	text := msg.Text
	p.saving = &text
	saved := func(m *Model) tea.Cmd {
		if pg := m.editorPageFor(msg.Key); pg != nil {
			pg.ed.MarkSaved(msg.Text)
			pg.base, pg.stale, pg.saving = m.ctx.storedBase(pg.target), false, nil
			if msg.Close {
				m.closeEditor(pg)
			}
		}
		return m.deleteDraft(msg.Key)
	}
	var cs model.ChangeSet
	var err error
	switch t.kind {
	case docInline:
		cs, err = ed.PutInlinePolicy(a, t.owner.entityKind(), t.owner.name, t.name, msg.Text)
	case docTrust:
		cs, err = ed.UpdateTrustPolicy(a, t.owner.name, msg.Text)
	case docResource:
		kind := t.policyKind()
		old, isOld := m.ctx.resolve(t.owner).(*model.ResourcePolicy)
		if isOld && old.Document != nil {
			kind = old.Document.Kind
		}
		doc, perr := policy.Parse(msg.Text, kind)
		if perr != nil {
			p.ed.SetStatus(safe(perr.Error()), true)
			return nil
		}
		rp := &model.ResourcePolicy{ResourceARN: t.owner.name, AccountID: t.account, Document: doc, UpdateDate: m.ctx.Now().UTC()}
		if isOld {
			rp.AccountID = old.AccountID
		}
		if rp.AccountID == "" && a != nil {
			rp.AccountID = a.ID // a draft of a new one, reopened
		}
		// The store checks the text this editor opened, not the world's
		// copy, which may already hold another process's change.
		var before *string
		if base := p.base; overwrite && now.exists {
			before = &now.text
		} else if base.exists {
			before = &base.text
		}
		m.afterResource = saved
		return m.putResourcePolicy(rp, before)
	case docManaged:
		return m.askVersion(p, msg, saved)
	}
	if err != nil {
		p.ed.SetStatus(editError(err), true)
		return nil
	}
	return m.apply(cs, saved)
}

// askVersion asks whether the new version of a managed policy becomes the
// default and, at AWS's limit of 5 versions, whether to delete the oldest
// non-default one as the console offers.
func (m *Model) askVersion(p *editorPage, msg editor.SaveMsg, saved func(*Model) tea.Cmd) tea.Cmd {
	a := m.ctx.Account
	arn := p.target.owner.name
	pol := a.Policy(arn)
	if pol == nil {
		p.ed.SetStatus("the policy is gone", true)
		return nil
	}
	full := len(pol.Versions) >= model.MaxPolicyVersions
	body := []string{fmt.Sprintf("Saving creates a new version of %q. Make it the default (the version in force)?", safe(pol.Name))}
	if full {
		line := fmt.Sprintf("The policy has %d versions, AWS's limit: the oldest version that is not the default will be deleted first", len(pol.Versions))
		if v := oldestNonDefault(pol.Versions); v != nil {
			line += fmt.Sprintf(": %s (created %s)", safe(v.ID), v.CreateDate.UTC().Format("2006-01-02 15:04"))
		}
		body = append(body, "", line+".")
	}
	save := func(def bool) tea.Cmd {
		cs, err := m.ctx.Editor.CreatePolicyVersion(a, arn, msg.Text, versionOptions(def, full))
		if err != nil {
			p.ed.SetStatus(editError(err), true)
			return nil
		}
		return m.apply(cs, func(m *Model) tea.Cmd {
			cmd := saved(m)
			m.followVersion(msg.Key, arn, msg.Close)
			return cmd
		})
	}
	m.dialog = &choiceDialog{ctx: m.ctx, title: "New policy version", body: body, choices: []choice{
		{key: "d", label: "Save as default", run: func() tea.Cmd { return save(true) }},
		{key: "k", label: "Save, keep " + safe(defaultID(pol)) + " default", run: func() tea.Cmd { return save(false) }},
		{key: "esc", label: "Cancel", run: func() tea.Cmd {
			p.saving = nil
			p.ed.SetStatus("not saved: no new version was created", false)
			return nil
		}},
	}}
	return nil
}

// followVersion reopens the editor of a managed policy on the version it
// just saved, where the cursor was, so the header and breadcrumb name the
// version the text now is.
func (m *Model) followVersion(key, arn string, closed bool) {
	pg := m.editorPageFor(key)
	pol := m.ctx.Account.Policy(arn)
	if closed || pg == nil || pol == nil || len(pol.Versions) == 0 {
		return
	}
	newest := newestFirst(pol.Versions)[0]
	cur := pg.ed.Cursor()
	m.closeEditor(pg)
	t := pg.target
	t.name = newest.ID
	m.openEditor(t, displayText(newest.Document.Text), "")
	if np, ok := m.top().(*editorPage); ok {
		np.ed.SetCursor(cur.Line, cur.Column)
	}
}

// oldestNonDefault is the version CreatePolicyVersion deletes to stay
// within AWS's five (model/edit decides the same way): the oldest that is
// not the default, the lower number first on equal dates.
func oldestNonDefault(vs []*model.PolicyVersion) *model.PolicyVersion {
	var best *model.PolicyVersion
	for _, v := range vs {
		if v.IsDefault {
			continue
		}
		if best == nil || v.CreateDate.Before(best.CreateDate) || (v.CreateDate.Equal(best.CreateDate) && versionNum(v.ID) < versionNum(best.ID)) {
			best = v
		}
	}
	return best
}

// newestFirst orders a policy's versions as every view lists them: the
// newest first (by date, then by number).
func newestFirst(vs []*model.PolicyVersion) []*model.PolicyVersion {
	out := append([]*model.PolicyVersion(nil), vs...)
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].CreateDate.Equal(out[j].CreateDate) {
			return out[i].CreateDate.After(out[j].CreateDate)
		}
		return versionNum(out[i].ID) > versionNum(out[j].ID)
	})
	return out
}

func versionNum(id string) int {
	n := 0
	for _, c := range strings.TrimPrefix(id, "v") {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}

func defaultID(p *model.ManagedPolicy) string {
	if d := p.Default(); d != nil {
		return d.ID
	}
	return "the current"
}

func (m *Model) closeEditor(p *editorPage) {
	for i, q := range m.stack {
		if q == page(p) {
			m.stack = append(m.stack[:i], m.stack[i+1:]...)
			return
		}
	}
}

func (m *Model) onEditorClose(msg editor.CloseMsg) tea.Cmd {
	if p := m.editorPageFor(msg.Key); p != nil {
		m.closeEditor(p)
	}
	if msg.Discarded {
		return m.deleteDraft(msg.Key)
	}
	return nil
}

// onEditorDraft keeps unsaved text in the database so a crash loses nothing.
func (m *Model) onEditorDraft(msg editor.DraftMsg) tea.Cmd {
	st := m.ctx.Store
	if st == nil || m.ctx.ReadOnly {
		return nil
	}
	if !msg.Modified {
		return m.deleteDraft(msg.Key)
	}
	return m.saveDraft(Draft{Key: msg.Key, Title: msg.Title, Text: msg.Text, Updated: m.ctx.Now()})
}

func (m *Model) saveDraft(d Draft) tea.Cmd {
	st := m.ctx.Store
	if st == nil || m.ctx.ReadOnly {
		return nil
	}
	base := m.baseCtx
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(base, storeTimeout)
		defer cancel()
		if err := st.SaveDraft(ctx, d); err != nil {
			return statusMsg{text: "could not keep the draft: " + safe(err.Error()), err: true}
		}
		return nil
	}
}

func (m *Model) deleteDraft(key string) tea.Cmd {
	st := m.ctx.Store
	if st == nil || m.ctx.ReadOnly {
		return nil
	}
	base := m.baseCtx
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(base, storeTimeout)
		defer cancel()
		_ = st.DeleteDraft(ctx, key) // a missing draft is fine
		return nil
	}
}
