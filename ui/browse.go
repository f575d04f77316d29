package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// browsePage is the bottom of the breadcrumb: one list per kind of entity,
// one shown at a time, with a filter and, on wide terminals, a preview of
// the selected entity beside the list.
type browsePage struct {
	ctx    *Context
	tables [paneCount]*table
	active paneKind
	typing bool // the filter field has the keyboard
	filter textinput.Model
	side   sideCache
}

type sideCache struct {
	key   string
	gen   int
	lines []dline
}

func newBrowsePage(c *Context) *browsePage {
	p := &browsePage{ctx: c}
	for k := paneKind(0); k < paneCount; k++ {
		p.tables[k] = newTable(k.noun(), paneColumns(k))
	}
	p.filter = newInput(c.Styles, "/", "type to filter (! inverts)")
	p.Refresh()
	return p
}

// Refresh rebuilds every list from the world; selections stay on their
// entities.
func (p *browsePage) Refresh() bool {
	styleInput(&p.filter, p.ctx.Styles)
	if p.ctx.Account == nil {
		for _, t := range p.tables {
			t.SetRows(nil)
		}
		return true
	}
	for k := paneKind(0); k < paneCount; k++ {
		p.tables[k].SetRows(buildRows(k, p.ctx))
	}
	return true
}

// refreshPane rebuilds one list (findings arrived for the policies).
func (p *browsePage) refreshPane(k paneKind) {
	if p.ctx.Account == nil {
		return
	}
	p.tables[k].SetRows(buildRows(k, p.ctx))
	p.side.key = "" // the preview may show them too
}

func (p *browsePage) table() *table { return p.tables[p.active] }

func (p *browsePage) Crumb() string { return p.active.String() }

func (p *browsePage) Typing() bool { return p.typing }

func (p *browsePage) Selection() selection {
	if r := p.table().Selected(); r != nil {
		return selection{entity: ref{kind: refKindOf(p.active), name: p.nameOf(r)}}
	}
	return selection{}
}

// nameOf returns the entity name behind a row: the key is lower-cased for
// users, groups and roles, so look the entity up for its spelling.
func (p *browsePage) nameOf(r *row) string {
	a := p.ctx.Account
	switch p.active {
	case paneUsers:
		if u := a.User(r.key); u != nil {
			return u.Name
		}
	case paneGroups:
		if g := a.Group(r.key); g != nil {
			return g.Name
		}
	case paneRoles:
		if ro := a.Role(r.key); ro != nil {
			return ro.Name
		}
	}
	return r.key
}

func (p *browsePage) Footer() []actionID {
	if p.typing {
		return nil
	}
	switch p.active {
	case panePolicies:
		return []actionID{actOpen, actFilter, actNew, actEdit, actDelete, actCan, actHelp}
	case paneResources:
		return []actionID{actOpen, actFilter, actNew, actEdit, actWhoCan, actHelp}
	case paneGroups:
		return []actionID{actOpen, actFilter, actNew, actMember, actAttach, actDelete, actHelp}
	}
	return []actionID{actOpen, actFilter, actNew, actMember, actAttach, actCan, actHelp}
}

// cycleSort moves the list to its next order and names it.
func (p *browsePage) cycleSort() string {
	orders := sortOrders(p.active)
	t := p.table()
	next := orders[0]
	for i, o := range orders {
		if o == t.order {
			next = orders[(i+1)%len(orders)]
		}
	}
	t.SetOrder(next)
	return sortLabel(p.active, next)
}

// setActive shows another pane.
func (p *browsePage) setActive(k paneKind) {
	p.active = k
	p.typing = false
	p.filter.Blur()
	p.filter.SetValue(p.table().Filter())
}

// selectRef shows the pane of r with r selected (":user alice").
func (p *browsePage) selectRef(r ref) bool {
	p.setActive(paneOf(r.kind))
	if p.table().SelectKey(r.key()) {
		return true
	}
	// A filter may hide it: clear the filter and try again.
	p.table().SetFilter("")
	p.filter.SetValue("")
	return p.table().SelectKey(r.key())
}

