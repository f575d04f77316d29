package evalpanel

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"iamtui/evaluator"
)

// whoCanPanel asks who can do action on resource and waits for the answer.
func whoCanPanel(t *testing.T, eng Engine, action, resource string, w, h int) Model {
	t.Helper()
	m := newPanel(t, eng, func(c *Config) { c.NoTimeContext = true })
	m.SetSize(w, h)
	m.SetMode(WhoCanMode)
	m.Prefill("", action, resource)
	return settle(m)
}

func TestWhoCanReport(t *testing.T) {
	eng := outsiderEngine(t)
	tests := []struct {
		name, action, resource string
		rows                   []string // each row's principal, in order
		want                   []string // shown, in this order
		firstLine              string   // the first line after the header
	}{
		{name: "public bucket: anyone first and loud", action: "s3:GetObject", resource: "arn:aws:s3:::shared/public/a.html",
			rows: []string{"*", acct + ":role/analyst", acct + ":user/alice", acct + ":user/bob", "777788889999"},
			want: []string{"3 principals can do s3:GetObject on arn:aws:s3:::shared/public/a.html 2 more outside the database",
				"⚠ PUBLIC: ANYONE may s3:GetObject on arn:aws:s3:::shared/public/a.html",
				"anyone: every AWS account's principals and anonymous requests (public)",
				"granted by statement 2 (EveryoneReadsPublic)",
				"✔ role analyst shared › statement 2 (EveryoneReadsPublic)",
				"✔ outsider account 777788889999",
				"any principal of account 777788889999 that its own IAM policies allow",
				"granted by statement 1 (PartnerReads)"},
			firstLine: "› ⚠ PUBLIC: ANYONE may s3:GetObject"},
		{name: "an outsider's grant needs a key the request lacks", action: "s3:PutObject", resource: "arn:aws:s3:::shared/inbox/a",
			rows: []string{"arn:aws:iam::444455556666:role/uploader"},
			want: []string{"0 principals can do s3:PutObject", "1 more outside the database",
				"? outsider role arn:aws:iam::444455556666:role/uploader",
				"the role arn:aws:iam::444455556666:role/uploader of account 444455556666, if its own IAM policies allow",
				"granted by statement 3 (PartnerRoleWrites) if s3:x-amz-acl = bucket-owner-full-control",
				"the request did not give s3:x-amz-acl: allowed only if the conditions hold",
				"the request did not give s3:x-amz-acl, which some statements read (alt+m adds the keys)"},
			firstLine: "› ? outsider role"},
		{name: "users and roles held back by a missing key", action: "s3:GetObject", resource: "arn:aws:s3:::reports/q1.csv",
			rows: []string{acct + ":user/alice"},
			want: []string{"1 principal can do s3:GetObject on arn:aws:s3:::reports/q1.csv",
				"✔ user alice S3Read › statement 1 (ReadReports)",
				"the request did not give aws:MultiFactorAuthPresent; 1 more principal would be allowed with suitable values of aws:MultiFactorAuthPresent: analyst"},
			firstLine: "› ✔ user alice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := whoCanPanel(t, eng, tt.action, tt.resource, 200, 40)
			rows := m.whoRows()
			if len(rows) != len(tt.rows) {
				t.Fatalf("%d rows, want %d: %+v", len(rows), len(tt.rows), m.WhoCanReport())
			}
			for i, r := range rows {
				if !strings.HasSuffix(r.principal(), tt.rows[i]) {
					t.Errorf("row %d is %q, want …%s", i, r.principal(), tt.rows[i])
				}
			}
			v := words(plain(m))
			at := 0
			for _, w := range tt.want {
				i := strings.Index(v[at:], w)
				if i < 0 {
					t.Fatalf("%q not shown (in order):\n%s", w, plain(m))
				}
				at += i + len(w)
			}
			// The first entry comes right after the header.
			lines := strings.Split(plain(m), "\n")
			for i, l := range lines {
				if strings.HasPrefix(l, "› ") {
					if !strings.HasPrefix(l, tt.firstLine) || !strings.Contains(lines[i-1], "can do ") && !strings.Contains(lines[i-1], "outside the database") {
						t.Fatalf("first entry %q after %q, want %q", l, lines[i-1], tt.firstLine)
					}
					break
				}
			}
			// Every entry's statement is shown on its selection.
			m.focus = focusID{kind: fResults}
			for i := range rows {
				st, ok := m.shownStatement()
				if !ok || st.Index != rows[i].matched()[0].Index {
					t.Fatalf("row %d shows %+v", i, st)
				}
				m = keys(m, "down")
			}
		})
	}
}

