package evalpanel

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"iamtui/catalog"
	"iamtui/evaluator"
	"iamtui/model/policy"
	"iamtui/ui/editor"
)

// Engine is what the panel needs of the evaluator; *evaluator.Engine
// implements it. Tests use small fakes.
type Engine interface {
	Evaluate(req *evaluator.Request, res *evaluator.Result) error
	Explain(req *evaluator.Request) (*evaluator.Explanation, error)
	// WhoCanReport is who-can's full answer: the users and roles allowed,
	// the outsiders the resource's policy lets in, and what missing
	// context keys held back.
	WhoCanReport(action, resource string, ctx []evaluator.ContextValue) (*evaluator.WhoCanReport, error)
	Principals() []evaluator.PrincipalInfo
	ResolvePrincipal(account, s string) (string, error)
}

// FromEngine adapts a getter of the host's current *evaluator.Engine (nil
// while nothing is loaded) to Config.Engine, so a nil engine is a nil
// interface.
func FromEngine(get func() *evaluator.Engine) func() Engine {
	return func() Engine {
		if e := get(); e != nil {
			return e
		}
		return nil
	}
}

// Mode is what the panel asks.
type Mode uint8

const (
	// CanMode asks whether one principal can do the action on the resource.
	CanMode Mode = iota
	// WhoCanMode lists every principal that can.
	WhoCanMode
)

// Config configures a new panel.
type Config struct {
	// Engine returns the current engine; the panel calls it on every
	// evaluation, so the host can recompile after edits. nil (or a nil
	// result) shows "nothing to evaluate".
	Engine func() Engine
	// Catalog completes actions and condition keys and flags unknown
	// actions.
	Catalog *catalog.Catalog
	// Account picks among accounts when a principal is typed by name.
	Account string
	// Resources returns known resource ARNs for completion (called when
	// the resource field is completed; nil: only the ARN templates of the
	// action's resource types).
	Resources func() []string
	// Outsiders returns the principals outside the database that policies
	// name (OutsidersOf), offered by the principal field after the users
	// and roles (called when it is completed; nil: none).
	Outsiders func() []Outsider
	// Now gives the default aws:CurrentTime and aws:EpochTime (default
	// time.Now).
	Now func() time.Time
	// NoTimeContext starts without the time keys.
	NoTimeContext bool
	// ExplainDelay and WhoCanDelay debounce the slow paths, which run as
	// commands off the UI goroutine (defaults 80 ms and 150 ms).
	ExplainDelay, WhoCanDelay time.Duration
	KeyMap                    *KeyMap
	Styles                    *Styles
}

// CloseMsg asks the host to close the panel (esc with no suggestions open).
type CloseMsg struct{}

// OpenPolicyMsg asks the host to open the policy of the statement shown
// (ctrl+o), e.g. in the editor with the cursor on the statement.
type OpenPolicyMsg struct {
	PolicyID   string
	PolicyName string
	PolicyType evaluator.PolicyType
	Sid        string
	Index      int
	Start, End policy.Pos
}

type shared struct {
	princKey *evaluator.PrincipalInfo
	princN   int
	princ    []princEntry
	condKeys []condEntry
}

type explainTickMsg struct {
	sh  *shared
	seq int
}

type explainDoneMsg struct {
	sh  *shared
	seq int
	exp *evaluator.Explanation
	err error
}

type whoTickMsg struct {
	sh  *shared
	seq int
}

type whoDoneMsg struct {
	sh  *shared
	seq int
	rep *evaluator.WhoCanReport
	err error
}

// focus targets.
type focusKind uint8

const (
	fPrincipal focusKind = iota
	fAction
	fResource
	fCtxKey
	fCtxValue
	fResults
)

type focusID struct {
	kind focusKind
	row  int // context row
}

type ctxRow struct{ key, value field }

