package editor

import (
	"fmt"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"iamtui/model/policy"
)

const bucketPolicy = `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "ReadReports",
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::111122223333:role/analyst"},
            "Action": ["s3:GetObject", "s3:ListBucket"],
            "Resource": ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]
        },
        {
            "Sid": "DenyInsecure",
            "Effect": "Deny",
            "Principal": "*",
            "Action": "s3:*",
            "Resource": "arn:aws:s3:::reports/*",
            "Condition": {"Bool": {"aws:SecureTransport": "false"}}
        }
    ]
}`

// TestGolden pins the editor's screens (ANSI stripped) at 80×24 and
// 120×36. Run with -update to rewrite testdata/*.golden after a deliberate
// change, and review the diff.
func TestGolden(t *testing.T) {
	screens := []struct {
		name string
		make func(t *testing.T) Model
	}{
		{"valid", func(t *testing.T) Model {
			return newTest(t, bucketPolicy, func(c *Config) { c.Kind = policy.Resource; c.Title = "bucket reports" })
		}},
		{"typo", func(t *testing.T) Model {
			return keys(newTest(t, typoPolicy), "f8")
		}},
		{"invalid", func(t *testing.T) Model {
			return keys(newTest(t, typoPolicy), "ctrl+end", "up", "end", "backspace", "ctrl+s")
		}},
		{"completion", func(t *testing.T) Model {
			m := newTest(t, typoPolicy)
			m.SetCursor(6, 36)
			return keys(m, "backspace", "backspace")
		}},
		{"confirm", func(t *testing.T) Model {
			return keys(typeKeys(newTest(t, typoPolicy), " "), "esc")
		}},
		{"highlight", func(t *testing.T) Model {
			doc, err := policy.Parse(bucketPolicy, policy.Resource)
			if err != nil {
				t.Fatal(err)
			}
			m := newTest(t, bucketPolicy, func(c *Config) { c.Kind = policy.Resource; c.ReadOnly = true; c.Compact = true })
			st := doc.Statements[1]
			m.Highlight(st.Start, st.End)
			return m
		}},
	}
	for _, sc := range screens {
		for _, size := range [][2]int{{80, 24}, {120, 36}} {
			t.Run(fmt.Sprintf("%s_%dx%d", sc.name, size[0], size[1]), func(t *testing.T) {
				m := sc.make(t)
				m.SetSize(size[0], size[1])
				golden.RequireEqual(t, []byte(plain(m)))
			})
		}
	}
}
