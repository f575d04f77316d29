package editor

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"iamtui/lint"
	"iamtui/sanitize"
)

const tabStop = 4

// cellText is what the terminal shows for r at visual column x and how
// many cells it takes. Control characters, invisible and bidirectional
// runes are shown as escapes (esc true) so policy text cannot drive the
// terminal or hide text; a tab is spaces to the next stop.
func cellText(r rune, x int) (s string, w int, esc bool) {
	if r >= 0x20 && r < 0x7f {
		return string(rune(r)), 1, false
	}
	if r == '\t' {
		n := tabStop - x%tabStop
		return strings.Repeat(" ", n), n, false
	}
	s = string(r)
	if r != utf8.RuneError && sanitize.Safe(s) {
		if w = ansi.StringWidth(s); w > 0 {
			return s, w, false
		}
	}
	if r < 0x100 {
		s = fmt.Sprintf(`\x%02x`, r)
	} else {
		s = fmt.Sprintf(`\u%04x`, r)
	}
	return s, len(s), true
}

func runeWidth(r rune, x int) int {
	if r >= 0x20 && r < 0x7f {
		return 1
	}
	_, w, _ := cellText(r, x)
	return w
}

// visualCol is the screen column of character col of l.
func visualCol(l []rune, col int) int {
	x := 0
	for i := 0; i < col && i < len(l); i++ {
		x += runeWidth(l[i], x)
	}
	return x
}

// colAtVisual is the character of l at screen column x (the one covering
// it), or the line's end.
func colAtVisual(l []rune, x int) int {
	vx := 0
	for i, r := range l {
		w := runeWidth(r, vx)
		if vx+w > x {
			return i
		}
		vx += w
	}
	return len(l)
}

// styleKey identifies the merged style of one character.
type styleKey struct {
	cls      class
	sev      lint.Category
	hl, sel  bool
	cur, esc bool
}

// styleSeq is a style reduced to the escape sequences around its text, when
// it is only colours and attributes: rendering a run is then two string
// appends instead of a lipgloss Render, which is most of a frame's cost.
type styleSeq struct {
	pre, suf string
	st       lipgloss.Style
	plain    bool // pre and suf are exact
}

func (q styleSeq) render(s string) string {
	if q.plain {
		return q.pre + s + q.suf
	}
	return q.st.Render(s)
}

func (m Model) seq(k styleKey) styleSeq {
	if q, ok := m.sh.styleCache[k]; ok {
		return q
	}
	st := m.style(k)
	q := styleSeq{st: st}
	const probe = "X"
	if out := st.Render(probe); strings.Count(out, probe) == 1 && ansi.Strip(out) == probe {
		i := strings.Index(out, probe)
		q.pre, q.suf, q.plain = out[:i], out[i+len(probe):], true
	}
	if m.sh.styleCache == nil {
		m.sh.styleCache = make(map[styleKey]styleSeq)
	}
	m.sh.styleCache[k] = q
	return q
}

func (m Model) style(k styleKey) lipgloss.Style {
	s := &m.styles
	var st lipgloss.Style
	switch k.cls {
	case clsKey:
		st = s.Key
	case clsString:
		st = s.String
	case clsNumber:
		st = s.Number
	case clsKeyword:
		st = s.Keyword
	case clsPunct:
		st = s.Punct
	case clsAllow:
		st = s.Allow
	case clsDeny:
		st = s.Deny
	default:
		st = s.Text
	}
	if k.esc {
		st = s.Escape.Inherit(st)
	}
	switch k.sev {
	case lint.Error, lint.SecurityWarning:
		st = s.ErrorSpan.Inherit(st)
	case lint.Warning:
		st = s.WarningSpan.Inherit(st)
	case lint.Suggestion:
		st = s.SuggestionSpan.Inherit(st)
	}
	if k.hl {
		st = s.Highlight.Inherit(st)
	}
	if k.sel {
		st = s.Selection.Inherit(st)
	}
	if k.cur {
		st = s.Cursor.Inherit(st)
	}
	return st
}

