package ui

import (
	"context"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
)

// draftsMsg lists the drafts found in the database.
type draftsMsg struct {
	drafts []Draft
	asked  bool // the user asked (:drafts): say so when there are none
	err    error
}

// loadDrafts looks for editor drafts a crash or kill left behind.
func (m *Model) loadDrafts(asked bool) tea.Cmd {
	st := m.ctx.Store
	if st == nil {
		return nil
	}
	base := m.baseCtx
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(base, storeTimeout)
		defer cancel()
		ds, err := st.Drafts(ctx)
		return draftsMsg{drafts: ds, asked: asked, err: err}
	}
}

// onDrafts offers to reopen drafts: each opens in the editor with the
// unsaved text restored; esc leaves them for later (:drafts).
func (m *Model) onDrafts(msg draftsMsg) tea.Cmd {
	if msg.err != nil {
		return statusErr("drafts: " + safe(msg.err.Error()))
	}
	if len(msg.drafts) == 0 {
		if msg.asked {
			return status("No unsaved drafts.")
		}
		return nil
	}
	if m.dialog != nil || !m.loaded {
		return nil
	}
	if !msg.asked {
		// On start, only a crash's drafts ask; the copies the user chose to
		// keep when reloading wait for :drafts.
		crashed := 0
		for _, d := range msg.drafts {
			if !strings.HasPrefix(d.Key, copyPrefix) {
				crashed++
			}
		}
		if crashed == 0 {
			return status(plural(len(msg.drafts), "kept copy") + " of text you chose not to save: :drafts reopens them.")
		}
	}
	items := make([]pickItem, 0, len(msg.drafts))
	for _, d := range msg.drafts {
		items = append(items, pickItem{label: safe(d.Title), note: "draft from " + d.Updated.Local().Format("2006-01-02 15:04"), value: d.Key})
	}
	byKey := map[string]Draft{}
	for _, d := range msg.drafts {
		byKey[d.Key] = d
	}
	m.dialog = newPicker(m.ctx, fmt.Sprintf("Unsaved drafts (%d): enter reopens", len(items)), items, func(it pickItem) (tea.Cmd, error) {
		d := byKey[it.value]
		t, ok := parseDraftKey(d.Key)
		if !ok {
			return nil, fmt.Errorf("draft %q: unknown kind of document", safe(d.Key))
		}
		if t.account != "" && (m.ctx.Account == nil || t.account != m.ctx.Account.ID) {
			if a := m.ctx.World.Account(t.account); a != nil {
				m.ctx.setAccount(a)
				m.refreshAll()
			}
		}
		if t.kind == docManaged {
			// A managed policy's draft is its next version, written from
			// the version in force.
			if p := m.ctx.Account.Policy(t.owner.name); p != nil && p.Default() != nil {
				t.name = p.Default().ID
			}
		}
		text, _ := m.docText(t) // a new inline policy has no stored text yet
		open := m.openEditor(t, displayText(text), d.Text)
		if d.Key != t.draftKey() {
			// A kept copy: its text now lives in the editor, which keeps
			// its own draft from here on.
			return tea.Batch(open, m.deleteDraft(d.Key)), nil
		}
		return open, nil
	})
	return nil
}
