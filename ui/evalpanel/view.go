package evalpanel

import (
	"fmt"
	"sort"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"iamtui/evaluator"
	"iamtui/sanitize"
)

// labelW is the label column: the focus marker, the label, a space
// ("▸ Principal ").
const labelW = 12

// geom is the panel's layout for its size, shared by View and by the
// viewer's sizing so both agree.
type geom struct {
	wide          bool
	leftW, rightW int
	viewerW       int
	viewerH       int
	listH         int // who-can rows
}

// fieldLines is how many lines the fields and their warnings take in a
// column w cells wide.
func (m Model) fieldLines(w int) int {
	wa, wr, wc := m.warnLines(w)
	n := 2 + max(1, len(m.ctx)) + len(wa) + len(wr)
	for _, l := range wc {
		n += len(l)
	}
	if m.mode == CanMode {
		n++
	}
	return n
}

// maxWarnLines is how many lines the context rows' warnings take at most.
const maxWarnLines = 4

// warnLines are the warnings drawn under the action, the resource and each
// context row (ctx[i] under row i), wrapped under the fields' column: two
// lines each at most, the context's four in all, the last saying how many
// more there are.
func (m Model) warnLines(w int) (action, resource []string, ctx [][]string) {
	st := m.styles.Missing
	ww := max(1, w-labelW)
	if m.out.note != "" {
		action = wrapStyled(st, "⚠ "+clean(m.out.note), ww, "  ", 2)
	}
	if m.out.resNote != "" {
		resource = wrapStyled(st, "⚠ "+clean(m.out.resNote), ww, "  ", 2)
	}
	if len(m.ctxWarn) == 0 {
		return action, resource, nil
	}
	ctx = make([][]string, len(m.ctx))
	used := 0
	for i, wn := range m.ctxWarn {
		left := maxWarnLines - used
		if left <= 0 || wn.row >= len(ctx) {
			break
		}
		text := "⚠ " + clean(wn.text)
		rest := len(m.ctxWarn) - i - 1
		if rest > 0 && left <= 2 {
			text += fmt.Sprintf(" (+%d more)", rest)
		}
		n := min(2, left)
		lines := wrapStyled(st, text, ww, "  ", n)
		ctx[wn.row] = append(ctx[wn.row], lines...)
		used += len(lines)
		if rest > 0 && left <= 2 {
			break
		}
	}
	return action, resource, ctx
}

func (m Model) geometry() geom {
	w, h := m.width, m.height
	g := geom{leftW: w}
	if w >= 110 && h >= 16 {
		g.wide = true
		g.leftW = max(56, min(84, w/2))
		g.rightW = w - g.leftW - 1
		g.viewerW, g.viewerH = g.rightW, max(0, h-1)
		g.listH = max(1, h-1-m.fieldLines(g.leftW)-1-1)
		return g
	}
	g.viewerW = w
	if m.mode == WhoCanMode {
		rest := max(0, h-(1+m.fieldLines(w)+1+1))
		g.listH = max(1, rest/2)
		g.viewerH = max(0, rest-g.listH-1)
		return g
	}
	g.viewerH = max(0, h-(1+m.fieldLines(w)+1+3+1+1+2+1))
	return g
}

func (m Model) viewerSize() (bool, int, int) {
	g := m.geometry()
	return g.wide, g.viewerW, g.viewerH
}

// fit truncates s (which may hold styles) to w cells and pads it to w.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) > w {
		s = ansi.Truncate(s, w, "…")
	}
	if sw := ansi.StringWidth(s); sw < w {
		s += strings.Repeat(" ", w-sw)
	}
	return s
}

func clean(s string) string { return sanitize.Line(s) }

// View renders the panel in exactly the size given by SetSize.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	g := m.geometry()
	left, at := m.leftColumn(g)
	var lines []string
	if g.wide {
		right := m.rightColumn(g)
		sep := m.styles.Rule.Render("│")
		lines = make([]string, m.height)
		for i := range lines {
			l, r := strings.Repeat(" ", g.leftW), strings.Repeat(" ", g.rightW)
			if i < len(left) {
				l = left[i]
			}
			if i < len(right) {
				r = right[i]
			}
			lines[i] = l + sep + r
		}
	} else {
		lines = left
		for len(lines) < m.height {
			lines = append(lines, strings.Repeat(" ", m.width))
		}
		lines = lines[:m.height]
	}
	if m.popup.open && m.focused {
		m.overlayPopup(lines, at)
	}
	return strings.Join(lines, "\n")
}

// fieldPos is where the focused field is drawn, for the popup.
type fieldPos struct{ line, x int }

