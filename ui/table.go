package ui

import (
	"sort"
	"strings"

	"iamtui/themes"
)

// column describes one column of a table.
type column struct {
	title string
	max   int  // widest the column gets from its content
	flex  bool // takes the width the others leave (the name)
	right bool // numbers align right
	prio  int  // when the terminal is narrow, lower priorities go first
}

// row is one entity in a table. Cells are sanitised once, when the rows are
// built, so that a frame never sanitises.
type row struct {
	key    string   // stable identity (lower-case name, or ARN) to keep the selection
	cells  []string // display text, sanitised, one per column
	search string   // lower-case extra text the filter also looks in (path, ARN, tags)
	faint  bool     // shown subtler (AWS-managed policies)
	// What the sort orders by: created and last used (Unix seconds, 0
	// for never) and a count (policies, users of a policy).
	created, used int64
	count         int
}

// sortBy is a list's order; o cycles through the ones a pane has.
type sortBy uint8

const (
	sortAccount sortBy = iota // as the account lists them (imported order)
	sortName
	sortCreated
	sortUsed
	sortCount
)

// table is a filterable, scrollable list of rows that renders only what is
// on screen, so its cost per keystroke does not grow with the account.
type table struct {
	noun    string // "users", for "No users match"
	cols    []column
	maxW    []int // widest cell per column, computed when rows are set
	rows    []row
	view    []int // rows shown, in order, after the filter
	cursor  int   // index into view
	offset  int   // first row of view on screen
	query   string
	lq      string // lower-case query without the leading "!"
	invert  bool
	height  int // rows on screen (without the header), from the last View
	scored  []scoredRow
	posBuf  []int
	allView []int // identity view, reused when the filter is empty
	order   sortBy
}

type scoredRow struct {
	idx, score int
}

func newTable(noun string, cols []column) *table {
	return &table{noun: noun, cols: cols, height: 10}
}

// SetRows replaces the rows, keeping the selection on the same entity when
// it is still there (a reload or an edit must not lose the user's place).
func (t *table) SetRows(rows []row) {
	key := ""
	if r := t.Selected(); r != nil {
		key = r.key
	}
	t.rows = rows
	t.maxW = make([]int, len(t.cols))
	for i, c := range t.cols {
		t.maxW[i] = width(c.title)
	}
	for _, r := range rows {
		for i, c := range r.cells {
			if i < len(t.maxW) {
				if w := width(c); w > t.maxW[i] {
					t.maxW[i] = w
				}
			}
		}
	}
	t.allView = t.allView[:0]
	for i := range rows {
		t.allView = append(t.allView, i)
	}
	t.sortView(t.allView)
	t.applyFilter()
	if key != "" {
		t.SelectKey(key)
	}
}

// SelectKey moves the cursor to the row with the key, if shown.
func (t *table) SelectKey(key string) bool {
	for i, ri := range t.view {
		if t.rows[ri].key == key {
			t.cursor = i
			t.scrollToCursor()
			return true
		}
	}
	return false
}

// SetFilter filters as the user types: fuzzy on the name, substring on the
// rest; a leading "!" keeps the rows that do not match.
func (t *table) SetFilter(q string) {
	if q == t.query {
		return
	}
	t.query = q
	t.invert = strings.HasPrefix(q, "!")
	t.lq = lowerASCII(strings.TrimPrefix(q, "!"))
	t.applyFilter()
	t.cursor, t.offset = 0, 0
}

// Filter returns the query as typed.
func (t *table) Filter() string { return t.query }

func (t *table) applyFilter() {
	if t.lq == "" {
		t.view = t.allView
		t.clampCursor()
		return
	}
	t.scored = t.scored[:0]
	for i := range t.rows {
		r := &t.rows[i]
		score, _, ok := fuzzyMatch(r.cells[0], t.lq, nil)
		if !ok && strings.Contains(r.search, t.lq) {
			score, ok = -1000, true // a path or ARN hit ranks below any name hit
		}
		if ok != t.invert {
			t.scored = append(t.scored, scoredRow{i, score})
		}
	}
	if !t.invert && t.order == sortAccount {
		sort.SliceStable(t.scored, func(a, b int) bool { return t.scored[a].score > t.scored[b].score })
	}
	view := make([]int, len(t.scored))
	for i, s := range t.scored {
		view[i] = s.idx
	}
	if t.order != sortAccount {
		// A chosen order holds for the matches too.
		t.sortView(view)
	}
	t.view = view
	t.clampCursor()
}