// outcome is the last synchronous evaluation.
type outcome struct {
	ok      bool // res holds a decision for req
	req     evaluator.Request
	res     *evaluator.Result
	err     error  // the principal did not resolve, or evaluation failed
	prompt  string // what is still missing before anything can be asked
	note    string // the action's warning: not an AWS action, the nearest
	resNote string // the resource's: neither an ARN nor *
}

// Model is the panel. Use New.
type Model struct {
	engine       func() Engine
	cat          *catalog.Catalog
	account      string
	resources    func() []string
	outsiders    func() []Outsider
	now          func() time.Time
	explainDelay time.Duration
	whoDelay     time.Duration
	keys         KeyMap
	styles       Styles
	sh           *shared

	mode                        Mode
	principal, action, resource field
	ctx                         []ctxRow
	// autoTime holds the time values the panel filled in, by lower-case
	// key, so that RefreshTime leaves typed ones alone.
	autoTime map[string]string
	ctxWarn  []ctxWarning // the context rows' warnings
	focus    focusID
	popup    popup

	seq    int
	out    outcome
	exp    *evaluator.Explanation
	expErr error
	expSeq int

	who     *evaluator.WhoCanReport // nil until an answer arrives
	whoErr  error
	whoSeq  int
	whoBusy bool
	whoSel  int // index into whoRows()

	stmt     int // which deciding statement is shown
	viewer   editor.Model
	viewerOK bool
	viewDoc  *policy.Document
	viewAt   policy.Pos
	// viewShownAt is where the viewer shows the statement that starts at
	// viewAt: the same for a document shown as stored, another line for a
	// compact one shown indented (worked out once, not every frame).
	viewShownAt policy.Pos

	width, height int
	focused       bool
}

// New builds a panel.
func New(cfg Config) Model {
	m := Model{
		engine:       cfg.Engine,
		cat:          cfg.Catalog,
		account:      cfg.Account,
		resources:    cfg.Resources,
		outsiders:    cfg.Outsiders,
		now:          cfg.Now,
		explainDelay: cfg.ExplainDelay,
		whoDelay:     cfg.WhoCanDelay,
		sh:           &shared{},
		width:        80,
		height:       24,
	}
	if m.engine == nil {
		m.engine = func() Engine { return nil }
	}
	if m.now == nil {
		m.now = time.Now
	}
	if m.explainDelay <= 0 {
		m.explainDelay = 80 * time.Millisecond
	}
	if m.whoDelay <= 0 {
		m.whoDelay = 150 * time.Millisecond
	}
	if cfg.KeyMap != nil {
		m.keys = *cfg.KeyMap
	} else {
		m.keys = DefaultKeyMap()
	}
	if cfg.Styles != nil {
		m.styles = *cfg.Styles
	} else {
		m.styles = DefaultStyles(true)
	}
	m.principal = field{label: "Principal", placeholder: "user or role name, ARN, or arn:aws:sts::ACCT:assumed-role/ROLE/SESSION"}
	m.action = field{label: "Action", placeholder: "service:Action, e.g. s3:GetObject"}
	m.resource = field{label: "Resource", placeholder: "resource ARN (empty: *)"}
	if !cfg.NoTimeContext {
		m.autoTime = map[string]string{}
		for _, cv := range evaluator.TimeContext(m.now()) {
			r := newCtxRow()
			r.key.SetValue(cv.Key)
			v := strings.Join(cv.Values, ",")
			r.value.SetValue(v)
			m.autoTime[strings.ToLower(cv.Key)] = v
			m.ctx = append(m.ctx, r)
		}
	}
	m.evaluate()
	return m
}

// Init does nothing until the first key.
func (m Model) Init() tea.Cmd { return nil }

// SetSize sets the size View fills.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(w, 0), max(h, 0)
	m.syncViewer()
}

// Focus makes the panel take keys.
func (m *Model) Focus() { m.focused = true }

// Blur stops the panel taking keys.
func (m *Model) Blur() {
	m.focused = false
	m.popup.open = false
}

