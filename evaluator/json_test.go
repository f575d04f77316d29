package evaluator

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// appendStringByBytes is appendString without the eight-byte skip, the
// reference the fast path must agree with.
func appendStringByBytes(dst []byte, s string) []byte {
	dst = append(dst, '"')
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			dst = append(dst, '\\', c)
		case c == '\n':
			dst = append(dst, `\n`...)
		case c == '\r':
			dst = append(dst, `\r`...)
		case c == '\t':
			dst = append(dst, `\t`...)
		case c < 0x20:
			dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
		case c < utf8.RuneSelf:
			dst = append(dst, c)
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && size == 1:
				dst = append(dst, `\ufffd`...)
			case r == '\u2028' || r == '\u2029':
				dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			default:
				dst = append(dst, s[i:i+size]...)
			}
			i += size
			continue
		}
		i++
	}
	return append(dst, '"')
}

// Every byte that needs escaping, at every offset of strings longer than a
// word, around plain runs: the eight-byte skip never steps over one.
func TestAppendStringEscapesAtEveryOffset(t *testing.T) {
	specials := []string{"\"", "\\", "\n", "\x00", "\x1f", "\x7f", "é", "\u2028", "\xff", "\xe2\x80", " ", "~"}
	for _, sp := range specials {
		for n := 0; n < 24; n++ {
			for m := 0; m < 12; m++ {
				s := strings.Repeat("a", n) + sp + strings.Repeat("b", m)
				got, want := string(appendString(nil, s)), string(appendStringByBytes(nil, s))
				if got != want {
					t.Fatalf("%q: %s, want %s", s, got, want)
				}
				if utf8.ValidString(s) {
					var back string
					if err := json.Unmarshal([]byte(got), &back); err != nil || back != s {
						t.Fatalf("%q: %s reads back as %q (%v)", s, got, back, err)
					}
				}
			}
		}
	}
}

func FuzzAppendString(f *testing.F) {
	f.Add("arn:aws:iam::123456789012:user/alice")
	f.Add("a\"b\\c\x01d\u2029e\xffé")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(appendString(nil, s)), string(appendStringByBytes(nil, s)); got != want {
			t.Fatalf("%q: %s, want %s", s, got, want)
		}
	})
}