// leftColumn is the question and, in the narrow layout, everything else.
func (m Model) leftColumn(g geom) ([]string, fieldPos) {
	w := g.leftW
	s := &m.styles
	var out []string
	var at fieldPos

	title := s.Title.Render("Can X do Y on Z?")
	toggle := "ctrl+t: who can"
	if m.mode == WhoCanMode {
		title = s.Title.Render("Who can do Y on Z?")
		toggle = "ctrl+t: can X"
	}
	hint := s.Hint.Render(toggle)
	out = append(out, fit(fit(title, max(0, w-ansi.StringWidth(hint)))+hint, w))

	fs := s.field()
	// The focused row is marked three ways, so it shows in any theme and
	// without colour: a ▸ before its label, the label's colour, and the
	// field's background (with the cursor in it).
	label := func(name string, focused bool) string {
		if focused {
			return s.FocusMark.Render("▸ ") + s.LabelFocus.Render(fmt.Sprintf("%-*s", labelW-2, name))
		}
		return s.Label.Render(fmt.Sprintf("  %-*s", labelW-2, name))
	}
	row := func(name string, f field, id focusID) {
		foc := m.focused && m.focus == id
		if foc {
			at = fieldPos{line: len(out), x: labelW - 1}
		}
		out = append(out, fit(label(name, foc)+f.view(w-labelW, foc, fs), w))
	}
	if m.mode == CanMode {
		row("Principal", m.principal, focusID{kind: fPrincipal})
	}
	// Warnings go under the field they are about, in the evaluator's
	// words (the CLI's).
	warnA, warnR, warnC := m.warnLines(w)
	indent := func(lines []string) {
		for _, l := range lines {
			out = append(out, fit(strings.Repeat(" ", labelW)+l, w))
		}
	}
	row("Action", m.action, focusID{kind: fAction})
	indent(warnA)
	row("Resource", m.resource, focusID{kind: fResource})
	indent(warnR)
	if len(m.ctx) == 0 {
		out = append(out, fit(label("Context", false)+s.Hint.Render("none · ctrl+n adds a key"), w))
	}
	kw := min(32, (w-labelW-3)/2)
	for i, r := range m.ctx {
		name := ""
		if i == 0 {
			name = "Context"
		}
		kid, vid := focusID{kind: fCtxKey, row: i}, focusID{kind: fCtxValue, row: i}
		kf, vf := m.focused && m.focus == kid, m.focused && m.focus == vid
		// The popup's items have a leading space: start it one cell left.
		if kf {
			at = fieldPos{line: len(out), x: labelW - 1}
		}
		if vf {
			at = fieldPos{line: len(out), x: labelW + kw + 2}
		}
		line := label(name, kf || vf) + r.key.view(kw, kf, fs) + s.Hint.Render(" = ") + r.value.view(w-labelW-kw-3, vf, fs)
		out = append(out, fit(line, w))
		if i < len(warnC) {
			indent(warnC[i]) // under the row it is about
		}
	}
	out = append(out, s.Rule.Render(strings.Repeat("─", w)))

	if m.mode == WhoCanMode {
		out = append(out, m.whoList(w, g.listH+1)...)
		if !g.wide {
			out = append(out, m.statementHeader(w))
			out = append(out, m.viewerLines(g)...)
		}
		return out, at
	}
	if g.wide {
		// Up to six lines for the answer, so that a long reason and what
		// an outsider stands for are read whole; then a blank line.
		out = append(out, m.decision(w, 6)...)
		out = append(out, fit("", w))
		out = append(out, m.flowVertical(w)...)
		out = append(out, m.missing(w, 2)...)
		rest := m.height - len(out)
		out = append(out, m.explain(w, max(0, rest))...)
		return out, at
	}
	out = append(out, m.decision(w, 3)...)
	out = append(out, m.flowCompact(w))
	out = append(out, m.missing(w, 1)...)
	out = append(out, m.explain(w, 2)...)
	out = append(out, m.statementHeader(w))
	out = append(out, m.viewerLines(g)...)
	return out, at
}

func (m Model) rightColumn(g geom) []string {
	out := []string{m.statementHeader(g.rightW)}
	return append(out, m.viewerLines(g)...)
}

func (m Model) viewerLines(g geom) []string {
	out := make([]string, 0, g.viewerH)
	if m.viewerOK && g.viewerH > 0 {
		if w, h := m.viewer.Size(); w == g.viewerW && h == g.viewerH {
			out = append(out, strings.Split(m.viewer.View(), "\n")...)
		}
	}
	for len(out) < g.viewerH {
		out = append(out, strings.Repeat(" ", g.viewerW))
	}
	return out[:g.viewerH]
}

// bannerW is the width of the decision's words inside its box (the box
// adds two cells of padding on each side).
const bannerW = 11