// Focused reports whether the panel takes keys.
func (m Model) Focused() bool { return m.focused }

// KeyMap is the panel's bindings.
func (m Model) KeyMap() KeyMap { return m.keys }

// SetKeyMap replaces the bindings.
func (m *Model) SetKeyMap(k KeyMap) { m.keys = k }

// Styles is the panel's styles.
func (m Model) Styles() Styles { return m.styles }

// SetStyles replaces the styles.
func (m *Model) SetStyles(s Styles) {
	m.styles = s
	if m.viewerOK {
		m.viewer.SetStyles(s.Editor)
	}
}

// Mode is what the panel asks.
func (m Model) Mode() Mode { return m.mode }

// SetMode switches between "can X do Y on Z" and "who can do Y on Z".
// The focus goes where the new question wants input: in who-can, the
// action when there is none yet, else the list of principals (up and
// down pick one, enter asks "can" for it); in can, the principal unless it
// is filled and another field had the focus.
func (m *Model) SetMode(mode Mode) tea.Cmd {
	m.mode = mode
	m.popup.open = false
	switch {
	case mode == WhoCanMode && strings.TrimSpace(m.action.Value()) == "":
		m.focus = focusID{kind: fAction}
	case mode == WhoCanMode && m.focus.kind == fPrincipal:
		m.focus = focusID{kind: fResults}
	case mode == CanMode && (m.focus.kind == fResults || strings.TrimSpace(m.principal.Value()) == ""):
		m.focus = focusID{kind: fPrincipal}
	}
	return m.changed()
}

// SetAccount sets the account names are resolved in.
func (m *Model) SetAccount(id string) tea.Cmd {
	m.account = id
	return m.changed()
}

// Prefill fills the principal, action and resource (empty strings leave a
// field as it is) and evaluates. The focus goes to the first empty field.
func (m *Model) Prefill(principal, action, resource string) tea.Cmd {
	if principal != "" {
		m.principal.SetValue(principal)
	}
	if action != "" {
		m.action.SetValue(action)
	}
	if resource != "" {
		m.resource.SetValue(resource)
	}
	switch {
	case m.principal.Value() == "" && m.mode == CanMode:
		m.focus = focusID{kind: fPrincipal}
	case m.action.Value() == "":
		m.focus = focusID{kind: fAction}
	case m.resource.Value() == "":
		m.focus = focusID{kind: fResource}
	}
	m.popup.open = false
	return m.changed()
}

// SetContext replaces the context rows.
func (m *Model) SetContext(cv []evaluator.ContextValue) tea.Cmd {
	m.ctx = m.ctx[:0:0]
	for _, c := range cv {
		r := newCtxRow()
		r.key.SetValue(c.Key)
		r.value.SetValue(strings.Join(c.Values, ","))
		m.ctx = append(m.ctx, r)
	}
	if m.focus.kind == fCtxKey || m.focus.kind == fCtxValue {
		m.focus = focusID{kind: fAction}
	}
	return m.changed()
}

// SetContextValue sets one context key's value, adding a row for it when
// there is none (the other rows stay).
func (m *Model) SetContextValue(key, value string) tea.Cmd {
	for i := range m.ctx {
		if strings.EqualFold(strings.TrimSpace(m.ctx[i].key.Value()), key) {
			m.ctx[i].value.SetValue(value)
			return m.changed()
		}
	}
	r := newCtxRow()
	r.key.SetValue(key)
	r.value.SetValue(value)
	m.ctx = append(m.ctx, r)
	return m.changed()
}

