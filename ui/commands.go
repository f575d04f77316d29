package ui

import (
	"sort"
	"strings"

	tea "charm.land/bubbletea/v2"

	"iamtui/themes"
)

// command is one : command.
type command struct {
	name    string
	aliases []string
	arg     string // placeholder of the argument, "" for none
	desc    string
	// args completes the argument.
	args func(m *Model) []string
	run  func(m *Model, arg string) tea.Cmd
}

func (m *Model) commands() []command {
	names := func(k paneKind) func(m *Model) []string {
		return func(m *Model) []string {
			t := m.browse.tables[k]
			out := make([]string, len(t.rows))
			for i := range t.rows {
				out[i] = t.rows[i].cells[0]
			}
			return out
		}
	}
	pane := func(k paneKind) func(m *Model, arg string) tea.Cmd {
		return func(m *Model, arg string) tea.Cmd {
			if arg == "" {
				m.showPane(k)
				return nil
			}
			return m.jump(m.refByName(k, arg))
		}
	}
	cmds := []command{
		{name: "users", aliases: []string{"user", "u"}, arg: "NAME", desc: "the Users pane, or a user", args: names(paneUsers), run: pane(paneUsers)},
		{name: "groups", aliases: []string{"group", "g"}, arg: "NAME", desc: "the Groups pane, or a group", args: names(paneGroups), run: pane(paneGroups)},
		{name: "roles", aliases: []string{"role", "r"}, arg: "NAME", desc: "the Roles pane, or a role", args: names(paneRoles), run: pane(paneRoles)},
		{name: "policies", aliases: []string{"policy", "p"}, arg: "NAME", desc: "the Policies pane, or a managed policy", args: names(panePolicies), run: pane(panePolicies)},
		{name: "resources", aliases: []string{"resource"}, arg: "ARN", desc: "the Resources pane, or a resource policy", args: names(paneResources), run: pane(paneResources)},
		{name: "can", arg: "PRINCIPAL", desc: "can X do Y on Z? (the evaluation panel)", run: func(m *Model, arg string) tea.Cmd {
			return m.openEvalFor(arg, false)
		}},
		{name: "whocan", aliases: []string{"who"}, arg: "ACTION", desc: "who can do Y on Z?", run: func(m *Model, arg string) tea.Cmd {
			return m.openEvalFor(arg, true)
		}},
		{name: "account", aliases: []string{"acct"}, arg: "ID", desc: "show another account of the file", args: func(m *Model) []string {
			var out []string
			for _, a := range m.ctx.World.Accounts {
				out = append(out, a.ID)
			}
			return out
		}, run: func(m *Model, arg string) tea.Cmd {
			for _, a := range m.ctx.World.Accounts {
				if a.ID == arg || (arg != "" && strings.EqualFold(a.Alias, arg)) {
					m.ctx.setAccount(a)
					m.stack = m.stack[:0]
					m.refreshAll()
					return status("Showing account " + safe(a.ID) + ".")
				}
			}
			if arg == "" && len(m.ctx.World.Accounts) > 1 {
				m.nextAccount()
				return nil
			}
			return statusErr("no account " + safe(arg) + " in this file")
		}},
		{name: "theme", arg: "NAME", desc: "switch colours: " + strings.Join(themes.Names(), ", "), args: func(*Model) []string { return themes.Names() },
			run: func(m *Model, arg string) tea.Cmd {
				c, err := themes.Parse(arg, false)
				if err != nil {
					return statusErr(err.Error())
				}
				m.setTheme(c)
				return status("Theme " + c.String() + ".")
			}},
		{name: "tour", desc: "the demo account's guided questions, each asked in the can panel", run: func(m *Model, _ string) tea.Cmd { return m.tour() }},
		{name: "messages", aliases: []string{"msgs"}, desc: "the recent status messages, whole", run: func(m *Model, _ string) tea.Cmd { return m.showMessages() }},
		{name: "drafts", desc: "reopen unsaved editor drafts", run: func(m *Model, _ string) tea.Cmd { return m.loadDrafts(true) }},
		{name: "undo", desc: "undo the last change", run: func(m *Model, _ string) tea.Cmd {
			if ok, why := m.availability(actUndo); !ok {
				return statusErr("undo: " + why)
			}
			return m.undo()
		}},
		{name: "reload", desc: "reload the database", run: func(m *Model, _ string) tea.Cmd { return m.loadWorld("reload") }},
		{name: "help", aliases: []string{"h", "?"}, desc: "every key", run: func(m *Model, _ string) tea.Cmd {
			m.help.open = true
			return nil
		}},
		{name: "quit", aliases: []string{"q", "q!", "exit"}, desc: "leave iamtui", run: func(m *Model, _ string) tea.Cmd { return m.quit() }},
	}
	return cmds
}

