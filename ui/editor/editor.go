package editor

import (
	"sort"
	"time"

	tea "charm.land/bubbletea/v2"

	"iamtui/catalog"
	"iamtui/lint"
	"iamtui/model/policy"
)

// Config configures a new editor. Only Kind and Text matter for a minimal
// editor; everything else has a sensible zero value.
type Config struct {
	// Kind decides what the parser accepts (identity, resource, trust...).
	Kind policy.Kind
	// Title names the document in the header, e.g. "alice / S3Read".
	Title string
	// Text is the stored text: Modified compares the edited text with it.
	// CRLF line ends are read as LF.
	Text string
	// Catalog enables completion of actions and condition keys.
	Catalog *catalog.Catalog
	// Linter enables live lint findings; without one only parser errors
	// are shown.
	Linter *lint.Linter
	// LintOptions are passed to Linter.Document (policy type, resource
	// type, NoSizeQuota for inline policies).
	LintOptions lint.Options
	// ExtraLint adds findings only the host can make, on every change:
	// an inline policy's share of its entity's size quota, which depends
	// on the entity's other inline policies. Nil for none.
	ExtraLint func(text string) []lint.Finding
	// ReadOnly disables every edit; the cursor still moves and text can be
	// selected and copied.
	ReadOnly bool
	// DraftKey identifies the document in SaveMsg, DraftMsg and CloseMsg,
	// e.g. "inline:111122223333:user:alice:S3Read".
	DraftKey string
	// Draft, when not empty and different from Text, is an unsaved draft
	// to restore: the editor opens with it, modified.
	Draft string
	// DraftDelay is how long the text must rest before a DraftMsg is sent
	// (default 300 ms).
	DraftDelay time.Duration
	// ExternalEditor is the command ctrl+e runs with the file name appended
	// (default $VISUAL, then $EDITOR, then vi). It is split on spaces.
	ExternalEditor string
	// IndentWidth is the number of spaces of one indent; 0 detects it from
	// the text (4 when nothing is indented).
	IndentWidth int
	// NoAutoPair turns off the pairing of brackets and quotes.
	NoAutoPair bool
	// Compact shows the text only: no header, problems list or status line
	// (for a read-only policy shown inside another view).
	Compact bool
	// NoKeyHints leaves the status line blank when there is nothing to
	// say, for a host whose footer already lists the editor's keys.
	NoKeyHints bool
	// KeyMap and Styles override DefaultKeyMap and DefaultStyles(true).
	KeyMap *KeyMap
	Styles *Styles
}

// SaveMsg asks the host to store the document. It is only sent for text
// that parses; Findings are the lint findings it still has (errors
// included: lint does not block a save). Call MarkSaved(Text) once stored.
type SaveMsg struct {
	Key, Title, Text string
	Findings         []lint.Finding
	// Close is set when the save was chosen in the unsaved-changes prompt:
	// close the editor once the text is stored.
	Close bool
}

// DraftMsg carries the current text after it has rested for DraftDelay,
// for the host to persist as a draft. Modified is false when the text is
// back to the stored one: the host can then delete the draft.
type DraftMsg struct {
	Key, Title, Text string
	Modified         bool
}

// CloseMsg asks the host to close the editor. Discarded is set when the
// user chose to discard unsaved changes (delete the draft).
type CloseMsg struct {
	Key       string
	Discarded bool
}

// shared is the identity of one editor across the copies Bubble Tea's value
// semantics make, plus caches that every copy may use.
type shared struct {
	styleCache map[styleKey]styleSeq
	cond       *condIndex
}

type draftTickMsg struct {
	sh      *shared
	version int
}

type externalDoneMsg struct {
	sh   *shared
	text string
	err  error
}

type editKind uint8

const (
	editNone editKind = iota
	editType
	editSpace
	editBackspace
	editDelete
	editOther
)

type snapshot struct {
	lines [][]rune
	cur   pos
}

const maxUndo = 1000

// Model is the editor. Use New; the zero value is not usable.
type Model struct {
	kind       policy.Kind
	title      string
	key        string
	readOnly   bool
	cat        *catalog.Catalog
	linter     *lint.Linter
	lintOpts   lint.Options
	extraLint  func(string) []lint.Finding
	draftDelay time.Duration
	extEditor  string
	indent     int
	autoPair   bool
	compact    bool
	noHints    bool
	keys       KeyMap
	styles     Styles
	sh         *shared

	lines   [][]rune
	text    string // joinLines(lines), kept in step
	saved   string // the stored text
	version int    // bumped on every change of text
	cur     pos
	wantX   int // visual column that up/down try to keep
	anchor  pos
	sel     bool

	undo, redo []snapshot
	lastKind   editKind
	lastCur    pos

	doc      *policy.Document
	parseErr error
	diags    []lint.Finding
	diagSel  int // the problem last jumped to, -1 none

	hl    bool
	hlA   pos
	hlB   pos // inclusive
	popup completion

	width, height int
	yoff, xoff    int
	focused       bool
	confirming    bool
	status        string
	statusErr     bool
	clip          string
}