// RefreshTime sets aws:CurrentTime and aws:EpochTime to now again where
// they still hold the time the panel filled in (a value the user typed is
// kept), so that a panel opened again later does not ask about the past.
func (m *Model) RefreshTime() tea.Cmd {
	if m.autoTime == nil {
		return nil
	}
	changed := false
	for _, cv := range evaluator.TimeContext(m.now()) {
		k := strings.ToLower(cv.Key)
		v := strings.Join(cv.Values, ",")
		for i := range m.ctx {
			r := &m.ctx[i]
			if strings.ToLower(strings.TrimSpace(r.key.Value())) == k && r.value.Value() == m.autoTime[k] && r.value.Value() != v {
				r.value.SetValue(v)
				changed = true
			}
		}
		m.autoTime[k] = v
	}
	if !changed {
		return nil
	}
	return m.changed()
}

// newCtxRow is an empty context row.
func newCtxRow() ctxRow {
	return ctxRow{key: field{placeholder: "condition key"}, value: field{placeholder: "value (empty: not sent)"}}
}

// Refresh evaluates again with the engine the host now has (after a
// recompile).
func (m *Model) Refresh() tea.Cmd { return m.changed() }

// Request is the request the fields describe, as last evaluated.
func (m Model) Request() evaluator.Request { return m.out.req }

// Result is the last decision (nil when nothing could be asked) and the
// error that prevented one.
func (m Model) Result() (*evaluator.Result, error) {
	if !m.out.ok {
		return nil, m.out.err
	}
	return m.out.res, nil
}

// Explanation is the slow path's account of the last decision, once it has
// arrived (nil before, or when the engine could not explain).
func (m Model) Explanation() *evaluator.Explanation {
	if m.expSeq != m.seq {
		return nil
	}
	return m.exp
}

// WhoCan is the users and roles of the last who-can answer and whether
// one is being computed.
func (m Model) WhoCan() (entries []evaluator.WhoCanEntry, busy bool, err error) {
	if m.who == nil {
		return nil, m.whoBusy, m.whoErr
	}
	return m.who.Principals, m.whoBusy, m.whoErr
}

// WhoCanReport is the last who-can answer in full (nil before one).
func (m Model) WhoCanReport() *evaluator.WhoCanReport { return m.who }

// whoRow is one entry of the who-can list: a user or role of the
// database, or a principal outside it that the resource's policy lets in.
type whoRow struct {
	db  *evaluator.WhoCanEntry
	ext *evaluator.ExternalEntry
}

// principal is what the "can" question asks for the row.
func (r whoRow) principal() string {
	if r.db != nil {
		return r.db.Principal.ARN
	}
	return r.ext.Principal
}

func (r whoRow) matched() []evaluator.MatchedStatement {
	if r.db != nil {
		return r.db.Matched
	}
	return r.ext.Matched
}

// whoRows is the who-can list in its order: anything public first, then
// the users and roles, then the other outsiders.
func (m Model) whoRows() []whoRow {
	if m.who == nil {
		return nil
	}
	out := make([]whoRow, 0, len(m.who.Principals)+len(m.who.External))
	for i := range m.who.External {
		if m.who.External[i].Public {
			out = append(out, whoRow{ext: &m.who.External[i]})
		}
	}
	for i := range m.who.Principals {
		out = append(out, whoRow{db: &m.who.Principals[i]})
	}
	for i := range m.who.External {
		if !m.who.External[i].Public {
			out = append(out, whoRow{ext: &m.who.External[i]})
		}
	}
	return out
}

// contextValues reads the context rows; values of multi-valued keys
// (ArrayOf... in the catalog) are split on commas. A row without a value
// is not sent: alt+m adds the missing keys empty, and a key is only
// "present" once its value is typed.
func (m Model) contextValues() []evaluator.ContextValue {
	var out []evaluator.ContextValue
	for _, r := range m.ctx {
		k := strings.TrimSpace(r.key.Value())
		if k == "" {
			continue
		}
		if vals := m.rowValues(k, r.value.Value()); len(vals) > 0 {
			out = append(out, evaluator.ContextValue{Key: k, Values: vals})
		}
	}
	return out
}

