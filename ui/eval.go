package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"iamtui/evaluator"
	"iamtui/model"
	"iamtui/themes"
	"iamtui/ui/editor"
	"iamtui/ui/evalpanel"
)

// engineMsg delivers an evaluator compiled in the background for the
// world of generation gen.
type engineMsg struct {
	engine *evaluator.Engine
	gen    int
	err    error
}

// compileEngine compiles the evaluator off the UI goroutine, on a snapshot
// of the world, so that edits made meanwhile do not race with it. A later
// generation replaces an earlier one; an older result arriving late is
// dropped.
func (m *Model) compileEngine() tea.Cmd {
	if m.ctx.World == nil {
		return nil
	}
	m.engineGen++
	gen := m.engineGen
	w := snapshot(m.ctx.World)
	return func() tea.Msg {
		e, err := evaluator.Compile(w)
		return engineMsg{engine: e, gen: gen, err: err}
	}
}

func (m *Model) onEngine(msg engineMsg) tea.Cmd {
	if msg.gen != m.engineGen {
		return nil
	}
	if msg.err != nil {
		return statusErr("evaluator: " + safe(msg.err.Error()))
	}
	m.ctx.Engine = msg.engine
	if m.eval != nil {
		return m.eval.panel.Refresh()
	}
	return nil
}

// evalAvailable reports whether the can-X-do-Y panel can open.
func (m *Model) evalAvailable() (bool, string) {
	if m.ctx.Account == nil {
		return false, "no account loaded"
	}
	return true, ""
}

// evalPage hosts the can-X-do-Y panel. One panel lives for the whole
// session, so its fields and context keys survive closing and reopening.
type evalPage struct {
	ctx         *Context
	panel       evalpanel.Model
	withCatalog bool // made after the catalog loaded (else rebuilt once it has)
}

func (p *evalPage) Crumb() string {
	if p.panel.Mode() == evalpanel.WhoCanMode {
		return "who can…?"
	}
	return "can X do Y?"
}

func (p *evalPage) Typing() bool { return true }

func (p *evalPage) Selection() selection {
	req := p.panel.Request()
	if req.Principal == "" {
		return selection{}
	}
	// An outsider's user or role is not the shown account's namesake.
	if e, err := model.ParseIAMARN(req.Principal); err == nil && p.ctx.Account != nil && e.AccountID == p.ctx.Account.ID {
		switch e.Type {
		case "user":
			return selection{entity: ref{refUser, e.Name}}
		case "role":
			return selection{entity: ref{refRole, e.Name}}
		}
	}
	return selection{}
}

func (p *evalPage) Footer() []actionID { return nil }

func (p *evalPage) helpKeys() []key.Binding { return p.panel.KeyMap().ShortHelp() }

func (p *evalPage) fullHelp() (string, [][]key.Binding) {
	return "Can X do Y on Z", p.panel.KeyMap().FullHelp()
}

func (p *evalPage) Refresh() bool {
	p.panel.SetStyles(evalStyles(p.ctx.Styles))
	return true
}

func (p *evalPage) Update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	p.panel, cmd = p.panel.Update(msg)
	return cmd
}

func (p *evalPage) View(w, h int) string {
	p.panel.SetSize(w, h)
	return p.panel.View()
}

// evalStyles maps the theme's tokens onto the panel's styles.
func evalStyles(st *themes.Styles) evalpanel.Styles {
	t := st.Theme
	s := evalpanel.DefaultStyles(t.Dark)
	s.Editor = editorStyles(st)
	if t.Mono {
		s.Allowed = lipgloss.NewStyle().Bold(true).Reverse(true).Padding(0, 2)
		s.ExplicitDeny = s.Allowed
		s.ImplicitDeny = lipgloss.NewStyle().Bold(true).Underline(true).Padding(0, 2)
		return s
	}
	ink := lipgloss.Color("#000000")
	if !t.Dark {
		ink = lipgloss.Color("#FFFFFF")
	}
	s.Title = s.Title.Foreground(t.Primary)
	s.LabelFocus = s.LabelFocus.Foreground(t.Accent)
	s.Label = s.Label.Foreground(t.Muted)
	s.Text = s.Text.Foreground(t.Text)
	s.Hint = s.Hint.Foreground(t.Muted)
	s.Allowed = s.Allowed.Background(t.Allow).Foreground(ink)
	s.ExplicitDeny = s.ExplicitDeny.Background(t.Deny).Foreground(ink)
	s.ImplicitDeny = s.ImplicitDeny.Background(t.Warn).Foreground(ink)
	s.AllowText = s.AllowText.Foreground(t.Allow)
	s.DenyText = s.DenyText.Foreground(t.Deny)
	s.NoneText = s.NoneText.Foreground(t.Warn)
	s.StepDecided = s.StepDecided.Foreground(t.Primary)
	s.Error = s.Error.Foreground(t.Deny)
	return s
}

// openEval opens the can-X-do-Y panel (or who-can), prefilled from what is
// selected: the user or role as X; in the editor, the action and resource
// of the statement under the cursor as Y and Z.
func (m *Model) openEval(whoCan bool) tea.Cmd {
	q := m.prefill()
	principal, action, resource := q.principal, q.action, q.resource
	m.removeEvalPage()
	if m.eval == nil || (!m.eval.withCatalog && m.ctx.Catalog != nil) {
		m.eval = m.newEvalPage()
	}
	p := m.eval
	var cmds []tea.Cmd
	if m.ctx.Account != nil {
		cmds = append(cmds, p.panel.SetAccount(m.ctx.Account.ID))
	}
	mode := evalpanel.CanMode
	if whoCan {
		mode = evalpanel.WhoCanMode
		principal = ""
	}
	cmds = append(cmds, p.panel.RefreshTime(), p.panel.SetMode(mode), p.panel.Prefill(principal, action, resource))
	for _, cv := range q.context {
		cmds = append(cmds, p.panel.SetContextValue(cv.Key, strings.Join(cv.Values, ",")))
	}
	p.panel.Focus()
	m.push(p)
	return tea.Batch(cmds...)
}

func (m *Model) newEvalPage() *evalPage {
	st := evalStyles(m.ctx.Styles)
	acct := ""
	if m.ctx.Account != nil {
		acct = m.ctx.Account.ID
	}
	c := m.ctx
	panel := evalpanel.New(evalpanel.Config{
		Engine: func() evalpanel.Engine {
			if c.Engine == nil {
				return nil
			}
			return c.Engine
		},
		Catalog:   c.Catalog,
		Account:   acct,
		Resources: m.knownResources,
		Outsiders: outsidersOf(c),
		Now:       c.Now,
		Styles:    &st,
	})
	return &evalPage{ctx: c, panel: panel, withCatalog: c.Catalog != nil}
}

// outsidersOf offers the principals outside the database that the world's
// trust and resource policies name, found again after each recompile (an
// edit may add one).
func outsidersOf(c *Context) func() []evalpanel.Outsider {
	var (
		seenFor *evaluator.Engine
		list    []evalpanel.Outsider
		done    bool
	)
	return func() []evalpanel.Outsider {
		if c.Engine != seenFor || !done {
			seenFor, list, done = c.Engine, evalpanel.OutsidersOf(c.World), true
		}
		return list
	}
}

// knownResources lists ARNs for the panel's completion: resource policies'
// resources and the account's IAM entities.
func (m *Model) knownResources() []string {
	var out []string
	if w := m.ctx.World; w != nil {
		for _, rp := range w.ResourcePolicies {
			out = append(out, rp.ResourceARN)
		}
	}
	if a := m.ctx.Account; a != nil {
		for _, r := range a.Roles {
			out = append(out, r.ARN)
		}
		for _, u := range a.Users {
			out = append(out, u.ARN)
		}
	}
	return out
}

func (m *Model) removeEvalPage() {
	for i, p := range m.stack {
		if _, ok := p.(*evalPage); ok {
			m.stack = append(m.stack[:i], m.stack[i+1:]...)
			return
		}
	}
}

func linkTarget(l *link) ref {
	if l == nil {
		return ref{}
	}
	return l.target
}