// New builds an editor from cfg.
func New(cfg Config) Model {
	m := Model{
		kind:       cfg.Kind,
		title:      cfg.Title,
		key:        cfg.DraftKey,
		readOnly:   cfg.ReadOnly,
		cat:        cfg.Catalog,
		linter:     cfg.Linter,
		lintOpts:   cfg.LintOptions,
		extraLint:  cfg.ExtraLint,
		draftDelay: cfg.DraftDelay,
		extEditor:  cfg.ExternalEditor,
		autoPair:   !cfg.NoAutoPair,
		compact:    cfg.Compact,
		noHints:    cfg.NoKeyHints,
		sh:         &shared{},
		diagSel:    -1,
	}
	if m.draftDelay <= 0 {
		m.draftDelay = 300 * time.Millisecond
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
	m.applyReadOnly()
	m.lines = splitLines(cfg.Text)
	m.saved = joinLines(m.lines)
	if cfg.Draft != "" && !m.readOnly {
		if d := splitLines(cfg.Draft); joinLines(d) != m.saved {
			m.lines = d
			m.status = "restored an unsaved draft: ctrl+s saves it, ctrl+z undoes the restore"
			m.undo = []snapshot{{lines: splitLines(cfg.Text)}}
		}
	}
	m.indent = cfg.IndentWidth
	if m.indent <= 0 {
		m.indent = detectIndent(m.lines, 4)
	}
	m.text = joinLines(m.lines)
	m.validate()
	m.width, m.height = 80, 24
	return m
}

func (m *Model) applyReadOnly() {
	for _, b := range m.keys.editing() {
		b.SetEnabled(!m.readOnly)
	}
}

// Init does nothing: the editor validates in New and waits for keys.
func (m Model) Init() tea.Cmd { return nil }

// SetSize sets the size View fills, in cells.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(w, 0), max(h, 0)
	m.scrollToCursor()
}

// Size is the size set by SetSize.
func (m Model) Size() (w, h int) { return m.width, m.height }

// Focus makes the editor take keys and show its cursor.
func (m *Model) Focus() { m.focused = true }

// Blur stops the editor taking keys.
func (m *Model) Blur() {
	m.focused = false
	m.popup.open = false
}

// Focused reports whether the editor takes keys.
func (m Model) Focused() bool { return m.focused }

// KeyMap is the editor's bindings, for help.
func (m Model) KeyMap() KeyMap { return m.keys }

// SetKeyMap replaces the bindings.
func (m *Model) SetKeyMap(k KeyMap) {
	m.keys = k
	m.applyReadOnly()
}

// Styles is the editor's styles.
func (m Model) Styles() Styles { return m.styles }

// SetStyles replaces the styles (e.g. on a theme change).
func (m *Model) SetStyles(s Styles) {
	m.styles = s
	if m.sh != nil {
		m.sh.styleCache = nil
	}
}

// Text is the edited text (LF line ends).
func (m Model) Text() string { return m.text }

// Title is the document's title.
func (m Model) Title() string { return m.title }

// Key is Config.DraftKey.
func (m Model) Key() string { return m.key }

// ReadOnly reports whether edits are disabled.
func (m Model) ReadOnly() bool { return m.readOnly }

// Modified reports whether the text differs from the stored one.
func (m Model) Modified() bool { return m.text != m.saved }

// Valid reports whether the text parses as a policy of the editor's kind.
func (m Model) Valid() bool { return m.parseErr == nil }

// Document is the parse of the current text; nil when it does not parse.
func (m Model) Document() *policy.Document { return m.doc }

// Diagnostics are the parser error and lint findings of the current text,
// in text order. The slice must not be modified.
func (m Model) Diagnostics() []lint.Finding { return m.diags }

// Cursor is the cursor's position: 1-based line and column (in
// characters) and byte offset in Text.
func (m Model) Cursor() policy.Pos {
	return policy.Pos{Line: m.cur.row + 1, Column: m.cur.col + 1, Offset: offsetOf(m.lines, m.cur)}
}

// SetCursor moves the cursor to a 1-based line and column, clamped to the
// text.
func (m *Model) SetCursor(line, col int) {
	m.cur = m.clamp(pos{line - 1, col - 1})
	m.sel = false
	m.wantX = -1
	m.scrollToCursor()
}

// MarkSaved records text as stored: the editor is no longer modified
// unless its text differs from text (the user typed after saving).
func (m *Model) MarkSaved(text string) {
	m.saved = joinLines(splitLines(text))
	m.confirming = false
}

// SetText replaces the whole text as one undoable edit, e.g. when the
// stored policy changed underneath. The cursor stays on its line when it
// can.
func (m *Model) SetText(text string) {
	m.pushUndo(editOther)
	m.lines = splitLines(text)
	m.cur = m.clamp(m.cur)
	m.sel = false
	m.popup.open = false
	m.afterChange()
}

