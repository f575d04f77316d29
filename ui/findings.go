package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"iamtui/lint"
	"iamtui/model"
	"iamtui/model/policy"
)

// Lint findings show outside the editor too: a count in the Policies list,
// a marker on inline policies, and a Findings section in details. A
// document is linted as it is shown (indented when stored compact, so
// positions match the detail view and the editor) and once: documents are
// immutable, replaced whole by edits, so a finding list cached by document
// never goes stale. The detail of one entity lints its few documents at
// once; the Policies list's 1,500 are linted in the background.

// lintCache holds findings by document; the UI goroutine alone reads and
// writes it (background results are merged in by a message).
type lintCache struct {
	linter *lint.Linter
	found  map[*policy.Document][]lint.Finding
}

// lintCache returns the cache of the current linter (nil without one).
func (c *Context) lints() *lintCache {
	if c.Linter == nil {
		return nil
	}
	if c.lint == nil || c.lint.linter != c.Linter {
		c.lint = &lintCache{linter: c.Linter, found: map[*policy.Document][]lint.Finding{}}
	}
	return c.lint
}

// lintOptions are the options a document is linted with, by its use.
func lintOptions(t docTarget) lint.Options {
	switch t.kind {
	case docInline:
		return lint.Options{PolicyType: lint.IdentityPolicy, NoSizeQuota: true}
	case docResource:
		return lint.Options{PolicyType: lint.ResourcePolicy, ResourceType: lint.ResourceTypeForARN(t.owner.name)}
	case docManaged:
		return lint.Options{PolicyType: lint.IdentityPolicy}
	}
	return lint.Options{}
}

func lintDoc(l *lint.Linter, d *policy.Document, opts lint.Options) []lint.Finding {
	return l.Document(displayText(d.Text), d.Kind, opts)
}

// findings lints a document now unless it is cached; ok is false when no
// linter has loaded yet.
func (c *Context) findings(d *policy.Document, t docTarget) (fs []lint.Finding, ok bool) {
	lc := c.lints()
	if lc == nil || d == nil {
		return nil, false
	}
	if fs, ok := lc.found[d]; ok {
		return fs, true
	}
	fs = lintDoc(lc.linter, d, lintOptions(t))
	lc.found[d] = fs
	return fs, true
}

// cachedFindings returns what is known without linting.
func (c *Context) cachedFindings(d *policy.Document) ([]lint.Finding, bool) {
	if c.lint == nil || c.lint.linter != c.Linter || d == nil {
		return nil, false
	}
	fs, ok := c.lint.found[d]
	return fs, ok
}

// lintedMsg delivers findings computed in the background.
type lintedMsg struct {
	linter *lint.Linter
	found  map[*policy.Document][]lint.Finding
}

// lintPolicies lints, off the UI goroutine, the default version of every
// managed policy not linted yet, for the Policies list.
func (m *Model) lintPolicies() tea.Cmd {
	lc := m.ctx.lints()
	a := m.ctx.Account
	if lc == nil || a == nil {
		return nil
	}
	type job struct {
		d    *policy.Document
		opts lint.Options
	}
	var jobs []job
	for _, p := range a.Policies {
		if d := p.Default(); d != nil && d.Document != nil {
			if _, ok := lc.found[d.Document]; !ok {
				jobs = append(jobs, job{d.Document, lint.Options{PolicyType: lint.IdentityPolicy}})
			}
		}
	}
	l := lc.linter
	if len(jobs) == 0 {
		// Previews may have linted them all meanwhile: the list still
		// needs rebuilding once.
		if m.lintedAll {
			return nil
		}
		m.lintedAll = true
		return func() tea.Msg { return lintedMsg{linter: l} }
	}
	m.lintedAll = false
	return func() tea.Msg {
		out := make(map[*policy.Document][]lint.Finding, len(jobs))
		for _, j := range jobs {
			out[j.d] = lintDoc(l, j.d, j.opts)
		}
		return lintedMsg{linter: l, found: out}
	}
}

func (m *Model) onLinted(msg lintedMsg) {
	lc := m.ctx.lints()
	if lc == nil || lc.linter != msg.linter {
		return
	}
	for d, fs := range msg.found {
		lc.found[d] = fs
	}
	m.browse.refreshPane(panePolicies)
}

// findingMark is a short summary of findings: the worst one's sign and how
// many there are ("✖ 2"), "" for none.
func findingMark(fs []lint.Finding) string {
	if len(fs) == 0 {
		return ""
	}
	worst := fs[0].Category
	for _, f := range fs {
		worst = max(worst, f.Category)
	}
	return categorySign(worst) + " " + itoa(len(fs))
}

// categorySign is the editor's sign of a severity.
func categorySign(c lint.Category) string {
	switch c {
	case lint.Error:
		return "✖"
	case lint.SecurityWarning:
		return "▲"
	case lint.Warning:
		return "⚠"
	}
	return "•"
}

// findingWords is a finding for a detail view's line.
func findingWords(f lint.Finding) string {
	msg := f.Message
	if f.Suggestion != "" && !strings.Contains(msg, f.Suggestion) {
		msg += " (did you mean " + f.Suggestion + "?)"
	}
	return fmt.Sprintf("%s %d:%d %s", categorySign(f.Category), f.Pos.Line, f.Pos.Column, safe(msg))
}

// inlineQuota is AWS's limit on the total size of an entity's inline
// policies, white space not counted.
func inlineQuota(kind refKind) int {
	switch kind {
	case refUser:
		return model.MaxUserInlineChars
	case refGroup:
		return model.MaxGroupInlineChars
	}
	return model.MaxRoleInlineChars
}

// inlineChars totals the inline policies of an entity, but one (skip).
func inlineChars(ps []model.InlinePolicy, skip string) int {
	n := 0
	for _, p := range ps {
		if p.Name != skip && p.Document != nil {
			n += model.PolicyChars(p.Document.Text)
		}
	}
	return n
}

// inlineQuotaFinding is lint's finding for an entity whose inline policies
// together are over AWS's quota.
func inlineQuotaFinding(owner ref, total int) lint.Finding {
	f := lint.Finding{StatementIndex: -1, Pos: policy.Pos{Line: 1, Column: 1}, End: policy.Pos{Line: 1, Column: 2}}
	const code = "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA"
	f.Code = code
	_, _, f.Detail, f.LearnMore, _ = lint.CheckInfo(code)
	// Access Analyzer calls an oversized document a warning; for inline
	// policies AWS refuses the save outright, and so does iamtui.
	f.Category = lint.Error
	f.Message = fmt.Sprintf("the inline policies of %s %s total %d characters (white space not counted); AWS's quota is %d", owner.noun(), owner.name, total, inlineQuota(owner.kind))
	return f
}

// inlinesOf returns the inline policies of an entity.
func inlinesOf(e any) []model.InlinePolicy {
	switch x := e.(type) {
	case *model.User:
		return x.InlinePolicies
	case *model.Group:
		return x.InlinePolicies
	case *model.Role:
		return x.InlinePolicies
	}
	return nil
}

// openFinding opens the editor on a finding's document, at the finding.
func (m *Model) openFinding(fr *findingRef) tea.Cmd {
	if fr == nil {
		return nil
	}
	text, ok := m.docText(fr.target)
	if !ok {
		return statusErr("the document is gone")
	}
	cmd := m.openEditor(fr.target, displayText(text), "")
	if p, ok := m.top().(*editorPage); ok {
		p.ed.SetCursor(fr.pos.Line, fr.pos.Column)
	}
	return cmd
}
