package evalpanel

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"iamtui/evaluator"
	"iamtui/model"
	"iamtui/model/policy"
)

// sharedBucket lets in principals outside the database: account
// 777788889999 reads everything, anyone reads public/, a partner's role
// writes inbox/, and CloudTrail writes logs/ for this account only.
const sharedBucket = `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "PartnerReads",
            "Effect": "Allow",
            "Principal": {"AWS": "777788889999"},
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::shared/*"
        },
        {
            "Sid": "EveryoneReadsPublic",
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::shared/public/*"
        },
        {
            "Sid": "PartnerRoleWrites",
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::444455556666:role/uploader"},
            "Action": "s3:PutObject",
            "Resource": "arn:aws:s3:::shared/inbox/*",
            "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}}
        },
        {
            "Sid": "TrailWritesLogs",
            "Effect": "Allow",
            "Principal": {"Service": "cloudtrail.amazonaws.com"},
            "Action": "s3:PutObject",
            "Resource": "arn:aws:s3:::shared/logs/*",
            "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}
        }
    ]
}`

// outsiderWorld is smallWorld with the shared bucket's policy.
func outsiderWorld(tb testing.TB) *model.World {
	tb.Helper()
	w := smallWorld(tb)
	w.ResourcePolicies = []*model.ResourcePolicy{{ResourceARN: "arn:aws:s3:::shared", AccountID: acct,
		Document: mustParse(tb, sharedBucket, policy.Resource)}}
	return w
}

func outsiderEngine(tb testing.TB) *evaluator.Engine {
	tb.Helper()
	e, err := evaluator.Compile(outsiderWorld(tb))
	if err != nil {
		tb.Fatal(err)
	}
	return e
}

func TestOutsiders(t *testing.T) {
	eng := outsiderEngine(t)
	tests := []struct {
		name, principal, action, resource string
		ctx                               []evaluator.ContextValue
		decision                          evaluator.Decision
		kind                              evaluator.PrincipalKind
		reason                            string // the words beside the banner
		outsider                          string // what it stands for
		identity                          string // the flowchart's identity step
		mark                              string // and its mark
	}{
		{name: "another account by id", principal: "777788889999", action: "s3:GetObject", resource: "arn:aws:s3:::shared/a.csv",
			decision: evaluator.Allowed, kind: evaluator.PrincipalAccount,
			reason:   "(by the resource side; account 777788889999 must allow it too)",
			outsider: "any principal of account 777788889999 that its own IAM policies allow",
			identity: "unknown — account 777788889999 is not in the database; it must allow too", mark: "?"},
		{name: "another account's user", principal: "arn:aws:iam::777788889999:user/eve", action: "s3:GetObject", resource: "arn:aws:s3:::shared/a.csv",
			decision: evaluator.Allowed, kind: evaluator.PrincipalUser,
			reason:   "(by the resource side; account 777788889999 must allow it too)",
			outsider: "a user of account 777788889999, which is not in the database",
			identity: "unknown — account 777788889999 is not in the database; it must allow too", mark: "?"},
		{name: "anonymous", principal: "*", action: "s3:GetObject", resource: "arn:aws:s3:::shared/public/index.html",
			decision: evaluator.Allowed, kind: evaluator.PrincipalAnonymous,
			reason:   "(the resource-based policy allows it)",
			outsider: "anyone: an anonymous (unauthenticated) request",
			identity: "none: an anonymous request has no identity side", mark: "·"},
		{name: "service without its condition", principal: "cloudtrail.amazonaws.com", action: "s3:PutObject", resource: "arn:aws:s3:::shared/logs/1.json",
			decision: evaluator.ImplicitDeny, kind: evaluator.PrincipalService,
			reason:   "(implicit deny: no resource-based policy allows it, and nothing else can for this principal)",
			outsider: "an AWS service: only a resource-based policy can allow it",
			identity: "not reached", mark: "·"},
		{name: "service with its condition", principal: "cloudtrail.amazonaws.com", action: "s3:PutObject", resource: "arn:aws:s3:::shared/logs/1.json",
			ctx:      []evaluator.ContextValue{{Key: "aws:SourceAccount", Values: []string{acct}}},
			decision: evaluator.Allowed, kind: evaluator.PrincipalService,
			reason:   "(the resource-based policy allows it)",
			outsider: "an AWS service: only a resource-based policy can allow it",
			identity: "none: a service has no identity side", mark: "·"},
		{name: "another account without a resource policy", principal: "999988887777", action: "sqs:SendMessage", resource: "arn:aws:sqs:us-east-1:111122223333:orders",
			decision: evaluator.ImplicitDeny, kind: evaluator.PrincipalAccount,
			reason:   "(implicit deny: the resource has no resource-based policy, and across accounts one must allow it)",
			outsider: "any principal of account 999988887777 that its own IAM policies allow",
			identity: "not reached", mark: "·"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newPanel(t, eng, func(c *Config) { c.NoTimeContext = true })
			if tt.ctx != nil {
				m.SetContext(tt.ctx)
			}
			m.Prefill(tt.principal, tt.action, tt.resource)
			m = settle(m)
			res, err := m.Result()
			if err != nil || res == nil {
				t.Fatalf("no result: %v", err)
			}
			if res.Decision != tt.decision || !res.External || res.PrincipalKind != tt.kind {
				t.Fatalf("%v external %v kind %v, want %v external %v", res.Decision, res.External, res.PrincipalKind, tt.decision, tt.kind)
			}
			if got := m.reasonText(); got != tt.reason {
				t.Fatalf("reason %q, want %q", got, tt.reason)
			}
			if st := m.flow()[3]; st.note != tt.identity || st.mark != tt.mark {
				t.Fatalf("identity step %q %q, want %q %q", st.mark, st.note, tt.mark, tt.identity)
			}
			// Narrow: the outsider is flagged beside the principal; wide:
			// what it stands for is read whole, and so is the reason.
			if v := plain(m); !strings.Contains(v, "outsider: ") {
				t.Fatalf("outsider not flagged at 80×24:\n%s", v)
			}
			m.SetSize(200, 40)
			v := words(plain(m))
			for _, want := range []string{tt.reason, "outsider: " + tt.outsider, tt.identity} {
				if !strings.Contains(v, want) {
					t.Fatalf("%q not shown at 200×40:\n%s", want, plain(m))
				}
			}
			if !strings.Contains(v, "decided at ") {
				t.Fatal("no step")
			}
		})
	}
}

