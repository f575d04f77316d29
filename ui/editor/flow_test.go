package editor

import (
	"bytes"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// host is the smallest embedding of the editor, as the app does it: it
// sizes the editor, stores what SaveMsg carries and quits on CloseMsg.
type host struct {
	ed     Model
	saved  []string
	drafts []DraftMsg
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
	v := tea.NewView(h.ed.View())
	v.AltScreen = true
	return v
}

func waitFor(t *testing.T, tm *teatest.TestModel, what ...string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		for _, w := range what {
			if !bytes.Contains(b, []byte(w)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

// TestFlowTypoFixSave types a policy with the typo s3:GetObjects, sees the
// finding with its suggestion and position, fixes it and saves.
func TestFlowTypoFixSave(t *testing.T) {
	ed := newTest(t, "", func(c *Config) { c.DraftDelay = 20 * time.Millisecond })
	tm := teatest.NewTestModel(t, host{ed: ed}, teatest.WithInitialTermSize(100, 30),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	tm.Type(`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObjects", "Resource": "*"}]}`)
	tm.Send(tea.KeyPressMsg{Code: 't', Mod: tea.ModCtrl}) // format
	waitFor(t, tm, "INVALID_ACTION", "6:23")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyF8})
	waitFor(t, tm, "alt+enter → s3:GetObject")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter, Mod: tea.ModAlt})
	waitFor(t, tm, "no problems")
	tm.Send(tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl})
	waitFor(t, tm, "saved alice")
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
	tm := teatest.NewTestModel(t, host{ed: ed}, teatest.WithInitialTermSize(100, 30),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	waitFor(t, tm, "INVALID_ACTION")
	tm.Send(tea.KeyPressMsg{Code: 'e', Mod: tea.ModCtrl})
	waitFor(t, tm, "loaded from the external editor")
	tm.Send(tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl})
	waitFor(t, tm, "saved alice")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEscape})
	final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(host)
	if len(final.saved) != 1 || final.saved[0] != strings.Replace(typoPolicy, "GetObjects", "GetObject", 1) {
		t.Fatalf("saved %q", final.saved)
	}
}
