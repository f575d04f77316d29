package policy

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"
)

// Pos is a place in a policy's original text. Line and Column are 1-based
// and count characters (runes), as an editor shows them; Offset is the
// 0-based byte offset.
type Pos struct {
	Line   int
	Column int
	Offset int
}

func (p Pos) String() string { return fmt.Sprintf("line %d, column %d", p.Line, p.Column) }

// SyntaxError is a rejection of policy text at a position.
type SyntaxError struct {
	Pos Pos
	Msg string
}

func (e *SyntaxError) Error() string { return e.Pos.String() + ": " + e.Msg }

type nodeKind uint8

const (
	nodeObject nodeKind = iota + 1
	nodeArray
	nodeString
	nodeNumber
	nodeBool
	nodeNull
)

func (k nodeKind) String() string {
	switch k {
	case nodeObject:
		return "an object"
	case nodeArray:
		return "an array"
	case nodeString:
		return "a string"
	case nodeNumber:
		return "a number"
	case nodeBool:
		return "a boolean"
	default:
		return "null"
	}
}

// node is one JSON value with its place in the text. Objects keep their
// members in written order because error messages and lint findings point
// at the first offending member.
type node struct {
	kind    nodeKind
	start   Pos // first character of the value
	end     Pos // last character of the value (closing quote, brace, bracket or digit)
	text    string
	items   []*node
	members []member
}

type member struct {
	key    string
	keyPos Pos
	value  *node
}

// scanner is a strict RFC 8259 JSON reader that records positions. The
// standard library's decoder does not report where a value started, and the
// evaluator and editor both need every statement's start and end.
type scanner struct {
	src       string
	off       int
	line      int
	lineStart int
	depth     int
	// colOff and col cache the column of a recent offset on the current
	// line, so that positions on long one-line documents (the compact form
	// the raw API returns) cost the distance moved, not the line's length.
	colOff int
	col    int
	// nonASCII says the current line has a byte above ASCII before the
	// cursor. Until it does, a column is the distance from the line's
	// start, with no bytes to walk: JSON's own syntax is ASCII, so only a
	// string can set it (str does), and a newline clears it.
	nonASCII bool

	// Nodes, members and item lists come from slabs: a policy has dozens
	// of values, and one allocation per value was most of the parser's
	// cost. Slabs are never grown in place (a full one is replaced), so
	// pointers and sub-slices handed out stay valid.
	nodes   []node
	members []member
	items   []*node
	// Objects and arrays collect their members and items on these stacks
	// (nested values push above them) and copy them to a slab when they
	// close, at their final length.
	memberStack []member
	itemStack   []*node
}

const maxDepth = 64

// newNode returns a zeroed node from the slab.
func (s *scanner) newNode(kind nodeKind, start Pos) *node {
	if len(s.nodes) == cap(s.nodes) {
		// The first slab is sized by sizeSlabs; a text with many numbers
		// or literals may need another, twice as big.
		s.nodes = make([]node, 0, max(16, 2*cap(s.nodes)))
	}
	s.nodes = s.nodes[:len(s.nodes)+1]
	n := &s.nodes[len(s.nodes)-1]
	n.kind, n.start = kind, start
	return n
}

// keepMembers copies the members of a closing object off the stack.
func (s *scanner) keepMembers(base int) []member {
	ms := s.memberStack[base:]
	if len(ms) == 0 {
		return nil
	}
	if cap(s.members)-len(s.members) < len(ms) {
		s.members = make([]member, 0, max(len(ms), 2*cap(s.members)))
	}
	start := len(s.members)
	s.members = append(s.members, ms...)
	s.memberStack = s.memberStack[:base]
	return s.members[start:len(s.members):len(s.members)]
}

// keepItems copies the items of a closing array off the stack.
func (s *scanner) keepItems(base int) []*node {
	is := s.itemStack[base:]
	if len(is) == 0 {
		return nil
	}
	if cap(s.items)-len(s.items) < len(is) {
		s.items = make([]*node, 0, max(len(is), 2*cap(s.items)))
	}
	start := len(s.items)
	s.items = append(s.items, is...)
	clear(is)
	s.itemStack = s.itemStack[:base]
	return s.items[start:len(s.items):len(s.items)]
}

