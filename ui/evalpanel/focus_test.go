package evalpanel

import (
	"strings"
	"testing"

	"iamtui/evaluator"
)

// lineOf is the panel's line that holds s.
func lineOf(t *testing.T, m Model, s string) string {
	t.Helper()
	for _, l := range strings.Split(plain(m), "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	t.Fatalf("no line holds %q:\n%s", s, plain(m))
	return ""
}

func TestTheFocusedFieldIsMarked(t *testing.T) {
	m := newPanel(t, smallEngine(t))
	m.Prefill("alice", "s3:GetObject", "")
	for _, tt := range []struct {
		focus focusID
		label string
	}{
		{focusID{kind: fPrincipal}, "Principal"},
		{focusID{kind: fAction}, "Action"},
		{focusID{kind: fResource}, "Resource"},
		{focusID{kind: fCtxValue, row: 0}, "Context"},
	} {
		m.focus = tt.focus
		for _, label := range []string{"Principal", "Action", "Resource", "Context"} {
			l := lineOf(t, m, label)
			marked := strings.HasPrefix(l, "▸ "+label)
			if marked != (label == tt.label) {
				t.Errorf("focus on %s: the %s line is %q", tt.label, label, l)
			}
		}
	}
	// The focused value has a background of its own; others none.
	m.focus = focusID{kind: fAction}
	st := m.styles
	st.TextFocus = st.TextFocus.Underline(true)
	m.SetStyles(st)
	if v := m.View(); !strings.Contains(v, st.TextFocus.Render("s3:GetObject")) {
		t.Error("the focused value is not drawn in TextFocus")
	}
}

func TestToggleWhoCanPutsTheFocusWhereInputIsWanted(t *testing.T) {
	tests := []struct {
		name               string
		principal, action  string
		focus              focusID
		want, wantBack     focusKind
		enterOnFirstResult bool
	}{
		{name: "all filled: who-can focuses the list", principal: "alice", action: "s3:GetObject", focus: focusID{kind: fPrincipal}, want: fResults, wantBack: fPrincipal},
		{name: "no action: who-can focuses the action", principal: "alice", focus: focusID{kind: fPrincipal}, want: fAction, wantBack: fAction},
		{name: "on the resource: it stays", principal: "alice", action: "s3:GetObject", focus: focusID{kind: fResource}, want: fResource, wantBack: fResource},
		{name: "no principal: back in can, the principal", action: "s3:GetObject", focus: focusID{kind: fAction}, want: fAction, wantBack: fPrincipal},
		{name: "enter on a principal of the list asks can with the principal focused", action: "s3:GetObject", focus: focusID{kind: fPrincipal}, want: fResults, enterOnFirstResult: true, wantBack: fPrincipal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newPanel(t, smallEngine(t))
			m.Prefill(tt.principal, tt.action, "arn:aws:s3:::reports/q1.csv")
			m.focus = tt.focus
			m = keys(m, "ctrl+t")
			if m.mode != WhoCanMode || m.focus.kind != tt.want {
				t.Fatalf("after ctrl+t: mode %d focus %+v, want %d", m.mode, m.focus, tt.want)
			}
			if tt.enterOnFirstResult {
				m = settle(m)
				if len(m.whoRows()) == 0 {
					t.Fatal("nobody can: the case needs a principal to choose")
				}
				m = keys(m, "enter")
			} else {
				m = keys(m, "ctrl+t")
			}
			if m.mode != CanMode || m.focus.kind != tt.wantBack {
				t.Fatalf("back in can: mode %d focus %+v, want %d", m.mode, m.focus, tt.wantBack)
			}
			if !strings.HasPrefix(lineOf(t, m, map[focusKind]string{fPrincipal: "Principal", fAction: "Action", fResource: "Resource"}[tt.wantBack]), "▸") {
				t.Errorf("the focused field is not marked:\n%s", plain(m))
			}
		})
	}
}

