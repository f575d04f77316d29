package editor

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"iamtui/model/policy"
)

// bigPolicy is a formatted identity policy of about n characters, in the
// shape real ones have: several statements with action and resource lists
// and conditions.
func bigPolicy(n int) string {
	actions := []string{"s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:DeleteObject", "ec2:DescribeInstances", "ec2:StartInstances", "dynamodb:GetItem", "dynamodb:Query", "kms:Decrypt", "logs:PutLogEvents"}
	var b strings.Builder
	b.WriteString("{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": [\n")
	for i := 0; b.Len() < n-400; i++ {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, "        {\n            \"Sid\": \"Stmt%d\",\n            \"Effect\": \"Allow\",\n            \"Action\": [\n", i)
		for j := 0; j < 4; j++ {
			sep := ","
			if j == 3 {
				sep = ""
			}
			fmt.Fprintf(&b, "                \"%s\"%s\n", actions[(i+j)%len(actions)], sep)
		}
		fmt.Fprintf(&b, "            ],\n            \"Resource\": [\n                \"arn:aws:s3:::bucket-%d\",\n                \"arn:aws:s3:::bucket-%d/*\"\n            ],\n", i, i)
		fmt.Fprintf(&b, "            \"Condition\": {\"StringEquals\": {\"aws:RequestedRegion\": \"eu-west-1\"}}\n        }")
	}
	b.WriteString("\n    ]\n}")
	return b.String()
}

func TestBigPolicyIsValid(t *testing.T) {
	text := bigPolicy(6000)
	if len(text) < 5500 || len(text) > 6500 {
		t.Fatalf("size %d", len(text))
	}
	if _, err := policy.Parse(text, policy.Identity); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkKeystroke is one key typed into a 6,000-character policy, from
// the key press to the next frame: edit, parse, lint, render. It alternates
// typing and deleting a character inside an action so the text keeps its
// size.
func BenchmarkKeystroke(b *testing.B) {
	m := newTest(b, bigPolicy(6000))
	m.SetSize(120, 40)
	m.SetCursor(30, 30) // inside an action string, mid-screen
	typed := tea.KeyPressMsg{Code: 'x', Text: "x"}
	bs := press("backspace")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i%2 == 0 {
			m, _ = m.Update(typed)
		} else {
			m, _ = m.Update(bs)
		}
		_ = m.View()
	}
}

// BenchmarkCursorMove is an arrow key and a frame: no validation.
func BenchmarkCursorMove(b *testing.B) {
	m := newTest(b, bigPolicy(6000))
	m.SetSize(120, 40)
	down, up := press("down"), press("up")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i%40 < 20 {
			m, _ = m.Update(down)
		} else {
			m, _ = m.Update(up)
		}
		_ = m.View()
	}
}

// BenchmarkValidate is the parse and lint of a 6,000-character policy that
// every edit costs.
func BenchmarkValidate(b *testing.B) {
	m := newTest(b, bigPolicy(6000))
	b.ReportAllocs()
	b.SetBytes(int64(len(m.text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.validate()
	}
}

// BenchmarkView is one frame of a 6,000-character policy at 120×40.
func BenchmarkView(b *testing.B) {
	m := newTest(b, bigPolicy(6000))
	m.SetSize(120, 40)
	m.SetCursor(30, 30)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = m.View()
	}
}

// BenchmarkCompletionKeystroke is a key typed in an action with the popup
// open: catalog completion on top of the keystroke.
func BenchmarkCompletionKeystroke(b *testing.B) {
	m := newTest(b, bigPolicy(6000))
	m.SetSize(120, 40)
	m.SetCursor(9, 30) // in "s3:GetObject"
	typed := tea.KeyPressMsg{Code: 'e', Text: "e"}
	bs := press("backspace")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i%2 == 0 {
			m, _ = m.Update(typed)
		} else {
			m, _ = m.Update(bs)
		}
		_ = m.View()
	}
}
