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
}

// componentKeys are the keys of the component on screen.
type componentKeys struct {
	title string
	keys  [][]key.Binding
}

func newHelpView(c *Context) *helpView { return &helpView{ctx: c} }

func (h *helpView) refresh() {}

// entries lists the lines of the help, grouped.
func (h *helpView) entries() []string {
	st := h.ctx.Styles
	var out []string
	if c := h.component; c != nil {
		out = append(out, st.Section.Render(c.title)+st.Muted.Render("  (the keys of what is on screen; the lists' keys follow)"))
		for _, col := range c.keys {
			for _, b := range col {
				hb := b.Help()
				keyS, descS := st.Key, st.KeyDesc
				if !b.Enabled() {
					keyS, descS = st.KeyDisabled, st.KeyDisabled
				}
				line := "  " + keyS.Render(fit(hb.Key, 13)) + descS.Render(hb.Desc)
				if !b.Enabled() && h.ctx.ReadOnly {
					line += st.Muted.Render("  — " + reasonReadOnly)
				}
				out = append(out, line)
			}
		}
	}
	for _, group := range []string{groupNavigate, groupViews, groupEdit, groupGeneral} {
		if len(out) > 0 {
			out = append(out, "")
		}
		title := st.Section.Render(group)
		if group == groupEdit && h.ctx.ReadOnly {
			title += st.Warn.Render("  read-only: opened with --read-only, every edit is off")
		}
		out = append(out, title)
		for id := actionID(0); id < actCount; id++ {
			info := h.ctx.Keys.Info(id)
			if info.group != group {
				continue
			}
			ok, why := true, ""
			if h.avail != nil {
				ok, why = h.avail(id)
			}
			keyS, descS := st.Key, st.KeyDesc
			if !ok {
				keyS, descS = st.KeyDisabled, st.KeyDisabled
			}
			line := "  " + keyS.Render(fit(info.binding.Help().Key, 13)) + descS.Render(info.long)
			if !ok && why != "" {
				line += st.Muted.Render("  — " + why)
			}
			out = append(out, line)
		}
	}
	return out
}

func (h *helpView) Update(msg tea.KeyPressMsg) {
	km := h.ctx.Keys
	lines := len(h.entries())
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
	lines := h.entries()
	inner := min(w-4, 110)
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
