package evalpanel

import (
	"strings"
	"testing"

	"iamtui/evaluator"
)

// TestWording: the panel says why in the evaluator's words, as the CLI
// does — the banner's reason, statements named "statement N (Sid)" from 1
// in the header and the near misses, the root user's rule.
func TestWording(t *testing.T) {
	eng := smallEngine(t)
	tests := []struct {
		name, principal, action, resource string
		banner, reason                    string
		header                            string // the statement header, or what stands for it
		nearMiss                          string
	}{
		{name: "explicit deny", principal: "alice", action: "s3:DeleteObject", resource: "arn:aws:s3:::reports/q1.csv",
			banner: "✖ DENIED", reason: "(explicit deny: a Deny statement in the user inline policy applies)",
			header: "Deny statement 2 (NoDeletes) in S3Read · line 10, col 9 · user inline policy"},
		{name: "implicit deny", principal: "analyst", action: "s3:GetObject", resource: "arn:aws:s3:::reports/q1.csv",
			banner: "⊘ DENIED", reason: "(implicit deny: no policy allows it)",
			header: "nearest Allow statement 1 (ReadWithMFA) in ReadWithMFA", nearMiss: "statement 1 (ReadWithMFA) in ReadWithMFA: condition"},
		{name: "allowed", principal: "alice", action: "s3:GetObject", resource: "arn:aws:s3:::reports/q1.csv",
			banner: "✔ ALLOWED", reason: "(an identity-based policy allows it)",
			header: "Allow statement 1 (ReadReports) in S3Read"},
		{name: "a statement without a Sid", principal: "999988887777", action: "sts:AssumeRole", resource: "arn:aws:iam::" + acct + ":role/analyst",
			banner: "⊘ DENIED", reason: "(implicit deny: the resource-based policy does not allow it (needed across accounts))",
			header: "nearest Allow statement 1 in arn:aws:iam::" + acct + ":role/analyst", nearMiss: "statement 1 in arn:aws:iam::" + acct + ":role/analyst: "},
		{name: "the root user", principal: acct, action: "s3:GetObject", resource: "arn:aws:s3:::reports/q1.csv",
			banner: "✔ ALLOWED", reason: "(" + evaluator.RootUserRule + ")",
			header: "no statement: " + evaluator.RootUserRule},
		{name: "the root user cannot assume a role", principal: acct, action: "sts:AssumeRole", resource: "arn:aws:iam::" + acct + ":role/analyst",
			banner: "⊘ DENIED", reason: "(implicit deny: the root user cannot call sts:AssumeRole (AWS refuses the root user's credentials))",
			header: "no policy is read: AWS refuses the root user's credentials for sts:AssumeRole"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newPanel(t, eng, func(c *Config) { c.NoTimeContext = true })
			m.Prefill(tt.principal, tt.action, tt.resource)
			m = settle(m)
			if got := m.reasonText(); got != tt.reason {
				t.Fatalf("reason %q, want %q", got, tt.reason)
			}
			if _, text := m.banner(m.out.res.Decision); text != tt.banner {
				t.Fatalf("banner %q, want %q", text, tt.banner)
			}
			m.SetSize(240, 40)
			v := plain(m)
			left := words(v) // the left column, its wrapped lines joined
			for _, want := range []string{tt.banner, tt.reason, tt.nearMiss} {
				if !strings.Contains(left, want) {
					t.Fatalf("%q not shown:\n%s", want, v)
				}
			}
			if !strings.Contains(v, tt.header) {
				t.Fatalf("header %q not shown:\n%s", tt.header, v)
			}
			if strings.Contains(v, "#") {
				t.Fatalf("a statement named by #:\n%s", v)
			}
		})
	}
}