// words is the left column of a wide view with its wrapped lines joined
// and runs of spaces squeezed, so that wrapped text can be looked for.
func words(v string) string {
	var b strings.Builder
	for _, l := range strings.Split(v, "\n") {
		if i := strings.Index(l, "│"); i >= 0 {
			l = l[:i]
		}
		l = strings.TrimSpace(l)
		b.WriteString(l)
		if !strings.HasSuffix(l, "-") { // a word cut at its hyphen
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func TestOutsidersOf(t *testing.T) {
	got := OutsidersOf(outsiderWorld(t))
	want := []Outsider{
		{"777788889999", "account · policy of shared"},
		{"*", "anyone (public) · policy of shared"},
		{"arn:aws:iam::444455556666:role/uploader", "role of 444455556666 · policy of shared"},
		{"cloudtrail.amazonaws.com", "service · policy of shared"},
	}
	// The analyst's trust names its own account's root: not an outsider.
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("outsider %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if OutsidersOf(nil) != nil {
		t.Fatal("nil world")
	}
}

func TestOutsiderCompletion(t *testing.T) {
	w := outsiderWorld(t)
	eng := outsiderEngine(t)
	tests := []struct {
		typed, first, detail string
	}{
		{"7777", "777788889999", "outsider: account · policy of shared"},
		{"cloudtr", "cloudtrail.amazonaws.com", "outsider: service · policy of shared"},
		{"upload", "arn:aws:iam::444455556666:role/uploader", "outsider: role of 444455556666 · policy of shared"},
		{"ali", "arn:aws:iam::111122223333:user/alice", "user alice"}, // users and roles first
	}
	for _, tt := range tests {
		t.Run(tt.typed, func(t *testing.T) {
			m := newPanel(t, eng, func(c *Config) { c.Outsiders = func() []Outsider { return OutsidersOf(w) } })
			m = typeText(m, tt.typed)
			if !m.popup.open || m.popup.items[0].text != tt.first || m.popup.items[0].detail != tt.detail {
				t.Fatalf("suggestions %+v", m.popup.items)
			}
			m = keys(m, "enter")
			if r, err := m.Result(); m.principal.Value() != tt.first || err != nil && r != nil {
				t.Fatalf("accepted %q: %v", m.principal.Value(), err)
			}
		})
	}
}

// TestFlowOutsider picks an outsider from the suggestions and reads the
// answer: allowed by the resource side, what the outsider stands for, and
// the identity step unknown.
func TestFlowOutsider(t *testing.T) {
	w := outsiderWorld(t)
	p := newPanel(t, outsiderEngine(t), func(c *Config) {
		c.ExplainDelay = time.Millisecond
		c.Outsiders = func() []Outsider { return OutsidersOf(w) }
	})
	scr := &screen{}
	tm := teatest.NewTestModel(t, host{p: p, screen: scr}, teatest.WithInitialTermSize(160, 40),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	tm.Type("7777")
	waitFor(t, scr, "outsider: account · policy of shared")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	tm.Send(tea.KeyPressMsg{Code: tea.KeyTab})
	tm.Type("s3:GetObject")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEscape})
	tm.Send(tea.KeyPressMsg{Code: tea.KeyTab})
	tm.Type("arn:aws:s3:::shared/a.csv")
	waitFor(t, scr, "✔ ALLOWED", "(by the resource side; account 777788889999", "outsider: any principal of account",
		"? 4 Identity-based policies", "unknown — account 777788889999", "statement 1 (PartnerReads) in arn:aws:s3:::shared")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEscape})
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEscape})
	final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(host)
	if r, _ := final.p.Result(); r == nil || !r.IdentitySideUnknown || r.PrincipalARN != "arn:aws:iam::777788889999:root" {
		t.Fatalf("final result %+v", r)
	}
}
