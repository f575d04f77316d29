package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"iamtui/themes"
)

// Layout rows outside the page body: header, tabs, the pane's top and
// bottom border, footer, status bar.
const chromeRows = 6

// Smallest terminal the layout supports; below it a notice is shown.
const minW, minH = 40, 10

// View draws the whole screen: header with breadcrumb, tabs, the page in a
// frame, footer and status bar, then any overlay on top.
func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	if !m.started.IsZero() && m.firstContent == 0 {
		d := time.Since(m.started)
		if m.firstFrame == 0 {
			m.firstFrame = d
		}
		if m.loaded {
			m.firstContent = d
		}
	}
	v.AltScreen = true
	v.WindowTitle = "iamtui"
	if m.ctx.Mouse {
		v.MouseMode = tea.MouseModeCellMotion
	}
	return v
}

// render is View's text, for tests and screenshots.
func (m *Model) render() string {
	if m.quitting {
		return ""
	}
	w, h := m.ctx.Width, m.ctx.Height
	st := m.ctx.Styles
	if w < minW || h < minH {
		return fit(fmt.Sprintf("iamtui needs at least %d×%d (this is %d×%d)", minW, minH, w, h), w)
	}
	bodyW, bodyH := w-2, h-chromeRows
	var body string
	switch {
	case !m.loaded && m.loadErr == nil:
		body = centerText(st.Muted.Render("Loading "+safe(m.storePath())+" …"), bodyW, bodyH)
	case m.loadErr != nil && m.ctx.World == nil:
		body = centerText(st.Deny.Render("✖ "+safe(m.loadErr.Error())), bodyW, bodyH)
	default:
		body = m.top().View(bodyW, bodyH)
	}
	var b strings.Builder
	b.Grow(w * h * 3)
	b.WriteString(m.headerLine(w))
	b.WriteByte('\n')
	b.WriteString(m.tabsLine(w))
	b.WriteByte('\n')
	b.WriteString(m.frame(body, w, bodyH))
	b.WriteByte('\n')
	if m.cmd.active {
		b.WriteString(m.cmd.View(w))
	} else {
		b.WriteString(m.footerLine(w))
	}
	b.WriteByte('\n')
	b.WriteString(m.statusLine(w))
	base := b.String()

	var overlay string
	var ox, oy int
	switch {
	case m.dialog != nil:
		overlay = m.dialog.View(w, h)
	case m.help.open:
		m.help.avail = m.availability
		m.help.component = nil
		if c, ok := m.top().(componentHelp); ok {
			title, keys := c.fullHelp()
			m.help.component = &componentKeys{title: title, keys: keys}
		}
		overlay = m.help.View(w, h)
	case m.cmd.active:
		if s := m.cmd.SuggestionsView(w); s != "" {
			overlay = s
			// Just above the frame's bottom edge, inside the frame.
			ox, oy = 2, h-3-lipgloss.Height(s)
		}
	}
	if overlay == "" {
		return base
	}
	if ox == 0 && oy == 0 {
		ox = max(0, (w-lipgloss.Width(overlay))/2)
		oy = max(0, (h-lipgloss.Height(overlay))/2)
	}
	return lipgloss.NewCompositor(
		lipgloss.NewLayer(base),
		lipgloss.NewLayer(overlay).X(ox).Y(oy).Z(1),
	).Render()
}

func (m *Model) storePath() string {
	if m.pathLabel != "" {
		return m.pathLabel
	}
	if m.ctx.Store == nil {
		return "memory"
	}
	return m.ctx.Store.Path()
}

func centerText(s string, w, h int) string {
	lines := make([]string, h)
	for i := range lines {
		lines[i] = spaces(w)
	}
	if h > 0 {
		sw := lipgloss.Width(s)
		lines[h/2] = fitStyled(spaces(max(0, (w-sw)/2))+s, w)
	}
	return strings.Join(lines, "\n")
}

// crumbs are the breadcrumb's parts: the pane, then each page's crumb.
func (m *Model) crumbs() []string {
	out := []string{m.browse.active.String()}
	for _, p := range m.stack {
		out = append(out, p.Crumb())
	}
	return out
}

func (m *Model) headerLine(w int) string {
	st := m.ctx.Styles
	left := st.AppName.Render(" ◆ iamtui ")
	cr := m.crumbs()
	parts := make([]string, len(cr))
	for i, c := range cr {
		if i == len(cr)-1 {
			parts[i] = st.CrumbLast.Render(c)
		} else {
			parts[i] = st.Crumb.Render(c)
		}
	}
	left += " " + strings.Join(parts, st.CrumbSep.Render(" › "))
	right := ""
	if a := m.ctx.Account; a != nil {
		right = st.Muted.Render("account ") + st.Text.Render(safe(a.ID))
		if a.Alias != "" {
			right += st.Muted.Render(" (" + safe(a.Alias) + ")")
		}
		if n := len(m.ctx.World.Accounts); n > 1 {
			right += st.Muted.Render(fmt.Sprintf(" · %d accounts, A switches", n))
		}
		right += " "
	}
	rw := lipgloss.Width(right)
	if lipgloss.Width(left)+rw+1 > w {
		// Keep the end of the breadcrumb: it says where you are.
		return fitStyled(left, w)
	}
	return fitStyled(left, w-rw) + right
}