// TestFlowchartMarksTheDecidingStep: whatever decided, one row of the
// flowchart says so (the root user's AssumeRole refusal, which comes
// before any policy, has a row of its own), and "decided at" names it.
func TestFlowchartMarksTheDecidingStep(t *testing.T) {
	eng := outsiderEngine(t)
	tests := []struct {
		principal, action, resource string
		step                        evaluator.Step
		row                         string // the decided row, wide
		compact                     string // and in the narrow flowchart
	}{
		{"alice", "s3:DeleteObject", "arn:aws:s3:::reports/q1.csv", evaluator.StepExplicitDeny, "▶ 1 Explicit deny", "▶Deny"},
		{"777788889999", "s3:GetObject", "arn:aws:s3:::shared/a", evaluator.StepResourcePolicy, "▶ 3 Resource-based policy", "▶Resource"},
		{"alice", "s3:GetObject", "arn:aws:s3:::reports/q1.csv", evaluator.StepIdentityPolicy, "▶ 4 Identity-based policies", "▶Identity"},
		{"bob", "s3:GetObject", "arn:aws:s3:::reports/q1.csv", evaluator.StepImplicitDeny, "▶ 7 Implicit deny", "▶Implicit"},
		{acct, "s3:GetObject", "arn:aws:s3:::reports/q1.csv", evaluator.StepIdentityPolicy,
			"▶ 4 Identity-based policies  allow: the root user's rule  ◀ decided", "▶Identity"},
		{acct, "sts:AssumeRole", "arn:aws:iam::" + acct + ":role/analyst", evaluator.StepRootUser,
			"▶ 0 Root user                AWS refuses the root user for sts:AssumeRole  ◀ decided", "▶Root › ·Deny"},
	}
	for _, tt := range tests {
		t.Run(tt.principal+" "+tt.action, func(t *testing.T) {
			m := newPanel(t, eng, func(c *Config) { c.NoTimeContext = true })
			m.Prefill(tt.principal, tt.action, tt.resource)
			if r, _ := m.Result(); r == nil || r.Step != tt.step {
				t.Fatalf("result %+v, want step %v", r, tt.step)
			}
			decided := 0
			for _, st := range m.flow() {
				if st.decided {
					decided++
				}
			}
			if decided != 1 {
				t.Fatalf("%d rows decided: %+v", decided, m.flow())
			}
			if v := plain(m); !strings.Contains(v, tt.compact) || !strings.Contains(v, "decided at "+tt.step.String()) {
				t.Fatalf("narrow flowchart lacks %q:\n%s", tt.compact, v)
			}
			m.SetSize(240, 40)
			if v := plain(m); !strings.Contains(v, tt.row) {
				t.Fatalf("wide flowchart lacks %q:\n%s", tt.row, v)
			}
		})
	}
}

// TestWarningsUnderTheirFields: the evaluator's request warnings, in its
// words, each under the field it is about; the question is still asked.
func TestWarningsUnderTheirFields(t *testing.T) {
	eng := smallEngine(t)
	tests := []struct {
		name, action, resource string
		ctx                    []evaluator.ContextValue
		field                  string // the line above the warning
		want                   string
	}{
		{name: "unknown action", action: "s3:GetObjects", resource: "arn:aws:s3:::reports/q1.csv", field: "Action",
			want: "⚠ s3:GetObjects is not an AWS action; did you mean s3:GetObject?"},
		{name: "unknown service", action: "s4:Frobnicate", resource: "arn:aws:s3:::reports/q1.csv", field: "Action",
			want: "⚠ s4:Frobnicate is not an AWS action: there is no service s4"},
		{name: "resource not an ARN", action: "s3:GetObject", resource: "reports/q1.csv", field: "Resource",
			want: "⚠ reports/q1.csv is not an ARN (arn:partition:service:region:account:resource) or *"},
		{name: "context value of the wrong type", action: "s3:GetObject", resource: "arn:aws:s3:::reports/q1.csv",
			ctx: []evaluator.ContextValue{{Key: "aws:MultiFactorAuthPresent", Values: []string{"yes"}}}, field: "Context",
			want: `⚠ aws:MultiFactorAuthPresent: "yes" is not true or false`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newPanel(t, eng, func(c *Config) { c.NoTimeContext = true })
			m.SetContext(tt.ctx)
			m.Prefill("alice", tt.action, tt.resource)
			if r, _ := m.Result(); r == nil {
				t.Fatal("a warning stopped the evaluation")
			}
			for _, size := range [][2]int{{80, 24}, {200, 40}} {
				m.SetSize(size[0], size[1])
				lines := strings.Split(plain(m), "\n")
				for i, l := range lines {
					if strings.Contains(l, "  "+tt.field+" ") {
						rest := words(strings.Join(lines[i+1:min(len(lines), i+3)], "\n"))
						if !strings.HasPrefix(rest, tt.want) {
							t.Fatalf("%d×%d: under %s: %q, want %q", size[0], size[1], tt.field, rest, tt.want)
						}
						break
					}
				}
			}
		})
	}
}
