package sanitize

import (
	"strings"
	"testing"
)

func TestLineEscapesEverythingATerminalWouldActOn(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"alice", "alice"},
		{"café ☕", "café ☕"},
		{"\x1b]0;pwned\x07", `\x1b]0;pwned\x07`},
		{"\x1b[2J", `\x1b[2J`},
		{"a\nb\tc\rd", `a\nb\tc\rd`},
		{"\u009b31m", `\x9b31m`},
		{"bad\xffutf8", `bad\xffutf8`},
		{"evil\u202etxt.exe", `evil\u202etxt.exe`},
		{"\x7f", `\x7f`},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Line(tt.in); got != tt.want {
			t.Errorf("Line(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := Line(tt.in); strings.ContainsAny(got, "\x1b\x07\n\r\t\x7f") {
			t.Errorf("Line(%q) still holds a control character: %q", tt.in, got)
		}
	}
}

func TestTextKeepsLinesAndExpandsTabs(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"{\n\t\"a\": 1\r\n}", "{\n    \"a\": 1\n}"},
		{"ab\tc", "ab  c"},
		{"x\x1b[2Jy\nz", "x\\x1b[2Jy\nz"},
		{"lone\rcr", `lone\rcr`},
	}
	for _, tt := range tests {
		if got := Text(tt.in); got != tt.want {
			t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzLineNeverEmitsControls(f *testing.F) {
	for _, s := range []string{"alice", "\x1b]0;x\x07", "\xff\xfe", "a\u202eb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, out := range []string{Line(s), Text(s)} {
			for _, r := range out {
				if r != '\n' && needsEscape(r) {
					t.Fatalf("output %q of %q holds %U", out, s, r)
				}
			}
		}
		if Safe(s) && Line(s) != s {
			t.Fatalf("Safe(%q) but Line changed it", s)
		}
	})
}

func BenchmarkLineSafe(b *testing.B) {
	s := "arn:aws:iam::123456789012:user/division/alice"
	for b.Loop() {
		_ = Line(s)
	}
}
