package evalpanel

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"iamtui/evaluator"
	"iamtui/model"
	"iamtui/model/policy"
)

// ask fills the three fields by typing, closing the suggestions after each.
func ask(m Model, principal, action, resource string) Model {
	m.focus = focusID{kind: fPrincipal}
	if m.mode == WhoCanMode {
		m.focus = focusID{kind: fAction}
	} else {
		m = keys(typeText(m, principal), "esc", "tab")
	}
	m = keys(typeText(m, action), "esc", "tab")
	m = keys(typeText(m, resource), "esc")
	return settle(m)
}

func TestDecisions(t *testing.T) {
	eng := smallEngine(t)
	tests := []struct {
		name              string
		principal, action string
		resource          string
		ctx               []evaluator.ContextValue
		decision          evaluator.Decision
		step              evaluator.Step
		banner            string
		sid               string // the statement shown
		line              int
		missing           string
		nearMiss          string
	}{
		{name: "identity policy allows", principal: "alice", action: "s3:GetObject", resource: "arn:aws:s3:::reports/q1.csv",
			decision: evaluator.Allowed, step: evaluator.StepIdentityPolicy, banner: "✔ ALLOWED", sid: "ReadReports", line: 4},
		{name: "explicit deny", principal: "alice", action: "s3:DeleteObject", resource: "arn:aws:s3:::reports/q1.csv",
			decision: evaluator.ExplicitDeny, step: evaluator.StepExplicitDeny, banner: "✖ DENIED", sid: "NoDeletes", line: 10},
		{name: "nothing allows", principal: "bob", action: "s3:GetObject", resource: "arn:aws:s3:::reports/q1.csv",
			decision: evaluator.ImplicitDeny, step: evaluator.StepImplicitDeny, banner: "⊘ DENIED"},
		{name: "near miss on a condition", principal: "analyst", action: "s3:GetObject", resource: "arn:aws:s3:::reports/q1.csv",
			decision: evaluator.ImplicitDeny, step: evaluator.StepImplicitDeny, banner: "⊘ DENIED", sid: "ReadWithMFA", line: 4,
			missing: "aws:MultiFactorAuthPresent", nearMiss: "aws:MultiFactorAuthPresent"},
		{name: "role session with MFA", principal: "arn:aws:sts::111122223333:assumed-role/analyst/s1", action: "s3:GetObject", resource: "arn:aws:s3:::reports/q1.csv",
			ctx:      []evaluator.ContextValue{{Key: "aws:MultiFactorAuthPresent", Values: []string{"true"}}},
			decision: evaluator.Allowed, step: evaluator.StepIdentityPolicy, banner: "✔ ALLOWED", sid: "ReadWithMFA", line: 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newPanel(t, eng, func(c *Config) { c.NoTimeContext = true })
			if tt.ctx != nil {
				m.SetContext(tt.ctx)
			}
			m = ask(m, tt.principal, tt.action, tt.resource)
			res, err := m.Result()
			if err != nil || res == nil {
				t.Fatalf("no result: %v", err)
			}
			if res.Decision != tt.decision || res.Step != tt.step {
				t.Fatalf("decision %v at %v, want %v at %v", res.Decision, res.Step, tt.decision, tt.step)
			}
			v := plain(m)
			if !strings.Contains(v, tt.banner) || !strings.Contains(v, "decided at "+tt.step.String()) {
				t.Fatalf("banner or step missing:\n%s", v)
			}
			if tt.sid != "" {
				st, ok := m.shownStatement()
				if !ok || st.Sid != tt.sid || st.Start.Line != tt.line {
					t.Fatalf("statement shown = %+v, want %s at line %d", st, tt.sid, tt.line)
				}
				if !strings.Contains(v, "("+tt.sid+") in ") || !strings.Contains(v, "line "+strconv.Itoa(tt.line)) {
					t.Fatalf("statement header missing:\n%s", v)
				}
			}
			if tt.missing != "" && !strings.Contains(v, "Missing context: "+tt.missing) {
				t.Fatalf("missing context not shown:\n%s", v)
			}
			if tt.nearMiss != "" {
				exp := m.Explanation()
				if exp == nil || len(exp.Nearest) == 0 || !strings.Contains(exp.Nearest[0].Failed, tt.nearMiss) {
					t.Fatalf("near miss: %+v", exp)
				}
			}
		})
	}
}