func TestAnEmptyContextValueIsNotSent(t *testing.T) {
	m := newPanel(t, smallEngine(t), func(c *Config) { c.NoTimeContext = true })
	m.Prefill("analyst", "s3:GetObject", "arn:aws:s3:::reports/q1.csv")
	m = keys(m, "alt+m")
	if len(m.ctx) != 1 || m.ctx[0].value.Value() != "" {
		t.Fatalf("rows %+v", m.ctx)
	}
	if got := m.Request().Context; len(got) != 0 {
		t.Errorf("an empty value was sent: %+v", got)
	}
	r, _ := m.Result()
	if r == nil || len(r.MissingContextValues) == 0 {
		t.Fatalf("the key no longer counts as missing: %+v", r)
	}
	mustHave := lineOf(t, m, "Context")
	if !strings.Contains(mustHave, "empty: not sent") {
		t.Errorf("the empty value does not say it is not sent: %q", mustHave)
	}
	m = typeText(m, "false")
	if got := m.Request().Context; len(got) != 1 || got[0].Values[0] != "false" {
		t.Errorf("a typed value was not sent: %+v", got)
	}
}

func TestContextValuesAreCheckedAgainstTheirKeys(t *testing.T) {
	tests := []struct {
		key, value string
		want       string // "" for no warning
	}{
		{"aws:CurrentTime", "2026-11-23T09:00:00Z", ""},
		{"aws:CurrentTime", "1764000000", ""},
		{"aws:CurrentTime", "2026-01", ""}, // a W3C profile, as the evaluator reads dates
		{"aws:CurrentTime", "yesterday", `aws:CurrentTime: "yesterday" is not a date`},
		{"aws:SourceIp", "203.0.113.7", ""},
		{"aws:SourceIp", "203.0.113.0/24", ""},
		{"aws:SourceIp", "203.0.113.300", `aws:SourceIp: "203.0.113.300" is not an IP address`},
		{"aws:SecureTransport", "TRUE", ""},
		{"aws:SecureTransport", "yes", `aws:SecureTransport: "yes" is not true or false`},
		{"aws:MultiFactorAuthAge", "3600", ""},
		{"aws:MultiFactorAuthAge", "an hour", "not a number"},
		{"aws:PrincipalArn", "alice", "not an ARN"},
		{"aws:PrincipalTag/team", "kitchen", ""},
		{"aws:SourceIpp", "203.0.113.7", "aws:SourceIpp is not a condition key AWS knows; statements reading it will see the value, but check its spelling"},
		{"aws:SourceIpp", "", "aws:SourceIpp is not a condition key"}, // the key is checked before its value is typed
		{"s3:GetObject", "x", "s3:GetObject is not a condition key: it names an action"},
		{"aws:SecureTransport", "", ""}, // not sent: no value to check
	}
	for _, tt := range tests {
		t.Run(tt.key+"="+tt.value, func(t *testing.T) {
			m := newPanel(t, smallEngine(t), func(c *Config) { c.NoTimeContext = true })
			m.Prefill("alice", "s3:GetObject", "")
			m.SetContext([]evaluator.ContextValue{{Key: tt.key, Values: []string{tt.value}}})
			var texts []string
			for _, w := range m.ctxWarn {
				texts = append(texts, w.text)
			}
			got := strings.Join(texts, "; ")
			if tt.want == "" {
				if got != "" {
					t.Errorf("warned %q", got)
				}
				return
			}
			if !strings.Contains(got, tt.want) {
				t.Fatalf("warnings %q, want %q", got, tt.want)
			}
			// Inline, under the rows, wrapped whole; the question is still
			// asked.
			if l := lineOf(t, m, tt.want[:min(len(tt.want), 30)]); !strings.Contains(l, "⚠ ") {
				t.Errorf("the warning line has no sign: %q", l)
			}
			if !strings.Contains(words(plain(m)), tt.want) {
				t.Errorf("the warning is not shown whole:\n%s", plain(m))
			}
			if r, _ := m.Result(); r == nil {
				t.Error("a warning stopped the evaluation")
			}
		})
	}
}

