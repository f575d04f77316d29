package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"iamtui/model/policy"
)

// detailPage shows one entity: its identity, relationships as links to
// follow, and its documents. The cursor moves over links only.
type detailPage struct {
	ctx    *Context
	ref    ref
	crumb  string // sanitised display name
	lines  []dline
	docs   map[int]docRef
	links  []int // line numbers of links
	cursor int   // index into links
	offset int   // first line on screen
	height int
	// noSel: the link under the cursor was removed and its section has
	// no other, so nothing is selected (x must not act on a neighbouring
	// section's link) until the cursor moves on from anchor, its line.
	noSel  bool
	anchor int

	// preview caches the highlighted lines of the document beside the
	// links, so a frame does not indent and highlight it again.
	preview struct {
		doc   *policy.Document
		gen   int
		lines []string
	}
}

func newDetailPage(c *Context, r ref) (*detailPage, bool) {
	p := &detailPage{ctx: c, ref: r} // height 0: unknown until the first View
	if !p.Refresh() {
		return nil, false
	}
	return p, true
}

func (p *detailPage) Crumb() string { return p.crumb }

func (p *detailPage) Typing() bool { return false }

// Refresh rebuilds the lines, keeping the cursor on the same link.
func (p *detailPage) Refresh() bool {
	keep := ""
	var keepRel relation
	keepIdx, keepLine := 0, 0
	if l := p.currentLink(); l != nil {
		keep, keepRel, keepLine = l.id(), l.rel, p.links[p.cursor]
		for i := 0; i < p.cursor; i++ {
			if p.lines[p.links[i]].link.rel == keepRel {
				keepIdx++
			}
		}
	}
	lines, docs, ok := buildDetail(p.ctx, p.ref)
	if !ok {
		return false
	}
	// The first line names the entity, which the frame's title already
	// does here.
	lines = lines[1:]
	shifted := make(map[int]docRef, len(docs))
	for i, d := range docs {
		shifted[i-1] = d
	}
	docs = shifted
	p.crumb = displayName(p.ctx, p.ref)
	p.lines, p.docs = lines, docs
	p.links = p.links[:0]
	for i, ln := range lines {
		if ln.link != nil {
			p.links = append(p.links, i)
		}
	}
	p.cursor = clamp(p.cursor, 0, max(0, len(p.links)-1))
	if keep != "" {
		found := false
		for i, li := range p.links {
			if p.lines[li].link.id() == keep {
				p.cursor, found = i, true
				break
			}
		}
		if !found {
			// The link is gone (x removed it): stay in its section, on
			// the next of its kind, else the previous, else nowhere.
			var same []int
			for i, li := range p.links {
				if p.lines[li].link.rel == keepRel {
					same = append(same, i)
				}
			}
			if len(same) > 0 {
				p.cursor = same[min(keepIdx, len(same)-1)]
			} else {
				p.noSel, p.anchor = true, keepLine
			}
		}
	}
	p.scrollToCursor()
	return true
}

func (p *detailPage) currentLink() *link {
	if p.noSel || p.cursor < 0 || p.cursor >= len(p.links) {
		return nil
	}
	return p.lines[p.links[p.cursor]].link
}

func (p *detailPage) Selection() selection {
	return selection{entity: p.ref, link: p.currentLink()}
}

func (p *detailPage) Footer() []actionID {
	return []actionID{actOpen, actBack, actRemove, actEdit, actCan, actCopy, actHelp}
}

func (p *detailPage) scrollToCursor() {
	if p.height == 0 {
		return
	}
	if len(p.links) == 0 || p.noSel {
		p.offset = clamp(p.offset, 0, max(0, len(p.lines)-p.height))
		return
	}
	line := p.links[p.cursor]
	if line < p.offset {
		p.offset = line
		// Show the section title above the first link of a section.
		if line > 0 && p.lines[line-1].link == nil {
			p.offset = line - 1
		}
	}
	if line >= p.offset+p.height {
		p.offset = line - p.height + 1
	}
	p.offset = clamp(p.offset, 0, max(0, len(p.lines)-p.height))
}

// move moves the cursor by n links; past the last link it scrolls the
// remaining text (documents follow the links).
func (p *detailPage) move(n int) {
	if p.noSel {
		// From where the removed link was, to the next link that way.
		p.noSel = false
		best := -1
		for i, li := range p.links {
			if n > 0 && li >= p.anchor {
				best = i
				break
			}
			if n < 0 && li < p.anchor {
				best = i
			}
		}
		if best < 0 {
			best = clamp(p.cursor, 0, max(0, len(p.links)-1))
		}
		p.cursor = best
		p.scrollToCursor()
		return
	}
	switch {
	case len(p.links) == 0:
		p.offset = clamp(p.offset+n, 0, max(0, len(p.lines)-p.height))
		return
	case n > 0 && p.cursor == len(p.links)-1:
		p.offset = clamp(p.offset+n, 0, max(0, len(p.lines)-p.height))
		return
	case n < 0 && p.offset > p.links[p.cursor]:
		// Scrolled below the cursor: come back up before moving it.
		p.offset = clamp(p.offset+n, 0, max(0, len(p.lines)-p.height))
		return
	}
	p.cursor = clamp(p.cursor+n, 0, len(p.links)-1)
	p.scrollToCursor()
}