// sizeSlabs makes sure the slabs can hold what the text needs: every
// value but a number or a literal starts with a quote, brace or bracket,
// and about 40% of a policy's strings are keys (a little less than half go
// to the estimate of members, a little more than half to that of values).
// The counts are vectorized and cheap, and size the slabs without
// over-allocating for indentation; a text they underestimate gets a
// second, bigger slab. A scanner from the pool keeps slabs that are big
// enough: the tree is thrown away after each parse.
func (s *scanner) sizeSlabs() {
	strs := strings.Count(s.src, `"`) / 2
	containers := strings.Count(s.src, "{") + strings.Count(s.src, "[")
	values := strs*3/5 + containers + 1
	if cap(s.nodes) < values {
		s.nodes = make([]node, 0, values)
	}
	if cap(s.members) < strs/2+1 {
		s.members = make([]member, 0, strs/2+1)
	}
	if cap(s.items) < values {
		s.items = make([]*node, 0, values)
	}
	if s.memberStack == nil {
		s.memberStack = make([]member, 0, 16)
		s.itemStack = make([]*node, 0, 16)
	}
}

// scanners recycles scanners with their slabs: the node tree lives only
// until Parse has built the Document (which refers to no node), and a load
// parses thousands of documents, whose slabs were most of the memory it
// allocated.
var scanners = sync.Pool{New: func() any { return new(scanner) }}

// maxPooledSlab bounds the slabs a pooled scanner keeps, so that one huge
// document does not pin its tree's memory.
const maxPooledSlab = 1 << 13

// release zeroes what the parse used, so that the slabs hold no strings
// and the next parse finds them zeroed as fresh ones are, and returns the
// scanner to the pool.
func (s *scanner) release() {
	clear(s.nodes)
	clear(s.members)
	clear(s.items)
	clear(s.memberStack[:cap(s.memberStack)])
	clear(s.itemStack[:cap(s.itemStack)])
	if max(cap(s.nodes), cap(s.members), cap(s.items)) > maxPooledSlab {
		return
	}
	*s = scanner{
		nodes: s.nodes[:0], members: s.members[:0], items: s.items[:0],
		memberStack: s.memberStack[:0], itemStack: s.itemStack[:0],
	}
	scanners.Put(s)
}

// parseJSON reads src into a tree that lives until s is released.
func (s *scanner) parseJSON(src string) (*node, error) {
	s.src, s.line, s.col = src, 1, 1
	s.sizeSlabs()
	if strings.HasPrefix(src, "\uFEFF") {
		s.off = 3
		s.lineStart = 3
	}
	s.skipSpace()
	if s.off >= len(s.src) {
		return nil, s.errAt(s.pos(), "the policy is empty")
	}
	n, err := s.value()
	if err != nil {
		return nil, err
	}
	s.skipSpace()
	if s.off < len(s.src) {
		return nil, s.errAt(s.pos(), "unexpected text after the end of the policy")
	}
	return n, nil
}

func (s *scanner) pos() Pos {
	if !s.nonASCII {
		s.colOff, s.col = s.off, s.off-s.lineStart+1
		return Pos{Line: s.line, Column: s.col, Offset: s.off}
	}
	if s.colOff < s.lineStart || s.colOff > s.off {
		s.colOff, s.col = s.lineStart, 1
	}
	for i := s.colOff; i < s.off; i++ {
		if c := s.src[i]; c < utf8.RuneSelf || utf8.RuneStart(c) {
			s.col++
		}
	}
	s.colOff = s.off
	return Pos{Line: s.line, Column: s.col, Offset: s.off}
}

func (s *scanner) errAt(p Pos, format string, args ...any) error {
	return &SyntaxError{Pos: p, Msg: fmt.Sprintf(format, args...)}
}

func (s *scanner) skipSpace() {
	for s.off < len(s.src) {
		switch s.src[s.off] {
		case ' ', '\t', '\r':
			s.off++
		case '\n':
			s.off++
			s.line++
			s.lineStart = s.off
			s.nonASCII = false
		default:
			return
		}
	}
}