// rowValues reads a context row's value: nothing when it is blank; split
// on commas for a multi-valued key (ArrayOf... in the catalog).
func (m Model) rowValues(key, v string) []string {
	if strings.TrimSpace(v) == "" {
		return nil
	}
	if m.cat != nil {
		if ck, ok := m.cat.ConditionKey(key); ok && strings.HasPrefix(ck.Type, "ArrayOf") {
			var vals []string
			for _, p := range strings.Split(v, ",") {
				if p = strings.TrimSpace(p); p != "" {
					vals = append(vals, p)
				}
			}
			return vals
		}
	}
	return []string{v}
}

// evaluate asks the engine synchronously: Evaluate takes microseconds.
func (m *Model) evaluate() {
	m.seq++
	m.out = outcome{}
	m.stmt = 0
	eng := m.engine()
	action := strings.TrimSpace(m.action.Value())
	resource := strings.TrimSpace(m.resource.Value())
	if resource == "" {
		resource = "*"
	}
	req := evaluator.Request{Action: action, Resource: resource, Context: m.contextValues()}
	m.out.req = req
	m.ctxWarn = m.contextWarnings()
	m.out.note = m.actionWarning(action)
	m.out.resNote = m.resourceWarning(m.resource.Value())
	switch {
	case eng == nil:
		m.out.prompt = "nothing to evaluate: no account is loaded"
		return
	case m.mode == WhoCanMode:
		if action == "" {
			m.out.prompt = "type an action to list who can perform it"
		}
		return
	case strings.TrimSpace(m.principal.Value()) == "":
		m.out.prompt = "type a principal: a user or role name or ARN, or a role session"
		return
	}
	arn, err := eng.ResolvePrincipal(m.account, strings.TrimSpace(m.principal.Value()))
	if err != nil {
		m.out.err = err
		return
	}
	req.Principal = arn
	m.out.req = req
	if action == "" {
		m.out.prompt = "type an action, e.g. s3:GetObject"
		return
	}
	res := new(evaluator.Result)
	if err := eng.Evaluate(&req, res); err != nil {
		m.out.err = err
		return
	}
	m.out.ok, m.out.res = true, res
}

// changed re-evaluates after any change of the question and schedules the
// slow paths: the explanation in CanMode, the who-can list in WhoCanMode.
func (m *Model) changed() tea.Cmd {
	m.evaluate()
	m.syncViewer()
	sh, seq := m.sh, m.seq
	if m.mode == WhoCanMode {
		if m.out.prompt != "" || strings.TrimSpace(m.action.Value()) == "" {
			m.who, m.whoBusy, m.whoErr = nil, false, nil
			return nil
		}
		m.whoBusy = true
		return tea.Tick(m.whoDelay, func(time.Time) tea.Msg { return whoTickMsg{sh: sh, seq: seq} })
	}
	if !m.out.ok {
		return nil
	}
	return tea.Tick(m.explainDelay, func(time.Time) tea.Msg { return explainTickMsg{sh: sh, seq: seq} })
}

