package cli

import (
	"errors"
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"iamtui/evaluator"
)

// reqParser reads one batch line,
//
//	{"principal": ARN, "action": "svc:Op", "resource": ARN,
//	 "context": {"key": "v" | ["v1", "v2"] | true | 3}}
//
// by hand: encoding/json would cost more than the evaluation itself.
// Strings without escapes point into the line; the context's slices are
// reused from line to line. Unknown keys are skipped.
type reqParser struct {
	s    string
	i    int
	ctx  []evaluator.ContextValue
	vals []string
}

// parseError is a mistake at a column of the line.
type parseError struct {
	col int
	msg string
}

func (e *parseError) Error() string { return fmt.Sprintf("column %d: %s", e.col, e.msg) }

func (p *reqParser) fail(format string, args ...any) error {
	return &parseError{col: p.i + 1, msg: fmt.Sprintf(format, args...)}
}

func (p *reqParser) parse(line string, req *evaluator.Request) error {
	*p = reqParser{s: line, ctx: p.ctx[:0], vals: p.vals[:0]}
	*req = evaluator.Request{}
	if err := p.expect('{'); err != nil {
		return err
	}
	if p.peek() == '}' {
		p.i++
	} else {
		for {
			key, err := p.str()
			if err != nil {
				return err
			}
			if err := p.expect(':'); err != nil {
				return err
			}
			switch key {
			case "principal":
				req.Principal, err = p.str()
			case "action":
				req.Action, err = p.str()
			case "resource":
				req.Resource, err = p.str()
			case "context":
				err = p.context()
			case "resource_owner", "resourceOwner":
				req.ResourceOwner, err = p.str()
			default:
				err = p.skip(0)
			}
			if err != nil {
				return err
			}
			if p.peek() == ',' {
				p.i++
				continue
			}
			if err := p.expect('}'); err != nil {
				return err
			}
			break
		}
	}
	if p.ws(); p.i != len(p.s) {
		return p.fail("unexpected text after the request object")
	}
	req.Context = p.ctx
	switch {
	case req.Principal == "":
		return errors.New("no \"principal\"")
	case req.Action == "":
		return errors.New("no \"action\"")
	case req.Resource == "":
		return errors.New("no \"resource\"")
	}
	return nil
}

func (p *reqParser) context() error {
	if err := p.expect('{'); err != nil {
		return err
	}
	if p.peek() == '}' {
		p.i++
		return nil
	}
	for {
		key, err := p.str()
		if err != nil {
			return err
		}
		if err := p.expect(':'); err != nil {
			return err
		}
		start := len(p.vals)
		if p.peek() == '[' {
			p.i++
			if p.peek() == ']' {
				p.i++
			} else {
				for {
					v, err := p.scalar()
					if err != nil {
						return err
					}
					p.vals = append(p.vals, v)
					if p.peek() == ',' {
						p.i++
						continue
					}
					if err := p.expect(']'); err != nil {
						return err
					}
					break
				}
			}
		} else {
			v, err := p.scalar()
			if err != nil {
				return err
			}
			p.vals = append(p.vals, v)
		}
		p.ctx = append(p.ctx, evaluator.ContextValue{Key: key, Values: p.vals[start:len(p.vals):len(p.vals)]})
		if p.peek() == ',' {
			p.i++
			continue
		}
		return p.expect('}')
	}
}

// scalar reads a context value: a string, or a number or boolean taken as
// its text (AWS's context values are strings).
func (p *reqParser) scalar() (string, error) {
	switch c := p.peek(); {
	case c == '"':
		return p.str()
	case c == 't' || c == 'f' || c == '-' || c >= '0' && c <= '9':
		start := p.i
		for p.i < len(p.s) && p.s[p.i] != ',' && p.s[p.i] != ']' && p.s[p.i] != '}' && p.s[p.i] != ' ' {
			p.i++
		}
		v := p.s[start:p.i]
		if v != "true" && v != "false" {
			if _, err := strconv.ParseFloat(v, 64); err != nil {
				p.i = start
				return "", p.fail("context value %q is not a string, number or boolean", v)
			}
		}
		return v, nil
	}
	return "", p.fail("a context value must be a string, number, boolean or an array of them")
}

func (p *reqParser) ws() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\r', '\n':
			p.i++
		default:
			return
		}
	}
}

func (p *reqParser) peek() byte {
	p.ws()
	if p.i < len(p.s) {
		return p.s[p.i]
	}
	return 0
}

func (p *reqParser) expect(c byte) error {
	if p.peek() != c {
		if p.i >= len(p.s) {
			return p.fail("the line ends early: expected %q", c)
		}
		return p.fail("expected %q, found %q", c, p.s[p.i])
	}
	p.i++
	return nil
}

// str reads a JSON string. Without escapes it is a substring of the line.
func (p *reqParser) str() (string, error) {
	if p.peek() != '"' {
		return "", p.fail("expected a string")
	}
	p.i++
	start := p.i
	for p.i < len(p.s) {
		// Eight plain bytes at a time: most strings are long ARNs.
		for p.i+8 <= len(p.s) && !special8(load8(p.s, p.i)) {
			p.i += 8
		}
		if p.i == len(p.s) {
			break
		}
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			return p.s[start : p.i-1], nil
		case c == '\\':
			return p.strEscaped(start)
		case c < 0x20:
			return "", p.fail("control character in a string")
		}
		p.i++
	}
	return "", p.fail("unterminated string")
}

// load8 reads s[i:i+8] as a little-endian word (the compiler makes it one
// load).
func load8(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// special8 reports whether one of w's bytes ends a plain run of a string:
// a control character, '"' or '\\'. It may also report bytes above ASCII,
// which str then steps over one at a time.
func special8(w uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	quote, backslash := w^(ones*'"'), w^(ones*'\\')
	return ((w-ones*0x20)|(quote-ones)&^quote|(backslash-ones)&^backslash)&highs != 0
}

func (p *reqParser) strEscaped(start int) (string, error) {
	buf := []byte(p.s[start:p.i])
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			return string(buf), nil
		case c < 0x20:
			return "", p.fail("control character in a string")
		case c != '\\':
			buf = append(buf, c)
			p.i++
			continue
		}
		if p.i+1 >= len(p.s) {
			break
		}
		e := p.s[p.i+1]
		p.i += 2
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
			r, ok := p.hex4()
			if !ok {
				return "", p.fail("bad \\u escape")
			}
			if utf16.IsSurrogate(r) {
				r2 := rune(-1)
				if p.i+1 < len(p.s) && p.s[p.i] == '\\' && p.s[p.i+1] == 'u' {
					p.i += 2
					r2, _ = p.hex4()
				}
				r = utf16.DecodeRune(r, r2)
			}
			buf = utf8.AppendRune(buf, r)
		default:
			p.i -= 2
			return "", p.fail("bad escape \\%c", e)
		}
	}
	return "", p.fail("unterminated string")
}

func (p *reqParser) hex4() (rune, bool) {
	if p.i+4 > len(p.s) {
		return 0, false
	}
	n, err := strconv.ParseUint(p.s[p.i:p.i+4], 16, 32)
	if err != nil {
		return 0, false
	}
	p.i += 4
	return rune(n), true
}

// skip passes over any JSON value (an unknown key's).
func (p *reqParser) skip(depth int) error {
	if depth > 64 {
		return p.fail("nested too deeply")
	}
	switch c := p.peek(); c {
	case '"':
		_, err := p.str()
		return err
	case '{', '[':
		closer := byte('}')
		if c == '[' {
			closer = ']'
		}
		p.i++
		if p.peek() == closer {
			p.i++
			return nil
		}
		for {
			if c == '{' {
				if _, err := p.str(); err != nil {
					return err
				}
				if err := p.expect(':'); err != nil {
					return err
				}
			}
			if err := p.skip(depth + 1); err != nil {
				return err
			}
			if p.peek() == ',' {
				p.i++
				continue
			}
			return p.expect(closer)
		}
	case 'n':
		if len(p.s)-p.i >= 4 && p.s[p.i:p.i+4] == "null" {
			p.i += 4
			return nil
		}
	}
	_, err := p.scalar()
	return err
}
