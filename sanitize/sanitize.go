// Package sanitize is the one place untrusted text (names, tags, policy
// text, errors quoting them) passes through before it reaches a terminal.
// Control characters, escape sequences and invalid UTF-8 are shown as
// visible escapes (\x1b, \u009b, \xff), never sent raw, so an imported
// account cannot retitle the window, clear the screen or hide text.
package sanitize

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Line makes s safe to print on one line: every control character,
// including newlines and tabs, becomes a visible escape.
func Line(s string) string { return clean(s, false) }

// Text makes s safe to print as several lines: newlines are kept and tabs
// are expanded to spaces (a terminal's tab stops would break layouts);
// every other control character becomes a visible escape.
func Text(s string) string { return clean(s, true) }

// Safe reports whether s would print unchanged by Line.
func Safe(s string) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || needsEscape(r) {
			return false
		}
		i += size
	}
	return true
}

func clean(s string, multiline bool) string {
	if Safe(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	col := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
			col += 4
		case multiline && r == '\n':
			b.WriteByte('\n')
			col = 0
		case multiline && r == '\t':
			n := 4 - col%4
			b.WriteString(strings.Repeat(" ", n))
			col += n
		case multiline && r == '\r' && strings.HasPrefix(s[i+size:], "\n"):
			// CRLF line ends: drop the CR.
		case needsEscape(r):
			e := escape(r)
			b.WriteString(e)
			col += len(e)
		default:
			b.WriteRune(r)
			col++
		}
		i += size
	}
	return b.String()
}

// needsEscape reports runes a terminal would act on rather than show:
// C0 and C1 controls, DEL, and the bidirectional overrides that can make
// text display in an order other than the one it has (Trojan Source).
func needsEscape(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	case r == 0xfeff:
		return true
	}
	return !unicode.IsPrint(r) && !unicode.IsSpace(r) && r != 0x200d
}

func escape(r rune) string {
	switch r {
	case '\n':
		return `\n`
	case '\t':
		return `\t`
	case '\r':
		return `\r`
	case 0x1b:
		return `\x1b`
	}
	if r < 0x100 {
		return fmt.Sprintf(`\x%02x`, r)
	}
	return fmt.Sprintf(`\u%04x`, r)
}