func (m *Model) tabsLine(w int) string {
	st := m.ctx.Styles
	var b strings.Builder
	b.WriteString(" ")
	for k := paneKind(0); k < paneCount; k++ {
		t := m.browse.tables[k]
		n := itoa(t.Total())
		if !m.loaded {
			n = "…"
		}
		label := k.String()
		if w < 90 && k == paneResources {
			label = "Resources"
		}
		// Each part is rendered on its own: styles that underline do not
		// nest around text that is already styled.
		name := st.Tab
		if k == m.browse.active {
			name = st.TabActive
		}
		b.WriteString(" " + st.TabKey.Render(itoa(int(k)+1)) + " " + name.Render(label) + " " + st.TabCount.Render(n) + " ")
	}
	return fitStyled(b.String(), w)
}

// frame draws the focused pane's rounded border around the body, with the
// page's title in the top edge.
func (m *Model) frame(body string, w, bodyH int) string {
	st := m.ctx.Styles
	border := st.PaneFocused
	bc := border.GetBorderTopForeground()
	bs := st.Muted
	if bc != nil {
		bs = lipgloss.NewStyle().Foreground(bc)
	}
	title := m.frameTitle()
	tw := lipgloss.Width(title)
	var b strings.Builder
	b.WriteString(bs.Render("╭─") + title + bs.Render(strings.Repeat("─", max(0, w-3-tw))+"╮"))
	side := bs.Render("│")
	lines := strings.Split(body, "\n")
	for i := 0; i < bodyH; i++ {
		b.WriteByte('\n')
		b.WriteString(side)
		if i < len(lines) {
			b.WriteString(fitStyled(lines[i], w-2))
		} else {
			b.WriteString(spaces(w - 2))
		}
		b.WriteString(side)
	}
	b.WriteByte('\n')
	b.WriteString(bs.Render("╰" + strings.Repeat("─", w-2) + "╯"))
	return b.String()
}

func (m *Model) frameTitle() string {
	st := m.ctx.Styles
	if len(m.stack) > 0 {
		return st.PaneTitle.Render(" "+m.top().Crumb()+" ") + m.pageNote()
	}
	t := m.browse.table()
	if !m.loaded {
		return st.PaneTitle.Render(" Loading ")
	}
	count := itoa(t.Total())
	if t.Filter() != "" {
		count = fmt.Sprintf("%d of %d", t.Len(), t.Total())
	}
	if t.order != sortAccount {
		count += " · by " + sortLabel(m.browse.active, t.order)
	}
	if m.browse.active == paneResources && m.ctx.World != nil {
		if n := len(m.ctx.World.ResourcePolicies) - t.Total(); n > 0 {
			count += fmt.Sprintf(" · %d more in other accounts", n)
		}
	}
	return st.PaneTitle.Render(" "+m.browse.active.String()+" ") + st.Muted.Render(count+" ")
}

// pageNote is a short description after a page's title.
func (m *Model) pageNote() string {
	if d, ok := m.top().(*detailPage); ok {
		return m.ctx.Styles.Muted.Render(d.ref.noun() + " ")
	}
	return ""
}

// footerLine shows the few keys that matter on this page, dropping any the
// mode disables.
func (m *Model) footerLine(w int) string {
	st := m.ctx.Styles
	var parts []string
	ids := m.top().Footer()
	if m.browse.typing && len(m.stack) == 0 {
		parts = append(parts, st.Key.Render("enter")+" "+st.KeyDesc.Render("keep filter"),
			st.Key.Render("esc")+" "+st.KeyDesc.Render("clear"),
			st.Key.Render("↑↓")+" "+st.KeyDesc.Render("move"),
			st.Key.Render("!")+" "+st.KeyDesc.Render("inverts"))
	}
	// The way to the help is always shown, last, whatever else has to go
	// for a narrow terminal.
	help := st.Key.Render("?") + " " + st.KeyDesc.Render("help")
	if _, ok := m.top().(componentHelp); ok || m.top().Typing() {
		help = st.Key.Render("f1") + " " + st.KeyDesc.Render("help")
	}
	if h, ok := m.top().(componentHelp); ok {
		for _, b := range h.helpKeys() {
			if !b.Enabled() {
				continue
			}
			hb := b.Help()
			parts = append(parts, st.Key.Render(hb.Key)+" "+st.KeyDesc.Render(hb.Desc))
		}
	}
	for _, id := range ids {
		if id == actHelp {
			continue
		}
		if ok, _ := m.availability(id); !ok {
			continue
		}
		hb := m.ctx.Keys.Info(id).binding.Help()
		parts = append(parts, st.Key.Render(hb.Key)+" "+st.KeyDesc.Render(m.footerDesc(id, hb.Desc)))
	}
	sep := st.KeySep.Render("  ·  ")
	line := func() string { return " " + strings.Join(append(parts[:len(parts):len(parts)], help), sep) }
	for lipgloss.Width(line()) > w && len(parts) > 0 {
		parts = parts[:len(parts)-1]
	}
	return fitStyled(line(), w)
}