func TestCompletionOfFields(t *testing.T) {
	eng := smallEngine(t)
	tests := []struct {
		name  string
		focus focusID
		typed string
		first string
		want  string // the field after tab
	}{
		{"principal by name", focusID{kind: fPrincipal}, "ali", "arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:user/alice"},
		{"role and its session", focusID{kind: fPrincipal}, "analy", "arn:aws:iam::111122223333:role/analyst", "arn:aws:iam::111122223333:role/analyst"},
		{"sessions", focusID{kind: fPrincipal}, "arn:aws:sts::111122223333:assumed-role/an", "arn:aws:sts::111122223333:assumed-role/analyst/session", "arn:aws:sts::111122223333:assumed-role/analyst/session"},
		{"action", focusID{kind: fAction}, "s3:GetObjectTag", "s3:GetObjectTagging", "s3:GetObjectTagging"},
		{"a typo: did you mean first", focusID{kind: fAction}, "s3:GetObjet", "s3:GetObject", "s3:GetObject"},
		{"a misspelled service", focusID{kind: fAction}, "s4:GetObject", "s3:GetObject", "s3:GetObject"},
		{"condition key", focusID{kind: fCtxKey}, "aws:MultiFactorAuthP", "aws:MultiFactorAuthPresent", "aws:MultiFactorAuthPresent"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newPanel(t, eng, func(c *Config) { c.NoTimeContext = true })
			if tt.focus.kind == fCtxKey {
				m = keys(m, "ctrl+n")
			}
			m.focus = tt.focus
			m = typeText(m, tt.typed)
			if !m.popup.open {
				t.Fatal("no suggestions")
			}
			if got := m.popup.items[0].text; got != tt.first {
				t.Fatalf("first suggestion %q, want %q", got, tt.first)
			}
			if !strings.Contains(plain(m), tt.first) {
				t.Fatal("suggestions not drawn")
			}
			m = keys(m, "tab")
			if got := m.focusedField().Value(); got != tt.want {
				t.Fatalf("accepted %q, want %q", got, tt.want)
			}
		})
	}
	// The second suggestion for a role is its session form.
	m := newPanel(t, eng)
	m = typeText(m, "analyst")
	if len(m.popup.items) < 2 || !strings.Contains(m.popup.items[1].text, "assumed-role/analyst/") {
		t.Fatalf("no session suggestion: %+v", m.popup.items)
	}
	// Resource: the action's ARN template.
	m = newPanel(t, eng)
	m.Prefill("alice", "s3:GetObject", "")
	m = keys(m, "ctrl+space")
	if !m.popup.open || m.popup.items[0].text != "arn:aws:s3:::" {
		t.Fatalf("resource suggestions %+v", m.popup.items)
	}
	// A Bool key's value offers true and false.
	m = newPanel(t, eng, func(c *Config) { c.NoTimeContext = true })
	m.SetContext([]evaluator.ContextValue{{Key: "aws:MultiFactorAuthPresent", Values: []string{""}}})
	m.focus = focusID{kind: fCtxValue}
	m = keys(m, "ctrl+space")
	if !m.popup.open || len(m.popup.items) != 2 || m.popup.items[0].text != "true" {
		t.Fatalf("value suggestions %+v", m.popup.items)
	}
}

