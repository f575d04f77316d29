package editor

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

// host is the smallest embedding of the editor, as the app does it: it
// sizes the editor, stores what SaveMsg carries and quits on CloseMsg.
type host struct {
	ed     Model
	saved  []string
	drafts []DraftMsg
	screen *screen
}

// screen keeps the last frame, ANSI stripped: the renderer's output is a
// stream of cell diffs in which styled words are split by escape codes.
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

func (h host) Init() tea.Cmd { return h.ed.Init() }

func (h host) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		h.ed.SetSize(msg.Width, msg.Height)
		return h, nil
	case SaveMsg:
		h.saved = append(h.saved, msg.Text)
		h.ed.MarkSaved(msg.Text)
		h.ed.SetStatus("saved "+msg.Title, false)
		return h, nil
	case DraftMsg:
		h.drafts = append(h.drafts, msg)
		return h, nil
	case CloseMsg:
		return h, tea.Quit
	}
	var cmd tea.Cmd
	h.ed, cmd = h.ed.Update(msg)
	return h, cmd
}

func (h host) View() tea.View {
	content := h.ed.View()
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

// TestFlowTypoFixSave types a policy with the typo s3:GetObjects, sees the
// finding with its suggestion and position, fixes it and saves.
func TestFlowTypoFixSave(t *testing.T) {
	ed := newTest(t, "", func(c *Config) { c.DraftDelay = 20 * time.Millisecond })
	scr := &screen{}
	tm := teatest.NewTestModel(t, host{ed: ed, screen: scr}, teatest.WithInitialTermSize(100, 30),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	tm.Type(`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObjects", "Resource": "*"}]}`)
	tm.Send(tea.KeyPressMsg{Code: 't', Mod: tea.ModCtrl}) // format
	waitFor(t, scr, "INVALID_ACTION", "6:23")
	// Let the text rest past DraftDelay, so a draft is offered before
	// the fix changes it again.
	time.Sleep(60 * time.Millisecond)
	tm.Send(tea.KeyPressMsg{Code: tea.KeyF8})
	waitFor(t, scr, "alt+enter → s3:GetObject")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter, Mod: tea.ModAlt})
	waitFor(t, scr, "no problems")
	tm.Send(tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl})
	waitFor(t, scr, "saved alice")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEscape})
	final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(host)
	if len(final.saved) != 1 || !strings.Contains(final.saved[0], `"Action": "s3:GetObject",`) {
		t.Fatalf("saved %q", final.saved)
	}
	if final.ed.Modified() {
		t.Fatal("still modified after the save")
	}
	if len(final.drafts) == 0 {
		t.Fatal("no draft was offered while typing")
	}
}

// TestFlowExternalEditor runs a scripted "$EDITOR" (sed) through
// tea.ExecProcess and sees its change come back as one undo step.
func TestFlowExternalEditor(t *testing.T) {
	ed := newTest(t, typoPolicy, func(c *Config) { c.ExternalEditor = "sed -i s/GetObjects/GetObject/" })
	scr := &screen{}
	tm := teatest.NewTestModel(t, host{ed: ed, screen: scr}, teatest.WithInitialTermSize(100, 30),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	waitFor(t, scr, "INVALID_ACTION")
	tm.Send(tea.KeyPressMsg{Code: 'e', Mod: tea.ModCtrl})
	waitFor(t, scr, "loaded from the external editor")
	tm.Send(tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl})
	waitFor(t, scr, "saved alice")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEscape})
	final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(host)
	if len(final.saved) != 1 || final.saved[0] != strings.Replace(typoPolicy, "GetObjects", "GetObject", 1) {
		t.Fatalf("saved %q", final.saved)
	}
}
