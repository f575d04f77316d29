package policy

import (
	"fmt"
	"strconv"
	"strings"
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
}

const maxDepth = 64

func parseJSON(src string) (*node, error) {
	s := &scanner{src: src, line: 1, col: 1}
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
		return &node{kind: nodeString, start: start, end: s.lastPos(), text: str}, nil
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
	return &node{kind: kind, start: start, end: s.lastPos(), text: word}, nil
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
	return &node{kind: nodeNumber, start: start, end: s.lastPos(), text: text}, nil
}

func (s *scanner) str() (string, error) {
	start := s.pos()
	s.off++ // opening quote
	begin := s.off
	// Fast path: no escapes.
	for s.off < len(s.src) {
		c := s.src[s.off]
		if c == '"' {
			out := s.src[begin:s.off]
			s.off++
			if !utf8.ValidString(out) {
				return "", s.errAt(start, "the string is not valid UTF-8")
			}
			return out, nil
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
	n := &node{kind: nodeObject, start: s.pos()}
	if err := s.enter(n.start); err != nil {
		return nil, err
	}
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
		for _, m := range n.members {
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
		n.members = append(n.members, member{key: key, keyPos: keyPos, value: v})
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
			return n, nil
		default:
			return nil, s.errAt(s.pos(), "expected ',' or '}' after a member, found %s", quoteChar(s.src[s.off:]))
		}
	}
}

func (s *scanner) array() (*node, error) {
	n := &node{kind: nodeArray, start: s.pos()}
	if err := s.enter(n.start); err != nil {
		return nil, err
	}
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
		n.items = append(n.items, v)
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
			return n, nil
		default:
			return nil, s.errAt(s.pos(), "expected ',' or ']' after an element, found %s", quoteChar(s.src[s.off:]))
		}
	}
}