// colSpan is a range of columns [c0, c1) of one line carrying a severity.
type colSpan struct {
	c0, c1 int
	sev    lint.Category
}

// View renders the editor in exactly the size given by SetSize.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	header, textH, problems := m.layout()
	rows := make([]string, 0, m.height)
	if header > 0 {
		rows = append(rows, m.headerView())
	}
	rows = append(rows, m.textView(textH)...)
	if problems > 0 {
		rows = append(rows, m.problemsView(problems)...)
		rows = append(rows, m.statusView())
	}
	return strings.Join(rows, "\n")
}

// textView renders the visible lines with their gutter, and the completion
// popup over them.
func (m Model) textView(textH int) []string {
	w := m.width
	gw := m.gutterWidth()
	tw := m.textWidth()
	nd := gw - 3
	selA, selB := orderPos(m.anchor, m.cur)
	out := make([]string, 0, textH)
	var classes []class
	var spans []colSpan
	var sb, run strings.Builder
	for i := 0; i < textH; i++ {
		row := m.yoff + i
		if row >= len(m.lines) {
			out = append(out, strings.Repeat(" ", w))
			continue
		}
		line := m.lines[row]
		sb.Reset()
		// Findings touching this row, and the worst of them for the sign.
		spans = spans[:0]
		var worst lint.Category
		for _, f := range m.diags {
			a, b := findingStart(f), findingEnd(f)
			if row < a.row || row > b.row {
				continue
			}
			c0, c1 := 0, len(line)+1
			if a.row == row {
				c0 = a.col
			}
			if b.row == row {
				c1 = b.col
			}
			if c1 <= c0 {
				c1 = c0 + 1
			}
			spans = append(spans, colSpan{c0, c1, f.Category})
			worst = max(worst, f.Category)
		}
		// Gutter: number, then the sign of the worst finding.
		num := strconv.Itoa(row + 1)
		num = strings.Repeat(" ", nd-len(num)) + num
		if row == m.cur.row {
			sb.WriteString(m.styles.LineNumberActive.Render(num))
		} else {
			sb.WriteString(m.styles.LineNumber.Render(num))
		}
		sb.WriteByte(' ')
		if worst == 0 && m.hl && row >= m.hlA.row && row <= m.hlB.row {
			// The highlighted span is marked in the gutter too, so it
			// shows without colour.
			sb.WriteString(m.styles.Highlight.Render("▌"))
		} else {
			sb.WriteString(m.sign(worst))
		}
		if m.xoff > 0 && len(line) > 0 {
			// Text scrolled out of view on the left.
			sb.WriteString(m.styles.LineNumber.Render("‹"))
		} else {
			sb.WriteByte(' ')
		}

		classes = classify(line, classes)
		vx, used := 0, 0
		clipped := false
		var cur styleKey
		started := false
		flush := func() {
			if run.Len() > 0 {
				sb.WriteString(m.seq(cur).render(run.String()))
				run.Reset()
			}
		}
		for col := 0; col <= len(line); col++ {
			var s string
			var cw int
			k := styleKey{}
			if col < len(line) {
				s, cw, k.esc = cellText(line[col], vx)
				k.cls = classes[col]
			} else {
				s, cw = " ", 1
			}
			p := pos{row, col}
			for _, sp := range spans {
				if col >= sp.c0 && col < sp.c1 && sp.sev > k.sev {
					k.sev = sp.sev
				}
			}
			k.hl = m.hl && !p.before(m.hlA) && !m.hlB.before(p)
			k.sel = m.sel && !p.before(selA) && p.before(selB)
			k.cur = m.focused && p == m.cur
			if col == len(line) && !k.cur && !k.sel && k.sev == 0 {
				break
			}
			if vx+cw <= m.xoff {
				vx += cw
				continue
			}
			if vx >= m.xoff+tw {
				clipped = true
				break
			}
			if vx < m.xoff || vx+cw > m.xoff+tw {
				clipped = clipped || vx+cw > m.xoff+tw
				// A wide character or an escape cut by an edge of the view.
				lo, hi := max(m.xoff-vx, 0), min(cw, m.xoff+tw-vx)
				if k.esc {
					s = s[lo:hi]
				} else {
					s = strings.Repeat(" ", hi-lo)
				}
				cw = hi - lo
				vx = max(vx, m.xoff)
			}
			if !started || k != cur {
				flush()
				cur, started = k, true
			}
			run.WriteString(s)
			vx += cw
			used += cw
		}
		flush()
		if used < tw {
			sb.WriteString(strings.Repeat(" ", tw-used))
		}
		// The last column says whether the line goes on past the view.
		if clipped {
			sb.WriteString(m.styles.LineNumber.Render("›"))
		} else {
			sb.WriteByte(' ')
		}
		out = append(out, sb.String())
	}
	if m.popup.open && len(m.popup.items) > 0 {
		m.overlayPopup(out, gw, tw)
	}
	return out
}

func (m Model) sign(c lint.Category) string {
	switch c {
	case lint.Error:
		return m.styles.Error.Render("✖")
	case lint.SecurityWarning:
		return m.styles.Security.Render("▲")
	case lint.Warning:
		return m.styles.Warning.Render("⚠")
	case lint.Suggestion:
		return m.styles.Suggestion.Render("•")
	}
	return " "
}

func (m Model) sevStyle(c lint.Category) lipgloss.Style {
	switch c {
	case lint.Error:
		return m.styles.Error
	case lint.SecurityWarning:
		return m.styles.Security
	case lint.Warning:
		return m.styles.Warning
	}
	return m.styles.Suggestion
}

func sevLabel(c lint.Category) string {
	switch c {
	case lint.Error:
		return "ERROR"
	case lint.SecurityWarning:
		return "SECURITY"
	case lint.Warning:
		return "WARNING"
	}
	return "SUGGESTION"
}

// fit truncates s (which may hold styles) to w cells and pads it to w.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if sw := ansi.StringWidth(s); sw > w {
		s = ansi.Truncate(s, w, "…")
	}
	if sw := ansi.StringWidth(s); sw < w {
		s += strings.Repeat(" ", w-sw)
	}
	return s
}

func (m Model) headerView() string {
	s := &m.styles
	left := s.Title.Render(sanitize.Line(m.title))
	if m.title == "" {
		left = s.Title.Render("policy")
	}
	// The kind, unless the title already says it ("Role · trust policy").
	lt := strings.ToLower(m.title)
	if kind := m.kind.String(); !strings.HasSuffix(lt, kind) && !strings.HasSuffix(lt, strings.Replace(kind, "-based", "", 1)) {
		left += s.Subtitle.Render(" · " + kind)
	}
	if m.readOnly {
		left += " " + s.ReadOnly.Render("read-only")
	} else if m.Modified() {
		left += " " + s.Modified.Render("● modified")
	}
	right := s.Subtitle.Render(fmt.Sprintf("Ln %d, Col %d", m.cur.row+1, m.cur.col+1))
	rw := ansi.StringWidth(right)
	if rw+2 > m.width {
		return fit(left, m.width)
	}
	return fit(left, m.width-rw-1) + " " + right
}

