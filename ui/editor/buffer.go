package editor

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// pos is a place in the text: a 0-based line and a 0-based character
// (rune) index in that line. Policy positions (policy.Pos) are the same
// numbers plus one.
type pos struct{ row, col int }

func (a pos) before(b pos) bool {
	return a.row < b.row || (a.row == b.row && a.col < b.col)
}

func orderPos(a, b pos) (pos, pos) {
	if b.before(a) {
		return b, a
	}
	return a, b
}

// The text is a slice of lines, each a slice of runes. Neither is ever
// modified in place: an edit builds a new outer slice and new rune slices
// for the lines it touches. Undo snapshots and older copies of the Model can
// then share lines freely, and a snapshot costs one slice header per line.

// splitLines splits s at '\n' into rune lines, dropping the CR of CRLF line
// ends (an editor shows lines, not line terminators).
func splitLines(s string) [][]rune {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	n := strings.Count(s, "\n") + 1
	out := make([][]rune, 0, n)
	for {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			out = append(out, []rune(s))
			return out
		}
		out = append(out, []rune(s[:i]))
		s = s[i+1:]
	}
}

// joinLines is the text of lines.
func joinLines(lines [][]rune) string {
	n := len(lines)
	for _, l := range lines {
		n += len(l)
	}
	var b strings.Builder
	b.Grow(n + n/8)
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		for _, r := range l {
			if r < utf8.RuneSelf {
				b.WriteByte(byte(r))
			} else {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// replaceRange replaces the text between a and b (a before or at b) with
// ins and returns the new lines and the position just after the insertion.
func replaceRange(lines [][]rune, a, b pos, ins string) ([][]rune, pos) {
	parts := splitLines(ins)
	head := lines[a.row][:a.col]
	tail := lines[b.row][b.col:]
	n := len(parts)
	mid := make([][]rune, n)
	var end pos
	if n == 1 {
		l := make([]rune, 0, len(head)+len(parts[0])+len(tail))
		l = append(append(append(l, head...), parts[0]...), tail...)
		mid[0] = l
		end = pos{a.row, a.col + len(parts[0])}
	} else {
		first := make([]rune, 0, len(head)+len(parts[0]))
		mid[0] = append(append(first, head...), parts[0]...)
		copy(mid[1:n-1], parts[1:n-1])
		lastPart := parts[n-1]
		last := make([]rune, 0, len(lastPart)+len(tail))
		mid[n-1] = append(append(last, lastPart...), tail...)
		end = pos{a.row + n - 1, len(lastPart)}
	}
	out := make([][]rune, 0, len(lines)-(b.row-a.row+1)+n)
	out = append(out, lines[:a.row]...)
	out = append(out, mid...)
	out = append(out, lines[b.row+1:]...)
	return out, end
}

// textRange is the text between a and b (a before or at b).
func textRange(lines [][]rune, a, b pos) string {
	if a.row == b.row {
		return string(lines[a.row][a.col:b.col])
	}
	var sb strings.Builder
	sb.WriteString(string(lines[a.row][a.col:]))
	for r := a.row + 1; r < b.row; r++ {
		sb.WriteByte('\n')
		sb.WriteString(string(lines[r]))
	}
	sb.WriteByte('\n')
	sb.WriteString(string(lines[b.row][:b.col]))
	return sb.String()
}

// offsetOf is the byte offset of p in joinLines(lines).
func offsetOf(lines [][]rune, p pos) int {
	off := 0
	for r := 0; r < p.row && r < len(lines); r++ {
		off += runesLen(lines[r]) + 1
	}
	if p.row < len(lines) {
		off += runesLen(lines[p.row][:min(p.col, len(lines[p.row]))])
	}
	return off
}

func runesLen(rs []rune) int {
	n := 0
	for _, r := range rs {
		if r < utf8.RuneSelf {
			n++
		} else {
			n += utf8.RuneLen(r)
		}
	}
	return n
}

// posOf is the position of byte offset off in text, the inverse of
// offsetOf.
func posOf(text string, off int) pos {
	if off > len(text) {
		off = len(text)
	}
	p := pos{}
	for _, r := range text[:off] {
		if r == '\n' {
			p.row++
			p.col = 0
		} else {
			p.col++
		}
	}
	return p
}

func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// leadingSpace is the indentation of a line: its leading spaces and tabs.
func leadingSpace(l []rune) []rune {
	i := 0
	for i < len(l) && (l[i] == ' ' || l[i] == '\t') {
		i++
	}
	return l[:i]
}

func allSpace(l []rune) bool {
	for _, r := range l {
		if r != ' ' && r != '\t' {
			return false
		}
	}
	return true
}

// inString reports whether col of line is inside a JSON string. JSON
// strings cannot span lines, so the line alone decides.
func inString(l []rune, col int) bool {
	in := false
	for i := 0; i < col && i < len(l); i++ {
		switch l[i] {
		case '\\':
			if in {
				i++
			}
		case '"':
			in = !in
		}
	}
	return in
}

// stringEnd is the column of the closing quote of the string that col is
// inside, or -1 when the string is not closed on this line.
func stringEnd(l []rune, col int) int {
	for i := col; i < len(l); i++ {
		switch l[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return -1
}

// detectIndent guesses the document's indent unit: the smallest
// indentation by spaces of any line, when it is 2, 3 or 4 (the usual
// units); def otherwise.
func detectIndent(lines [][]rune, def int) int {
	best := 0
	for _, l := range lines {
		n := 0
		for n < len(l) && l[n] == ' ' {
			n++
		}
		if n > 0 && n < len(l) && (best == 0 || n < best) {
			best = n
		}
	}
	if best >= 2 && best <= 4 {
		return best
	}
	return def
}