// moveLines moves the cursor to the link nearest n lines away (paging).
func (p *detailPage) moveLines(n int) {
	if len(p.links) == 0 {
		p.move(n)
		return
	}
	target := p.links[p.cursor] + n
	best := p.cursor
	for i, li := range p.links {
		if (n > 0 && li <= target) || (n < 0 && li >= target && i < best) {
			if n > 0 {
				best = i
			} else {
				best = i
				break
			}
		}
	}
	if best == p.cursor {
		p.move(n)
		return
	}
	p.cursor = best
	p.scrollToCursor()
}

func (p *detailPage) Update(msg tea.Msg) tea.Cmd {
	km := p.ctx.Keys
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch km.Which(msg, actUp, actDown, actTop, actBottom, actHalfDown, actHalfUp, actPageDown, actPageUp, actOpen) {
		case actUp:
			p.move(-1)
		case actDown:
			p.move(1)
		case actTop:
			p.noSel = false
			p.cursor, p.offset = 0, 0
			p.scrollToCursor()
		case actBottom:
			p.noSel = false
			p.cursor = max(0, len(p.links)-1)
			p.offset = max(0, len(p.lines)-p.height)
		case actHalfDown:
			p.moveLines(p.height / 2)
		case actHalfUp:
			p.moveLines(-p.height / 2)
		case actPageDown:
			p.moveLines(p.height)
		case actPageUp:
			p.moveLines(-p.height)
		case actOpen:
			if l := p.currentLink(); l != nil {
				ln := *l
				return func() tea.Msg { return openLinkMsg{link: ln} }
			}
		}
	case tea.MouseClickMsg:
		// The root translates coordinates into a line of this page.
	}
	return nil
}

// clickLine selects the link on a screen line; it reports whether there
// was one (a second click on it opens it).
func (p *detailPage) clickLine(line int) (opened bool, cmd tea.Cmd) {
	i := p.offset + line
	for ci, li := range p.links {
		if li == i {
			if ci == p.cursor && !p.noSel {
				ln := *p.lines[li].link
				return true, func() tea.Msg { return openLinkMsg{link: ln} }
			}
			p.cursor, p.noSel = ci, false
			return false, nil
		}
	}
	return false, nil
}

// View renders the lines, with the document under the cursor beside them
// when the terminal is wide enough.
func (p *detailPage) View(w, h int) string {
	p.height = max(1, h)
	p.scrollToCursorIfHidden()
	st := p.ctx.Styles
	leftW, rightW := w, 0
	var doc *docRef
	if w >= 120 {
		if len(p.links) > 0 && !p.noSel {
			if d, ok := p.docs[p.links[p.cursor]]; ok {
				doc = &d
			}
		}
		leftW = max(60, w*11/20)
		rightW = w - leftW - 1
	}
	left := make([]string, h)
	for i := 0; i < h; i++ {
		li := p.offset + i
		if li >= len(p.lines) {
			left[i] = spaces(leftW)
			continue
		}
		left[i] = p.renderLine(li, leftW)
	}
	if rightW <= 0 {
		return strings.Join(left, "\n")
	}
	right := p.previewLines(doc, rightW, h)
	sep := st.Muted.Render("│")
	var b strings.Builder
	for i := 0; i < h; i++ {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(left[i])
		b.WriteString(sep)
		b.WriteString(right[i])
	}
	return b.String()
}

// scrollToCursorIfHidden re-clamps after a resize.
func (p *detailPage) scrollToCursorIfHidden() {
	p.offset = clamp(p.offset, 0, max(0, len(p.lines)-p.height))
	if len(p.links) > 0 && !p.noSel {
		line := p.links[p.cursor]
		if line >= p.offset+p.height {
			p.scrollToCursor()
		}
	}
}

func (p *detailPage) renderLine(li, w int) string {
	st := p.ctx.Styles
	ln := p.lines[li]
	if ln.link == nil {
		return fitStyled(" "+ln.styled, w)
	}
	selected := !p.noSel && len(p.links) > 0 && p.links[p.cursor] == li
	label := ln.label
	note := ln.note
	avail := w - 1 - ln.indent - 2
	if selected {
		text := fit(label+"  "+note, avail)
		return fitStyled(" "+spaces(ln.indent-2)+st.Cursor.Render("▌")+st.LinkSelected.Render(" "+text+" "), w)
	}
	lw := min(width(label), avail)
	out := " " + spaces(ln.indent) + st.Link.Render(truncate(label, lw))
	if rest := avail - lw - 2; rest > 0 && note != "" {
		out += "  " + st.Muted.Render(truncate(note, rest))
	}
	return fitStyled(out, w)
}

// previewLines shows the document of the link under the cursor.
func (p *detailPage) previewLines(doc *docRef, w, h int) []string {
	st := p.ctx.Styles
	out := make([]string, h)
	i := 0
	if doc == nil {
		out[0] = fitStyled(" "+st.Muted.Render("Move to a policy to preview its document."), w)
		for i = 1; i < h; i++ {
			out[i] = spaces(w)
		}
		return out
	}
	out[0] = fitStyled(" "+st.Section.Render(safe(doc.title)), w)
	i = 1
	if p.preview.doc != doc.doc || p.preview.gen != p.ctx.Gen {
		p.preview.doc, p.preview.gen = doc.doc, p.ctx.Gen
		p.preview.lines = highlightJSON(displayText(doc.doc.Text), st)
	}
	hl := p.preview.lines
	numW := len(itoa(len(hl)))
	for j := 0; i < h && j < len(hl); j, i = j+1, i+1 {
		num := st.Muted.Render(padLeft(itoa(j+1), numW) + " ")
		out[i] = fitStyled(" "+num+hl[j], w)
	}
	for ; i < h; i++ {
		out[i] = spaces(w)
	}
	return out
}
