package gaad

import (
	"bytes"
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// reader is a strict RFC 8259 JSON reader over the whole file that the
// decoder drives field by field, so the GAAD structure is read straight into
// model types without encoding/json's reflection or an intermediate
// map[string]any (both far too slow for a 35 MB account). It knows byte
// offsets only; lines and columns are computed when an error needs them.
type reader struct {
	data []byte
	off  int
	src  string
	// path is where the reader is in the GAAD structure, for errors
	// (UserDetailList[3].Tags[0].Key). Only constant keys are pushed.
	path []pathElem
	// skipping counts the values being skipped, whose array indices would
	// make a misleading path: the path stops at the skipped member.
	skipping int
}

type pathElem struct {
	key   string
	index int // -1 for an object member
}

// maxNesting bounds the depth of skipped values: GAAD nests a handful of
// levels, and a hostile file must not exhaust the stack.
const maxNesting = 512

func (r *reader) push(key string) { r.path = append(r.path, pathElem{key: key, index: -1}) }
func (r *reader) pushIndex(i int) { r.path = append(r.path, pathElem{index: i}) }
func (r *reader) pop()            { r.path = r.path[:len(r.path)-1] }
func (r *reader) atEnd() bool     { return r.off >= len(r.data) }
func (r *reader) peek() byte      { return r.data[r.off] }
func (r *reader) pathString() string {
	var b []byte
	for _, e := range r.path {
		if e.index >= 0 {
			b = append(b, '[')
			b = strconv.AppendInt(b, int64(e.index), 10)
			b = append(b, ']')
			continue
		}
		if len(b) > 0 {
			b = append(b, '.')
		}
		b = append(b, e.key...)
	}
	return string(b)
}

// errAt reports a problem at a byte offset of the file.
func (r *reader) errAt(off int, format string, args ...any) error {
	line, col := lineCol(r.data, off)
	return &Error{Source: r.src, Part: r.pathString(), Line: line, Column: col, Err: fmt.Errorf(format, args...)}
}

// lineCol turns a byte offset into a 1-based line and a 1-based column
// counted in characters, as editors show them.
func lineCol(data []byte, off int) (line, col int) {
	if off > len(data) {
		off = len(data)
	}
	line = bytes.Count(data[:off], []byte{'\n'}) + 1
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return line, utf8.RuneCount(data[start:off]) + 1
}

func (r *reader) ws() {
	for r.off < len(r.data) {
		switch r.data[r.off] {
		case ' ', '\t', '\n', '\r':
			r.off++
		default:
			return
		}
	}
}

// found describes the value at the cursor for "X must be a string, found Y".
func (r *reader) found() string {
	if r.atEnd() {
		return "the end of the file"
	}
	switch c := r.peek(); {
	case c == '{':
		return "an object"
	case c == '[':
		return "an array"
	case c == '"':
		return "a string"
	case c == 't' || c == 'f':
		return "a boolean"
	case c == 'n':
		return "null"
	case c == '-' || (c >= '0' && c <= '9'):
		return "a number"
	default:
		r, _ := utf8.DecodeRune([]byte{c})
		return "the character " + strconv.QuoteRune(r)
	}
}

func (r *reader) truncated() error {
	return r.errAt(r.off, "unexpected end of the file: the JSON is truncated")
}

// object reads an object, calling member with the cursor on each member's
// value; member must consume the value (skip it if it is of no interest).
// A JSON null counts as an absent object.
func (r *reader) object(member func(key []byte) error) error {
	r.ws()
	if r.atEnd() {
		return r.truncated()
	}
	if r.isNull() {
		return nil
	}
	if r.peek() != '{' {
		return r.errAt(r.off, "expected an object, found %s", r.found())
	}
	r.off++
	r.ws()
	if !r.atEnd() && r.peek() == '}' {
		r.off++
		return nil
	}
	for {
		r.ws()
		if r.atEnd() {
			return r.truncated()
		}
		if r.peek() != '"' {
			return r.errAt(r.off, "expected a quoted key, found %s", r.found())
		}
		key, err := r.strBytes()
		if err != nil {
			return err
		}
		r.ws()
		if r.atEnd() {
			return r.truncated()
		}
		if r.peek() != ':' {
			return r.errAt(r.off, "expected ':' after the key %q, found %s", key, r.found())
		}
		r.off++
		r.ws()
		if r.atEnd() {
			return r.truncated()
		}
		if err := member(key); err != nil {
			return err
		}
		r.ws()
		if r.atEnd() {
			return r.truncated()
		}
		switch r.peek() {
		case ',':
			r.off++
		case '}':
			r.off++
			return nil
		default:
			return r.errAt(r.off, "expected ',' or '}' after an object member, found %s", r.found())
		}
	}
}

// array reads an array, calling item with the cursor on each element. A
// JSON null counts as an empty array, as missing lists do.
func (r *reader) array(item func(i int) error) error {
	r.ws()
	if r.atEnd() {
		return r.truncated()
	}
	if r.isNull() {
		return nil
	}
	if r.peek() != '[' {
		return r.errAt(r.off, "expected an array, found %s", r.found())
	}
	r.off++
	r.ws()
	if !r.atEnd() && r.peek() == ']' {
		r.off++
		return nil
	}
	for i := 0; ; i++ {
		r.ws()
		if r.atEnd() {
			return r.truncated()
		}
		if r.skipping > 0 {
			if err := item(i); err != nil {
				return err
			}
		} else {
			r.pushIndex(i)
			err := item(i)
			r.pop()
			if err != nil {
				return err
			}
		}
		r.ws()
		if r.atEnd() {
			return r.truncated()
		}
		switch r.peek() {
		case ',':
			r.off++
		case ']':
			r.off++
			return nil
		default:
			return r.errAt(r.off, "expected ',' or ']' after an array element, found %s", r.found())
		}
	}
}

// isNull consumes a null literal if one is at the cursor.
func (r *reader) isNull() bool {
	if bytes.HasPrefix(r.data[r.off:], []byte("null")) {
		r.off += 4
		return true
	}
	return false
}

// str reads a string value; null reads as "".
func (r *reader) str() (string, error) {
	if r.atEnd() {
		return "", r.truncated()
	}
	if r.isNull() {
		return "", nil
	}
	if r.peek() != '"' {
		return "", r.errAt(r.off, "expected a string, found %s", r.found())
	}
	b, err := r.strBytes()
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// strBytes reads a JSON string at the cursor (on its opening quote). The
// result aliases the file when the string has no escapes, which is almost
// always, so keys cost no allocation.
func (r *reader) strBytes() ([]byte, error) {
	start := r.off
	r.off++
	begin := r.off
	for r.off < len(r.data) {
		c := r.data[r.off]
		switch {
		case c == '"':
			out := r.data[begin:r.off]
			r.off++
			if !utf8.Valid(out) {
				return nil, r.errAt(start, "the string is not valid UTF-8")
			}
			return out, nil
		case c == '\\':
			return r.strSlow(start, begin)
		case c < 0x20:
			return nil, r.errAt(r.off, "control character %#02x in a string (is the string not closed?)", c)
		}
		r.off++
	}
	return nil, r.errAt(start, "unexpected end of the file in a string: the JSON is truncated")
}

// strSlow decodes a string that holds escapes; the cursor is on the first
// backslash.
func (r *reader) strSlow(start, begin int) ([]byte, error) {
	buf := append([]byte(nil), r.data[begin:r.off]...)
	for r.off < len(r.data) {
		c := r.data[r.off]
		switch {
		case c == '"':
			r.off++
			if !utf8.Valid(buf) {
				return nil, r.errAt(start, "the string is not valid UTF-8")
			}
			return buf, nil
		case c < 0x20:
			return nil, r.errAt(r.off, "control character %#02x in a string (is the string not closed?)", c)
		case c != '\\':
			buf = append(buf, c)
			r.off++
			continue
		}
		esc := r.off
		if r.off+1 >= len(r.data) {
			break
		}
		e := r.data[r.off+1]
		r.off += 2
		switch e {
		case '"', '\\', '/':
			buf = append(buf, e)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			c1, ok := r.hex4()
			if !ok {
				return nil, r.errAt(esc, "malformed \\u escape")
			}
			if utf16.IsSurrogate(c1) {
				// A lone surrogate decodes to U+FFFD, as encoding/json does.
				c2 := rune(utf8.RuneError)
				if bytes.HasPrefix(r.data[r.off:], []byte(`\u`)) {
					save := r.off
					r.off += 2
					if v, ok := r.hex4(); ok && utf16.DecodeRune(c1, v) != utf8.RuneError {
						c2 = v
					} else {
						r.off = save
					}
				}
				c1 = utf16.DecodeRune(c1, c2)
			}
			buf = utf8.AppendRune(buf, c1)
		default:
			return nil, r.errAt(esc, "invalid escape \\%c in a string", e)
		}
	}
	return nil, r.errAt(start, "unexpected end of the file in a string: the JSON is truncated")
}

func (r *reader) hex4() (rune, bool) {
	if r.off+4 > len(r.data) {
		return 0, false
	}
	var v rune
	for _, c := range r.data[r.off : r.off+4] {
		switch {
		case c >= '0' && c <= '9':
			v = v<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			v = v<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			v = v<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	r.off += 4
	return v, true
}

// boolean reads true or false; null reads as false.
func (r *reader) boolean() (bool, error) {
	switch {
	case bytes.HasPrefix(r.data[r.off:], []byte("true")):
		r.off += 4
		return true, nil
	case bytes.HasPrefix(r.data[r.off:], []byte("false")):
		r.off += 5
		return false, nil
	case r.isNull():
		return false, nil
	}
	return false, r.errAt(r.off, "expected true or false, found %s", r.found())
}

// integer reads a whole number; null reads as 0.
func (r *reader) integer() (int, error) {
	if r.isNull() {
		return 0, nil
	}
	start := r.off
	if err := r.number(); err != nil {
		return 0, err
	}
	n, err := strconv.Atoi(string(r.data[start:r.off]))
	if err != nil {
		return 0, r.errAt(start, "expected a whole number, found %s", r.data[start:r.off])
	}
	return n, nil
}

// number skips a JSON number, checking its grammar.
func (r *reader) number() error {
	start := r.off
	i := r.off
	d := r.data
	if i < len(d) && d[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
			n++
		}
		return n
	}
	intStart := i
	if digits() == 0 {
		return r.errAt(start, "expected a number, found %s", r.found())
	}
	if d[intStart] == '0' && i-intStart > 1 {
		return r.errAt(start, "malformed number: leading zero")
	}
	if i < len(d) && d[i] == '.' {
		i++
		if digits() == 0 {
			return r.errAt(start, "malformed number")
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if digits() == 0 {
			return r.errAt(start, "malformed number")
		}
	}
	r.off = i
	return nil
}

// skip consumes any value, checking that it is well-formed JSON: an unknown
// key is ignored, but a broken file is still refused where it breaks.
func (r *reader) skip() error {
	r.skipping++
	err := r.skipDepth(0)
	r.skipping--
	return err
}

func (r *reader) skipDepth(depth int) error {
	if depth > maxNesting {
		return r.errAt(r.off, "values nested deeper than %d levels", maxNesting)
	}
	r.ws()
	if r.atEnd() {
		return r.truncated()
	}
	switch c := r.peek(); {
	case c == '{':
		return r.object(func([]byte) error { return r.skipDepth(depth + 1) })
	case c == '[':
		return r.array(func(int) error { return r.skipDepth(depth + 1) })
	case c == '"':
		_, err := r.strBytes()
		return err
	case c == 't' || c == 'f':
		_, err := r.boolean()
		return err
	case c == 'n':
		if r.isNull() {
			return nil
		}
	case c == '-' || (c >= '0' && c <= '9'):
		return r.number()
	}
	return r.errAt(r.off, "unexpected %s: expected a JSON value", r.found())
}