// Update handles keys and the panel's own messages.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if !m.focused {
			return m, nil
		}
		return m.handleKey(msg)
	case tea.PasteMsg:
		if !m.focused {
			return m, nil
		}
		if f := m.focusedField(); f != nil {
			f.insert(msg.Content)
			m.refreshPopup(false)
			return m, m.changed()
		}
	case explainTickMsg:
		if msg.sh != m.sh || msg.seq != m.seq || !m.out.ok {
			return m, nil
		}
		eng := m.engine()
		if eng == nil {
			return m, nil
		}
		req := m.out.req
		sh, seq := m.sh, m.seq
		return m, func() tea.Msg {
			exp, err := eng.Explain(&req)
			return explainDoneMsg{sh: sh, seq: seq, exp: exp, err: err}
		}
	case explainDoneMsg:
		if msg.sh == m.sh && msg.seq == m.seq {
			m.exp, m.expErr, m.expSeq = msg.exp, msg.err, msg.seq
			m.syncViewer()
		}
	case whoTickMsg:
		if msg.sh != m.sh || msg.seq != m.seq || m.mode != WhoCanMode {
			return m, nil
		}
		eng := m.engine()
		if eng == nil {
			m.whoBusy = false
			return m, nil
		}
		req := m.out.req
		sh, seq := m.sh, m.seq
		return m, func() tea.Msg {
			rep, err := eng.WhoCanReport(req.Action, req.Resource, req.Context)
			return whoDoneMsg{sh: sh, seq: seq, rep: rep, err: err}
		}
	case whoDoneMsg:
		if msg.sh == m.sh && msg.seq == m.seq {
			m.who, m.whoErr, m.whoBusy, m.whoSeq = msg.rep, msg.err, false, msg.seq
			m.whoSel = min(m.whoSel, max(0, len(m.whoRows())-1))
			m.syncViewer()
		}
	}
	return m, nil
}

func (m Model) handleKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k := &m.keys
	if m.popup.open {
		switch {
		case key.Matches(msg, k.Up), msg.String() == "ctrl+k", msg.String() == "ctrl+p":
			m.popup.move(-1)
			return m, nil
		case key.Matches(msg, k.Down), msg.String() == "ctrl+j", msg.String() == "ctrl+n":
			m.popup.move(1)
			return m, nil
		case key.Matches(msg, k.ScrollUp):
			m.popup.move(-popupRows)
			return m, nil
		case key.Matches(msg, k.ScrollDown):
			m.popup.move(popupRows)
			return m, nil
		case key.Matches(msg, k.NextField) && m.popupAlreadyTyped():
			// The value is already what the suggestion says: tab moves on,
			// as a user who typed the whole action expects.
			m.popup.open = false
			m.moveFocus(1)
			return m, nil
		case key.Matches(msg, k.Accept), key.Matches(msg, k.NextField):
			return m, m.acceptPopup()
		case key.Matches(msg, k.Close):
			m.popup.open = false
			return m, nil
		}
	}
	switch {
	case key.Matches(msg, k.Close):
		return m, func() tea.Msg { return CloseMsg{} }
	case key.Matches(msg, k.ToggleWhoCan):
		if m.mode == CanMode {
			return m, m.SetMode(WhoCanMode)
		}
		return m, m.SetMode(CanMode)
	case key.Matches(msg, k.NextField):
		m.moveFocus(1)
		return m, nil
	case key.Matches(msg, k.PrevField):
		m.moveFocus(-1)
		return m, nil
	case key.Matches(msg, k.Up):
		if m.focus.kind == fResults && m.mode == WhoCanMode && m.whoSel > 0 {
			m.whoSel--
			m.syncViewer()
			return m, nil
		}
		m.moveFocus(-1)
		return m, nil
	case key.Matches(msg, k.Down):
		if m.focus.kind == fResults && m.mode == WhoCanMode {
			m.whoSel = min(m.whoSel+1, max(0, len(m.whoRows())-1))
			m.syncViewer()
			return m, nil
		}
		m.moveFocus(1)
		return m, nil
	case key.Matches(msg, k.Accept):
		if rows := m.whoRows(); m.focus.kind == fResults && m.mode == WhoCanMode && m.whoSel < len(rows) {
			// Ask the "can" question for the chosen principal (an
			// outsider as the policy names it).
			m.principal.SetValue(rows[m.whoSel].principal())
			m.focus = focusID{kind: fResults}
			return m, m.SetMode(CanMode)
		}
		m.moveFocus(1)
		return m, nil
	case key.Matches(msg, k.Complete):
		m.refreshPopup(true)
		return m, nil
	case key.Matches(msg, k.AddContext):
		m.ctx = append(m.ctx, newCtxRow())
		m.focus = focusID{kind: fCtxKey, row: len(m.ctx) - 1}
		m.popup.open = false
		return m, nil
	case key.Matches(msg, k.RemoveContext):
		if (m.focus.kind == fCtxKey || m.focus.kind == fCtxValue) && m.focus.row < len(m.ctx) {
			m.ctx = append(m.ctx[:m.focus.row:m.focus.row], m.ctx[m.focus.row+1:]...)
			if len(m.ctx) == 0 {
				m.focus = focusID{kind: fResource}
			} else {
				m.focus = focusID{kind: fCtxKey, row: min(m.focus.row, len(m.ctx)-1)}
			}
			m.popup.open = false
			return m, m.changed()
		}
		return m, nil
	case key.Matches(msg, k.AddMissing):
		return m, m.addMissing()
	case key.Matches(msg, k.NextStatement):
		m.cycleStatement(1)
		return m, nil
	case key.Matches(msg, k.PrevStatement):
		m.cycleStatement(-1)
		return m, nil
	case key.Matches(msg, k.ScrollUp), key.Matches(msg, k.ScrollDown):
		if m.viewerOK {
			dir := "pgdown"
			if key.Matches(msg, k.ScrollUp) {
				dir = "pgup"
			}
			m.viewer.Focus()
			m.viewer, _ = m.viewer.Update(keyPress(dir))
			m.viewer.Blur()
		}
		return m, nil
	case key.Matches(msg, k.OpenPolicy):
		if st, ok := m.shownStatement(); ok {
			o := OpenPolicyMsg{PolicyID: st.PolicyID, PolicyName: st.PolicyName, PolicyType: st.PolicyType,
				Sid: st.Sid, Index: st.Index, Start: st.Start, End: st.End}
			return m, func() tea.Msg { return o }
		}
		return m, nil
	}
	f := m.focusedField()
	if f == nil {
		return m, nil
	}
	changed, handled := f.update(msg)
	if !handled {
		return m, nil
	}
	if !changed {
		// A cursor move: the suggestions no longer follow what was typed.
		m.popup.open = false
		return m, nil
	}
	m.refreshPopup(false)
	return m, m.changed()
}