// decision is the answer in n lines (at least 3): the banner, a coloured
// box with a symbol and a word so it reads without colour, and beside it
// the step that decided, why in the evaluator's words ("(implicit deny: the
// permissions boundary does not allow it)", as the CLI writes it), and the
// principal as resolved, flagged when it is outside the database. The
// lines not needed are left off: it returns between 3 and n lines.
func (m Model) decision(w, n int) []string {
	s := &m.styles
	out := make([]string, 0, n)
	o := m.out
	switch {
	case o.err != nil:
		out = append(out, fit(s.Error.Render("✖ "+clean(o.err.Error())), w))
	case o.prompt != "":
		out = append(out, fit(s.Hint.Render(o.prompt), w))
	case o.ok:
		out = m.decisionLines(w, n)
	}
	for len(out) < 3 {
		out = append(out, strings.Repeat(" ", w))
	}
	return out
}

func (m Model) decisionLines(w, n int) []string {
	s := &m.styles
	o := m.out
	res := o.res
	bs, text := m.banner(res.Decision)
	rw := max(1, w-bannerW-4-2)
	whyStyle := s.AllowText
	switch res.Decision {
	case evaluator.ExplicitDeny:
		whyStyle = s.DenyText
	case evaluator.ImplicitDeny:
		whyStyle = s.NoneText
	}
	principal := s.Text.Render(clean(o.req.Principal))
	outsider := ""
	if res.External {
		outsider = "outsider: " + clean(outsiderText(res))
	}
	// Beside the box: the step, the reason, the principal, what an
	// outsider stands for. The reason, then the outsider, wrap into the
	// lines n leaves; with too few, the outsider joins the principal's
	// line and both are cut.
	fixed := 2 // the step and the principal
	if outsider != "" {
		fixed++
	}
	if fixed+1 > n && outsider != "" {
		principal += "  " + s.Missing.Render(outsider)
		outsider, fixed = "", fixed-1
	}
	why := wrapStyled(whyStyle, m.reasonText(), rw, " ", max(1, n-fixed))
	right := []string{s.Hint.Render("decided at ") + s.StatementHeader.Render(res.Step.String())}
	right = append(right, why...)
	right = append(right, principal)
	if outsider != "" {
		right = append(right, wrapStyled(s.Missing, outsider, rw, "  ", max(1, n-len(right)))...)
	}
	right = right[:min(len(right), max(n, 3))]
	padW := func(t string) string {
		l := (bannerW - ansi.StringWidth(t)) / 2
		return strings.Repeat(" ", max(0, l)) + t + strings.Repeat(" ", max(0, bannerW-l-ansi.StringWidth(t)))
	}
	out := make([]string, 0, len(right))
	for i, r := range right {
		box := bs.Render(padW(""))
		if i == 1 {
			box = bs.Render(padW(text))
		}
		out = append(out, fit(box+"  "+fit(r, rw), w))
	}
	return out
}

// reasonText is why, in the evaluator's words and the CLI's form:
// "(implicit deny: no policy allows it)", "(by the resource side; account
// 777788889999 must allow it too)", the root user's rule.
func (m Model) reasonText() string {
	res := m.out.res
	switch res.Decision {
	case evaluator.Allowed:
		if res.IdentitySideUnknown {
			return "(by the resource side; account " + clean(res.PrincipalAccount) + " must allow it too)"
		}
		return "(" + res.Reason() + ")"
	case evaluator.ExplicitDeny:
		return "(explicit deny: " + res.Reason() + ")"
	}
	return "(implicit deny: " + res.Reason() + ")"
}

// banner is the style and words of a decision, with a symbol so it reads
// without colour.
func (m Model) banner(d evaluator.Decision) (lipgloss.Style, string) {
	s := &m.styles
	switch d {
	case evaluator.Allowed:
		return s.Allowed, "✔ ALLOWED"
	case evaluator.ExplicitDeny:
		return s.ExplicitDeny, "✖ DENIED"
	}
	return s.ImplicitDeny, "⊘ DENIED"
}

// flow is AWS's evaluation flowchart with each step's state for the last
// decision.
type flowStep struct {
	num         int // as the flowchart counts; 0 for a refusal before it
	short, long string
	mark        string // ✓ passed, ▶ decided, · not applicable or not reached
	note        string
	decided     bool
}