func TestKeysOnThePanel(t *testing.T) {
	eng := smallEngine(t)
	m := newPanel(t, eng)
	m.Prefill("analyst", "s3:GetObject", "arn:aws:s3:::reports/q1.csv")
	m = settle(m)
	if r, _ := m.Result(); r == nil || r.Decision != evaluator.ImplicitDeny {
		t.Fatalf("result %+v", r)
	}
	// alt+m adds the missing key and focuses its value; typing true allows.
	m = keys(m, "alt+m")
	if m.focus.kind != fCtxValue || m.ctx[len(m.ctx)-1].key.Value() != "aws:MultiFactorAuthPresent" {
		t.Fatalf("focus %+v ctx %d", m.focus, len(m.ctx))
	}
	m = typeText(m, "true")
	if r, _ := m.Result(); r == nil || r.Decision != evaluator.Allowed {
		t.Fatalf("with MFA: %+v", r)
	}
	// ctrl+r removes the row: back to implicit deny.
	m = keys(m, "esc", "ctrl+r")
	if r, _ := m.Result(); r == nil || r.Decision != evaluator.ImplicitDeny {
		t.Fatalf("after removing the key: %+v", r)
	}
	// ctrl+n adds an empty row and focuses its key.
	n := len(m.ctx)
	m = keys(m, "ctrl+n")
	if len(m.ctx) != n+1 || m.focus != (focusID{kind: fCtxKey, row: n}) {
		t.Fatalf("ctrl+n: %d rows, focus %+v", len(m.ctx), m.focus)
	}
	// Tab cycles through every field, shift+tab back; in can mode the
	// results are not a stop (nothing there takes keys).
	m.focus = focusID{kind: fPrincipal}
	seen := map[focusID]bool{}
	for i := 0; i < len(m.focusList()); i++ {
		seen[m.focus] = true
		m = keys(m, "tab")
	}
	if len(seen) != len(m.focusList()) || m.focus.kind != fPrincipal {
		t.Fatalf("tab order visited %d of %d, ended on %+v", len(seen), len(m.focusList()), m.focus)
	}
	m = keys(m, "shift+tab")
	if m.focus.kind != fCtxValue || m.focus.row != len(m.ctx)-1 {
		t.Fatalf("shift+tab from the first field went to %+v", m.focus)
	}
	// esc closes the panel; ctrl+o opens the policy shown.
	_, cmd := m.Update(press("esc"))
	if cmd == nil || cmd() != (CloseMsg{}) {
		t.Fatal("esc did not close")
	}
	m.Prefill("alice", "s3:DeleteObject", "")
	_, cmd = m.Update(press("ctrl+o"))
	if cmd == nil {
		t.Fatal("ctrl+o sent nothing")
	}
	if o, ok := cmd().(OpenPolicyMsg); !ok || o.PolicyName != "S3Read" || o.Sid != "NoDeletes" || o.Start.Line != 10 {
		t.Fatalf("OpenPolicyMsg = %+v", cmd())
	}
}

func TestWhoCan(t *testing.T) {
	eng := smallEngine(t)
	m := newPanel(t, eng)
	m = keys(m, "ctrl+t")
	if m.Mode() != WhoCanMode || m.focus.kind != fAction {
		t.Fatalf("mode %v focus %+v", m.Mode(), m.focus)
	}
	m = ask(m, "", "s3:GetObject", "arn:aws:s3:::reports/q1.csv")
	entries, busy, err := m.WhoCan()
	if err != nil || busy || len(entries) != 1 || entries[0].Principal.Name != "alice" {
		t.Fatalf("who can: %+v busy %v err %v", entries, busy, err)
	}
	v := plain(m)
	if !strings.Contains(v, "1 principal can do s3:GetObject") || !strings.Contains(v, "alice") || !strings.Contains(v, "ReadReports") {
		t.Fatalf("who-can view:\n%s", v)
	}
	// Enter on the entry asks the "can" question for it.
	m.focus = focusID{kind: fResults}
	m = keys(m, "enter")
	if m.Mode() != CanMode || m.principal.Value() != "arn:aws:iam::111122223333:user/alice" {
		t.Fatalf("mode %v principal %q", m.Mode(), m.principal.Value())
	}
	if r, _ := m.Result(); r == nil || r.Decision != evaluator.Allowed {
		t.Fatalf("result %+v", r)
	}
}

// fakeEngine is a fake whose answers the test controls.
type fakeEngine struct {
	decision   evaluator.Decision
	explainErr error
	principals []evaluator.PrincipalInfo
	evaluated  int
}

func (f *fakeEngine) Evaluate(req *evaluator.Request, res *evaluator.Result) error {
	f.evaluated++
	*res = evaluator.Result{Decision: f.decision, Step: evaluator.StepImplicitDeny}
	return nil
}

func (f *fakeEngine) Explain(req *evaluator.Request) (*evaluator.Explanation, error) {
	return nil, f.explainErr
}

func (f *fakeEngine) WhoCanReport(string, string, []evaluator.ContextValue) (*evaluator.WhoCanReport, error) {
	return nil, errors.New("who-can failed")
}

func (f *fakeEngine) Principals() []evaluator.PrincipalInfo { return f.principals }

func (f *fakeEngine) ResolvePrincipal(account, s string) (string, error) {
	if s == "nobody" {
		return "", errors.New(`no user or role named "nobody"`)
	}
	return "arn:aws:iam::" + account + ":user/" + s, nil
}