func keyPress(name string) tea.KeyPressMsg {
	switch name {
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	default:
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	}
}

// focusList is every focus target in tab order; the list of principals
// is one only in who-can mode (in can mode there is nothing to choose).
func (m Model) focusList() []focusID {
	var out []focusID
	if m.mode == CanMode {
		out = append(out, focusID{kind: fPrincipal})
	}
	out = append(out, focusID{kind: fAction}, focusID{kind: fResource})
	for i := range m.ctx {
		out = append(out, focusID{kind: fCtxKey, row: i}, focusID{kind: fCtxValue, row: i})
	}
	if m.mode == WhoCanMode {
		out = append(out, focusID{kind: fResults})
	}
	return out
}

func (m *Model) moveFocus(dir int) {
	list := m.focusList()
	i := 0
	for j, f := range list {
		if f == m.focus {
			i = j
			break
		}
	}
	m.focus = list[(i+dir+len(list))%len(list)]
	m.popup.open = false
}

func (m *Model) focusedField() *field {
	switch m.focus.kind {
	case fPrincipal:
		if m.mode == CanMode {
			return &m.principal
		}
	case fAction:
		return &m.action
	case fResource:
		return &m.resource
	case fCtxKey:
		if m.focus.row < len(m.ctx) {
			return &m.ctx[m.focus.row].key
		}
	case fCtxValue:
		if m.focus.row < len(m.ctx) {
			return &m.ctx[m.focus.row].value
		}
	}
	return nil
}

