package evalpanel

import (
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"iamtui/catalog"
	"iamtui/evaluator"
	"iamtui/model"
	"iamtui/model/policy"
)

var (
	catOnce sync.Once
	testCat *catalog.Catalog
	catErr  error
)

func testCatalog(tb testing.TB) *catalog.Catalog {
	tb.Helper()
	catOnce.Do(func() { testCat, catErr = catalog.Load() })
	if catErr != nil {
		tb.Fatal(catErr)
	}
	return testCat
}

const acct = "111122223333"

const aliceS3 = `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "ReadReports",
            "Effect": "Allow",
            "Action": ["s3:GetObject", "s3:ListBucket"],
            "Resource": ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]
        },
        {
            "Sid": "NoDeletes",
            "Effect": "Deny",
            "Action": "s3:DeleteObject",
            "Resource": "*"
        }
    ]
}`

const analystMFA = `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "ReadWithMFA",
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::reports/*",
            "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}
        }
    ]
}`

const trustAccount = `{
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"}]
}`

func mustParse(tb testing.TB, text string, kind policy.Kind) *policy.Document {
	tb.Helper()
	d, err := policy.Parse(text, kind)
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

// smallWorld is one account: alice reads reports and may not delete; bob
// has nothing; the analyst role reads reports with MFA.
func smallWorld(tb testing.TB) *model.World {
	tb.Helper()
	created := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	a := &model.Account{ID: acct, Alias: "demo"}
	a.Users = []*model.User{
		{Name: "alice", Path: "/", ID: "AIDAALICE0000000000001", ARN: "arn:aws:iam::" + acct + ":user/alice", CreateDate: created,
			InlinePolicies: []model.InlinePolicy{{Name: "S3Read", Document: mustParse(tb, aliceS3, policy.Identity)}}},
		{Name: "bob", Path: "/", ID: "AIDABOB00000000000001", ARN: "arn:aws:iam::" + acct + ":user/bob", CreateDate: created},
	}
	a.Roles = []*model.Role{
		{Name: "analyst", Path: "/", ID: "AROAANALYST0000000001", ARN: "arn:aws:iam::" + acct + ":role/analyst", CreateDate: created,
			TrustPolicy:    mustParse(tb, trustAccount, policy.Trust),
			InlinePolicies: []model.InlinePolicy{{Name: "ReadWithMFA", Document: mustParse(tb, analystMFA, policy.Identity)}}},
	}
	return &model.World{Accounts: []*model.Account{a}}
}

func smallEngine(tb testing.TB) *evaluator.Engine {
	tb.Helper()
	e, err := evaluator.Compile(smallWorld(tb))
	if err != nil {
		tb.Fatal(err)
	}
	return e
}

var fixedNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func newPanel(tb testing.TB, eng Engine, opts ...func(*Config)) Model {
	tb.Helper()
	cfg := Config{
		Engine:  func() Engine { return eng },
		Catalog: testCatalog(tb),
		Account: acct,
		Now:     func() time.Time { return fixedNow },
	}
	for _, o := range opts {
		o(&cfg)
	}
	m := New(cfg)
	m.SetSize(80, 24)
	m.Focus()
	return m
}

func press(s string) tea.KeyPressMsg {
	mods := map[string]tea.KeyMod{"ctrl": tea.ModCtrl, "alt": tea.ModAlt, "shift": tea.ModShift}
	var mod tea.KeyMod
	for {
		found := false
		for name, mm := range mods {
			if len(s) > len(name)+1 && s[:len(name)+1] == name+"+" {
				mod |= mm
				s = s[len(name)+1:]
				found = true
			}
		}
		if !found {
			break
		}
	}
	codes := map[string]rune{
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"home": tea.KeyHome, "end": tea.KeyEnd, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
		"enter": tea.KeyEnter, "tab": tea.KeyTab, "backspace": tea.KeyBackspace, "delete": tea.KeyDelete,
		"esc": tea.KeyEscape, "space": tea.KeySpace,
	}
	if c, ok := codes[s]; ok {
		return tea.KeyPressMsg{Code: c, Mod: mod}
	}
	r := []rune(s)
	k := tea.KeyPressMsg{Code: r[0], Mod: mod}
	if mod == 0 {
		k.Text = s
	}
	return k
}

// drive sends keys, typing the ones that are not key names, and runs the
// commands they return (explanations and who-can answers) synchronously.
func typeText(m Model, s string) Model {
	for _, r := range s {
		m, _ = m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return m
}

func keys(m Model, names ...string) Model {
	for _, n := range names {
		m, _ = m.Update(press(n))
	}
	return m
}

// settle delivers the panel's pending slow-path answers (explanation or
// who-can) without waiting for the debounce.
func settle(m Model) Model {
	var cmd tea.Cmd
	if m.mode == WhoCanMode {
		m, cmd = m.Update(whoTickMsg{sh: m.sh, seq: m.seq})
	} else {
		m, cmd = m.Update(explainTickMsg{sh: m.sh, seq: m.seq})
	}
	if cmd != nil {
		m, _ = m.Update(cmd())
	}
	return m
}

func plain(m Model) string { return ansi.Strip(m.View()) }

func stringWidth(s string) int { return ansi.StringWidth(s) }
