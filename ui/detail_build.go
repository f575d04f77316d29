package ui

import (
	"fmt"
	"strings"

	"iamtui/lint"
	"iamtui/model"
	"iamtui/model/policy"
	"iamtui/themes"
)

// dline is one line of a detail view: either pre-styled text, or a link
// whose label and note are kept plain so the cursor can restyle them.
type dline struct {
	styled string
	link   *link
	label  string // sanitised
	note   string // sanitised
	indent int
}

// docRef points at the policy document a link shows in the preview.
type docRef struct {
	title string
	doc   *policy.Document
}

type detailBuilder struct {
	c     *Context
	st    *themes.Styles
	lines []dline
	docs  map[int]docRef // link line → its document, for the preview
	// found gathers the entity's findings for its Findings section.
	found []foundIn
}

// foundIn is a finding and the document it is in.
type foundIn struct {
	target docTarget
	where  string // "inline S3Read: ", "" for the page's own document
	f      lint.Finding
}

const labelWidth = 10

func (b *detailBuilder) blank() { b.lines = append(b.lines, dline{}) }

func (b *detailBuilder) title(kind, name string) {
	b.lines = append(b.lines, dline{styled: b.st.Muted.Render(kind+" ") + b.st.Primary.Render(safe(name))})
}

func (b *detailBuilder) section(title string, n int) {
	b.blank()
	t := b.st.Section.Render(title)
	if n >= 0 {
		t += b.st.Muted.Render(fmt.Sprintf(" (%d)", n))
	}
	b.lines = append(b.lines, dline{styled: t})
}

// field is "Label     value"; value must already be safe.
func (b *detailBuilder) field(label, value string) {
	b.lines = append(b.lines, dline{styled: b.st.Label.Render(fit(label, labelWidth)) + b.st.Value.Render(value)})
}

func (b *detailBuilder) note(text string) {
	b.lines = append(b.lines, dline{styled: "  " + b.st.Muted.Render(text)})
}

func (b *detailBuilder) link(l link, label, note string, doc *docRef) {
	l.display = label
	b.lines = append(b.lines, dline{link: &l, label: label, note: note, indent: 2})
	if doc != nil && doc.doc != nil {
		if b.docs == nil {
			b.docs = map[int]docRef{}
		}
		b.docs[len(b.lines)-1] = *doc
	}
}

// document appends a policy's text, numbered and highlighted.
func (b *detailBuilder) document(doc *policy.Document) {
	if doc == nil {
		b.note("no document")
		return
	}
	hl := highlightJSON(displayText(doc.Text), b.st)
	numW := len(fmt.Sprint(len(hl)))
	for i, ln := range hl {
		num := b.st.Muted.Render(fmt.Sprintf("%*d ", numW, i+1))
		b.lines = append(b.lines, dline{styled: "  " + num + ln})
	}
}

func (b *detailBuilder) tags(owner ref, tags []model.Tag) {
	b.section("Tags", len(tags))
	if len(tags) == 0 {
		b.note("none")
	}
	for _, t := range tags {
		b.link(link{rel: relTag, owner: owner, name: t.Key}, safe(t.Key)+" = "+safe(t.Value), "", nil)
	}
}

func (b *detailBuilder) policyDoc(ix *index, arn string) *docRef {
	p := ix.Policy(arn)
	if p == nil || p.Default() == nil {
		return nil
	}
	return &docRef{title: p.Name + " " + p.Default().ID, doc: p.Default().Document}
}

func policyType(ix *index, arn string) string {
	if model.IsAWSManagedPolicyARN(arn) {
		return "AWS managed"
	}
	if ix.Policy(arn) == nil {
		return "not in this account"
	}
	return "customer managed"
}

func (b *detailBuilder) attached(owner ref, ix *index, arns []string) {
	b.section("Attached managed policies", len(arns))
	if len(arns) == 0 {
		b.note("none")
	}
	for _, arn := range arns {
		b.link(link{rel: relAttached, owner: owner, target: ref{refPolicy, arn}}, safe(ix.PolicyName(arn)), policyType(ix, arn), b.policyDoc(ix, arn))
	}
}