func TestUnfocusedValuesShowTheirStart(t *testing.T) {
	m := newPanel(t, smallEngine(t))
	long := "arn:aws:s3:::reports/" + strings.Repeat("deep/", 20) + "q1.csv"
	m.Prefill("alice", "s3:GetObject", long)
	m.focus = focusID{kind: fAction}
	l := lineOf(t, m, "Resource")
	if !strings.Contains(l, "arn:aws:s3:::reports/deep/") || !strings.Contains(l, "…") {
		t.Errorf("unfocused: %q", l)
	}
	m.focus = focusID{kind: fResource}
	l = lineOf(t, m, "Resource")
	if !strings.Contains(l, "q1.csv") {
		t.Errorf("focused, the cursor's end is not shown: %q", l)
	}
}

func TestWhoCanRowsLineUp(t *testing.T) {
	m := newPanel(t, smallEngine(t))
	m.SetSize(100, 30)
	m = keys(m, "ctrl+t")
	m.Prefill("", "s3:GetObject", "arn:aws:s3:::reports/q1.csv")
	m = settle(m)
	if len(m.whoRows()) == 0 {
		t.Fatal("nobody can")
	}
	// Every row, selected or not, focused or not, starts its ✔ at the
	// same column: after a two-cell gutter.
	for _, focus := range []focusKind{fAction, fResults} {
		m.focus = focusID{kind: focus}
		for _, l := range strings.Split(plain(m), "\n") {
			if i := strings.Index(l, "✔"); i >= 0 && stringWidth(l[:i]) != 2 {
				t.Errorf("focus %d: a row starts its ✔ at cell %d: %q", focus, stringWidth(l[:i]), l)
			}
		}
	}
}

func TestPopupMovesWithCtrlJAndCtrlK(t *testing.T) {
	m := newPanel(t, smallEngine(t))
	m.focus = focusID{kind: fAction}
	m = typeText(m, "s3:Get")
	if !m.popup.open || len(m.popup.items) < 3 {
		t.Fatalf("popup %+v", m.popup)
	}
	m = keys(m, "ctrl+j", "ctrl+j")
	if m.popup.sel != 2 {
		t.Errorf("ctrl+j twice: %d", m.popup.sel)
	}
	m = keys(m, "ctrl+k")
	if m.popup.sel != 1 || m.action.Value() != "s3:Get" {
		t.Errorf("ctrl+k: sel %d, value %q", m.popup.sel, m.action.Value())
	}
}

// A context warning is drawn under the row it is about, not after the last.
func TestContextWarningUnderItsRow(t *testing.T) {
	m := newPanel(t, smallEngine(t), func(c *Config) { c.NoTimeContext = true })
	m.SetSize(100, 30)
	m.Prefill("alice", "s3:GetObject", "")
	m.SetContext([]evaluator.ContextValue{
		{Key: "aws:SourceIpp", Values: []string{"203.0.113.7"}},
		{Key: "aws:MultiFactorAuthPresent", Values: []string{"true"}},
		{Key: "aws:PrincipalTag/team", Values: []string{"kitchen"}},
	})
	lines := strings.Split(plain(m), "\n")
	row := func(s string) int {
		for i, l := range lines {
			if strings.Contains(l, s) {
				return i
			}
		}
		t.Fatalf("no line with %q:\n%s", s, strings.Join(lines, "\n"))
		return -1
	}
	ipp, warn, mfa := row("= 203.0.113.7"), row("⚠ aws:SourceIpp is not a condition key"), row("= true")
	if !(ipp < warn && warn < mfa) {
		t.Errorf("rows at %d (key), %d (warning), %d (next key): the warning is not under its row:\n%s", ipp, warn, mfa, strings.Join(lines, "\n"))
	}
}