// problemsView is the rule with the counts and the list of findings.
func (m Model) problemsView(n int) []string {
	s := &m.styles
	w := m.width
	out := make([]string, 0, n)
	var counts [5]int
	for _, f := range m.diags {
		if int(f.Category) < len(counts) {
			counts[f.Category]++
		}
	}
	var title string
	switch {
	case len(m.diags) == 0:
		title = s.OK.Render("✓ no problems")
	default:
		parts := []string{}
		add := func(c lint.Category, one, many string) {
			if k := counts[c]; k > 0 {
				word := one
				if k > 1 {
					word = many
				}
				parts = append(parts, m.sevStyle(c).Render(fmt.Sprintf("%d %s", k, word)))
			}
		}
		add(lint.Error, "error", "errors")
		add(lint.SecurityWarning, "security warning", "security warnings")
		add(lint.Warning, "warning", "warnings")
		add(lint.Suggestion, "suggestion", "suggestions")
		title = strings.Join(parts, s.Rule.Render(" · "))
	}
	if m.parseErr != nil {
		title += s.Error.Render("  does not parse: cannot be saved")
	} else if len(m.diags) > 0 {
		title += s.OK.Render("  parses: can be saved")
	}
	rule := s.Rule.Render("── ") + s.Rule.Render("Problems ") + title + " "
	if rw := ansi.StringWidth(rule); rw < w {
		rule += s.Rule.Render(strings.Repeat("─", w-rw))
	}
	out = append(out, fit(rule, w))

	rowsN := n - 1
	cur := m.diagAt(m.cur)
	if cur < 0 {
		cur = m.diagSel
	}
	first := 0
	if cur >= rowsN {
		first = cur - rowsN + 1
	}
	for i := 0; i < rowsN; i++ {
		idx := first + i
		if idx >= len(m.diags) {
			if idx == 0 {
				out = append(out, fit(s.Hint.Render("  the policy parses and lint has nothing to say"), w))
				continue
			}
			out = append(out, strings.Repeat(" ", w))
			continue
		}
		if i == rowsN-1 && idx < len(m.diags)-1 {
			more := len(m.diags) - idx
			out = append(out, fit(s.Hint.Render(fmt.Sprintf("  … %d more (f8 next problem)", more)), w))
			continue
		}
		f := m.diags[idx]
		marker := "  "
		if idx == cur {
			marker = "› "
		}
		line := marker + m.sign(f.Category) + " " +
			m.sevStyle(f.Category).Render(fmt.Sprintf("%-10s", sevLabel(f.Category))) + " " +
			s.DiagPos.Render(fmt.Sprintf("%-7s", fmt.Sprintf("%d:%d", f.Pos.Line, f.Pos.Column))) + " " +
			s.DiagCode.Render(sanitize.Line(f.Code)) + "  " +
			s.DiagMessage.Render(sanitize.Line(f.Message))
		line = fit(line, w)
		if idx == cur {
			line = s.DiagSelected.Render(line)
		}
		out = append(out, line)
	}
	return out
}

// statusView is the last line: the prompt, a message, the description of
// the completion, the finding under the cursor, or a hint.
func (m Model) statusView() string {
	s := &m.styles
	w := m.width
	switch {
	case m.confirming:
		if m.parseErr != nil {
			return fit(s.Confirm.Render("Unsaved changes, and the policy does not parse: d discard · esc keep editing"), w)
		}
		return fit(s.Confirm.Render("Unsaved changes: s save and close · d discard · esc keep editing"), w)
	case m.status != "":
		if m.statusErr {
			return fit(s.StatusError.Render(sanitize.Line(m.status)), w)
		}
		return fit(s.Status.Render(sanitize.Line(m.status)), w)
	case m.popup.open && len(m.popup.items) > 0:
		it := m.popup.items[m.popup.sel]
		if it.desc != "" {
			return fit(s.Hint.Render(sanitize.Line(it.text+": "+it.desc)), w)
		}
	}
	if i := m.diagAt(m.cur); i >= 0 {
		f := m.diags[i]
		msg := m.sevStyle(f.Category).Render(sevLabel(f.Category)) + " " + s.Status.Render(sanitize.Line(f.Message))
		if f.Suggestion != "" && !m.readOnly {
			// The fix first: the message is also in the problems list.
			msg = s.Confirm.Render("alt+enter → "+sanitize.Line(f.Suggestion)) + s.Hint.Render(" │ ") + msg
		}
		return fit(msg, w)
	}
	if m.noHints {
		return strings.Repeat(" ", w)
	}
	if m.readOnly {
		return fit(s.Hint.Render("read-only · esc close"), w)
	}
	return fit(s.Hint.Render("ctrl+s save · esc close · ctrl+space complete · f8 next problem · ctrl+e $EDITOR"), w)
}