func (s *scanner) value() (*node, error) {
	if s.off >= len(s.src) {
		return nil, s.errAt(s.pos(), "unexpected end of text: the JSON is truncated")
	}
	switch c := s.src[s.off]; {
	case c == '{':
		return s.object()
	case c == '[':
		return s.array()
	case c == '"':
		start := s.pos()
		str, err := s.str()
		if err != nil {
			return nil, err
		}
		n := s.newNode(nodeString, start)
		n.end, n.text = s.lastPos(), str
		return n, nil
	case c == '-' || (c >= '0' && c <= '9'):
		return s.number()
	case c == 't':
		return s.literal("true", nodeBool)
	case c == 'f':
		return s.literal("false", nodeBool)
	case c == 'n':
		return s.literal("null", nodeNull)
	default:
		return nil, s.errAt(s.pos(), "unexpected character %s", quoteChar(s.src[s.off:]))
	}
}

// lastPos is the position of the character just before the cursor.
func (s *scanner) lastPos() Pos {
	p := s.pos()
	_, size := utf8.DecodeLastRuneInString(s.src[:s.off])
	p.Column--
	p.Offset -= size
	return p
}

func quoteChar(rest string) string {
	r, _ := utf8.DecodeRuneInString(rest)
	return strconv.QuoteRune(r)
}

func (s *scanner) literal(word string, kind nodeKind) (*node, error) {
	start := s.pos()
	if !strings.HasPrefix(s.src[s.off:], word) {
		return nil, s.errAt(start, "unexpected character %s", quoteChar(s.src[s.off:]))
	}
	s.off += len(word)
	n := s.newNode(kind, start)
	n.end, n.text = s.lastPos(), word
	return n, nil
}

func (s *scanner) number() (*node, error) {
	start := s.pos()
	i := s.off
	if i < len(s.src) && s.src[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(s.src) && s.src[i] >= '0' && s.src[i] <= '9' {
			i++
			n++
		}
		return n
	}
	intStart := i
	if digits() == 0 {
		return nil, s.errAt(start, "malformed number")
	}
	if s.src[intStart] == '0' && i-intStart > 1 {
		return nil, s.errAt(start, "malformed number: leading zero")
	}
	if i < len(s.src) && s.src[i] == '.' {
		i++
		if digits() == 0 {
			return nil, s.errAt(start, "malformed number")
		}
	}
	if i < len(s.src) && (s.src[i] == 'e' || s.src[i] == 'E') {
		i++
		if i < len(s.src) && (s.src[i] == '+' || s.src[i] == '-') {
			i++
		}
		if digits() == 0 {
			return nil, s.errAt(start, "malformed number")
		}
	}
	text := s.src[s.off:i]
	s.off = i
	n := s.newNode(nodeNumber, start)
	n.end, n.text = s.lastPos(), text
	return n, nil
}

func (s *scanner) str() (string, error) {
	start := s.pos()
	s.off++ // opening quote
	begin := s.off
	// Fast path: no escapes, and the string is a slice of the source.
	// Only text with a byte above ASCII needs a UTF-8 check.
	var high byte
	for s.off < len(s.src) {
		c := s.src[s.off]
		if c == '"' {
			out := s.src[begin:s.off]
			s.off++
			if high >= utf8.RuneSelf {
				s.nonASCII = true
				if !utf8.ValidString(out) {
					return "", s.errAt(start, "the string is not valid UTF-8")
				}
			}
			return out, nil
		}
		high |= c
		if high >= utf8.RuneSelf {
			s.nonASCII = true
		}
		if c == '\\' {
			break
		}
		if c < 0x20 {
			if c == '\n' {
				return "", s.errAt(start, "unterminated string")
			}
			return "", s.errAt(s.pos(), "control character %s in a string", quoteChar(s.src[s.off:]))
		}
		s.off++
	}
	var b strings.Builder
	b.WriteString(s.src[begin:s.off])
	for s.off < len(s.src) {
		c := s.src[s.off]
		switch {
		case c == '"':
			s.off++
			out := b.String()
			if !utf8.ValidString(out) {
				return "", s.errAt(start, "the string is not valid UTF-8")
			}
			return out, nil
		case c == '\\':
			escPos := s.pos()
			if s.off+1 >= len(s.src) {
				return "", s.errAt(start, "unterminated string")
			}
			e := s.src[s.off+1]
			s.off += 2
			switch e {
			case '"', '\\', '/':
				b.WriteByte(e)
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'u':
				r, ok := s.hex4()
				if !ok {
					return "", s.errAt(escPos, "malformed \\u escape")
				}
				if utf16.IsSurrogate(r) {
					if strings.HasPrefix(s.src[s.off:], "\\u") {
						s.off += 2
						r2, ok := s.hex4()
						if !ok {
							return "", s.errAt(escPos, "malformed \\u escape")
						}
						r = utf16.DecodeRune(r, r2)
					} else {
						r = utf8.RuneError
					}
				}
				b.WriteRune(r)
			default:
				return "", s.errAt(escPos, "invalid escape \\%c", e)
			}
		case c < 0x20:
			if c == '\n' {
				return "", s.errAt(start, "unterminated string")
			}
			return "", s.errAt(s.pos(), "control character %s in a string", quoteChar(s.src[s.off:]))
		default:
			if c >= utf8.RuneSelf {
				s.nonASCII = true
			}
			b.WriteByte(c)
			s.off++
		}
	}
	return "", s.errAt(start, "unterminated string: the JSON is truncated")
}