func (m Model) flow() []flowStep {
	steps := []flowStep{
		{num: 1, short: "Deny", long: "Explicit deny"},
		{num: 2, short: "SCP/RCP", long: "SCPs and RCPs"},
		{num: 3, short: "Resource", long: "Resource-based policy"},
		{num: 4, short: "Identity", long: "Identity-based policies"},
		{num: 5, short: "Boundary", long: "Permissions boundary"},
		{num: 6, short: "Session", long: "Session policy"},
		{num: 7, short: "Implicit", long: "Implicit deny"},
	}
	if !m.out.ok {
		for i := range steps {
			steps[i].mark = "·"
		}
		return steps
	}
	res := m.out.res
	decided := -1
	switch res.Step {
	case evaluator.StepExplicitDeny:
		decided = 0
	case evaluator.StepSCP, evaluator.StepRCP:
		decided = 1
	case evaluator.StepResourcePolicy:
		decided = 2
	case evaluator.StepIdentityPolicy:
		decided = 3
	case evaluator.StepBoundary:
		decided = 4
	case evaluator.StepSessionPolicy:
		decided = 5
	case evaluator.StepImplicitDeny:
		decided = 6
	}
	if decided < 0 {
		// Decided before the flowchart: AWS refuses the root user's
		// credentials for sts:AssumeRole before reading any policy. A row
		// of its own goes first, and no policy step was reached.
		first := flowStep{short: "Root", long: "Root user", note: "AWS refuses the root user for sts:AssumeRole", mark: "▶", decided: true}
		if res.Step != evaluator.StepRootUser {
			first = flowStep{short: res.Step.String(), long: res.Step.String(), note: res.Reason(), mark: "▶", decided: true}
		}
		for i := range steps {
			steps[i].mark, steps[i].note = "·", "not reached"
		}
		return append([]flowStep{first}, steps...)
	}
	allowed := res.Decision == evaluator.Allowed
	notes := [7]string{}
	applies := [7]bool{true, true, res.HasResourcePolicy, true, res.Boundary.Applies, m.out.req.SessionPolicy != nil, true}
	notes[0] = "no Deny applies"
	if decided == 0 {
		notes[0] = "a Deny applies"
	}
	notes[1] = "allow (no SCP or RCP attached)"
	if res.Org.Applies {
		notes[1] = "allow"
	}
	if decided == 1 {
		if res.Step == evaluator.StepRCP {
			notes[1] = "an RCP has no Allow"
		} else {
			notes[1] = "an SCP has no Allow"
		}
	}
	switch {
	case !res.HasResourcePolicy:
		notes[2] = "none for this resource"
	case res.ResourceDecision == evaluator.Allowed:
		notes[2] = "allows"
	default:
		notes[2] = "does not allow"
	}
	noIdentity := res.External && !res.IdentitySideUnknown // a service, a provider, anonymous
	switch {
	case res.IdentitySideUnknown:
		// The evaluator takes the unknown side to allow; say it is unknown.
		notes[3] = "unknown — account " + clean(res.PrincipalAccount) + " is not in the database; it must allow too"
	case noIdentity:
		notes[3] = "none: a service has no identity side"
		if res.PrincipalKind == evaluator.PrincipalAnonymous {
			notes[3] = "none: an anonymous request has no identity side"
		}
		applies[3] = false
	case res.PrincipalKind == evaluator.PrincipalRoot && res.IdentityPoliciesAllow:
		notes[3] = "allow: the root user's rule"
	case res.IdentityPoliciesAllow && res.IdentityDecision == evaluator.ExplicitDeny:
		notes[3] = "allow, but a Deny applies"
	case res.IdentityPoliciesAllow:
		notes[3] = "allow"
	default:
		notes[3] = "no Allow"
	}
	if noIdentity && !res.Org.Applies {
		notes[1] = "none: SCPs limit accounts' principals"
		applies[1] = false
	}
	switch {
	case res.IdentitySideUnknown:
		notes[4] = "unknown"
		applies[4] = false
	case !res.Boundary.Applies:
		notes[4] = "none"
	case res.Boundary.Allowed:
		notes[4] = "allows"
	default:
		notes[4] = "does not allow"
	}
	notes[5] = "none"
	if m.out.req.SessionPolicy != nil {
		notes[5] = "checked"
	}
	notes[6] = "not reached"
	if decided == 6 {
		notes[6] = "nothing allows"
	}
	for i := range steps {
		steps[i].note = notes[i]
		switch {
		case i == decided:
			steps[i].mark, steps[i].decided = "▶", true
		case i < decided && applies[i]:
			steps[i].mark = "✓"
		case i > decided && allowed && applies[i] && i < 6:
			// After an Allow at the resource or identity step, the
			// boundary and session policy still had to allow.
			steps[i].mark = "✓"
		case i > decided && !allowed:
			steps[i].mark, steps[i].note = "·", "not reached"
		default:
			steps[i].mark = "·"
		}
		if i == 3 && res.IdentitySideUnknown && !steps[i].decided && steps[i].note != "not reached" {
			steps[i].mark = "?"
		}
	}
	return steps
}

func (m Model) decidedStyle() func(...string) string { return m.decidedLipgloss().Render }

