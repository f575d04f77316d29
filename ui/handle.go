package ui

import (
	tea "charm.land/bubbletea/v2"

	"iamtui/model"
)

// handleKey routes a key press: an open overlay has it first, then a page
// that is typing, then the global keys, then the page.
func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if m.status == welcome || m.statusErr {
		// An error stays until the next key.
		m.setStatus("", false)
	}
	if msg.String() == "ctrl+c" && m.dialog == nil && !m.cmd.active && !m.top().Typing() {
		return m.quit()
	}
	switch {
	case m.dialog != nil:
		d := m.dialog
		done, cmd := d.Update(msg)
		// A choice may open the next dialog (overwrite → which version
		// is the default): only the one that finished is closed.
		if done && m.dialog == d {
			m.dialog = nil
		}
		return cmd
	case m.help.open:
		m.help.Update(msg)
		return nil
	case m.cmd.active:
		return m.cmd.Update(msg)
	case msg.String() == "f1":
		m.help.open, m.help.offset = true, 0
		return nil
	case msg.String() == evalKeyAnywhere && m.ctx.Account != nil:
		// The one global key that works while a page types: ask "can X
		// do Y" from the editor, about the statement under the cursor.
		if _, on := m.top().(*evalPage); on {
			return m.top().Update(msg)
		}
		return m.openEval(false)
	case m.top().Typing():
		cmd := m.top().Update(msg)
		if _, ok := m.top().(*evalPage); ok {
			m.noteDecision()
		}
		return cmd
	}
	km := m.ctx.Keys
	id := km.Which(msg, actQuit, actHelp, actCommand, actSort, actNextPane, actPrevPane, actPane, actBack, actCopy,
		actReload, actAccount, actCan, actWhoCan, actUndo, actNew, actRename, actDelete, actMember, actAttach,
		actBoundary, actTags, actEdit, actInline, actRemove, actSetDefault)
	if id < 0 {
		return m.top().Update(msg)
	}
	if ok, why := m.availability(id); !ok {
		if why == "" {
			return m.top().Update(msg)
		}
		return statusErr(km.Info(id).binding.Help().Key + ": " + why)
	}
	switch id {
	case actQuit:
		return m.quit()
	case actHelp:
		m.help.open = true
		m.help.offset = 0
		return nil
	case actCommand:
		return m.cmd.open("")
	case actSort:
		m.setStatus("Sorted by "+m.browse.cycleSort()+".", false)
	case actNextPane:
		m.showPane((m.browse.active + 1) % paneCount)
	case actPrevPane:
		m.showPane((m.browse.active + paneCount - 1) % paneCount)
	case actPane:
		m.showPane(paneKind(msg.String()[0] - '1'))
	case actBack:
		if len(m.stack) > 0 {
			m.pop()
		} else if !m.browse.clearFilter() {
			return m.top().Update(msg)
		}
	case actCopy:
		return m.copyARN()
	case actReload:
		return m.loadWorld("reload")
	case actAccount:
		m.nextAccount()
	default:
		return m.doAction(id)
	}
	return nil
}

// evalKeyAnywhere opens the can-X-do-Y panel even from a text field; no
// component binds it.
const evalKeyAnywhere = "ctrl+g"

func (m *Model) quit() tea.Cmd {
	m.quitting = true
	return tea.Quit
}

// showPane shows a list, leaving any detail views.
func (m *Model) showPane(k paneKind) {
	m.stack = m.stack[:0]
	m.browse.setActive(k)
}

func (m *Model) nextAccount() {
	accts := m.ctx.World.Accounts
	for i, a := range accts {
		if a == m.ctx.Account {
			m.ctx.setAccount(accts[(i+1)%len(accts)])
			break
		}
	}
	m.stack = m.stack[:0]
	m.refreshAll()
	m.setStatus("Showing account "+safe(m.ctx.Account.ID)+".", false)
}

// selectionARN is the ARN of what is selected: the link's target in a
// detail view, else the entity.
func (m *Model) selectionARN() string {
	sel := m.top().Selection()
	r := sel.entity
	if sel.link != nil && sel.link.target.valid() {
		r = sel.link.target
	}
	switch e := m.ctx.resolve(r).(type) {
	case *model.User:
		return e.ARN
	case *model.Group:
		return e.ARN
	case *model.Role:
		return e.ARN
	case *model.ManagedPolicy:
		return e.ARN
	case *model.ResourcePolicy:
		return e.ResourceARN
	}
	if r.kind == refPolicy {
		return r.name // an AWS-managed policy the account does not hold
	}
	return ""
}

func (m *Model) copyARN() tea.Cmd {
	arn := m.selectionARN()
	if arn == "" {
		return statusErr("nothing with an ARN is selected")
	}
	m.setStatus("Copied "+safe(arn)+" (OSC52).", false)
	return tea.SetClipboard(arn)
}

// Screen rows of the layout, for the mouse.
const (
	tabsRow = 1
	bodyTop = 3 // header, tabs, the frame's top edge
)

func (m *Model) handleClick(msg tea.MouseClickMsg) tea.Cmd {
	if !m.ctx.Mouse || m.dialog != nil || m.help.open || m.cmd.active {
		return nil
	}
	mouse := msg.Mouse()
	if mouse.Button != tea.MouseLeft {
		return nil
	}
	if mouse.Y == tabsRow {
		if k, ok := m.tabAt(mouse.X); ok {
			m.showPane(k)
		}
		return nil
	}
	line := mouse.Y - bodyTop
	if line < 0 || line >= m.ctx.Height-chromeRows {
		return nil
	}
	switch p := m.top().(type) {
	case *browsePage:
		if !p.typing {
			return p.click(line)
		}
	case *detailPage:
		_, cmd := p.clickLine(line)
		return cmd
	}
	return nil
}

// tabAt maps a column of the tabs line to a pane, measuring the labels as
// tabsLine draws them.
func (m *Model) tabAt(x int) (paneKind, bool) {
	pos := 1
	for k := paneKind(0); k < paneCount; k++ {
		w := 2 + width(itoa(int(k)+1)+" "+k.String()+" "+itoa(m.browse.tables[k].Total()))
		if x >= pos && x < pos+w {
			return k, true
		}
		pos += w
	}
	return 0, false
}

func (m *Model) handleWheel(msg tea.MouseWheelMsg) tea.Cmd {
	if !m.ctx.Mouse || m.dialog != nil || m.cmd.active {
		return nil
	}
	n := 0
	switch msg.Mouse().Button {
	case tea.MouseWheelDown:
		n = 3
	case tea.MouseWheelUp:
		n = -3
	default:
		return nil
	}
	if m.help.open {
		m.help.offset = max(0, m.help.offset+n)
		return nil
	}
	switch p := m.top().(type) {
	case *browsePage:
		p.table().Move(n)
	case *detailPage:
		p.move(n / 3)
	}
	return nil
}
