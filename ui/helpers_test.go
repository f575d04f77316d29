package ui

import (
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// key builds a key press the way Bubble Tea reports it: "j", "G",
// "ctrl+d", "enter", "shift+tab".
func keyPress(s string) tea.KeyPressMsg {
	special := map[string]rune{
		"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "backspace": tea.KeyBackspace,
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown, "home": tea.KeyHome, "end": tea.KeyEnd,
		"space": tea.KeySpace, "delete": tea.KeyDelete, "f8": tea.KeyF8,
	}
	var mod tea.KeyMod
	rest := s
	for {
		switch {
		case strings.HasPrefix(rest, "ctrl+") && len(rest) > 5:
			mod |= tea.ModCtrl
			rest = rest[5:]
			continue
		case strings.HasPrefix(rest, "alt+") && len(rest) > 4:
			mod |= tea.ModAlt
			rest = rest[4:]
			continue
		case strings.HasPrefix(rest, "shift+") && len(rest) > 6:
			mod |= tea.ModShift
			rest = rest[6:]
			continue
		}
		break
	}
	if r, ok := special[rest]; ok {
		k := tea.KeyPressMsg{Code: r, Mod: mod}
		if r == tea.KeySpace && mod == 0 {
			k.Text = " "
		}
		return k
	}
	r := []rune(rest)[0]
	if mod != 0 {
		return tea.KeyPressMsg{Code: r, Mod: mod}
	}
	return tea.KeyPressMsg{Code: r, Text: rest}
}

// send feeds a message to the model and runs the commands it returns,
// feeding their messages back, as Bubble Tea would; commands that wait
// (ticks, debounces) are dropped after a moment.
func send(t testing.TB, m *Model, msg tea.Msg) {
	t.Helper()
	_, cmd := m.Update(msg)
	runCmd(t, m, cmd, 0)
}

func runCmd(t testing.TB, m *Model, cmd tea.Cmd, depth int) {
	t.Helper()
	if cmd == nil || depth > 20 {
		return
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-ch:
	case <-time.After(cmdWait):
		return // a tick or a debounce
	}
	switch msg := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			runCmd(t, m, c, depth+1)
		}
	case tea.QuitMsg:
	default:
		if strings.HasPrefix(reflect.TypeOf(msg).String(), "tea.") && reflect.TypeOf(msg).PkgPath() != "" {
			// Terminal requests (clipboard, background colour...) go to
			// the terminal, not back to the model.
			if _, ok := msg.(tea.WindowSizeMsg); !ok {
				return
			}
		}
		_, next := m.Update(msg)
		runCmd(t, m, next, depth+1)
	}
}

// cmdWait is how long runCmd waits for a command before taking it for a
// tick; typing shortens it, since keystrokes start debounces, not I/O.
var cmdWait = 50 * time.Millisecond

// press sends keys in order; a string of several runes that is not a
// named key is typed rune by rune.
func press(t testing.TB, m *Model, keys ...string) {
	t.Helper()
	for _, k := range keys {
		send(t, m, keyPress(k))
	}
}

// typeText types text into whatever has the keyboard.
func typeText(t testing.TB, m *Model, s string) {
	t.Helper()
	cmdWait = 5 * time.Millisecond
	defer func() { cmdWait = 50 * time.Millisecond }()
	for _, r := range s {
		send(t, m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// screen is the view without styles.
func screen(m *Model) string {
	return ansi.Strip(m.render())
}

func mustContain(t testing.TB, s string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(s, w) {
			t.Fatalf("screen lacks %q:\n%s", w, s)
		}
	}
}

func windowSize(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }
