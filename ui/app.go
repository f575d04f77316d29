package ui

import (
	"context"
	"errors"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"iamtui/catalog"
	"iamtui/lint"
	"iamtui/model"
	"iamtui/model/edit"
	"iamtui/storage"
	"iamtui/themes"
	"iamtui/ui/editor"
	"iamtui/ui/evalpanel"
)

// Options configure the UI.
type Options struct {
	Store    Store
	World    *model.World // already loaded (skips the first load); nil loads from Store
	Version  int64        // the DataVersion World was loaded at
	Theme    themes.Choice
	ReadOnly bool
	NoMouse  bool
	Account  string // the account to show first; "" is the first
	Now      func() time.Time
	// PollEvery is how often to check whether another process changed the
	// file; 0 means the default, negative never (tests).
	PollEvery time.Duration
	// StatusLife is how long a message stays in the status bar; 0 means
	// the default, negative forever (tests).
	StatusLife time.Duration
	// Editor makes the change sets; nil uses one with real ids and time.
	Editor *edit.Editor
	// Catalog and Linter, when given, are used at once; otherwise the
	// catalog loads in the background after the first frame.
	Catalog *catalog.Catalog
	Linter  *lint.Linter

	// Started is when the process started; with StartupReport set, Run
	// reports how long after it the first frame and the first frame with
	// the lists were drawn (IAMTUI_STARTUP_REPORT=1 in main).
	Started       time.Time
	StartupReport func(firstFrame, firstContent time.Duration)

	// pending delivers a load Run started but did not wait for.
	pending <-chan worldMsg
}

// Model is the root of the UI: it owns the shared context, the breadcrumb
// of pages, the overlays (help, command line, dialogs) and the status bar.
type Model struct {
	ctx     *Context
	baseCtx context.Context

	browse *browsePage
	stack  []page // pages above browse; the last is shown

	help   *helpView
	cmd    *cmdLine
	dialog dialog

	status     string
	statusErr  bool
	statusSeq  int             // counts status changes; an expiry tick names the one it clears
	messages   []loggedMessage // the status messages shown, oldest first (:messages)
	statusTTL  int             // the statusSeq an expiry tick was scheduled for
	statusLife time.Duration
	lastEval   string // the last decision, for the status bar

	loaded    bool
	loadErr   error
	busy      bool // a store call is under way
	version   int64
	pollEvery time.Duration
	quitting  bool
	pending   <-chan worldMsg

	// afterResource runs once a resource policy put by the editor is in.
	afterResource func(*Model) tea.Cmd

	pathLabel string // names the database in the status bar instead of the store (screenshots)

	started                  time.Time
	firstFrame, firstContent time.Duration

	eval      *evalPage // the can-X-do-Y panel, kept between openings
	engineGen int       // the newest evaluator compile asked for

	// lintedAll says the Policies list shows every finding there is.
	lintedAll bool

	// mine holds the journal entries this window made: u undoes those at
	// once and asks before undoing anyone else's.
	mine map[int64]bool
}

// New builds the root model.
func New(opts Options) *Model {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Editor == nil {
		opts.Editor = &edit.Editor{}
	}
	ctx := &Context{
		Theme:    opts.Theme,
		IsDark:   true,
		Keys:     DefaultKeyMap(),
		ReadOnly: opts.ReadOnly || (opts.Store != nil && opts.Store.ReadOnly()),
		Mouse:    !opts.NoMouse,
		Store:    opts.Store,
		Editor:   opts.Editor,
		Now:      opts.Now,
		Width:    80,
		Height:   24,
		Catalog:  opts.Catalog,
		Linter:   opts.Linter,
	}
	ctx.Styles = themes.NewStyles(ctx.Theme.Theme(ctx.IsDark))
	m := &Model{ctx: ctx, baseCtx: context.Background(), pollEvery: opts.PollEvery, pending: opts.pending, started: opts.Started,
		mine: map[int64]bool{}}
	if m.pollEvery == 0 {
		m.pollEvery = pollInterval
	}
	m.statusLife = opts.StatusLife
	if m.statusLife == 0 {
		m.statusLife = defaultStatusLife
	}
	ctx.setAccount(nil)
	m.help = newHelpView(ctx)
	m.cmd = newCmdLine(ctx)
	m.cmd.complete = m.completeCommand
	m.cmd.run = m.runCommand
	if opts.World != nil {
		m.setWorld(opts.World, opts.Account)
		m.version = opts.Version
		m.loaded = true
	}
	m.browse = newBrowsePage(ctx)
	if m.loaded {
		m.greet()
	}
	return m
}

// WithContext sets the context store calls run under.
func (m *Model) WithContext(ctx context.Context) *Model {
	m.baseCtx = ctx
	return m
}

// setWorld installs a world, keeping the account shown when it is still
// there.
func (m *Model) setWorld(w *model.World, prefer string) {
	m.ctx.World = w
	var acct *model.Account
	if prefer != "" {
		acct = w.Account(prefer)
	}
	if acct == nil && m.ctx.Account != nil {
		acct = w.Account(m.ctx.Account.ID)
	}
	if acct == nil && len(w.Accounts) > 0 {
		acct = w.Accounts[0]
	}
	m.ctx.setAccount(acct)
	m.ctx.Gen++
}

// welcome is the first status line; the first key press clears it.
const welcome = "Welcome! ? shows every key, : jumps anywhere, c asks “can X do Y?”"

func (m *Model) greet() {
	if m.ctx.Account == nil {
		m.setStatus("The database holds no account: import one with 'iamtui import FILE'.", false)
		return
	}
	m.setStatus(welcome, false)
}

// Init asks the terminal for its background (to choose dark or light) and
// starts loading when the world was not given.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor}
	switch {
	case !m.loaded && m.pending != nil:
		pending := m.pending
		cmds = append(cmds, func() tea.Msg { return <-pending })
	case !m.loaded:
		cmds = append(cmds, m.loadWorld("start"))
	default:
		cmds = append(cmds, m.loadDrafts(false), m.compileEngine(), m.loadCatalog(), m.lintPolicies())
	}
	cmds = append(cmds, m.pollVersion())
	return tea.Batch(cmds...)
}

func (m *Model) setStatus(s string, isErr bool) {
	m.status, m.statusErr = s, isErr
	m.statusSeq++
	m.logMessage(s, isErr)
}

// defaultStatusLife is how long a message stays in the status bar; errors
// stay until the next key.
const defaultStatusLife = 5 * time.Second

// statusExpiredMsg clears the status message seq, if it is still shown.
type statusExpiredMsg struct{ seq int }

// expireStatus schedules the end of the message shown, once per message.
func (m *Model) expireStatus() tea.Cmd {
	if m.status == "" || m.statusErr || m.statusTTL == m.statusSeq || m.statusLife < 0 {
		return nil
	}
	m.statusTTL = m.statusSeq
	seq := m.statusSeq
	return tea.Tick(m.statusLife, func(time.Time) tea.Msg { return statusExpiredMsg{seq: seq} })
}

// top is the page shown.
func (m *Model) top() page {
	if len(m.stack) > 0 {
		return m.stack[len(m.stack)-1]
	}
	return m.browse
}

func (m *Model) push(p page) {
	m.stack = append(m.stack, p)
}

func (m *Model) pop() {
	if len(m.stack) > 0 {
		m.stack = m.stack[:len(m.stack)-1]
	}
}

// refreshAll rebuilds every page after the world or theme changed, and drops
// pages whose entity is gone (deleted here or by another process).
func (m *Model) refreshAll() {
	m.ctx.Gen++
	m.browse.Refresh()
	kept := m.stack[:0]
	for _, p := range m.stack {
		if p.Refresh() {
			kept = append(kept, p)
		}
	}
	m.stack = kept
	m.help.refresh()
	m.cmd.refresh()
}