// SetOrder orders the rows (keeping the selection).
func (t *table) SetOrder(o sortBy) {
	key := ""
	if r := t.Selected(); r != nil {
		key = r.key
	}
	t.order = o
	for i := range t.allView {
		t.allView[i] = i
	}
	t.sortView(t.allView)
	t.applyFilter()
	if key != "" {
		t.SelectKey(key)
	}
}

// sortView orders row indexes: names A to Z; dates and counts the
// newest or largest first (what is looked for), then by name.
func (t *table) sortView(v []int) {
	rows := t.rows
	if t.order == sortAccount || len(v) == 0 {
		return
	}
	names := make([]string, len(rows))
	for _, i := range v {
		names[i] = lowerASCII(rows[i].cells[0])
	}
	byName := func(a, b int) bool { return names[a] < names[b] }
	var less func(a, b int) bool
	switch t.order {
	case sortName:
		less = byName
	case sortCreated:
		less = func(a, b int) bool {
			if rows[a].created != rows[b].created {
				return rows[a].created > rows[b].created
			}
			return byName(a, b)
		}
	case sortUsed:
		less = func(a, b int) bool {
			if rows[a].used != rows[b].used {
				return rows[a].used > rows[b].used
			}
			return byName(a, b)
		}
	case sortCount:
		less = func(a, b int) bool {
			if rows[a].count != rows[b].count {
				return rows[a].count > rows[b].count
			}
			return byName(a, b)
		}
	default:
		return
	}
	sort.SliceStable(v, func(i, j int) bool { return less(v[i], v[j]) })
}

// Len is the number of rows shown; Total the number before filtering.
func (t *table) Len() int   { return len(t.view) }
func (t *table) Total() int { return len(t.rows) }

// Selected returns the row under the cursor, or nil.
func (t *table) Selected() *row {
	if t.cursor < 0 || t.cursor >= len(t.view) {
		return nil
	}
	return &t.rows[t.view[t.cursor]]
}

// Move moves the cursor by delta rows.
func (t *table) Move(delta int) {
	t.cursor += delta
	t.clampCursor()
}

// Top and Bottom jump to the ends.
func (t *table) Top()    { t.cursor = 0; t.clampCursor() }
func (t *table) Bottom() { t.cursor = len(t.view) - 1; t.clampCursor() }

// Page is the number of rows a full page moves.
func (t *table) Page() int { return max(1, t.height) }

// SetCursor selects the index-th shown row (mouse clicks).
func (t *table) SetCursor(i int) { t.cursor = i; t.clampCursor() }

func (t *table) clampCursor() {
	t.cursor = clamp(t.cursor, 0, max(0, len(t.view)-1))
	t.scrollToCursor()
}

func (t *table) scrollToCursor() {
	h := max(1, t.height)
	if t.cursor < t.offset {
		t.offset = t.cursor
	}
	if t.cursor >= t.offset+h {
		t.offset = t.cursor - h + 1
	}
	t.offset = clamp(t.offset, 0, max(0, len(t.view)-h))
}

// SetHeight sets how many rows fit under the header.
func (t *table) SetHeight(h int) {
	t.height = max(1, h)
	t.scrollToCursor()
}

// RowAt maps a screen line (0 = first row under the header) to a view index.
func (t *table) RowAt(line int) (int, bool) {
	i := t.offset + line
	if line < 0 || i >= len(t.view) {
		return 0, false
	}
	return i, true
}

// layout decides the width of each column for the available width; -1
// marks a column dropped because it does not fit. The name (flex) column
// first gets its natural width, up to flexWant: a name cut short is worse
// than a dropped column of counts; so columns go by priority until it
// fits, and any room left goes to the name.
func (t *table) layout(avail int) []int {
	const sep, flexWant, flexMin = 2, 36, 12 // flexMin: when nothing else is left
	ws := make([]int, len(t.cols))
	flex := -1
	for i, c := range t.cols {
		w := t.maxW[i]
		if c.max > 0 && w > c.max {
			w = c.max
		}
		if c.flex {
			flex = i
			w = min(w, flexWant)
		}
		ws[i] = w
	}
	total := func() int {
		n, sum := 0, 0
		for _, w := range ws {
			if w >= 0 {
				sum += w
				n++
			}
		}
		return sum + sep*max(0, n-1)
	}
	for total() > avail {
		drop, dropPrio := -1, 1<<30
		for i, c := range t.cols {
			if ws[i] >= 0 && !c.flex && c.prio < dropPrio {
				drop, dropPrio = i, c.prio
			}
		}
		if drop < 0 {
			break
		}
		ws[drop] = -1
	}
	if flex >= 0 {
		// The name takes what is left, but not much more than it needs:
		// on a wide terminal columns stay together and the blank goes to
		// the right.
		natural := ws[flex]
		ws[flex] = 0
		ws[flex] = min(max(avail-total(), min(flexMin, avail)), max(natural+8, 24))
	}
	return ws
}

