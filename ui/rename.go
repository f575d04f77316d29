package ui

import (
	"fmt"
	"strings"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"iamtui/model"
)

// renameIntro says exactly what a rename changes and what it does not:
// AWS updates nothing that names an entity by ARN inside a policy
// document, and cannot rename roles and managed policies at all.
func renameIntro(kind refKind) string {
	const stale = " Not updated: trust and resource policies that name the old ARN (they are listed after renaming, to open and fix)."
	switch kind {
	case refUser:
		return "The user keeps its id, groups, policies and tags; its ARN follows the new name and path." + stale
	case refGroup:
		return "The group keeps its id and policies; its ARN follows the new name and path, and every member's group list is updated." + stale
	case refRole:
		return "AWS cannot rename a role: iamtui creates the role anew with the new name and a new id, moves everything to it (trust policy, policies, boundary, tags, instance profiles) and deletes the old one." + stale
	case refPolicy:
		return "AWS cannot rename a managed policy: iamtui creates a new policy with a new id and ARN holding the versions (renumbered v1…), moves every attachment and boundary use to it, and deletes the old one." + stale
	}
	return ""
}

func (m *Model) rename(r ref) tea.Cmd {
	a := m.ctx.Account
	var name, path, arn string
	switch e := m.ctx.resolve(r).(type) {
	case *model.User:
		name, path, arn = e.Name, e.Path, e.ARN
	case *model.Group:
		name, path, arn = e.Name, e.Path, e.ARN
	case *model.Role:
		name, path, arn = e.Name, e.Path, e.ARN
	case *model.ManagedPolicy:
		name, path, arn = e.Name, e.Path, e.ARN
	default:
		return statusErr("nothing to rename")
	}
	m.dialog = newForm(m.ctx, "Rename "+r.noun()+" "+safe(name), renameIntro(r.kind),
		func(v []string) (tea.Cmd, error) {
			newName, newPath := strings.TrimSpace(v[0]), strings.TrimSpace(v[1])
			cs, err := m.ctx.Editor.Rename(a, r.entityKind(), r.name, newName, newPath)
			nr := ref{r.kind, newName}
			if r.kind == refPolicy {
				nr.name = model.PolicyARN(a.ID, pathOrRoot(newPath), newName)
			}
			sel := selectAfter(nr)
			return m.submitted(cs, err, func(m *Model) tea.Cmd {
				return tea.Batch(sel(m), m.warnStaleRefs(arn))
			})
		},
		prefilled("Name", name, name, ""),
		prefilled("Path", path, "/", "/ or /division/team/"))
	return nil
}

// staleRef is a policy document that names an ARN.
type staleRef struct {
	target docTarget
	label  string // sanitised
}

// refsTo lists the trust policies of the account's roles and the resource
// policies that name arn.
func (c *Context) refsTo(arn string) []staleRef {
	var out []staleRef
	names := func(text string) bool { return strings.Contains(text, arn) }
	if a := c.Account; a != nil {
		for _, ro := range a.Roles {
			if ro.TrustPolicy != nil && names(ro.TrustPolicy.Text) {
				out = append(out, staleRef{docTarget{kind: docTrust, owner: ref{refRole, ro.Name}, account: a.ID}, "trust policy of role " + safe(ro.Name)})
			}
		}
	}
	if w := c.World; w != nil {
		for _, rp := range w.ResourcePolicies {
			if rp.Document != nil && names(rp.Document.Text) {
				acct := ""
				if c.Account != nil {
					acct = c.Account.ID
				}
				out = append(out, staleRef{docTarget{kind: docResource, owner: ref{refResource, rp.ResourceARN}, account: acct}, "resource policy of " + safe(rp.ResourceARN)})
			}
		}
	}
	return out
}

// warnStaleRefs, after a rename, lists the policies that still name the old
// ARN: they now grant nothing to the renamed entity (or, worse, to whoever
// takes the old name next). enter opens one in the editor.
func (m *Model) warnStaleRefs(oldARN string) tea.Cmd {
	refs := m.ctx.refsTo(oldARN)
	if len(refs) == 0 {
		return nil
	}
	items := make([]pickItem, len(refs))
	byValue := map[string]docTarget{}
	for i, r := range refs {
		items[i] = pickItem{label: r.label, note: "names the old ARN", value: r.target.draftKey()}
		byValue[items[i].value] = r.target
	}
	still := plural(len(refs), "policy") + " still name"
	if len(refs) == 1 {
		still += "s"
	}
	m.setStatus(fmt.Sprintf("%s %s: open and fix them from the list.", still, safe(oldARN)), true)
	m.dialog = newPicker(m.ctx, still+" the old ARN: enter opens one", items,
		func(it pickItem) (tea.Cmd, error) {
			t := byValue[it.value]
			text, ok := m.docText(t)
			if !ok {
				return nil, fmt.Errorf("%s is gone", it.label)
			}
			shown := displayText(text)
			cmd := m.openEditor(t, shown, "")
			// The cursor goes to the old ARN, which is what needs fixing.
			if ep, ok := m.top().(*editorPage); ok {
				if line, col, found := findText(shown, oldARN); found {
					ep.ed.SetCursor(line, col)
				}
			}
			return cmd, nil
		})
	return nil
}

// findText is where needle first occurs in text, as a 1-based line and
// column counted in runes, as the editor's cursor is.
func findText(text, needle string) (line, col int, ok bool) {
	i := strings.Index(text, needle)
	if i < 0 {
		return 0, 0, false
	}
	before := text[:i]
	line = strings.Count(before, "\n") + 1
	start := strings.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCountInString(before[start:]) + 1, true
}

// arnOf is the ARN by which policies name a principal (a user or a role);
// "" for anything else.
func (c *Context) arnOf(r ref) string {
	switch e := c.resolve(r).(type) {
	case *model.User:
		return e.ARN
	case *model.Role:
		return e.ARN
	}
	return ""
}