func (p *browsePage) Update(msg tea.Msg) tea.Cmd {
	km := p.ctx.Keys
	t := p.table()
	if p.typing {
		if k, ok := msg.(tea.KeyPressMsg); ok {
			switch k.String() {
			case "esc":
				p.typing = false
				p.filter.Blur()
				p.filter.SetValue("")
				t.SetFilter("")
				return nil
			case "enter", "tab":
				p.typing = false
				p.filter.Blur()
				return nil
			case "up", "down", "ctrl+n", "ctrl+p", "pgup", "pgdown":
				// Move through the matches without leaving the filter.
				switch k.String() {
				case "up", "ctrl+p":
					t.Move(-1)
				case "down", "ctrl+n":
					t.Move(1)
				case "pgup":
					t.Move(-t.Page())
				case "pgdown":
					t.Move(t.Page())
				}
				return nil
			}
		}
		var cmd tea.Cmd
		p.filter, cmd = p.filter.Update(msg)
		t.SetFilter(p.filter.Value())
		return cmd
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch km.Which(k, actUp, actDown, actTop, actBottom, actHalfDown, actHalfUp, actPageDown, actPageUp, actOpen, actFilter) {
	case actUp:
		t.Move(-1)
	case actDown:
		t.Move(1)
	case actTop:
		t.Top()
	case actBottom:
		t.Bottom()
	case actHalfDown:
		t.Move(max(1, t.Page()/2))
	case actHalfUp:
		t.Move(-max(1, t.Page()/2))
	case actPageDown:
		t.Move(t.Page())
	case actPageUp:
		t.Move(-t.Page())
	case actFilter:
		p.typing = true
		p.filter.SetValue(t.Filter())
		p.filter.CursorEnd()
		return p.filter.Focus()
	case actOpen:
		if sel := p.Selection(); sel.entity.valid() {
			return func() tea.Msg { return openMsg{ref: sel.entity} }
		}
	}
	return nil
}

// clearFilter drops the filter (esc at the top level).
func (p *browsePage) clearFilter() bool {
	if p.table().Filter() == "" {
		return false
	}
	p.table().SetFilter("")
	p.filter.SetValue("")
	return true
}

// click handles a mouse click on a screen line of the list.
func (p *browsePage) click(y int) tea.Cmd {
	t := p.table()
	i, ok := t.RowAt(y - p.rowsTop())
	if !ok {
		return nil
	}
	if i == t.cursor {
		if sel := p.Selection(); sel.entity.valid() {
			return func() tea.Msg { return openMsg{ref: sel.entity} }
		}
	}
	t.SetCursor(i)
	return nil
}

// rowsTop is the body line of the first row: after the filter line, when
// shown, and the header.
func (p *browsePage) rowsTop() int {
	if p.typing || p.table().Filter() != "" {
		return 2
	}
	return 1
}

// View renders the filter line (when there is one), the list and, on wide
// terminals, the preview of the selection.
func (p *browsePage) View(w, h int) string {
	st := p.ctx.Styles
	t := p.table()
	listW := w
	sideW := 0
	if w >= 130 {
		sideW = min(80, w*2/5)
		listW = w - sideW - 1
	}
	var lines []string
	top := 0
	if p.typing || t.Filter() != "" {
		// The frame's title counts the matches; this line is the query.
		p.filter.SetWidth(max(10, listW-6))
		line := " " + p.filter.View()
		if !p.typing {
			line = " " + st.Key.Render("/") + st.Text.Render(t.Filter()) + st.Muted.Render("  (/ edits, esc clears)")
		}
		lines = append(lines, fitStyled(line, listW))
		top = 1
	}
	body := t.View(listW, h-top, true, st)
	if top > 0 {
		body = strings.Join(lines, "\n") + "\n" + body
	}
	if sideW == 0 {
		return body
	}
	side := p.sideView(sideW, h)
	sep := st.Muted.Render("│")
	bl := strings.Split(body, "\n")
	var b strings.Builder
	for i := 0; i < h; i++ {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i < len(bl) {
			b.WriteString(fitStyled(bl[i], listW))
		} else {
			b.WriteString(spaces(listW))
		}
		b.WriteString(sep)
		b.WriteString(side[i])
	}
	return b.String()
}

// sideView is the selected entity's detail, without a cursor, cached until
// the selection or the world changes.
func (p *browsePage) sideView(w, h int) []string {
	st := p.ctx.Styles
	sel := p.Selection()
	key := fmt.Sprintf("%d:%s", sel.entity.kind, sel.entity.key())
	if p.side.key != key || p.side.gen != p.ctx.Gen {
		p.side.key, p.side.gen = key, p.ctx.Gen
		p.side.lines = nil
		if sel.entity.valid() {
			p.side.lines, _, _ = buildDetail(p.ctx, sel.entity)
		}
	}
	out := make([]string, h)
	for i := 0; i < h; i++ {
		switch {
		case i < len(p.side.lines):
			ln := p.side.lines[i]
			if ln.link != nil {
				s := " " + spaces(ln.indent) + st.Text.Render(ln.label)
				if ln.note != "" {
					s += "  " + st.Muted.Render(ln.note)
				}
				out[i] = fitStyled(s, w)
			} else {
				out[i] = fitStyled(" "+ln.styled, w)
			}
		case i == 0:
			out[i] = fitStyled(" "+st.Muted.Render("Nothing selected"), w)
		default:
			out[i] = spaces(w)
		}
	}
	if len(p.side.lines) > h && h > 0 {
		out[h-1] = fitStyled(" "+st.Muted.Render(fmt.Sprintf("… enter shows all %d lines", len(p.side.lines))), w)
	}
	return out
}