// decidedLipgloss is the style of the step that decided, in the
// decision's colour.
func (m Model) decidedLipgloss() lipgloss.Style {
	s := &m.styles
	if !m.out.ok {
		return s.StepDecided
	}
	switch m.out.res.Decision {
	case evaluator.Allowed:
		return s.StepDecided.Inherit(s.AllowText)
	case evaluator.ExplicitDeny:
		return s.StepDecided.Inherit(s.DenyText)
	}
	return s.StepDecided.Inherit(s.NoneText)
}

func (m Model) flowCompact(w int) string {
	s := &m.styles
	parts := make([]string, 0, 7)
	for _, st := range m.flow() {
		t := st.mark + st.short
		switch {
		case st.decided:
			parts = append(parts, m.decidedStyle()(t))
		case st.mark == "✓":
			parts = append(parts, s.StepPassed.Render(t))
		default:
			parts = append(parts, s.StepSkipped.Render(t))
		}
	}
	return fit(strings.Join(parts, s.Rule.Render(" › ")), w)
}

func (m Model) flowVertical(w int) []string {
	s := &m.styles
	out := []string{fit(s.StatementHeader.Render("Evaluation logic"), w)}
	for _, st := range m.flow() {
		name := fmt.Sprintf("%s %d %-24s", st.mark, st.num, st.long)
		nw := ansi.StringWidth(name) + 1
		note, nameSt, noteSt := st.note, s.StepSkipped, s.StepSkipped
		switch {
		case st.decided:
			note += "  ◀ decided"
			nameSt, noteSt = m.decidedLipgloss(), m.decidedLipgloss()
		case st.mark == "✓" || st.mark == "?":
			nameSt, noteSt = s.StepPassed, s.Hint
		}
		// A long note (an outsider's unknown identity side) wraps under
		// the notes' column rather than being cut.
		lines := wrapStyled(noteSt, note, max(1, w-nw), "", 3)
		for j, l := range lines {
			head := nameSt.Render(name) + " "
			if j > 0 {
				head = strings.Repeat(" ", nw)
			}
			out = append(out, fit(head+l, w))
		}
	}
	return out
}

// missing lists the context keys the decision wanted and the request
// lacked, wrapped to at most n lines (always n lines).
func (m Model) missing(w, n int) []string {
	var out []string
	if m.out.ok && len(m.out.res.MissingContextValues) > 0 {
		keys := make([]string, len(m.out.res.MissingContextValues))
		for i, k := range m.out.res.MissingContextValues {
			keys[i] = clean(k)
		}
		out = wrapStyled(m.styles.Missing, "Missing context: "+strings.Join(keys, ", ")+" (alt+m adds them)", w, "", n)
	}
	return pad(out, w, n)
}

// wrapStyled wraps plain text to w cells, indents continuation lines, and
// styles each line; at most n lines, the last cut with an ellipsis.
func wrapStyled(st lipgloss.Style, text string, w int, indent string, n int) []string {
	if n <= 0 {
		return nil
	}
	lines := strings.Split(ansi.Wrap(text, max(1, w-len(indent)), " /,"), "\n")
	if len(lines) > n {
		// More than fits: the last line takes what it can of the rest,
		// ending with an ellipsis.
		rest := lines[n-1]
		for _, l := range lines[n:] {
			if !strings.HasSuffix(rest, "/") {
				rest += " "
			}
			rest += l
		}
		lines = append(lines[:n-1], ansi.Truncate(rest, max(1, w-len(indent)), "…"))
		if n == 1 {
			lines[0] = ansi.Truncate(rest, w, "…")
		}
	}
	out := make([]string, 0, len(lines))
	for i, l := range lines {
		if i > 0 {
			l = indent + l
		}
		out = append(out, fit(st.Render(l), w))
	}
	return out
}

func pad(out []string, w, n int) []string {
	if len(out) > n {
		out = out[:n]
	}
	for len(out) < n {
		out = append(out, strings.Repeat(" ", w))
	}
	return out
}

// explain is the slow path's account: for an implicit deny the near
// misses, each with the element that failed; in the wide layout (n > 3)
// also the evaluator's summary of other decisions, which the narrow one
// leaves to the banner.
func (m Model) explain(w, n int) []string {
	s := &m.styles
	out := make([]string, 0, n)
	exp := m.Explanation()
	switch {
	case n == 0:
	case m.out.ok && m.expSeq == m.seq && m.expErr != nil:
		out = append(out, fit(s.Hint.Render("no explanation: "+clean(m.expErr.Error())), w))
	case exp == nil:
	case m.out.res.Decision == evaluator.ImplicitDeny && len(exp.Nearest) > 0:
		out = m.traceList(out, w, n, s.StatementHeader.Render("Near misses"), "near miss: ", s.NearMiss, exp.Nearest,
			func(t *evaluator.StatementTrace) string { return ": " + clean(t.Failed) })
	case m.out.res.Decision == evaluator.ExplicitDeny && len(exp.Overridden) > 0:
		out = m.traceList(out, w, n, s.StatementHeader.Render("Allows the Deny overrides")+s.Hint.Render(" · alt+n shows them"),
			"overridden: ", s.Hint, exp.Overridden,
			func(t *evaluator.StatementTrace) string {
				return fmt.Sprintf(" (line %d) would allow it; an explicit Deny wins", t.Start.Line)
			})
	case exp.Summary != "" && n > 3:
		out = append(out, wrapStyled(s.Hint, clean(exp.Summary), w, "", n)...)
	}
	return pad(out, w, n)
}

