package cli

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"iamtui/evaluator"
)

// parseLikeJSON reads a request line with encoding/json, the reference the
// hand-written parser must agree with on well-formed lines.
func parseLikeJSON(line string) (principal, action, resource string, ok bool) {
	var r struct{ Principal, Action, Resource string }
	if json.Unmarshal([]byte(line), &r) != nil {
		return "", "", "", false
	}
	return r.Principal, r.Action, r.Resource, true
}

// Strings end, escape and fail at the same places whatever their offset
// against the parser's eight-byte steps.
func TestReqParserStringsAtEveryOffset(t *testing.T) {
	var p reqParser
	var req evaluator.Request
	for _, sp := range []string{`\"`, `\\`, `\n`, `\u00e9`, `é`, "\x7f", `/`, "~"} {
		for n := 0; n < 20; n++ {
			for m := 0; m < 10; m++ {
				v := strings.Repeat("a", n) + sp + strings.Repeat("b", m)
				line := `{"principal":"` + v + `","action":"s3:` + v + `","resource":"` + v + `"}`
				wp, wa, wr, ok := parseLikeJSON(line)
				if !ok {
					t.Fatalf("the test line is not JSON: %s", line)
				}
				if err := p.parse(line, &req); err != nil || req.Principal != wp || req.Action != wa || req.Resource != wr {
					t.Fatalf("%s: got %q %q %q (%v), want %q %q %q", line, req.Principal, req.Action, req.Resource, err, wp, wa, wr)
				}
			}
		}
	}
	// A control character or the end of the line, at every offset, is an
	// error.
	for n := 0; n < 20; n++ {
		for _, bad := range []string{"\x00", "\x1f", "\n", "\t"} {
			line := `{"principal":"` + strings.Repeat("a", n) + bad + `x","action":"a:b","resource":"*"}`
			if err := p.parse(line, &req); err == nil || !strings.Contains(err.Error(), "control character") {
				t.Fatalf("%q: %v, want a control character error", line, err)
			}
		}
		line := `{"principal":"` + strings.Repeat("a", n)
		if err := p.parse(line, &req); err == nil || !strings.Contains(err.Error(), "unterminated") {
			t.Fatalf("%q: %v, want an unterminated string", line, err)
		}
	}
}

// FuzzReqParser puts fuzzed text between the quotes of the principal: when
// encoding/json reads the line, the parser must read the same string.
func FuzzReqParser(f *testing.F) {
	f.Add(`arn:aws:iam::123456789012:user/alice`)
	f.Add(`a\"b\\c\u00e9\ud83d\ude00\/`)
	f.Fuzz(func(t *testing.T, v string) {
		if !utf8.ValidString(v) {
			return // encoding/json turns invalid bytes into U+FFFD; the parser keeps them
		}
		line := `{"principal":"` + v + `","action":"a:b","resource":"*"}`
		wp, _, _, ok := parseLikeJSON(line)
		if !ok || wp == "" { // an empty principal is refused on purpose
			return
		}
		var p reqParser
		var req evaluator.Request
		if err := p.parse(line, &req); err != nil || req.Principal != wp {
			t.Fatalf("%q: got %q (%v), encoding/json %q", line, req.Principal, err, wp)
		}
	})
}