// addMissing adds a row for every key the decision wanted and the request
// lacked, and focuses the first new value.
func (m *Model) addMissing() tea.Cmd {
	var missing []string
	switch {
	case m.mode == WhoCanMode && m.who != nil:
		missing = m.who.MissingContextValues
	case m.mode == CanMode && m.out.ok:
		missing = m.out.res.MissingContextValues
	}
	if len(missing) == 0 {
		return nil
	}
	first := -1
	for _, k := range missing {
		exists := false
		for _, r := range m.ctx {
			if strings.EqualFold(strings.TrimSpace(r.key.Value()), k) {
				exists = true
				break
			}
		}
		if exists {
			continue
		}
		r := newCtxRow()
		r.key.SetValue(k)
		m.ctx = append(m.ctx, r)
		if first < 0 {
			first = len(m.ctx) - 1
		}
	}
	if first >= 0 {
		m.focus = focusID{kind: fCtxValue, row: first}
	}
	return m.changed()
}

// statements are what the viewer can show: the deciding statements, or
// for an implicit deny the near misses of the explanation; in who-can
// mode, the statements that allowed the selected principal.
func (m Model) statements() []evaluator.MatchedStatement {
	if m.mode == WhoCanMode {
		if rows := m.whoRows(); m.whoSel < len(rows) {
			return rows[m.whoSel].matched()
		}
		return nil
	}
	if !m.out.ok {
		return nil
	}
	if len(m.out.res.Matched) > 0 {
		exp := m.Explanation()
		if exp == nil || len(exp.Overridden) == 0 {
			return m.out.res.Matched
		}
		// After the denies, the Allows they overrode (alt+n).
		out := make([]evaluator.MatchedStatement, 0, len(m.out.res.Matched)+len(exp.Overridden))
		out = append(out, m.out.res.Matched...)
		for _, t := range exp.Overridden {
			out = append(out, t.MatchedStatement)
		}
		return out
	}
	if exp := m.Explanation(); exp != nil {
		out := make([]evaluator.MatchedStatement, 0, len(exp.Nearest))
		for _, t := range exp.Nearest {
			out = append(out, t.MatchedStatement)
		}
		return out
	}
	return nil
}

func (m Model) shownStatement() (evaluator.MatchedStatement, bool) {
	sts := m.statements()
	if len(sts) == 0 {
		return evaluator.MatchedStatement{}, false
	}
	return sts[min(m.stmt, len(sts)-1)], true
}

func (m *Model) cycleStatement(dir int) {
	n := len(m.statements())
	if n == 0 {
		return
	}
	m.stmt = (m.stmt + dir + n) % n
	m.syncViewer()
}

func editorKind(t evaluator.PolicyType) policy.Kind {
	switch t {
	case evaluator.ResourceBased:
		return policy.Resource
	case evaluator.Trust:
		return policy.Trust
	case evaluator.SCP, evaluator.RCP:
		return policy.OrgPolicy
	}
	return policy.Identity
}

// syncViewer shows the current statement's policy text, highlighted, in
// the read-only editor, rebuilding it only when the document changes.
func (m *Model) syncViewer() {
	st, ok := m.shownStatement()
	if !ok || st.Document == nil {
		m.viewerOK, m.viewDoc = false, nil
		return
	}
	_, vw, vh := m.viewerSize()
	if st.Document != m.viewDoc || !m.viewerOK {
		// A compact document (one long line, as the raw API stores it)
		// is shown indented.
		m.viewer = editor.New(editor.Config{
			Kind: editorKind(st.PolicyType), Title: st.PolicyName, Text: editor.DisplayText(st.Document.Text),
			ReadOnly: true, Compact: true, Styles: &m.styles.Editor,
		})
		m.viewDoc, m.viewAt, m.viewerOK = st.Document, policy.Pos{}, true
	}
	if w, h := m.viewer.Size(); w != vw || h != vh || m.viewAt != st.Start {
		m.viewer.SetSize(vw, vh)
		from, to := editor.DisplaySpan(st.Document.Text, st.Document.Kind, st.Index, st.Start, st.End)
		m.viewer.Highlight(from, to)
		m.viewAt, m.viewShownAt = st.Start, from
	}
}