func (b *detailBuilder) inline(owner ref, ps []model.InlinePolicy) {
	b.section("Inline policies", len(ps))
	if len(ps) == 0 {
		b.note("none")
	}
	for _, p := range ps {
		n := 0
		if p.Document != nil {
			n = len(p.Document.Statements)
		}
		note := plural(n, "statement")
		t := docTarget{kind: docInline, owner: owner, name: p.Name, account: b.account()}
		if mark := b.lint(p.Document, t, "inline "+safe(p.Name)+": "); mark != "" {
			note += " · " + mark
		}
		b.link(link{rel: relInline, owner: owner, name: p.Name}, safe(p.Name), note, &docRef{title: p.Name, doc: p.Document})
	}
	if total := inlineChars(ps, ""); total > inlineQuota(owner.kind) && b.c.Linter != nil {
		// The finding opens the largest of them.
		big, n := "", -1
		for _, p := range ps {
			if p.Document != nil && model.PolicyChars(p.Document.Text) > n {
				big, n = p.Name, model.PolicyChars(p.Document.Text)
			}
		}
		b.found = append(b.found, foundIn{target: docTarget{kind: docInline, owner: owner, name: big, account: b.account()},
			where: "inline policies: ", f: inlineQuotaFinding(owner, total)})
	}
}

func (b *detailBuilder) account() string {
	if b.c.Account != nil {
		return b.c.Account.ID
	}
	return ""
}

// lint gathers a document's findings for the Findings section and returns
// their mark ("⚠ 2"), "" when it has none or no linter has loaded.
func (b *detailBuilder) lint(d *policy.Document, t docTarget, where string) string {
	fs, ok := b.c.findings(d, t)
	if !ok {
		return ""
	}
	for _, f := range fs {
		b.found = append(b.found, foundIn{target: t, where: where, f: f})
	}
	return findingMark(fs)
}

// findings is the Findings section: every finding of the entity's
// documents, each a link that opens the editor on it.
func (b *detailBuilder) findings(owner ref) {
	if b.c.Linter == nil {
		return
	}
	b.section("Findings", len(b.found))
	if len(b.found) == 0 {
		b.note("none: IAM Access Analyzer's checks find nothing to say")
		return
	}
	for i, fi := range b.found {
		label := fi.where + findingWords(fi.f)
		b.link(link{rel: relFinding, owner: owner, name: itoa(i), find: &findingRef{target: fi.target, pos: fi.f.Pos}}, label, safe(fi.f.Code), nil)
	}
}

func (b *detailBuilder) boundary(owner ref, ix *index, arn string) {
	b.section("Permissions boundary", -1)
	if arn == "" {
		b.note("none: identity policies alone decide (b sets one)")
		return
	}
	b.link(link{rel: relBoundary, owner: owner, target: ref{refPolicy, arn}}, safe(ix.PolicyName(arn)), "caps what identity policies allow", b.policyDoc(ix, arn))
}

func (b *detailBuilder) effective(owner ref, ix *index, eff []effective, org []*model.OrgPolicy) {
	b.section("Effective policies", len(eff)+len(org))
	if len(eff)+len(org) == 0 {
		b.note("none: every request is implicitly denied")
	}
	for _, e := range eff {
		label := safe(e.Name)
		note := e.Kind
		if e.Via != "" {
			note += " via " + safe(e.Via)
		}
		switch {
		case e.Inline != nil && e.Via != "":
			b.link(link{rel: relVia, owner: ref{refGroup, e.Via}, name: e.Name}, label, note, &docRef{title: e.Name, doc: e.Inline.Document})
		case e.Inline != nil:
			b.link(link{rel: relInline, owner: owner, name: e.Name}, label, note, &docRef{title: e.Name, doc: e.Inline.Document})
		default:
			b.link(link{rel: relVia, target: ref{refPolicy, e.ARN}}, label, note, b.policyDoc(ix, e.ARN))
		}
	}
	for _, p := range org {
		b.lines = append(b.lines, dline{styled: "  " + b.st.Text.Render(safe(p.Name)) + "  " + b.st.Muted.Render(strings.ToUpper(string(p.Kind))+" on "+safe(p.TargetID))})
	}
}

