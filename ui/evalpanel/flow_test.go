package evalpanel

import (
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// host embeds the panel as the app does and quits on CloseMsg. It keeps
// its last frame, ANSI stripped, in screen: the renderer's output is a
// stream of cell diffs in which styled words are split by escape codes.
type host struct {
	p      Model
	opened []OpenPolicyMsg
	screen *screen
}

type screen struct {
	mu   sync.Mutex
	last string
}

func (s *screen) set(v string) {
	s.mu.Lock()
	s.last = v
	s.mu.Unlock()
}

func (s *screen) get() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.last
}

func (h host) Init() tea.Cmd { return h.p.Init() }

func (h host) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		h.p.SetSize(msg.Width, msg.Height)
		return h, nil
	case OpenPolicyMsg:
		h.opened = append(h.opened, msg)
		return h, nil
	case CloseMsg:
		return h, tea.Quit
	}
	var cmd tea.Cmd
	h.p, cmd = h.p.Update(msg)
	return h, cmd
}

func (h host) View() tea.View {
	content := h.p.View()
	h.screen.set(ansi.Strip(content))
	v := tea.NewView(content)
	v.AltScreen = true
	return v
}

// waitFor waits until the last frame shows every string of what.
func waitFor(t *testing.T, s *screen, what ...string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		v := s.get()
		ok := true
		for _, w := range what {
			if !strings.Contains(v, w) {
				ok = false
				break
			}
		}
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the screen never showed %q; last frame:\n%s", what, v)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestFlowAskAndSeeTheDecidingStatement types a principal, an action and a
// resource from a small world, using the suggestions, and sees the
// decision, the step and the deciding statement; then alt+m and a value
// turn the role's implicit deny into an allow.
func TestFlowAskAndSeeTheDecidingStatement(t *testing.T) {
	p := newPanel(t, smallEngine(t), func(c *Config) { c.ExplainDelay = time.Millisecond })
	scr := &screen{}
	tm := teatest.NewTestModel(t, host{p: p, screen: scr}, teatest.WithInitialTermSize(120, 36),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	enter := tea.KeyPressMsg{Code: tea.KeyEnter}
	tm.Type("alic")
	waitFor(t, scr, "user alice")
	tm.Send(enter) // accept arn:aws:iam::111122223333:user/alice, stay in the field
	tm.Send(tea.KeyPressMsg{Code: tea.KeyTab})
	tm.Type("s3:DeleteObj")
	waitFor(t, scr, "s3:DeleteObject")
	tm.Send(enter)
	tm.Send(tea.KeyPressMsg{Code: tea.KeyTab})
	tm.Type("arn:aws:s3:::reports/q1.csv")
	waitFor(t, scr, "✖ DENIED", "(explicit deny: a Deny statement in the", "user inline policy applies)", "decided at explicit deny", "statement 2 (NoDeletes) in S3Read", "line 10, col 9")
	tm.Send(tea.KeyPressMsg{Code: 'o', Mod: tea.ModCtrl})

	// Now the analyst role: a near miss on MFA.
	tm.Send(tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift})
	tm.Send(tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift})
	tm.Send(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
	tm.Type("analyst")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEscape}) // close the suggestions
	tm.Send(tea.KeyPressMsg{Code: tea.KeyTab})
	tm.Send(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
	tm.Type("s3:GetObject")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEscape})
	waitFor(t, scr, "⊘ DENIED", "Missing context: aws:MultiFactorAuthPresent", "request has no value")
	tm.Send(tea.KeyPressMsg{Code: 'm', Mod: tea.ModAlt})
	tm.Type("true")
	waitFor(t, scr, "ALLOWED", "statement 1 (ReadWithMFA) in ReadWithMFA")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEscape}) // suggestions
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEscape}) // the panel
	final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(host)
	r, err := final.p.Result()
	if err != nil || r == nil || r.Decision.String() != "allowed" {
		t.Fatalf("final result %+v %v", r, err)
	}
	if len(final.opened) != 1 || final.opened[0].Sid != "NoDeletes" {
		t.Fatalf("opened %+v", final.opened)
	}
}
