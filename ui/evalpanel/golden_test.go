package evalpanel

import (
	"fmt"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"iamtui/evaluator"
)

// TestGolden pins the panel's screens (ANSI stripped) at 80×24 and
// 120×36; -update rewrites testdata/*.golden.
func TestGolden(t *testing.T) {
	eng := smallEngine(t)
	screens := []struct {
		name string
		make func(t *testing.T) Model
	}{
		{"empty", func(t *testing.T) Model { return newPanel(t, eng) }},
		{"allowed", func(t *testing.T) Model {
			m := newPanel(t, eng)
			m.Prefill("alice", "s3:GetObject", "arn:aws:s3:::reports/q1.csv")
			return settle(m)
		}},
		{"explicit_deny", func(t *testing.T) Model {
			m := newPanel(t, eng)
			m.Prefill("alice", "s3:DeleteObject", "arn:aws:s3:::reports/q1.csv")
			return settle(m)
		}},
		{"near_miss", func(t *testing.T) Model {
			m := newPanel(t, eng)
			m.Prefill("analyst", "s3:GetObject", "arn:aws:s3:::reports/q1.csv")
			return settle(m)
		}},
		{"completion", func(t *testing.T) Model {
			m := newPanel(t, eng)
			m.Prefill("alice", "", "")
			return typeText(m, "s3:PutObj")
		}},
		{"who_can", func(t *testing.T) Model {
			m := newPanel(t, eng)
			m.SetMode(WhoCanMode)
			m.Prefill("", "s3:GetObject", "arn:aws:s3:::reports/q1.csv")
			m = settle(m)
			return keys(m, "shift+tab")
		}},
		{"unknown_action", func(t *testing.T) Model {
			m := newPanel(t, eng, func(c *Config) { c.NoTimeContext = true })
			m.SetContext([]evaluator.ContextValue{{Key: "aws:SourceIp", Values: []string{"203.0.113.9"}}})
			m.Prefill("bob", "s3:GetObjects", "")
			return settle(m)
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