// setTheme rebuilds the styles.
func (m *Model) setTheme(c themes.Choice) {
	m.ctx.Theme = c
	m.ctx.Styles = themes.NewStyles(c.Theme(m.ctx.IsDark))
	m.refreshAll()
}

// Update routes messages: results of background work first, then keys to
// the overlay that has them, then global keys, then the page. A new status
// message gets its expiry.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := m.update(msg)
	if exp := m.expireStatus(); exp != nil {
		return m, tea.Batch(cmd, exp)
	}
	return m, cmd
}

func (m *Model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case statusExpiredMsg:
		if msg.seq == m.statusSeq && !m.statusErr {
			m.status = ""
		}
		return m, nil
	case tea.WindowSizeMsg:
		m.ctx.Width, m.ctx.Height = msg.Width, msg.Height
		return m, nil
	case tea.BackgroundColorMsg:
		if m.ctx.Theme.FollowsBackground() && msg.IsDark() != m.ctx.IsDark {
			m.ctx.IsDark = msg.IsDark()
			m.setTheme(m.ctx.Theme)
		} else {
			m.ctx.IsDark = msg.IsDark()
		}
		return m, nil
	case worldMsg:
		return m, m.onWorld(msg)
	case appliedMsg:
		return m, m.onApplied(msg)
	case undoPeekMsg:
		return m, m.onUndoPeek(msg)
	case undoneMsg:
		return m, m.onUndone(msg)
	case resourcePutMsg:
		return m, m.onResourcePut(msg)
	case versionTickMsg:
		if m.busy || !m.loaded {
			return m, m.pollVersion()
		}
		return m, m.checkVersion()
	case dataVersionMsg:
		if msg.err == nil && msg.version != m.version && !m.busy {
			m.version = msg.version
			return m, tea.Batch(m.loadWorld("changed by another process"), m.pollVersion())
		}
		return m, m.pollVersion()
	case statusMsg:
		m.setStatus(msg.text, msg.err)
		return m, nil
	case openMsg:
		return m, m.open(msg.ref)
	case openLinkMsg:
		return m, m.followLink(msg.link)
	case editor.SaveMsg:
		return m, m.onEditorSave(msg)
	case editor.CloseMsg:
		return m, m.onEditorClose(msg)
	case editor.DraftMsg:
		return m, m.onEditorDraft(msg)
	case draftsMsg:
		return m, m.onDrafts(msg)
	case catalogMsg:
		m.ctx.Catalog, m.ctx.Linter = msg.cat, msg.linter
		m.browse.side.key = ""
		return m, m.lintPolicies()
	case lintedMsg:
		m.onLinted(msg)
		return m, nil
	case engineMsg:
		return m, m.onEngine(msg)
	case evalpanel.CloseMsg:
		m.removeEvalPage()
		return m, nil
	case evalpanel.OpenPolicyMsg:
		return m, m.onOpenPolicy(msg)
	case tea.KeyPressMsg:
		return m, m.handleKey(msg)
	case tea.MouseClickMsg:
		return m, m.handleClick(msg)
	case tea.MouseWheelMsg:
		return m, m.handleWheel(msg)
	case tea.PasteMsg:
		return m, m.routeText(msg)
	}
	// Anything else (cursor blinks, component messages) goes where text is
	// being typed, or to the page.
	return m, m.routeText(msg)
}

// routeText sends a message to whatever has the keyboard.
func (m *Model) routeText(msg tea.Msg) tea.Cmd {
	switch {
	case m.dialog != nil:
		_, cmd := m.dialog.Update(msg)
		return cmd
	case m.cmd.active:
		return m.cmd.Update(msg)
	}
	return m.top().Update(msg)
}