// traceList lists statements under the answer, one entry each, wrapped,
// within n lines: under a title in the wide layout (n > 3), else each
// after a prefix that says what it is.
func (m Model) traceList(out []string, w, n int, title, prefix string, st lipgloss.Style,
	ts []evaluator.StatementTrace, tail func(*evaluator.StatementTrace) string) []string {
	if n > 3 {
		out = append(out, fit(title, w))
		prefix = "• "
	}
	for i := range ts {
		if len(out) >= n {
			break
		}
		t := &ts[i]
		out = append(out, wrapStyled(st, prefix+clean(t.Label())+" in "+clean(t.PolicyName)+tail(t), w, "  ", n-len(out))...)
	}
	return out
}

// statementHeader names the statement the viewer shows: policy, type,
// line and column.
func (m Model) statementHeader(w int) string {
	s := &m.styles
	sts := m.statements()
	if len(sts) == 0 {
		msg := ""
		switch {
		case m.mode == WhoCanMode:
			msg = "the statement that allows the selected principal appears here"
		case m.out.ok && m.out.res.Step == evaluator.StepRootUser:
			msg = "no policy is read: AWS refuses the root user's credentials for sts:AssumeRole"
		case m.out.ok && m.out.res.PrincipalKind == evaluator.PrincipalRoot && m.out.res.Decision == evaluator.Allowed:
			msg = "no statement: " + evaluator.RootUserRule
		case m.out.ok && m.out.res.Decision == evaluator.ImplicitDeny:
			msg = "no statement allows this request"
			if m.Explanation() == nil && m.expSeq != m.seq {
				msg += " · looking for near misses…"
			}
		case m.out.ok:
			msg = "no statement text to show"
		}
		return fit(s.Hint.Render(msg), w)
	}
	i := min(m.stmt, len(sts)-1)
	st := sts[i]
	sid := clean(st.Label())
	effect := s.AllowText.Render(st.Effect.String())
	if st.Effect.String() == "Deny" {
		effect = s.DenyText.Render("Deny")
	}
	label := ""
	switch {
	case m.mode != CanMode || !m.out.ok:
	case len(m.out.res.Matched) == 0:
		label = s.Missing.Render("nearest ")
	case i >= len(m.out.res.Matched):
		label = s.Missing.Render("overridden ")
	}
	h := label + effect + " " + s.StatementHeader.Render(sid) + s.Hint.Render(" in ") +
		s.StatementHeader.Render(clean(st.PolicyName)) +
		s.Hint.Render(" · "+m.positionText(st)+" · "+st.PolicyType.String())
	if len(sts) > 1 {
		h += s.Hint.Render(fmt.Sprintf(" · %d/%d alt+n", i+1, len(sts)))
	}
	return fit(h, w)
}

// positionText is where a statement starts, as the CLI and AWS's JSON say
// it (the stored text); a compact document, which the viewer shows
// indented, also gets the line the viewer highlights.
func (m Model) positionText(st evaluator.MatchedStatement) string {
	stored := fmt.Sprintf("line %d, col %d", st.Start.Line, st.Start.Column)
	if !m.viewerOK || m.viewDoc != st.Document || m.viewAt != st.Start || m.viewShownAt == st.Start {
		return stored
	}
	return fmt.Sprintf("%s (shown indented at line %d)", stored, m.viewShownAt.Line)
}