func TestErrorsAndStaleAnswers(t *testing.T) {
	f := &fakeEngine{explainErr: errors.New("explain broke")}
	m := newPanel(t, f)
	m.Prefill("nobody", "s3:GetObject", "")
	if v := plain(m); !strings.Contains(v, `✖ no user or role named "nobody"`) {
		t.Fatalf("resolution error not shown:\n%s", v)
	}
	m.Prefill("carol", "s3:GetObjects", "")
	v := plain(m)
	if !strings.Contains(v, "⚠ s3:GetObjects is not an AWS action; did you mean s3:GetObject?") {
		t.Fatalf("unknown action not flagged:\n%s", v)
	}
	// An explanation for an older question is dropped.
	stale := m.seq
	m = typeText(m, "x")
	m, _ = m.Update(explainDoneMsg{sh: m.sh, seq: stale, err: errors.New("old")})
	if m.expErr != nil {
		t.Fatal("stale explanation applied")
	}
	m = settle(m)
	if !strings.Contains(plain(m), "no explanation: explain broke") {
		t.Fatalf("explain error not shown:\n%s", plain(m))
	}
	// Who-can errors are shown.
	m = keys(m, "ctrl+t")
	m = settle(m)
	if !strings.Contains(plain(m), "✖ who-can failed") {
		t.Fatalf("who-can error not shown:\n%s", plain(m))
	}
	// No engine: the panel says so.
	none := New(Config{})
	none.SetSize(80, 24)
	if !strings.Contains(plain(none), "no account is loaded") {
		t.Fatalf("nil engine:\n%s", plain(none))
	}
}

func TestEngineIsAskedOnEveryChange(t *testing.T) {
	f := &fakeEngine{}
	var eng Engine = f
	m := newPanel(t, func() Engine { return eng }())
	m.Prefill("carol", "s3:GetObject", "")
	before := f.evaluated
	m = typeText(m, "abc")
	if f.evaluated != before+3 {
		t.Fatalf("evaluated %d times for 3 keys", f.evaluated-before)
	}
	// The host swaps the engine: Refresh uses the new one.
	g := &fakeEngine{decision: evaluator.Allowed}
	eng = g
	m.engine = func() Engine { return eng }
	m.Refresh()
	if r, _ := m.Result(); r == nil || r.Decision != evaluator.Allowed || g.evaluated != 1 {
		t.Fatalf("after refresh: %+v", r)
	}
}

func TestViewIsSanitisedAndFitsTheSize(t *testing.T) {
	f := &fakeEngine{}
	m := newPanel(t, f)
	m.Prefill("evil\x1b]0;pwned\x07", "s3:Get\u202eObject", "arn:aws:s3:::x\x1b[2J")
	for _, size := range [][2]int{{80, 24}, {120, 36}, {60, 12}, {250, 70}} {
		m.SetSize(size[0], size[1])
		v := m.View()
		for _, bad := range []string{"\x1b]0", "\x07", "\x1b[2J", "\u202e"} {
			if strings.Contains(v, bad) {
				t.Fatalf("%v: view contains %q", size, bad)
			}
		}
		lines := strings.Split(plain(m), "\n")
		if len(lines) != size[1] {
			t.Fatalf("%v: %d lines", size, len(lines))
		}
		for i, l := range lines {
			if w := stringWidth(l); w != size[0] {
				t.Fatalf("%v: line %d is %d wide: %q", size, i, w, l)
			}
		}
	}
}

func TestKeyMapHelpIsComplete(t *testing.T) {
	km := DefaultKeyMap()
	for _, col := range km.FullHelp() {
		for _, b := range col {
			if b.Help().Key == "" || b.Help().Desc == "" || len(b.Keys()) == 0 {
				t.Errorf("binding %v has no help", b.Keys())
			}
		}
	}
}

var _ tea.Msg = CloseMsg{}

// Typing a whole action and pressing tab moves on to the resource, even
// though the suggestion list is open on that very action.
func TestTabAfterACompleteValueMovesOn(t *testing.T) {
	m := newPanel(t, smallEngine(t), func(c *Config) { c.NoTimeContext = true })
	m.focus = focusID{kind: fAction}
	m = keys(typeText(m, "s3:GetObject"), "ctrl+space")
	if !m.popup.open {
		t.Fatal("no suggestions for s3:GetObject")
	}
	m = keys(m, "tab")
	if m.focus.kind != fResource || m.action.Value() != "s3:GetObject" {
		t.Fatalf("focus %v, action %q: tab should move to the resource", m.focus.kind, m.action.Value())
	}
	// A partial value is completed by tab instead.
	m.focus = focusID{kind: fAction}
	m.action.SetValue("")
	m = keys(typeText(m, "s3:GetObjectTagg"), "ctrl+space", "tab")
	if m.focus.kind != fAction || m.action.Value() != "s3:GetObjectTagging" {
		t.Fatalf("focus %v, action %q: tab should complete", m.focus.kind, m.action.Value())
	}
}

