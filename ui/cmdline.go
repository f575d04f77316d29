package ui

import (
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// suggestion is one completion of the command line.
type suggestion struct {
	text string // what replaces the word being typed (sanitised when shown)
	desc string
}

// cmdLine is the : prompt (k9s): a text field with completions listed
// above it. What the commands do lives in commands.go.
type cmdLine struct {
	ctx      *Context
	active   bool
	input    textinput.Model
	sugs     []suggestion
	sel      int
	complete func(input string) []suggestion
	run      func(input string) tea.Cmd
	history  []string
	histPos  int
}

func newCmdLine(c *Context) *cmdLine {
	return &cmdLine{ctx: c, input: newInput(c.Styles, ":", "users, roles, policy NAME, can, q… (tab completes)")}
}

func (c *cmdLine) refresh() { styleInput(&c.input, c.ctx.Styles) }

func (c *cmdLine) open(text string) tea.Cmd {
	c.active = true
	c.input.SetValue(text)
	c.input.CursorEnd()
	c.histPos = len(c.history)
	c.updateSuggestions()
	return c.input.Focus()
}

func (c *cmdLine) close() {
	c.active = false
	c.input.Blur()
	c.input.SetValue("")
	c.sugs = nil
}

func (c *cmdLine) updateSuggestions() {
	c.sel = 0
	if c.complete == nil {
		return
	}
	c.sugs = c.complete(c.input.Value())
}

// accept replaces the word being typed with the selected suggestion.
func (c *cmdLine) accept() bool {
	if len(c.sugs) == 0 {
		return false
	}
	v := c.input.Value()
	i := strings.LastIndexByte(v, ' ')
	next := v[:i+1] + c.sugs[c.sel].text
	if next == v {
		return false
	}
	if i < 0 {
		next += " "
	}
	c.input.SetValue(next)
	c.input.CursorEnd()
	c.updateSuggestions()
	return true
}

func (c *cmdLine) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch k.String() {
		case "esc", "ctrl+c":
			c.close()
			return nil
		case "tab":
			c.accept()
			return nil
		case "down", "ctrl+n", "ctrl+j":
			if len(c.sugs) > 0 {
				c.sel = (c.sel + 1) % len(c.sugs)
			}
			return nil
		case "ctrl+k":
			if len(c.sugs) > 0 {
				c.sel = (c.sel - 1 + len(c.sugs)) % len(c.sugs)
				return nil
			}
		case "up", "ctrl+p":
			if len(c.sugs) > 0 {
				c.sel = (c.sel - 1 + len(c.sugs)) % len(c.sugs)
			} else if c.histPos > 0 {
				c.histPos--
				c.input.SetValue(c.history[c.histPos])
				c.input.CursorEnd()
			}
			return nil
		case "enter":
			line := strings.TrimSpace(c.input.Value())
			c.close()
			if line == "" {
				return nil
			}
			c.history = append(c.history, line)
			return c.run(line)
		}
	}
	var cmd tea.Cmd
	before := c.input.Value()
	c.input, cmd = c.input.Update(msg)
	if c.input.Value() != before {
		c.updateSuggestions()
	}
	return cmd
}

// View renders the prompt line.
func (c *cmdLine) View(w int) string {
	c.input.SetWidth(max(10, w-5))
	return fitStyled(" "+c.input.View(), w)
}

// SuggestionsView renders the completions box shown above the prompt.
func (c *cmdLine) SuggestionsView(w int) string {
	if len(c.sugs) == 0 {
		return ""
	}
	st := c.ctx.Styles
	inner := min(w-4, 60)
	textW := 0
	for _, s := range c.sugs {
		textW = max(textW, width(safe(s.text)))
	}
	textW = min(textW, inner/2)
	lines := make([]string, len(c.sugs))
	for i, s := range c.sugs {
		t := fit(safe(s.text), textW)
		d := truncate(s.desc, max(0, inner-textW-4))
		if i == c.sel {
			lines[i] = st.Cursor.Render("▌") + st.LinkSelected.Render(fit(" "+t+"  "+d, inner-1))
		} else {
			lines[i] = "  " + st.Text.Render(t) + "  " + st.Muted.Render(d)
		}
	}
	return box(st, "Complete", "tab accepts · ↑↓ choose", strings.Join(lines, "\n"), inner)
}