// whoList is the who-can answer in n lines: a header, the entries (a
// public grant first and loud; the users and roles, one line each; the
// outsiders the resource's policy lets in, each with what it stands for
// and the conditions that must hold), and what the request's missing
// context keys held back.
func (m Model) whoList(w, n int) []string {
	s := &m.styles
	out := make([]string, 0, n)
	act := clean(strings.TrimSpace(m.action.Value()))
	res := clean(m.out.req.Resource)
	current := m.whoSeq == m.seq || !m.whoBusy
	switch {
	case m.out.prompt != "":
		out = append(out, fit(s.Hint.Render(m.out.prompt), w))
	case m.whoErr != nil:
		out = append(out, fit(s.Error.Render("✖ "+clean(m.whoErr.Error())), w))
	case !current:
		out = append(out, fit(s.Hint.Render("asking every principal…"), w))
	default:
		inDB := 0
		if m.who != nil {
			inDB = len(m.who.Principals)
		}
		word := "principals"
		if inDB == 1 {
			word = "principal"
		}
		h := s.StatementHeader.Render(fmt.Sprintf("%d %s", inDB, word)) +
			s.Hint.Render(" can do ") + s.Text.Render(act) + s.Hint.Render(" on ") + s.Text.Render(res)
		if m.who != nil && len(m.who.External) > 0 {
			// The outsiders' count on the same line when it fits.
			more := fmt.Sprintf("%d more outside the database", len(m.who.External))
			if ansi.StringWidth(h)+3+len(more) <= w {
				h += s.Hint.Render(" · " + more)
			} else {
				out = append(out, fit(h, w))
				h = s.Hint.Render(more)
			}
		}
		out = append(out, fit(h, w))
	}
	if !current || m.who == nil || m.out.prompt != "" || m.whoErr != nil {
		return pad(out, w, n)
	}
	// The summary of missing context keys takes the last lines, when
	// there is room for entries above it.
	summary := m.whoMissing(w, min(3, max(0, n-len(out)-2)))
	rows := m.whoRows()
	// The names' column is as wide as the longest name, at most 24 cells.
	nameW := 4
	for _, r := range rows {
		if r.db != nil {
			nameW = max(nameW, min(24, ansi.StringWidth(clean(r.db.Principal.Name))))
		}
	}
	// Only the entries on screen are drawn: there may be thousands.
	blocks := map[int][]string{}
	block := func(i int) []string {
		b, ok := blocks[i]
		if !ok {
			b = m.whoBlock(rows[i], i, w, nameW, act, res)
			blocks[i] = b
		}
		return b
	}
	room := n - len(out) - len(summary)
	// Scroll so that the selected entry is whole on screen: back from it
	// while the entries above still fit.
	first := min(m.whoSel, max(0, len(rows)-1))
	for used := 0; first >= 0 && first < len(rows); first-- {
		if used += len(block(first)); used > room {
			break
		}
	}
	first = max(0, first+1)
	if first > m.whoSel {
		first = m.whoSel // taller than the room: its start at the top
	}
	for i := first; i < len(rows) && len(out) < n-len(summary); i++ {
		for _, l := range block(i) {
			if len(out) >= n-len(summary) {
				break
			}
			out = append(out, l)
		}
	}
	if len(summary) > 0 && len(out) < n-len(summary) {
		out = append(out, strings.Repeat(" ", w))
	}
	return pad(append(out, summary...), w, n)
}

// shortPolicyName names a statement's policy in a list: a trust policy by
// its role ("trust of PartTimeChef"), a resource policy by the resource
// part of its ARN; others by name.
func shortPolicyName(st *evaluator.MatchedStatement) string {
	switch st.PolicyType {
	case evaluator.Trust:
		name := st.PolicyName
		if i := strings.LastIndexByte(name, '/'); i >= 0 {
			name = name[i+1:]
		}
		return "trust of " + name
	case evaluator.ResourceBased:
		return lastSegment(st.PolicyName)
	}
	return st.PolicyName
}

// whoBlock draws one entry of the who-can list: a line for a user or role;
// for an outsider also what it stands for, then the conditions its grant
// needs ("if …") and the keys the request did not give.
func (m Model) whoBlock(r whoRow, i, w, nameW int, act, res string) []string {
	s := &m.styles
	sel := i == m.whoSel
	// Every row has a two-cell gutter, so the selected one's marker does
	// not shift it.
	gutter := "  "
	if sel {
		gutter = "› "
	}
	// The deciding statement: for a user or role, its policy and the
	// statement; for an outsider the statement of the resource's own
	// policy (the viewer names the policy).
	var why string
	if ms := r.matched(); len(ms) > 0 {
		why = clean(ms[0].Label())
		if r.db != nil {
			why = clean(shortPolicyName(&ms[0])) + " › " + why
		}
	}
	var lines []string
	// detail adds an outsider's line of detail, wrapped under the entry
	// (two lines at most).
	detail := func(st lipgloss.Style, text string) {
		for _, l := range wrapStyled(st, text, max(1, w-4), "  ", 2) {
			lines = append(lines, "    "+l)
		}
	}
	switch {
	case r.db != nil:
		e := r.db
		lines = append(lines, gutter+s.AllowText.Render("✔")+" "+s.Hint.Render(fmt.Sprintf("%-4s ", e.Principal.Kind))+
			s.Text.Render(fmt.Sprintf("%-*s", nameW, clean(e.Principal.Name)))+"  "+s.Hint.Render(why))
	case r.ext.Public:
		loud := s.DenyText.Bold(true)
		for j, l := range wrapStyled(loud, "⚠ PUBLIC: ANYONE may "+act+" on "+res, max(1, w-2), "  ", 2) {
			if j == 0 {
				l = gutter + l
			} else {
				l = "  " + l
			}
			lines = append(lines, l)
		}
		detail(loud, clean(r.ext.Description))
	default:
		x := r.ext
		mark := s.AllowText.Render("✔")
		if len(x.NeedsContext) > 0 {
			mark = s.NoneText.Render("?") // only if conditions on keys not given hold
		}
		lines = append(lines, gutter+mark+" "+s.Missing.Render("outsider")+" "+s.Hint.Render(x.Kind.String()+" ")+
			s.Text.Render(clean(x.Principal)))
		detail(s.Hint, clean(x.Description))
	}
	if x := r.ext; x != nil {
		// The grant, with the conditions that must hold.
		grant := "granted by " + why
		if len(x.Conditions) > 0 {
			grant += " if " + clean(strings.Join(x.Conditions, " and "))
		}
		detail(s.Hint, grant)
		if len(x.NeedsContext) > 0 {
			detail(s.Missing, "the request did not give "+clean(strings.Join(x.NeedsContext, ", "))+": allowed only if the conditions hold")
		}
	}
	for j, l := range lines {
		l = fit(l, w)
		if sel && m.focus.kind == fResults {
			l = s.ListSelected.Render(ansi.Strip(l))
		}
		lines[j] = l
	}
	return lines
}