// TestWhoCanAskCanForAnOutsider: enter on an outsider asks "can" for it as
// the policy names it.
func TestWhoCanAskCanForAnOutsider(t *testing.T) {
	eng := outsiderEngine(t)
	for _, tt := range []struct {
		down      int
		principal string
		kind      evaluator.PrincipalKind
	}{
		{0, "*", evaluator.PrincipalAnonymous},
		{4, "777788889999", evaluator.PrincipalAccount},
	} {
		m := whoCanPanel(t, eng, "s3:GetObject", "arn:aws:s3:::shared/public/a.html", 80, 24)
		m.focus = focusID{kind: fResults}
		for range tt.down {
			m = keys(m, "down")
		}
		m = keys(m, "enter")
		r, err := m.Result()
		if m.Mode() != CanMode || m.principal.Value() != tt.principal || err != nil || r == nil ||
			r.Decision != evaluator.Allowed || r.PrincipalKind != tt.kind {
			t.Fatalf("%s: mode %v principal %q result %+v %v", tt.principal, m.Mode(), m.principal.Value(), r, err)
		}
	}
}

// TestWhoCanMissingKeys: alt+m adds the keys the who-can answer lacked;
// a value that satisfies the grant turns the outsider's ? into ✔.
func TestWhoCanMissingKeys(t *testing.T) {
	m := whoCanPanel(t, outsiderEngine(t), "s3:PutObject", "arn:aws:s3:::shared/inbox/a", 120, 36)
	m = keys(m, "alt+m")
	if len(m.ctx) != 1 || m.ctx[0].key.Value() != "s3:x-amz-acl" || m.focus != (focusID{kind: fCtxValue}) {
		t.Fatalf("alt+m: %d rows, focus %+v", len(m.ctx), m.focus)
	}
	m = settle(typeText(m, "bucket-owner-full-control"))
	x := m.WhoCanReport().External
	if len(x) != 1 || x[0].NeedsContext != nil || !strings.Contains(plain(m), "✔ outsider role") {
		t.Fatalf("after the value: %+v\n%s", x, plain(m))
	}
}

// TestWhoCanScrollsToTheSelection: on a short screen the selected entry
// stays whole in view.
func TestWhoCanScrollsToTheSelection(t *testing.T) {
	m := whoCanPanel(t, outsiderEngine(t), "s3:GetObject", "arn:aws:s3:::shared/public/a.html", 80, 16)
	m.focus = focusID{kind: fResults}
	for i := range m.whoRows() {
		v := plain(m)
		name := []string{"PUBLIC: ANYONE", "analyst", "alice", "bob", "777788889999"}[i]
		found := false
		for _, l := range strings.Split(v, "\n") {
			if strings.HasPrefix(l, "› ") && strings.Contains(l, name) {
				found = true
			}
		}
		if !found {
			t.Fatalf("row %d (%s) not shown selected:\n%s", i, name, v)
		}
		m = keys(m, "down")
	}
}

// TestFlowWhoCanPublicBucket asks who can read a public object in a
// terminal: the public grant comes first and loud; enter on it asks "can"
// for anyone.
func TestFlowWhoCanPublicBucket(t *testing.T) {
	p := newPanel(t, outsiderEngine(t), func(c *Config) {
		c.NoTimeContext = true
		c.WhoCanDelay = time.Millisecond
		c.ExplainDelay = time.Millisecond
	})
	scr := &screen{}
	tm := teatest.NewTestModel(t, host{p: p, screen: scr}, teatest.WithInitialTermSize(120, 36),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	tm.Send(tea.KeyPressMsg{Code: 't', Mod: tea.ModCtrl})
	waitFor(t, scr, "Who can do Y on Z?")
	tm.Type("s3:GetObject")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEscape})
	tm.Send(tea.KeyPressMsg{Code: tea.KeyTab})
	tm.Type("arn:aws:s3:::shared/public/a.html")
	waitFor(t, scr, "› ⚠ PUBLIC: ANYONE may s3:GetObject", "2 more outside the database", "✔ outsider account 777788889999",
		"Allow statement 2 (EveryoneReadsPublic) in")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyTab}) // the list
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitFor(t, scr, "Can X do Y on Z?", "✔ ALLOWED", "outsider: anyone: an anonymous")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEscape})
	final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(host)
	if r, _ := final.p.Result(); r == nil || r.PrincipalKind != evaluator.PrincipalAnonymous || r.Decision != evaluator.Allowed {
		t.Fatalf("final result %+v", r)
	}
}