func (s *scanner) hex4() (rune, bool) {
	if s.off+4 > len(s.src) {
		return 0, false
	}
	v, err := strconv.ParseUint(s.src[s.off:s.off+4], 16, 32)
	if err != nil {
		return 0, false
	}
	s.off += 4
	return rune(v), true
}

func (s *scanner) enter(p Pos) error {
	s.depth++
	if s.depth > maxDepth {
		return s.errAt(p, "nesting deeper than %d levels", maxDepth)
	}
	return nil
}

func (s *scanner) object() (*node, error) {
	n := s.newNode(nodeObject, s.pos())
	if err := s.enter(n.start); err != nil {
		return nil, err
	}
	base := len(s.memberStack)
	s.off++
	s.skipSpace()
	if s.off < len(s.src) && s.src[s.off] == '}' {
		n.end = s.pos()
		s.off++
		s.depth--
		return n, nil
	}
	for {
		s.skipSpace()
		if s.off >= len(s.src) {
			return nil, s.errAt(s.pos(), "unexpected end of text: the JSON is truncated (an object is not closed)")
		}
		if s.src[s.off] != '"' {
			return nil, s.errAt(s.pos(), "expected a quoted key, found %s", quoteChar(s.src[s.off:]))
		}
		keyPos := s.pos()
		key, err := s.str()
		if err != nil {
			return nil, err
		}
		for _, m := range s.memberStack[base:] {
			if m.key == key {
				return nil, s.errAt(keyPos, "duplicate key %q (first at %s)", key, m.keyPos)
			}
		}
		s.skipSpace()
		if s.off >= len(s.src) {
			return nil, s.errAt(s.pos(), "unexpected end of text: the JSON is truncated")
		}
		if s.src[s.off] != ':' {
			return nil, s.errAt(s.pos(), "expected ':' after key %q", key)
		}
		s.off++
		s.skipSpace()
		v, err := s.value()
		if err != nil {
			return nil, err
		}
		s.memberStack = append(s.memberStack, member{key: key, keyPos: keyPos, value: v})
		s.skipSpace()
		if s.off >= len(s.src) {
			return nil, s.errAt(s.pos(), "unexpected end of text: the JSON is truncated (an object is not closed)")
		}
		switch s.src[s.off] {
		case ',':
			s.off++
		case '}':
			n.end = s.pos()
			s.off++
			s.depth--
			n.members = s.keepMembers(base)
			return n, nil
		default:
			return nil, s.errAt(s.pos(), "expected ',' or '}' after a member, found %s", quoteChar(s.src[s.off:]))
		}
	}
}

func (s *scanner) array() (*node, error) {
	n := s.newNode(nodeArray, s.pos())
	if err := s.enter(n.start); err != nil {
		return nil, err
	}
	base := len(s.itemStack)
	s.off++
	s.skipSpace()
	if s.off < len(s.src) && s.src[s.off] == ']' {
		n.end = s.pos()
		s.off++
		s.depth--
		return n, nil
	}
	for {
		s.skipSpace()
		v, err := s.value()
		if err != nil {
			return nil, err
		}
		s.itemStack = append(s.itemStack, v)
		s.skipSpace()
		if s.off >= len(s.src) {
			return nil, s.errAt(s.pos(), "unexpected end of text: the JSON is truncated (an array is not closed)")
		}
		switch s.src[s.off] {
		case ',':
			s.off++
		case ']':
			n.end = s.pos()
			s.off++
			s.depth--
			n.items = s.keepItems(base)
			return n, nil
		default:
			return nil, s.errAt(s.pos(), "expected ',' or ']' after an element, found %s", quoteChar(s.src[s.off:]))
		}
	}
}