// whoMissing says, in at most n lines, which context keys the request did
// not give and whom suitable values of them would allow: "the request did
// not give aws:MultiFactorAuthPresent; 1 more principal would be allowed
// with suitable values of aws:MultiFactorAuthPresent: analyst".
func (m Model) whoMissing(w, n int) []string {
	if n <= 0 || m.who == nil || len(m.who.MissingContextValues) == 0 {
		return nil
	}
	keys := make([]string, len(m.who.MissingContextValues))
	for i, k := range m.who.MissingContextValues {
		keys[i] = clean(k)
	}
	text := "the request did not give " + strings.Join(keys, ", ")
	// Group the principals by the keys they need, as the CLI does.
	groups := map[string][]string{}
	var order []string
	for _, c := range m.who.Conditional {
		k := strings.Join(c.Keys, ", ")
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], clean(c.Principal.Name))
	}
	sort.Strings(order)
	if len(order) == 0 {
		text += ", which some statements read"
	}
	for _, k := range order {
		names := groups[k]
		more := "more principal would be allowed"
		if len(names) > 1 {
			more = "more principals would be allowed"
		}
		shown := names
		if len(shown) > 12 { // three lines hold no more
			shown = append(shown[:12:12], fmt.Sprintf("and %d more", len(names)-12))
		}
		text += fmt.Sprintf("; %d %s with suitable values of %s: %s", len(names), more, clean(k), strings.Join(shown, ", "))
	}
	text += " (alt+m adds the keys)"
	return wrapStyled(m.styles.Missing, text, w, "  ", n)
}

// overlayPopup draws the suggestions under the focused field.
func (m Model) overlayPopup(lines []string, at fieldPos) {
	p := &m.popup
	s := &m.styles
	n := min(popupRows, len(p.items)-p.top)
	tw, dw := 0, 0
	for _, it := range p.items[p.top : p.top+n] {
		tw = max(tw, ansi.StringWidth(clean(it.text)))
		dw = max(dw, ansi.StringWidth(clean(it.detail)))
	}
	pw := tw + 2
	if dw > 0 {
		pw += dw + 2
	}
	pw = min(pw, m.width-at.x, 90)
	if pw < 6 {
		return
	}
	for i := 0; i < n; i++ {
		y := at.line + 1 + i
		if y >= len(lines) {
			break
		}
		idx := p.top + i
		it := p.items[idx]
		st, dst := s.Popup, s.PopupDetail
		if idx == p.sel {
			st, dst = s.PopupSelected, s.PopupSelected
		}
		name, det := clean(it.text), clean(it.detail)
		inner := pw - 2
		var cell string
		if det != "" && inner >= ansi.StringWidth(name)+ansi.StringWidth(det)+1 {
			gap := inner - ansi.StringWidth(name) - ansi.StringWidth(det)
			cell = st.Render(" "+name+strings.Repeat(" ", gap)) + dst.Render(det+" ")
		} else {
			name = ansi.Truncate(name, inner, "…")
			cell = st.Render(" " + name + strings.Repeat(" ", max(0, inner-ansi.StringWidth(name))) + " ")
		}
		line := lines[y]
		lines[y] = ansi.Truncate(line, at.x, "") + cell + ansi.TruncateLeft(line, at.x+pw, "")
	}
}
