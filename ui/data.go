package ui

import (
	"context"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"iamtui/model"
	"iamtui/storage"
)

// Messages from the background work on the store.
type (
	worldMsg struct {
		world   *model.World
		version int64
		err     error
		reason  string // "reload", "changed by another process"...
	}
	appliedMsg struct {
		cs      model.ChangeSet
		id      int64 // the journal entry
		version int64
		err     error
		then    func(*Model) tea.Cmd // what the edit does once it is in (select the new user...)
	}
	// undoPeekMsg is the entry an undo would undo, looked at first.
	undoPeekMsg struct {
		entry storage.JournalEntry
		err   error
	}
	undoneMsg struct {
		undone  Undone
		id      int64 // the entry undone
		version int64
		err     error
	}
	resourcePutMsg struct {
		rp      *model.ResourcePolicy
		id      int64
		version int64
		err     error
	}
	versionTickMsg struct{}
	dataVersionMsg struct {
		version int64
		err     error
	}
)

// storeTimeout bounds every database call the UI makes, so a locked file
// shows an error instead of freezing the screen.
const storeTimeout = 10 * time.Second

// pollInterval is how often the UI asks whether another process changed
// the file.
const pollInterval = 2 * time.Second

func (m *Model) loadWorld(reason string) tea.Cmd {
	st := m.ctx.Store
	if st == nil {
		return nil
	}
	base := m.baseCtx
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(base, storeTimeout)
		defer cancel()
		v, _ := st.DataVersion(ctx)
		w, err := st.LoadWorld(ctx)
		if err != nil {
			err = fmt.Errorf("load %s: %w", st.Path(), err)
		}
		return worldMsg{world: w, version: v, err: err, reason: reason}
	}
}

// apply commits a change set to the store; the world in memory follows
// when the store has it (appliedMsg), so what is shown is what is saved.
func (m *Model) apply(cs model.ChangeSet, then func(*Model) tea.Cmd) tea.Cmd {
	if m.busy {
		return statusErr("still saving the previous change")
	}
	st := m.ctx.Store
	if st == nil {
		return statusErr("no database")
	}
	m.busy = true
	base := m.baseCtx
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(base, storeTimeout)
		defer cancel()
		id, err := st.Apply(ctx, cs)
		v, _ := st.DataVersion(ctx)
		return appliedMsg{cs: cs, id: id, version: v, err: err, then: then}
	}
}

// undo looks at what an undo would undo before doing anything: the
// journal is shared by every process using the file, and its newest entry
// may be an import or another window's edit (onUndoPeek decides).
func (m *Model) undo() tea.Cmd {
	if m.busy {
		return statusErr("still saving the previous change")
	}
	st := m.ctx.Store
	base := m.baseCtx
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(base, storeTimeout)
		defer cancel()
		e, err := st.NextUndo(ctx)
		return undoPeekMsg{entry: e, err: err}
	}
}

// undoEntry undoes exactly the journal entry id.
func (m *Model) undoEntry(id int64) tea.Cmd {
	if m.busy {
		return statusErr("still saving the previous change")
	}
	st := m.ctx.Store
	m.busy = true
	base := m.baseCtx
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(base, storeTimeout)
		defer cancel()
		u, err := st.UndoEntry(ctx, id)
		v, _ := st.DataVersion(ctx)
		return undoneMsg{undone: u, id: id, version: v, err: err}
	}
}

// putResourcePolicy stores a resource policy if the stored one is still
// before (nil: there was none).
func (m *Model) putResourcePolicy(rp *model.ResourcePolicy, before *string) tea.Cmd {
	if m.busy {
		return statusErr("still saving the previous change")
	}
	st := m.ctx.Store
	m.busy = true
	base := m.baseCtx
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(base, storeTimeout)
		defer cancel()
		id, err := st.PutResourcePolicyIf(ctx, rp, before)
		v, _ := st.DataVersion(ctx)
		return resourcePutMsg{rp: rp, id: id, version: v, err: err}
	}
}

func (m *Model) pollVersion() tea.Cmd {
	if m.ctx.Store == nil || m.pollEvery <= 0 {
		return nil
	}
	return tea.Tick(m.pollEvery, func(time.Time) tea.Msg { return versionTickMsg{} })
}

func (m *Model) checkVersion() tea.Cmd {
	st := m.ctx.Store
	base := m.baseCtx
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(base, storeTimeout)
		defer cancel()
		v, err := st.DataVersion(ctx)
		return dataVersionMsg{version: v, err: err}
	}
}

// snapshot returns a world whose accounts are shallow copies: entities are
// replaced whole, never changed in place, so the copy stays consistent
// while the UI applies later edits, and a background compile can read it
// without racing.
func snapshot(w *model.World) *model.World {
	if w == nil {
		return nil
	}
	c := &model.World{Org: w.Org, ResourcePolicies: append([]*model.ResourcePolicy(nil), w.ResourcePolicies...)}
	for _, a := range w.Accounts {
		ac := *a
		c.Accounts = append(c.Accounts, &ac)
	}
	return c
}
