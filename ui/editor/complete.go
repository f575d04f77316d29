package editor

import (
	"sort"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"iamtui/catalog"
	"iamtui/model/policy"
	"iamtui/sanitize"
)

const (
	popupRows  = 8
	popupLimit = 200
)

type item struct {
	text   string // inserted
	detail string // access level, key type...
	desc   string // shown on the status line
}

// completion is the state of the popup.
type completion struct {
	open     bool
	items    []item
	sel, top int
	from, to pos // the string content the accepted item replaces
}

func (c *completion) move(n int) {
	if len(c.items) == 0 {
		return
	}
	c.sel = max(0, min(c.sel+n, len(c.items)-1))
	if c.sel < c.top {
		c.top = c.sel
	}
	if c.sel >= c.top+popupRows {
		c.top = c.sel - popupRows + 1
	}
}

// ctxKind is what the string under the cursor is, as far as completion
// cares.
type ctxKind uint8

const (
	ctxNone ctxKind = iota
	ctxAction
	ctxEffect
	ctxVersion
	ctxTopKey
	ctxStatementKey
	ctxPrincipalKey
	ctxOperator
	ctxCondKey
)

type frame struct {
	obj       bool
	key       string
	expectKey bool
}

// jsonContext reads text up to the cursor with a tolerant scanner (the text
// is usually invalid while being typed) and says whether the cursor is in a
// string, where that string starts, and which keys lead to it.
func jsonContext(text string) (kind ctxKind, start int) {
	var stack []frame
	in := false
	strStart := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		if in {
			switch c {
			case '\\':
				i++
			case '"':
				in = false
				if n := len(stack); n > 0 && stack[n-1].obj && stack[n-1].expectKey {
					stack[n-1].key = text[strStart:i]
				}
			case '\n':
				in = false
			}
			continue
		}
		switch c {
		case '"':
			in, strStart = true, i+1
		case ':':
			if n := len(stack); n > 0 && stack[n-1].obj {
				stack[n-1].expectKey = false
			}
		case ',':
			if n := len(stack); n > 0 && stack[n-1].obj {
				stack[n-1].expectKey = true
				stack[n-1].key = ""
			}
		case '{':
			stack = append(stack, frame{obj: true, expectKey: true})
		case '[':
			stack = append(stack, frame{})
		case '}', ']':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
	if !in || len(stack) == 0 {
		return ctxNone, 0
	}
	// objKeys lists the keys of the enclosing objects, innermost first,
	// skipping arrays; isKey says the string is a key of the innermost.
	var objKeys []string
	for i := len(stack) - 1; i >= 0; i-- {
		if stack[i].obj {
			objKeys = append(objKeys, stack[i].key)
		}
	}
	top := stack[len(stack)-1]
	isKey := top.obj && top.expectKey
	at := func(i int) string {
		if i < len(objKeys) {
			return objKeys[i]
		}
		return ""
	}
	depth := len(objKeys)
	if isKey {
		// The key being typed is not one of objKeys yet: objKeys[0] is the
		// innermost object's previous key, so look at the parents.
		switch {
		case depth == 1:
			return ctxTopKey, strStart
		case at(1) == "Statement":
			return ctxStatementKey, strStart
		case at(1) == "Principal" || at(1) == "NotPrincipal":
			return ctxPrincipalKey, strStart
		case at(1) == "Condition":
			return ctxOperator, strStart
		case at(2) == "Condition":
			return ctxCondKey, strStart
		}
		return ctxNone, 0
	}
	switch k := at(0); {
	case k == "Action" || k == "NotAction":
		return ctxAction, strStart
	case k == "Effect":
		return ctxEffect, strStart
	case k == "Version" && depth == 1:
		return ctxVersion, strStart
	}
	return ctxNone, 0
}

var (
	topKeys       = []string{"Version", "Id", "Statement"}
	statementKeys = []string{"Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"}
	principalKeys = []string{"AWS", "Service", "Federated", "CanonicalUser"}
	effects       = []string{"Allow", "Deny"}
	versions      = []string{policy.Version2012, policy.Version2008}
	operators     = func() []string {
		ops := policy.BaseOperators()
		sort.Strings(ops)
		out := append([]string(nil), ops...)
		for _, o := range ops {
			if o != "Null" {
				out = append(out, o+"IfExists")
			}
		}
		for _, q := range []string{"ForAnyValue:", "ForAllValues:"} {
			for _, o := range ops {
				if o != "Null" {
					out = append(out, q+o)
				}
			}
		}
		return out
	}()
)

// refreshCompletion recomputes the popup for the cursor's context. force
// opens it even before anything is typed (ctrl+space).
func (m *Model) refreshCompletion(force bool) {
	m.popup.open = false
	if m.readOnly || !m.focused {
		return
	}
	line := m.lines[m.cur.row]
	if !inString(line, m.cur.col) {
		return
	}
	off := offsetOf(m.lines, m.cur)
	kind, start := jsonContext(m.text[:off])
	if kind == ctxNone {
		return
	}
	from := posOf(m.text, start)
	if from.row != m.cur.row {
		return
	}
	prefix := string(line[from.col:m.cur.col])
	to := m.cur
	if e := stringEnd(line, m.cur.col); e >= 0 {
		to = pos{m.cur.row, e}
	}
	var items []item
	switch kind {
	case ctxAction:
		if m.cat == nil {
			return
		}
		items = m.actionItems(prefix)
	case ctxEffect:
		items = staticItems(effects, prefix, "")
	case ctxVersion:
		items = staticItems(versions, prefix, "policy language version")
	case ctxTopKey:
		items = staticItems(topKeys, prefix, "element")
	case ctxStatementKey:
		items = staticItems(statementKeys, prefix, "element")
	case ctxPrincipalKey:
		items = staticItems(principalKeys, prefix, "principal type")
	case ctxOperator:
		items = staticItems(operators, prefix, "operator")
	case ctxCondKey:
		if m.cat == nil {
			return
		}
		items = m.condKeyItems(prefix)
	}
	if len(items) == 0 {
		return
	}
	// Nothing to offer when the string already is the only candidate.
	if !force && len(items) == 1 && items[0].text == prefix+string(line[m.cur.col:to.col]) {
		return
	}
	if !force && prefix == "" && kind != ctxAction && kind != ctxEffect {
		return
	}
	m.popup = completion{open: true, items: items, from: from, to: to}
}

func staticItems(list []string, prefix, detail string) []item {
	lp := strings.ToLower(prefix)
	var out []item
	for pass := 0; pass < 2; pass++ {
		for _, s := range list {
			ls := strings.ToLower(s)
			if (pass == 0 && strings.HasPrefix(ls, lp)) || (pass == 1 && !strings.HasPrefix(ls, lp) && strings.Contains(ls, lp)) {
				out = append(out, item{text: s, detail: detail})
			}
		}
	}
	return out
}

func (m *Model) actionItems(prefix string) []item {
	names, guess := m.cat.Suggest(prefix, popupLimit)
	out := make([]item, 0, len(names))
	for i, n := range names {
		it := item{text: n}
		if guess && i == 0 {
			it.detail = "did you mean"
			if a, ok := m.cat.Action(n); ok {
				it.desc = a.Description
			}
		} else if strings.HasSuffix(n, ":") {
			if s, ok := m.cat.Service(strings.TrimSuffix(n, ":")); ok {
				it.detail = "service"
				it.desc = s.Name
			}
		} else if a, ok := m.cat.Action(n); ok {
			it.detail = a.AccessLevel
			it.desc = a.Description
		}
		out = append(out, it)
	}
	return out
}

// condIndex is every condition key name, sorted by lower case, built on
// the first condition-key completion and shared by the editor's copies.
type condIndex struct {
	keys  []*catalog.ConditionKey
	lower []string
}

func buildCondIndex(cat *catalog.Catalog) *condIndex {
	seen := map[string]*catalog.ConditionKey{}
	for _, k := range cat.GlobalConditionKeys() {
		seen[strings.ToLower(k.Name)] = k
	}
	for _, s := range cat.Services() {
		for _, k := range s.ConditionKeys {
			l := strings.ToLower(k.Name)
			if _, ok := seen[l]; !ok {
				seen[l] = k
			}
		}
	}
	ix := &condIndex{}
	for l := range seen {
		ix.lower = append(ix.lower, l)
	}
	sort.Strings(ix.lower)
	for _, l := range ix.lower {
		ix.keys = append(ix.keys, seen[l])
	}
	return ix
}

func (m *Model) condKeyItems(prefix string) []item {
	if m.sh.cond == nil {
		m.sh.cond = buildCondIndex(m.cat)
	}
	ix := m.sh.cond
	lp := strings.ToLower(prefix)
	var out []item
	i := sort.SearchStrings(ix.lower, lp)
	for ; i < len(ix.lower) && strings.HasPrefix(ix.lower[i], lp) && len(out) < popupLimit; i++ {
		k := ix.keys[i]
		out = append(out, item{text: k.Name, detail: k.Type, desc: k.Description})
	}
	if lp != "" {
		for j, l := range ix.lower {
			if len(out) >= popupLimit {
				break
			}
			if !strings.HasPrefix(l, lp) && strings.Contains(l, lp) {
				k := ix.keys[j]
				out = append(out, item{text: k.Name, detail: k.Type, desc: k.Description})
			}
		}
	}
	return out
}

// acceptCompletion puts the chosen item in place of the string's content.
// A service ("s3:") keeps the popup open on its actions.
func (m *Model) acceptCompletion() tea.Cmd {
	it := m.popup.items[m.popup.sel]
	from, to := m.clamp(m.popup.from), m.clamp(m.popup.to)
	m.popup.open = false
	cmd := m.replace(from, to, it.text, editOther)
	if strings.HasSuffix(it.text, ":") {
		m.refreshCompletion(true)
	}
	return cmd
}

// overlayPopup draws the popup over the text rows, under the cursor (or
// above it when there is no room below).
func (m Model) overlayPopup(rows []string, gw, tw int) {
	p := &m.popup
	s := &m.styles
	n := min(popupRows, len(p.items))
	tw0, dw := 0, 0
	for _, it := range p.items[p.top:min(len(p.items), p.top+n)] {
		tw0 = max(tw0, ansi.StringWidth(it.text))
		dw = max(dw, ansi.StringWidth(it.detail))
	}
	pw := tw0 + 2
	if dw > 0 {
		pw += dw + 2
	}
	pw = min(pw, 64, m.width-gw)
	if pw < 4 {
		return
	}
	crow := m.cur.row - m.yoff
	x := gw + max(0, visualCol(m.lines[m.popup.from.row], m.popup.from.col)-m.xoff)
	if x+pw > m.width {
		x = max(0, m.width-pw)
	}
	y := crow + 1
	if y+n > len(rows) {
		y = crow - n
		if y < 0 {
			y, n = crow+1, max(0, len(rows)-crow-1)
		}
	}
	for i := 0; i < n; i++ {
		idx := p.top + i
		if idx >= len(p.items) || y+i >= len(rows) || y+i < 0 {
			break
		}
		it := p.items[idx]
		st, dst := s.Popup, s.PopupDetail
		if idx == p.sel {
			st, dst = s.PopupSelected, s.PopupSelected
		}
		name := sanitize.Line(it.text)
		det := sanitize.Line(it.detail)
		inner := pw - 2
		var cell string
		if det != "" && inner > ansi.StringWidth(name)+ansi.StringWidth(det)+1 {
			gap := inner - ansi.StringWidth(name) - ansi.StringWidth(det)
			cell = st.Render(" "+name+strings.Repeat(" ", gap)) + dst.Render(det+" ")
		} else {
			cell = st.Render(" " + ansi.Truncate(name, inner, "…") + strings.Repeat(" ", max(0, inner-ansi.StringWidth(name))) + " ")
		}
		cell = ansi.Truncate(cell, pw, "")
		line := rows[y+i]
		rows[y+i] = ansi.Truncate(line, x, "") + cell + ansi.TruncateLeft(line, x+pw, "")
	}
	_ = tw
}