// componentHelp is a page hosting a component with its own keys (the
// editor, the evaluation panel): the footer shows the component's.
type componentHelp interface {
	helpKeys() []key.Binding
	// fullHelp names the component and lists all its keys, for the help.
	fullHelp() (title string, keys [][]key.Binding)
}

// footerDesc words an action for what is selected ("add to group" on a
// user, "add member" on a group).
func (m *Model) footerDesc(id actionID, def string) string {
	sel := m.top().Selection()
	switch id {
	case actMember:
		if sel.entity.kind == refGroup {
			return "add member"
		}
		return "add to group"
	case actNew:
		return "new " + refKindOf(m.browse.active).nounShort()
	case actEdit:
		if sel.entity.kind == refRole && sel.link == nil {
			return "edit trust"
		}
	}
	return def
}

func (k refKind) nounShort() string {
	return [...]string{"", "user", "group", "role", "policy", "resource policy"}[k]
}

// statusLine: mode badge, database, account, last message or decision.
func (m *Model) statusLine(w int) string {
	st := m.ctx.Styles
	mode := m.mode()
	var badge string
	switch mode {
	case "READ-ONLY":
		badge = st.StatusModeRO.Render(mode)
	case "BROWSE":
		badge = st.StatusMode.Render(mode)
	default:
		badge = st.StatusModeEdit.Render(mode)
	}
	if m.ctx.ReadOnly && mode != "READ-ONLY" {
		badge = st.StatusModeRO.Render("READ-ONLY") + badge
	}
	db := st.Status.Render(" " + shortPath(safe(m.storePath())) + " ")
	msg := m.status
	msgStyle := st.Status
	if m.statusErr {
		msgStyle = st.StatusErr
		msg = "✖ " + msg
	}
	// The last decision stays on the right, so a question asked a while
	// ago is still there when the answer matters; but the message of the
	// moment (an error, a confirmation) comes first, and the decision gets
	// only the room it leaves.
	avail := w - lipgloss.Width(badge) - lipgloss.Width(db)
	if avail < 10 {
		db = ""
		avail = w - lipgloss.Width(badge)
	}
	right, rw := "", 0
	if m.lastEval != "" {
		room := avail
		if msg != "" {
			room = avail - width(msg) - 3
		}
		if room >= 24 {
			text := truncate(m.lastEval, min(width(m.lastEval), room-8))
			right = st.Status.Render(" last: ") + decisionStyle(st, text).Render(text) + st.Status.Render(" ")
			rw = lipgloss.Width(right)
		}
	}
	if room := max(0, avail-rw); width(" "+msg) > room && room > 30 && m.status != welcome {
		// Cut: the whole message waits in :messages.
		msg = truncate(msg, room-len(" :messages")-1) + " :messages"
	}
	return badge + db + msgStyle.Render(fit(" "+msg, max(0, avail-rw))) + right
}

func decisionStyle(st *themes.Styles, s string) lipglossStyle {
	switch {
	case strings.HasPrefix(s, "✔"):
		return st.StatusOK
	case strings.HasPrefix(s, "✖"):
		return st.StatusErr
	}
	return st.Status.Foreground(st.Warn.GetForeground())
}

// mode names what the keyboard does now.
func (m *Model) mode() string {
	switch {
	case m.dialog != nil:
		return "DIALOG"
	case m.help.open:
		return "HELP"
	case m.cmd.active:
		return "COMMAND"
	case m.browse.typing && len(m.stack) == 0:
		return "FILTER"
	case m.top().Typing():
		if _, ok := m.top().(*evalPage); ok {
			return "ASK"
		}
		return "EDIT"
	case m.ctx.ReadOnly:
		return "READ-ONLY"
	}
	return "BROWSE"
}

// shortPath keeps the file name and as much of its directory as fits.
func shortPath(p string) string {
	if len(p) <= 40 {
		return p
	}
	return "…" + p[len(p)-39:]
}