// A teacher sees what the Deny took away: the Allow it overrode is listed
// under the decision and shown, marked, after the Deny with alt+n.
func TestOverriddenAllowShown(t *testing.T) {
	w := smallWorld(t)
	alice := w.Accounts[0].Users[0]
	alice.InlinePolicies = append(alice.InlinePolicies, model.InlinePolicy{Name: "S3All",
		Document: mustParse(t, `{"Version":"2012-10-17","Statement":[{"Sid":"AllOfS3","Effect":"Allow","Action":"s3:*","Resource":"*"}]}`, policy.Identity)})
	eng, err := evaluator.Compile(w)
	if err != nil {
		t.Fatal(err)
	}
	m := newPanel(t, eng, func(c *Config) { c.NoTimeContext = true })
	m.SetSize(120, 40)
	m = ask(m, "alice", "s3:DeleteObject", "arn:aws:s3:::reports/q1.csv")
	if st, ok := m.shownStatement(); !ok || st.Sid != "NoDeletes" {
		t.Fatalf("first statement shown = %+v, want the Deny", st)
	}
	v := plain(m)
	mustContainAll(t, v, "Allows the Deny overrides", "statement 1 (AllOfS3) in S3All (line 1) would allow it")
	m = keys(m, "alt+n")
	if st, _ := m.shownStatement(); st.Sid != "AllOfS3" {
		t.Fatalf("alt+n shows %q, want the overridden Allow", st.Sid)
	}
	mustContainAll(t, plain(m), "overridden Allow statement 1 (AllOfS3) in S3All")
}

func mustContainAll(t *testing.T, s string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(s, w) {
			t.Fatalf("missing %q in:\n%s", w, s)
		}
	}
}

// A compact document (one line, as the raw API stores it) is shown
// indented: the header gives the stored position, as the CLI and AWS's
// JSON do, and the line the viewer highlights.
func TestCompactDocumentPositions(t *testing.T) {
	w := smallWorld(t)
	compact := `{"Version":"2012-10-17","Statement":[{"Sid":"ReadReports","Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::reports","arn:aws:s3:::reports/*"]},{"Sid":"NoDeletes","Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"}]}`
	w.Accounts[0].Users[0].InlinePolicies[0].Document = mustParse(t, compact, policy.Identity)
	eng, err := evaluator.Compile(w)
	if err != nil {
		t.Fatal(err)
	}
	m := newPanel(t, eng, func(c *Config) { c.NoTimeContext = true })
	m.SetSize(200, 40)
	m = ask(m, "alice", "s3:DeleteObject", "arn:aws:s3:::reports/q1.csv")
	st, ok := m.shownStatement()
	if !ok || st.Start.Line != 1 {
		t.Fatalf("statement %+v", st)
	}
	want := fmt.Sprintf("line 1, col %d (shown indented at line", st.Start.Column)
	mustContainAll(t, plain(m), want)
}

// The time keys follow the clock when the panel is opened again, unless
// the user typed a time of their own.
func TestRefreshTime(t *testing.T) {
	now := fixedNow
	m := newPanel(t, smallEngine(t), func(c *Config) { c.Now = func() time.Time { return now } })
	valueOf := func(key string) string {
		for _, r := range m.ctx {
			if r.key.Value() == key {
				return r.value.Value()
			}
		}
		return ""
	}
	if got := valueOf("aws:CurrentTime"); got != "2026-03-01T12:00:00Z" {
		t.Fatalf("aws:CurrentTime = %q", got)
	}
	now = now.Add(time.Hour)
	m.RefreshTime()
	if got := valueOf("aws:CurrentTime"); got != "2026-03-01T13:00:00Z" {
		t.Fatalf("after an hour, aws:CurrentTime = %q", got)
	}
	m.SetContextValue("aws:CurrentTime", "2020-01-01T00:00:00Z")
	now = now.Add(time.Hour)
	m.RefreshTime()
	if got := valueOf("aws:CurrentTime"); got != "2020-01-01T00:00:00Z" {
		t.Fatalf("a typed time was replaced: %q", got)
	}
	if got := valueOf("aws:EpochTime"); got != fmt.Sprint(now.Unix()) {
		t.Fatalf("aws:EpochTime = %q, want %d", got, now.Unix())
	}
}
