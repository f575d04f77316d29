package ui

import (
	"fmt"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"iamtui/ui/editor"
)

// The editor saves what the user sees over what was stored when it opened.
// When another window or process (iamtui resource-policy put, a second UI)
// stored a different document meanwhile, saving would silently undo their
// work: askConflict names what changed and lets the user choose.

// askConflict offers, when a document changed under an editor: reload
// theirs (keeping the user's text as a draft), overwrite it, or keep
// editing (focused: the safe answer).
func (m *Model) askConflict(p *editorPage, msg editor.SaveMsg, now storedBase) {
	body := conflictBody(p.target, p.base, now)
	reload := choice{key: "r", label: "Reload theirs", run: func() tea.Cmd { return m.reloadEditor(p, msg, now) }}
	over := choice{key: "o", label: "Overwrite with mine", run: func() tea.Cmd { return m.saveEditor(msg, true) }}
	if !now.exists {
		reload.label = "Close"
		over.label = "Recreate with mine"
	}
	keep := choice{key: "esc", label: "Keep editing", run: func() tea.Cmd {
		p.ed.SetStatus("not saved: the stored copy changed; save again to choose", false)
		return nil
	}}
	m.dialog = &choiceDialog{ctx: m.ctx, title: "Changed by someone else", body: body,
		choices: []choice{reload, over, keep}, focus: 2}
}

// conflictBody says what changed between what the editor opened and what
// is stored now.
func conflictBody(t docTarget, base, now storedBase) []string {
	what := t.describe()
	var body []string
	switch {
	case !now.exists:
		body = append(body, upperFirst(what)+" was deleted since you opened it, by another window or process.")
	case !base.exists:
		body = append(body, upperFirst(what)+" did not exist when you started writing it; someone else has created it since.")
	case t.kind == docManaged && base.version != now.version:
		body = append(body, fmt.Sprintf("Someone else changed %s since you opened it: its default version is now %s (it was %s).",
			what, safe(now.version), safe(base.version)))
	default:
		body = append(body, "Someone else changed "+what+" since you opened it (another window, or a command such as iamtui resource-policy put).")
	}
	if now.exists && base.exists {
		body = append(body, "")
		body = append(body, textDiff(base.text, now.text)...)
	}
	body = append(body, "")
	if now.exists {
		body = append(body, "r reloads theirs and keeps your text as a draft (:drafts); o overwrites theirs with yours; esc keeps editing.")
	} else {
		body = append(body, "r closes the editor and keeps your text as a draft (:drafts); o stores yours again; esc keeps editing.")
	}
	return body
}

// textDiff summarises how a stored text changed: its size and its first
// differing line.
func textDiff(then, now string) []string {
	a, b := strings.Split(displayText(then), "\n"), strings.Split(displayText(now), "\n")
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	out := []string{fmt.Sprintf("Stored now: %s (%s when you opened it); the first difference is on line %d:",
		plural(len(b), "line"), plural(len(a), "line"), i+1)}
	la, lb := "", ""
	if i < len(a) {
		la = a[i]
	}
	if i < len(b) {
		lb = b[i]
	}
	// Long lines are shown from a little before where they differ.
	col := 0
	for col < len(la) && col < len(lb) && la[col] == lb[col] {
		col++
	}
	from := 0
	if col > 40 {
		from = col - 24
	}
	line := func(ls []string, l string) string {
		if i >= len(ls) {
			return "(nothing)"
		}
		if from > 0 && from < len(l) {
			l = "…" + l[from:]
		}
		return strings.TrimSpace(safe(l))
	}
	out = append(out, "  then: "+truncate(line(a, la), 64), "  now:  "+truncate(line(b, lb), 64))
	return out
}

// describe names the document for messages: `inline policy "P" of user
// alice`, `the trust policy of role R`... (sanitised).
func (t docTarget) describe() string {
	switch t.kind {
	case docInline:
		return fmt.Sprintf("inline policy %q of %s %s", safe(t.name), t.owner.noun(), safe(t.owner.name))
	case docTrust:
		return "the trust policy of role " + safe(t.owner.name)
	case docManaged:
		return fmt.Sprintf("policy %q", safe(policyNameOf(t.owner.name)))
	}
	return "the resource policy of " + safe(t.owner.name)
}

// reloadEditor drops the user's text for what is stored now, keeping it as
// a draft under its own key so that nothing typed is lost.
func (m *Model) reloadEditor(p *editorPage, msg editor.SaveMsg, now storedBase) tea.Cmd {
	keep := m.keepCopy(p, msg.Text)
	m.closeEditor(p)
	if !now.exists {
		m.setStatus("Closed: "+p.target.describe()+" is gone; your text is kept as a draft (:drafts).", false)
		return tea.Batch(keep, m.deleteDraft(msg.Key))
	}
	t := p.target
	if t.kind == docManaged {
		t.name = now.version
	}
	open := m.openEditor(t, displayText(now.text), "")
	m.setStatus("Reloaded "+t.describe()+"; your text is kept as a draft (:drafts).", false)
	return tea.Batch(keep, m.deleteDraft(msg.Key), open)
}

// copyPrefix marks a draft that keeps a text the user chose to drop for
// someone else's: it has a key of its own, so the editor's own draft of
// the same document cannot overwrite it.
const copyPrefix = "copy-"

func (m *Model) keepCopy(p *editorPage, text string) tea.Cmd {
	d := Draft{
		Key:   copyPrefix + strconv.FormatInt(m.ctx.Now().UnixNano(), 36) + ":" + p.target.draftKey(),
		Title: "your " + p.ed.Title() + " (before reloading)",
		Text:  text, Updated: m.ctx.Now(),
	}
	return m.saveDraft(d)
}
