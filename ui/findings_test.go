package ui

import (
	"strings"
	"testing"

	"iamtui/model"
	"iamtui/model/policy"
)

const typoDoc = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "CookInTheKitchen",
      "Effect": "Allow",
      "Action": ["s3:GetObjects", "s3:PutObject"],
      "Resource": "arn:aws:s3:::restaurant-kitchen/*"
    }
  ]
}`

// withTypos puts an unknown action in KitchenAccess's default version and in
// the Chefs' inline policy.
func withTypos(t *testing.T) func(*Options) {
	return func(o *Options) {
		a := o.World.Account(acct)
		p := a.Policy(kitchenARN)
		p.Default().Document = mustDoc(t, typoDoc, policy.Identity)
		a.Group("Chefs").InlinePolicies[0].Document = mustDoc(t, strings.Replace(noWineDoc, `"s3:*"`, `"s3:GetObjectz"`, 1), policy.Identity)
	}
}

func TestFindingsOutsideTheEditor(t *testing.T) {
	t.Run("the Policies list counts them once the background lint is in", func(t *testing.T) {
		m, _ := newTestModel(t, 120, 40, withLinter(t), withTypos(t))
		press(t, m, "4")
		if strings.Contains(lineOf(t, screen(m), "KitchenAccess"), "✖ 1") {
			t.Fatal("findings before any lint ran: the list must not lint on the UI goroutine")
		}
		cmd := m.lintPolicies()
		if cmd == nil {
			t.Fatal("nothing to lint")
		}
		send(t, m, cmd())
		row := lineOf(t, screen(m), "KitchenAccess")
		if !strings.Contains(row, "✖ 1") {
			t.Errorf("the row has no finding mark: %q", row)
		}
		if strings.Contains(lineOf(t, screen(m), "KitchenOnlyBoundary"), "✖") {
			t.Error("a clean policy is marked")
		}
		if cmd := m.lintPolicies(); cmd != nil {
			if msg := cmd().(lintedMsg); len(msg.found) > 0 {
				t.Error("the same documents are linted again")
			}
		}
	})
	t.Run("a policy's detail has a Findings section that opens the editor at the finding", func(t *testing.T) {
		m, _ := newTestModel(t, 120, 60, withLinter(t), withTypos(t))
		press(t, m, "4", "enter")
		s := screen(m)
		mustContain(t, s, "Findings (1)", "✖ 7:18 the action s3:GetObjects does not exist", "default · 2024-04-04 · ✖ 1")
		if strings.Count(s, "did you mean") > 1 {
			t.Error("the suggestion is said twice")
		}
		d := m.top().(*detailPage)
		for d.currentLink() != nil && d.currentLink().rel != relFinding {
			press(t, m, "j")
		}
		press(t, m, "enter")
		e, ok := m.top().(*editorPage)
		if !ok {
			t.Fatalf("enter on a finding opened %T", m.top())
		}
		if c := e.ed.Cursor(); c.Line != 7 || c.Column != 18 {
			t.Errorf("the editor's cursor is at %d:%d, want 7:18", c.Line, c.Column)
		}
	})
	t.Run("inline policies carry a mark, and the entity's detail lists their findings", func(t *testing.T) {
		m, _ := newTestModel(t, 120, 50, withLinter(t), withTypos(t))
		press(t, m, "2", "enter")
		s := screen(m)
		mustContain(t, s, "NoWineOnDuty  1 statement · ✖ 1", "Findings (1)", "inline NoWineOnDuty: ✖", "s3:GetObjectz")
	})
	t.Run("an entity over its inline size quota says so", func(t *testing.T) {
		m, _ := newTestModel(t, 120, 60, withLinter(t), func(o *Options) {
			u := o.World.Account(acct).User("chef-alice")
			u.InlinePolicies = []model.InlinePolicy{{Name: "Big", Document: mustDoc(t, bigPolicy(3006), policy.Identity)}}
		})
		press(t, m, "enter")
		mustContain(t, screen(m), "inline policies: ✖ 1:1 the inline policies of user chef-alice total 3006 characters")
	})
	t.Run("without a linter yet, nothing is claimed", func(t *testing.T) {
		m, _ := newTestModel(t, 120, 50, withTypos(t))
		press(t, m, "4", "enter")
		if strings.Contains(screen(m), "Findings") {
			t.Error("a Findings section without a linter")
		}
	})
}

// bigPolicy is an identity policy of n characters, white space not
// counted.
func bigPolicy(n int) string {
	head := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::`
	tail := `"}]}`
	return head + strings.Repeat("a", n-len(head)-len(tail)) + tail
}

func TestTheEditorCountsTheInlineQuota(t *testing.T) {
	m, _ := newTestModel(t, 120, 40, withLinter(t))
	target := docTarget{kind: docInline, owner: ref{refUser, "chef-alice"}, name: "Big", account: acct}
	runCmd(t, m, m.openEditor(target, bigPolicy(2000), ""), 0)
	p := m.top().(*editorPage)
	has := func() bool {
		for _, f := range p.ed.Diagnostics() {
			if f.Code == "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA" {
				return true
			}
		}
		return false
	}
	if has() {
		t.Fatal("2,000 characters are within the user's 2,048")
	}
	p.ed.SetText(bigPolicy(3006))
	if !has() {
		t.Fatalf("3,006 characters: no quota finding in %+v", p.ed.Diagnostics())
	}
	mustContain(t, screen(m), "total 3006 characters", "AWS's quota is 2048")
	if strings.Contains(screen(m), "no problems") {
		t.Error("the editor says no problems")
	}
}

// lineOf returns the line of s holding want.
func lineOf(t *testing.T, s, want string) string {
	t.Helper()
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, want) {
			return l
		}
	}
	t.Fatalf("no line holds %q:\n%s", want, s)
	return ""
}