// View renders the header and the visible rows in exactly width×height
// cells (height counts the header).
func (t *table) View(w, h int, focused bool, st *themes.Styles) string {
	t.SetHeight(h - 1)
	if w < 4 || h < 1 {
		return ""
	}
	ws := t.layout(w - 3) // the cursor gutter and a space on the left, a margin on the right
	var b strings.Builder
	b.Grow((w + 16) * h * 2)
	// Header.
	hdr := make([]string, 0, len(ws))
	for i, c := range t.cols {
		if ws[i] < 0 {
			continue
		}
		if c.right {
			hdr = append(hdr, fitRight(c.title, ws[i]))
		} else {
			hdr = append(hdr, fit(c.title, ws[i]))
		}
	}
	b.WriteString(st.Header.Render(fit("  "+strings.Join(hdr, "  "), w)))
	lines := 1
	if len(t.view) == 0 {
		msg := "No " + t.noun
		if t.query != "" {
			msg = "No " + t.noun + " match “" + t.query + "”  (esc clears the filter)"
		}
		b.WriteString("\n")
		b.WriteString(st.Muted.Render(fit("  "+msg, w)))
		lines++
	}
	end := min(len(t.view), t.offset+t.height)
	for vi := t.offset; vi < end; vi++ {
		b.WriteString("\n")
		b.WriteString(t.renderRow(vi, ws, w, focused, st))
		lines++
	}
	for ; lines < h; lines++ {
		b.WriteString("\n")
		b.WriteString(spaces(w))
	}
	return b.String()
}

func (t *table) renderRow(vi int, ws []int, w int, focused bool, st *themes.Styles) string {
	r := &t.rows[t.view[vi]]
	selected := vi == t.cursor && focused
	var b strings.Builder
	used := 2
	if selected {
		b.WriteString(st.Cursor.Render("▌"))
		b.WriteString(st.RowSelected.Render(" "))
	} else {
		b.WriteString("  ")
	}
	first := true
	for i, c := range t.cols {
		if ws[i] < 0 {
			continue
		}
		if !first {
			b.WriteString(t.cellStyle(selected, false, r, st).Render("  "))
			used += 2
		}
		cell := ""
		if i < len(r.cells) {
			cell = r.cells[i]
		}
		switch {
		case i == 0 && t.lq != "" && !t.invert:
			b.WriteString(t.highlight(cell, ws[i], selected, r, st))
		case c.right:
			b.WriteString(t.cellStyle(selected, i > 0, r, st).Render(fitRight(cell, ws[i])))
		default:
			s := t.cellStyle(selected, i > 0, r, st)
			if cell == "—" && !selected {
				s = st.Muted
			}
			b.WriteString(s.Render(fit(cell, ws[i])))
		}
		used += ws[i]
		first = false
	}
	if used < w {
		b.WriteString(t.cellStyle(selected, false, r, st).Render(spaces(w - used)))
	}
	return b.String()
}

func (t *table) cellStyle(selected, secondary bool, r *row, st *themes.Styles) lipglossStyle {
	switch {
	case selected:
		return st.RowSelected
	case r.faint || secondary:
		return st.Subtle
	}
	return st.Row
}

// highlight renders the name cell with the filter's matches emphasised.
func (t *table) highlight(cell string, w int, selected bool, r *row, st *themes.Styles) string {
	var ok bool
	_, t.posBuf, ok = fuzzyMatch(cell, t.lq, t.posBuf[:0])
	base, hi := st.Row, st.RowMatch
	if r.faint {
		base = st.Subtle
	}
	if selected {
		base, hi = st.RowSelected, st.RowSelectedMatch
	}
	text := fit(cell, w)
	if !ok || width(cell) != len(cell) {
		// Byte positions only line up with cells in ASCII.
		return base.Render(text)
	}
	limit := len(cell)
	if limit > w {
		limit = w - 1 // the rest became "…"
	}
	var b strings.Builder
	last := 0
	for _, p := range t.posBuf {
		if p >= limit || p < last {
			break
		}
		if p > last {
			b.WriteString(base.Render(text[last:p]))
		}
		b.WriteString(hi.Render(text[p : p+1]))
		last = p + 1
	}
	if last < len(text) {
		b.WriteString(base.Render(text[last:]))
	}
	return b.String()
}