func (m *Model) onWorld(msg worldMsg) tea.Cmd {
	if msg.err != nil {
		m.loadErr = msg.err
		m.setStatus(msg.err.Error(), true)
		return nil
	}
	first := !m.loaded
	m.loaded = true
	m.loadErr = nil
	m.version = msg.version
	m.setWorld(msg.world, "")
	m.refreshAll()
	switch {
	case first:
		// The catalog and the evaluator wait for the lists: they only
		// matter once someone edits or asks, and would slow the first
		// frame on a 2-core machine.
		m.greet()
		return tea.Batch(m.loadDrafts(false), m.compileEngine(), m.loadCatalog(), m.lintPolicies())
	case msg.reason != "":
		m.setStatus("Reloaded: "+msg.reason+".", false)
	}
	return tea.Batch(m.compileEngine(), m.lintPolicies())
}

func (m *Model) onApplied(msg appliedMsg) tea.Cmd {
	m.busy = false
	if msg.err != nil {
		if errors.Is(msg.err, storage.ErrConflict) {
			m.setStatus(conflictMessage(msg.cs), true)
		} else {
			m.setStatus(editError(msg.err), true)
		}
		// The file may have moved on under us: show what it holds now.
		return m.loadWorld("")
	}
	m.version = msg.version
	if msg.id != 0 {
		m.mine[msg.id] = true
	}
	if err := m.ctx.World.Apply(msg.cs); err != nil {
		// The store has it but memory disagrees: trust the file.
		m.setStatus(safe(msg.cs.Summary)+" (reloading: "+safe(err.Error())+")", false)
		return m.loadWorld("")
	}
	m.ctx.setAccount(m.ctx.World.Account(m.ctx.Account.ID))
	m.followRenames(msg.cs)
	m.refreshAll()
	m.setStatus(upperFirst(safe(msg.cs.Summary))+"  ·  u undoes", false)
	if msg.then != nil {
		return tea.Batch(msg.then(m), m.compileEngine(), m.lintPolicies())
	}
	return tea.Batch(m.compileEngine(), m.lintPolicies())
}

func (m *Model) onUndone(msg undoneMsg) tea.Cmd {
	m.busy = false
	switch {
	case errors.Is(msg.err, storage.ErrConflict):
		m.setStatus("Nothing undone: the database changed since you pressed u (another window or process wrote to it). Press u again to see what is newest now.", true)
		return m.loadWorld("")
	case errors.Is(msg.err, storage.ErrNothingToUndo):
		m.setStatus("Nothing to undo.", false)
		return nil
	case msg.err != nil:
		m.setStatus(editError(msg.err), true)
		return nil
	}
	delete(m.mine, msg.id)
	m.version = msg.version
	summary := "Undid: " + safe(strings.TrimPrefix(msg.undone.Summary, "undo: "))
	if msg.undone.ChangeSet == nil {
		m.setStatus(summary, false)
		return m.loadWorld("")
	}
	if err := m.ctx.World.Apply(*msg.undone.ChangeSet); err != nil {
		m.setStatus(summary, false)
		return m.loadWorld("")
	}
	m.ctx.setAccount(m.ctx.World.Account(m.ctx.Account.ID))
	m.followRenames(*msg.undone.ChangeSet)
	m.refreshAll()
	m.setStatus(summary, false)
	return tea.Batch(m.compileEngine(), m.lintPolicies())
}