func plural(n int, one string) string {
	if n == 1 {
		return "1 " + one
	}
	if strings.HasSuffix(one, "y") {
		return fmt.Sprintf("%d %sies", n, one[:len(one)-1])
	}
	return fmt.Sprintf("%d %ss", n, one)
}

// buildDetail lays out the detail view of an entity; ok is false when it no
// longer exists.
func buildDetail(c *Context, r ref) (lines []dline, docs map[int]docRef, ok bool) {
	b := &detailBuilder{c: c, st: c.Styles}
	ix := c.Index
	switch e := c.resolve(r).(type) {
	case *model.User:
		r.name = e.Name
		b.title("user", e.Name)
		b.field("ARN", safe(e.ARN))
		b.field("ID", safe(e.ID))
		b.field("Path", safe(e.Path))
		b.field("Created", day(e.CreateDate))
		// The export says when a console password was last used, not
		// whether there is one: say only what is known.
		if !e.PasswordLastUsed.IsZero() {
			b.field("Signed in", day(e.PasswordLastUsed)+b.st.Muted.Render("  (console password last used)"))
		}
		b.boundary(r, ix, e.PermissionsBoundary)
		b.section("Groups", len(e.Groups))
		if len(e.Groups) == 0 {
			b.note("none (m adds the user to a group)")
		}
		for _, g := range e.Groups {
			note := ""
			if grp := c.Account.Group(g); grp != nil {
				note = plural(len(grp.AttachedPolicies)+len(grp.InlinePolicies), "policy")
			}
			b.link(link{rel: relGroupOf, owner: r, target: ref{refGroup, g}}, safe(g), note, nil)
		}
		b.attached(r, ix, e.AttachedPolicies)
		b.inline(r, e.InlinePolicies)
		b.tags(r, e.Tags)
		b.findings(r)
		b.effective(r, ix, ix.EffectiveUser(e), orgPolicies(c.World, c.Account.ID))
	case *model.Group:
		r.name = e.Name
		b.title("group", e.Name)
		b.field("ARN", safe(e.ARN))
		b.field("ID", safe(e.ID))
		b.field("Path", safe(e.Path))
		b.field("Created", day(e.CreateDate))
		members := ix.Members(e.Name)
		b.section("Members", len(members))
		if len(members) == 0 {
			b.note("none (m adds a member)")
		}
		for _, u := range members {
			b.link(link{rel: relMember, owner: r, target: ref{refUser, u.Name}}, safe(u.Name), safe(u.Path), nil)
		}
		b.attached(r, ix, e.AttachedPolicies)
		b.inline(r, e.InlinePolicies)
		b.findings(r)
	case *model.Role:
		r.name = e.Name
		b.title("role", e.Name)
		b.field("ARN", safe(e.ARN))
		b.field("ID", safe(e.ID))
		b.field("Path", safe(e.Path))
		if e.Description != "" {
			b.field("About", safe(e.Description))
		}
		b.field("Created", day(e.CreateDate))
		session := e.MaxSessionDuration
		if session == 0 {
			session = 3600
		}
		b.field("Session", "up to "+duration(session))
		last := "never"
		if !e.LastUsed.IsZero() {
			last = day(e.LastUsed)
			if e.LastUsedRegion != "" {
				last += " in " + safe(e.LastUsedRegion)
			}
		}
		b.field("Last used", last)
		b.boundary(r, ix, e.PermissionsBoundary)
		b.section("Trust policy", -1)
		trustNote := orDash(safe(trustSummary(e.TrustPolicy, c.Account.ID)))
		if mark := b.lint(e.TrustPolicy, docTarget{kind: docTrust, owner: r, account: c.Account.ID}, "trust policy: "); mark != "" {
			trustNote += " · " + mark
		}
		b.link(link{rel: relTrust, owner: r}, "who may assume this role", trustNote, &docRef{title: "trust policy", doc: e.TrustPolicy})
		b.attached(r, ix, e.AttachedPolicies)
		b.inline(r, e.InlinePolicies)
		if len(e.InstanceProfiles) > 0 {
			b.section("Instance profiles", len(e.InstanceProfiles))
			for _, ip := range e.InstanceProfiles {
				b.note(safe(ip.Name) + "  " + safe(ip.ARN))
			}
		}
		b.tags(r, e.Tags)
		b.findings(r)
		b.effective(r, ix, ix.EffectiveRole(e), orgPolicies(c.World, c.Account.ID))
		b.section("Trust policy document", -1)
		b.document(e.TrustPolicy)
	case *model.ManagedPolicy:
		b.title("policy", e.Name)
		b.field("ARN", safe(e.ARN))
		b.field("ID", safe(e.ID))
		b.field("Path", safe(e.Path))
		b.field("Type", policyType(ix, e.ARN))
		if e.Description != "" {
			b.field("About", safe(e.Description))
		}
		b.field("Created", day(e.CreateDate))
		b.field("Updated", day(e.UpdateDate))
		b.section("Versions", len(e.Versions))
		for _, v := range newestFirst(e.Versions) {
			note := day(v.CreateDate)
			if v.IsDefault {
				note = "default · " + note
				t := docTarget{kind: docManaged, owner: r, name: v.ID, account: c.Account.ID}
				if mark := b.lint(v.Document, t, ""); mark != "" {
					note += " · " + mark
				}
			}
			b.link(link{rel: relVersion, owner: r, name: v.ID}, safe(v.ID), note, &docRef{title: e.Name + " " + v.ID, doc: v.Document})
		}
		at := ix.Attachments(e.ARN)
		b.section("Attached to", len(at.Users)+len(at.Groups)+len(at.Roles))
		if len(at.Users)+len(at.Groups)+len(at.Roles) == 0 {
			b.note("nothing")
		}
		for _, n := range at.Groups {
			b.link(link{rel: relUsedBy, owner: r, target: ref{refGroup, n}}, safe(n), "group", nil)
		}
		for _, n := range at.Users {
			b.link(link{rel: relUsedBy, owner: r, target: ref{refUser, n}}, safe(n), "user", nil)
		}
		for _, n := range at.Roles {
			b.link(link{rel: relUsedBy, owner: r, target: ref{refRole, n}}, safe(n), "role", nil)
		}
		if n := len(at.BoundaryUsers) + len(at.BoundaryRoles); n > 0 {
			b.section("Permissions boundary of", n)
			for _, u := range at.BoundaryUsers {
				b.link(link{rel: relBoundOf, owner: r, target: ref{refUser, u}}, safe(u), "user", nil)
			}
			for _, ro := range at.BoundaryRoles {
				b.link(link{rel: relBoundOf, owner: r, target: ref{refRole, ro}}, safe(ro), "role", nil)
			}
		}
		b.tags(r, e.Tags)
		if !e.AWSManaged() {
			b.findings(r)
		}
		if d := e.Default(); d != nil {
			b.section("Default version "+safe(d.ID), -1)
			b.document(d.Document)
		}
	case *model.ResourcePolicy:
		b.title("resource", e.ResourceARN)
		b.field("ARN", safe(e.ResourceARN))
		b.field("Service", safe(arnService(e.ResourceARN)))
		b.field("Account", orDash(safe(e.AccountID)))
		b.field("Updated", day(e.UpdateDate))
		b.section("Resource-based policy", -1)
		n := 0
		if e.Document != nil {
			n = len(e.Document.Statements)
		}
		note := plural(n, "statement")
		if mark := b.lint(e.Document, docTarget{kind: docResource, owner: r, account: e.AccountID}, ""); mark != "" {
			note += " · " + mark
		}
		b.link(link{rel: relDocument, owner: r}, "policy document", note, &docRef{title: "resource policy", doc: e.Document})
		b.findings(r)
		b.blank()
		b.document(e.Document)
	default:
		return nil, nil, false
	}
	return b.lines, b.docs, true
}
