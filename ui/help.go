package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"

	tea "charm.land/bubbletea/v2"
)

// helpView is the ? screen: every action with its key and description,
// grouped; actions unavailable here are greyed with the reason (lazygit's
// disabled reasons), so the help is also the answer to "why does d do
// nothing?".
type helpView struct {
	ctx       *Context
	open      bool
	offset    int
	height    int
	avail     func(actionID) (bool, string)
	component *componentKeys // the editor's or the panel's keys, first
	width     int            // of the text, from the last View
}

// componentKeys are the keys of the component on screen.
type componentKeys struct {
	title string
	keys  [][]key.Binding
}

func newHelpView(c *Context) *helpView { return &helpView{ctx: c} }

func (h *helpView) refresh() {}

// helpEntry is one line of the help before wrapping: a section title, or
// a key with its description and, when off, why.
type helpEntry struct {
	title     string // styled; a section line
	key, desc string
	why       string
	off       bool
	blank     bool
}

// entries lists the help, grouped.
func (h *helpView) entries() []helpEntry {
	st := h.ctx.Styles
	var out []helpEntry
	if c := h.component; c != nil {
		out = append(out, helpEntry{title: st.Section.Render(c.title) + st.Muted.Render("  (the keys of what is on screen; the lists' keys follow)")})
		for _, col := range c.keys {
			for _, b := range col {
				hb := b.Help()
				e := helpEntry{key: hb.Key, desc: hb.Desc, off: !b.Enabled()}
				if e.off && h.ctx.ReadOnly {
					e.why = reasonReadOnly
				}
				out = append(out, e)
			}
		}
	}
	for _, group := range []string{groupNavigate, groupViews, groupEdit, groupGeneral} {
		if len(out) > 0 {
			out = append(out, helpEntry{blank: true})
		}
		title := st.Section.Render(group)
		if group == groupEdit && h.ctx.ReadOnly {
			title += st.Warn.Render("  read-only: opened with --read-only, every edit is off")
		}
		out = append(out, helpEntry{title: title})
		for id := actionID(0); id < actCount; id++ {
			info := h.ctx.Keys.Info(id)
			if info.group != group {
				continue
			}
			ok, why := true, ""
			if h.avail != nil {
				ok, why = h.avail(id)
			}
			out = append(out, helpEntry{key: info.binding.Help().Key, desc: info.long, off: !ok, why: why})
		}
	}
	return out
}

// helpKeyW is the key column of the help.
const helpKeyW = 15

// lines lays the entries out in w cells: long descriptions wrap under
// themselves rather than being cut.
func (h *helpView) lines(w int) []string {
	st := h.ctx.Styles
	var out []string
	for _, e := range h.entries() {
		switch {
		case e.blank:
			out = append(out, "")
			continue
		case e.title != "":
			out = append(out, e.title)
			continue
		}
		keyS, descS := st.Key, st.KeyDesc
		if e.off {
			keyS, descS = st.KeyDisabled, st.KeyDisabled
		}
		text := e.desc
		if e.why != "" {
			text += " — " + e.why
		}
		inWhy := false // the reason a key is off reads muted
		for i, l := range wrapPlain(text, max(10, w-helpKeyW)) {
			k := spaces(helpKeyW)
			if i == 0 {
				k = "  " + keyS.Render(fit(e.key, helpKeyW-2))
			}
			l = strings.TrimLeft(l, " ")
			switch j := strings.Index(l, " — "); {
			case inWhy:
				out = append(out, k+st.Muted.Render(l))
			case j >= 0 && e.why != "":
				inWhy = true
				out = append(out, k+descS.Render(l[:j])+st.Muted.Render(l[j:]))
			default:
				out = append(out, k+descS.Render(l))
			}
		}
	}
	return out
}

func (h *helpView) Update(msg tea.KeyPressMsg) {
	km := h.ctx.Keys
	lines := len(h.lines(h.width))
	switch {
	case km.Matches(msg, actDown):
		h.offset++
	case km.Matches(msg, actUp):
		h.offset--
	case km.Matches(msg, actHalfDown), km.Matches(msg, actPageDown):
		h.offset += max(1, h.height/2)
	case km.Matches(msg, actHalfUp), km.Matches(msg, actPageUp):
		h.offset -= max(1, h.height/2)
	case km.Matches(msg, actTop):
		h.offset = 0
	case km.Matches(msg, actBottom):
		h.offset = lines
	default:
		h.open = false
		return
	}
	h.offset = clamp(h.offset, 0, max(0, lines-h.height))
}

// View renders the help box for a w×h body.
func (h *helpView) View(w, hgt int) string {
	st := h.ctx.Styles
	inner := min(w-4, 110)
	h.width = inner
	lines := h.lines(inner)
	h.height = max(1, min(len(lines), hgt-4))
	h.offset = clamp(h.offset, 0, max(0, len(lines)-h.height))
	shown := lines[h.offset:min(len(lines), h.offset+h.height)]
	body := make([]string, len(shown))
	for i, l := range shown {
		body[i] = fitStyled(l, inner)
	}
	title := "Keys"
	hint := "esc closes"
	if len(lines) > h.height {
		hint = "j/k scroll · esc closes"
	}
	return box(st, title, hint, strings.Join(body, "\n"), inner)
}