// afterChangeCmd is the draft command for the current version, for changes
// made through methods that cannot return one (SetText).
func (m *Model) afterChangeCmd() tea.Cmd {
	if m.readOnly {
		return nil
	}
	sh, v := m.sh, m.version
	return tea.Tick(m.draftDelay, func(time.Time) tea.Msg { return draftTickMsg{sh: sh, version: v} })
}

// SetStatus shows a one-line message under the problems list until the
// next key, e.g. "saved as version v4" or a storage error.
func (m *Model) SetStatus(msg string, isErr bool) {
	m.status, m.statusErr = msg, isErr
}

// Highlight marks the text from start to end inclusive (policy positions,
// as policy.Statement's Start and End: the opening and closing brace), for
// example the statement that decided an evaluation, and scrolls to it.
func (m *Model) Highlight(start, end policy.Pos) {
	m.hl = true
	m.hlA = m.clamp(pos{start.Line - 1, start.Column - 1})
	m.hlB = m.clamp(pos{end.Line - 1, end.Column - 1})
	m.cur = m.hlA
	m.sel = false
	_, textH, _ := m.layout()
	// Show the whole span when it fits, else its start near the top.
	span := m.hlB.row - m.hlA.row + 1
	if span <= textH {
		m.yoff = max(0, m.hlA.row-(textH-span)/2)
	} else {
		m.yoff = max(0, m.hlA.row-1)
	}
	m.yoff = min(m.yoff, max(0, len(m.lines)-textH))
	m.scrollToCursor()
}

// ClearHighlight removes the mark set by Highlight.
func (m *Model) ClearHighlight() { m.hl = false }

// validate parses and lints the current text.
func (m *Model) validate() {
	doc, err := policy.Parse(m.text, m.kind)
	m.doc, m.parseErr = doc, err
	switch {
	case m.linter != nil:
		m.diags = m.linter.Document(m.text, m.kind, m.lintOpts)
	case err != nil:
		f := lint.Finding{Category: lint.Error, Code: "SYNTAX_ERROR", Message: err.Error(), StatementIndex: -1}
		if se, ok := err.(*policy.SyntaxError); ok {
			f.Message, f.Pos, f.End = se.Msg, se.Pos, se.Pos
		}
		m.diags = []lint.Finding{f}
	default:
		m.diags = nil
	}
	if m.extraLint != nil {
		if extra := m.extraLint(m.text); len(extra) > 0 {
			all := make([]lint.Finding, 0, len(extra)+len(m.diags))
			all = append(append(all, extra...), m.diags...)
			sort.SliceStable(all, func(i, j int) bool { return all[i].Pos.Offset < all[j].Pos.Offset })
			m.diags = all
		}
	}
	if m.diagSel >= len(m.diags) {
		m.diagSel = -1
	}
}

// afterChange brings everything derived from the text up to date after an
// edit and returns the command that will send the draft.
func (m *Model) afterChange() tea.Cmd {
	m.text = joinLines(m.lines)
	m.version++
	m.validate()
	m.lastCur = m.cur
	m.scrollToCursor()
	return m.afterChangeCmd()
}

func (m Model) clamp(p pos) pos {
	p.row = max(0, min(p.row, len(m.lines)-1))
	p.col = max(0, min(p.col, len(m.lines[p.row])))
	return p
}

// layout splits the height between the header, the text, the problems
// list (its rule included) and the status line.
func (m Model) layout() (header, text, problems int) {
	h := m.height
	if m.compact || h < 8 {
		return 0, max(h, 1), 0
	}
	problems = 1 + min(6, max(1, (h-4)/5))
	text = h - 1 - problems - 1
	return 1, max(text, 1), problems
}

// textWidth is the width of the text columns: the gutter and the last
// column (the marker of lines longer than the view) excluded.
func (m Model) textWidth() int {
	return max(m.width-m.gutterWidth()-1, 1)
}

func (m Model) gutterWidth() int {
	return numDigits(len(m.lines)) + 3
}

func numDigits(n int) int {
	d := 1
	for n >= 10 {
		n /= 10
		d++
	}
	return max(d, 3)
}

// scrollToCursor adjusts the scroll offsets so the cursor is visible.
func (m *Model) scrollToCursor() {
	_, textH, _ := m.layout()
	margin := min(2, (textH-1)/2)
	if m.cur.row < m.yoff+margin {
		m.yoff = max(0, m.cur.row-margin)
	}
	if m.cur.row > m.yoff+textH-1-margin {
		m.yoff = m.cur.row - textH + 1 + margin
	}
	m.yoff = max(0, min(m.yoff, len(m.lines)-1))
	tw := m.textWidth()
	x := visualCol(m.lines[m.cur.row], m.cur.col)
	side := min(8, tw/4)
	if x < m.xoff {
		m.xoff = max(0, x-side)
	}
	if x >= m.xoff+tw {
		m.xoff = x - tw + 1 + side
	}
}