// refByName finds an entity of a pane by name, ignoring case, or by ARN.
func (m *Model) refByName(k paneKind, name string) ref {
	r := ref{kind: refKindOf(k), name: name}
	a := m.ctx.Account
	switch k {
	case panePolicies:
		if p := a.PolicyByName(name); p != nil {
			r.name = p.ARN
		}
	case paneUsers:
		if u := a.User(name); u != nil {
			r.name = u.Name
		}
	case paneGroups:
		if g := a.Group(name); g != nil {
			r.name = g.Name
		}
	case paneRoles:
		if ro := a.Role(name); ro != nil {
			r.name = ro.Name
		}
	}
	return r
}

func (m *Model) findCommand(word string) *command {
	w := strings.ToLower(word)
	for _, c := range m.commands() {
		if c.name == w {
			return &c
		}
		for _, a := range c.aliases {
			if a == w {
				return &c
			}
		}
	}
	return nil
}

// completeCommand lists completions for what is typed after ":".
func (m *Model) completeCommand(input string) []suggestion {
	const maxSugs = 8
	word, arg, hasArg := strings.Cut(strings.TrimLeft(input, " "), " ")
	if !hasArg {
		q := lowerASCII(word)
		type scored struct {
			s suggestion
			n int
		}
		var out []scored
		for _, c := range m.commands() {
			best, ok := -1<<30, false
			for _, n := range append([]string{c.name}, c.aliases...) {
				if s, _, hit := fuzzyMatch(n, q, nil); hit && s > best {
					best, ok = s, true
				}
			}
			if ok {
				d := c.desc
				if c.arg != "" {
					d = "[" + c.arg + "]  " + d
				}
				out = append(out, scored{suggestion{text: c.name, desc: d}, best})
			}
		}
		if q != "" {
			sort.SliceStable(out, func(i, j int) bool { return out[i].n > out[j].n })
		}
		res := make([]suggestion, 0, maxSugs)
		for i := 0; i < len(out) && i < maxSugs; i++ {
			res = append(res, out[i].s)
		}
		return res
	}
	c := m.findCommand(word)
	if c == nil || c.args == nil || m.ctx.Account == nil {
		return nil
	}
	q := lowerASCII(strings.TrimSpace(arg))
	type scored struct {
		s string
		n int
	}
	var out []scored
	for _, n := range c.args(m) {
		if s, _, ok := fuzzyMatch(n, q, nil); ok {
			out = append(out, scored{n, s})
		}
	}
	if q != "" {
		sort.SliceStable(out, func(i, j int) bool { return out[i].n > out[j].n })
	}
	res := make([]suggestion, 0, maxSugs)
	for i := 0; i < len(out) && i < maxSugs; i++ {
		res = append(res, suggestion{text: out[i].s, desc: c.name})
	}
	return res
}

// runCommand runs a command line. A word that is not a command but the
// start of one runs the best completion, as k9s does.
func (m *Model) runCommand(line string) tea.Cmd {
	word, arg, _ := strings.Cut(strings.TrimSpace(line), " ")
	arg = strings.TrimSpace(arg)
	c := m.findCommand(word)
	if c == nil {
		if sugs := m.completeCommand(word); len(sugs) > 0 && word != "" {
			c = m.findCommand(sugs[0].text)
		}
	}
	if c == nil {
		return statusErr("unknown command :" + safe(word) + " (: then tab lists them)")
	}
	if m.ctx.Account == nil && c.args != nil && arg != "" {
		return statusErr("no account loaded")
	}
	return c.run(m, arg)
}