func (m *Model) onResourcePut(msg resourcePutMsg) tea.Cmd {
	m.busy = false
	if msg.err != nil {
		m.afterResource = nil
		if errors.Is(msg.err, storage.ErrConflict) {
			m.setStatus("Someone else changed the resource policy of "+safe(msg.rp.ResourceARN)+" since it was loaded; reloaded — ctrl+s asks what to do with yours.", true)
			return m.loadWorld("")
		}
		m.setStatus(editError(msg.err), true)
		return nil
	}
	m.version = msg.version
	if msg.id != 0 {
		m.mine[msg.id] = true
	}
	w := m.ctx.World
	rps := make([]*model.ResourcePolicy, 0, len(w.ResourcePolicies)+1)
	found := false
	for _, rp := range w.ResourcePolicies {
		if rp.ResourceARN == msg.rp.ResourceARN {
			rp, found = msg.rp, true
		}
		rps = append(rps, rp)
	}
	if !found {
		rps = append(rps, msg.rp)
	}
	w.ResourcePolicies = rps
	m.refreshAll()
	m.setStatus("Saved the resource policy of "+safe(msg.rp.ResourceARN)+".", false)
	if then := m.afterResource; then != nil {
		m.afterResource = nil
		return tea.Batch(then(m), m.compileEngine(), m.lintPolicies())
	}
	return tea.Batch(m.compileEngine(), m.lintPolicies())
}

// conflictMessage says, for people, that an edit was refused because the
// file changed under it.
func conflictMessage(cs model.ChangeSet) string {
	what := "this"
	if len(cs.Changes) > 0 {
		c := cs.Changes[0]
		e := c.Before
		if e == nil {
			e = c.After
		}
		name := c.EntityKey()
		switch x := e.(type) {
		case *model.ManagedPolicy:
			name = x.Name
		case *model.User:
			name = x.Name
		case *model.Group:
			name = x.Name
		case *model.Role:
			name = x.Name
		}
		what = string(c.Kind) + " " + safe(name)
		if c.Kind == model.KindPolicy {
			what = "policy " + safe(name)
		}
	}
	return "Someone else changed " + what + " since it was loaded; reloaded — please redo your edit."
}

// editError words an edit's failure for the status bar.
func editError(err error) string {
	var e *edit.Error
	if errors.As(err, &e) {
		return safe(e.Msg)
	}
	return safe(err.Error())
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	if s[0] >= 'a' && s[0] <= 'z' {
		return string(s[0]-'a'+'A') + s[1:]
	}
	return s
}

// open pushes the detail view of an entity.
func (m *Model) open(r ref) tea.Cmd {
	p, ok := newDetailPage(m.ctx, r)
	if !ok {
		return statusErr(r.noun() + " " + safe(r.name) + " is not in this account")
	}
	m.push(p)
	return nil
}

// jump shows an entity from anywhere (":user alice"): its list with it
// selected, then its detail.
func (m *Model) jump(r ref) tea.Cmd {
	m.stack = m.stack[:0]
	if !m.browse.selectRef(r) {
		return statusErr("no " + r.noun() + " named " + safe(r.name))
	}
	return m.open(r)
}

// followLink is enter on a detail view's link.
func (m *Model) followLink(l link) tea.Cmd {
	switch l.rel {
	case relInline, relVia, relTrust, relDocument, relVersion:
		if l.rel == relVia && l.target.valid() {
			return m.open(l.target)
		}
		return m.openDocument(l)
	case relTag:
		return m.editTags(l.owner)
	case relFinding:
		return m.openFinding(l.find)
	}
	if l.target.valid() {
		return m.open(l.target)
	}
	return nil
}

// followRenames points detail views at the new names of renamed entities
// (a rename, or the undo of one), so they stay open rather than vanish.
func (m *Model) followRenames(cs model.ChangeSet) {
	for _, c := range cs.Changes {
		if c.Before == nil || c.After == nil {
			continue
		}
		from, to := model.Key(c.Kind, c.Before), model.Key(c.Kind, c.After)
		if from == to {
			continue
		}
		var kind refKind
		var name string
		switch e := c.After.(type) {
		case *model.User:
			kind, name = refUser, e.Name
		case *model.Group:
			kind, name = refGroup, e.Name
		case *model.Role:
			kind, name = refRole, e.Name
		case *model.ManagedPolicy:
			kind, name = refPolicy, e.ARN
		default:
			continue
		}
		for _, p := range m.stack {
			if d, ok := p.(*detailPage); ok && d.ref.kind == kind && d.ref.key() == from {
				d.ref.name = name
			}
		}
	}
}