// onOpenPolicy opens the deciding policy in the editor with its statement
// highlighted (ctrl+o in the panel).
func (m *Model) onOpenPolicy(msg evalpanel.OpenPolicyMsg) tea.Cmd {
	t, ok := m.targetOfPolicy(msg)
	if !ok {
		return statusErr(fmt.Sprintf("%s %s cannot be opened here", msg.PolicyType, safe(msg.PolicyName)))
	}
	text, ok := m.docText(t)
	if !ok {
		return statusErr("the policy is gone")
	}
	cmd := m.openEditor(t, displayText(text), "")
	if p, ok := m.top().(*editorPage); ok {
		// The evaluator's positions are the stored text's; the editor
		// shows a compact document indented.
		p.ed.Highlight(editor.DisplaySpan(text, t.policyKind(), msg.Index, msg.Start, msg.End))
	}
	return cmd
}

// targetOfPolicy maps a matched statement's policy to a document target.
func (m *Model) targetOfPolicy(msg evalpanel.OpenPolicyMsg) (docTarget, bool) {
	acct := ""
	if m.ctx.Account != nil {
		acct = m.ctx.Account.ID
	}
	switch msg.PolicyType {
	case evaluator.UserInline, evaluator.GroupInline, evaluator.RoleInline:
		// "ACCT:user/NAME/POLICY" or "user/NAME/POLICY".
		id := msg.PolicyID
		if i := strings.IndexByte(id, ':'); i >= 0 {
			acct, id = id[:i], id[i+1:]
		}
		parts := strings.SplitN(id, "/", 3)
		if len(parts) != 3 {
			return docTarget{}, false
		}
		kind := map[string]refKind{"user": refUser, "group": refGroup, "role": refRole}[parts[0]]
		return docTarget{kind: docInline, owner: ref{kind, parts[1]}, name: parts[2], account: acct}, kind != refNone
	case evaluator.CustomerManaged, evaluator.AWSManaged, evaluator.Boundary:
		p := m.ctx.Account.Policy(msg.PolicyID)
		if p == nil || p.Default() == nil {
			return docTarget{}, false
		}
		return docTarget{kind: docManaged, owner: ref{refPolicy, p.ARN}, name: p.Default().ID, account: acct}, true
	case evaluator.ResourceBased:
		return docTarget{kind: docResource, owner: ref{refResource, msg.PolicyID}, account: acct}, true
	case evaluator.Trust:
		if e, err := model.ParseIAMARN(msg.PolicyName); err == nil && e.Type == "role" {
			return docTarget{kind: docTrust, owner: ref{refRole, e.Name}, account: acct}, true
		}
	}
	return docTarget{}, false
}

// noteDecision keeps the panel's last answer for the status bar.
func (m *Model) noteDecision() {
	if m.eval == nil {
		return
	}
	res, err := m.eval.panel.Result()
	if err != nil || res == nil {
		return
	}
	req := m.eval.panel.Request()
	if req.Principal == "" || req.Action == "" {
		return
	}
	m.lastEval = decisionWord(res.Decision) + ": " + safe(lastPart(req.Principal)) + " " + safe(req.Action) + " " + safe(tail(lastPartARN(req.Resource), 28))
}

// lastPart is a principal's name: the end of its ARN.
func lastPart(arn string) string {
	if i := strings.LastIndexAny(arn, "/:"); i >= 0 && i < len(arn)-1 {
		return arn[i+1:]
	}
	return arn
}

// lastPartARN is a resource ARN without its arn:partition:service:region:account: prefix.
func lastPartARN(arn string) string {
	if parts := strings.SplitN(arn, ":", 6); len(parts) == 6 {
		return parts[5]
	}
	return arn
}

// tail keeps the last n characters, marking the cut.
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n+1:]
}

// decisionWord says a decision with a symbol, never by colour alone.
func decisionWord(d evaluator.Decision) string {
	switch d {
	case evaluator.Allowed:
		return "✔ allowed"
	case evaluator.ExplicitDeny:
		return "✖ explicit deny"
	}
	return "⊘ implicit deny"
}

// openEvalFor opens the panel from the command line: ":can alice" or
// ":whocan s3:GetObject".
func (m *Model) openEvalFor(arg string, whoCan bool) tea.Cmd {
	if ok, why := m.evalAvailable(); !ok {
		return statusErr(why)
	}
	cmd := m.openEval(whoCan)
	if arg == "" {
		return cmd
	}
	if whoCan {
		return tea.Batch(cmd, m.eval.panel.Prefill("", arg, ""))
	}
	return tea.Batch(cmd, m.eval.panel.Prefill(arg, "", ""))
}
