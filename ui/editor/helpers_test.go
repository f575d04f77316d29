package editor

import (
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"iamtui/catalog"
	"iamtui/lint"
	"iamtui/model/policy"
)

var (
	catOnce sync.Once
	testCat *catalog.Catalog
	testLin *lint.Linter
	catErr  error
)

func testCatalog(tb testing.TB) (*catalog.Catalog, *lint.Linter) {
	tb.Helper()
	catOnce.Do(func() {
		testCat, catErr = catalog.Load()
		if catErr == nil {
			testLin = lint.New(testCat)
		}
	})
	if catErr != nil {
		tb.Fatal(catErr)
	}
	return testCat, testLin
}

// newTest builds a focused editor with the catalog and linter.
func newTest(tb testing.TB, text string, opts ...func(*Config)) Model {
	tb.Helper()
	cat, lin := testCatalog(tb)
	cfg := Config{Kind: policy.Identity, Title: "alice / S3Read", Text: text, Catalog: cat, Linter: lin, DraftKey: "k"}
	for _, o := range opts {
		o(&cfg)
	}
	m := New(cfg)
	m.SetSize(80, 24)
	m.Focus()
	return m
}

// press is a key press from its name as Bubble Tea spells it.
func press(s string) tea.KeyPressMsg {
	k := tea.KeyPressMsg{}
	var mod tea.KeyMod
	for {
		switch {
		case len(s) > 5 && s[:5] == "ctrl+":
			mod |= tea.ModCtrl
			s = s[5:]
			continue
		case len(s) > 4 && s[:4] == "alt+":
			mod |= tea.ModAlt
			s = s[4:]
			continue
		case len(s) > 6 && s[:6] == "shift+":
			mod |= tea.ModShift
			s = s[6:]
			continue
		}
		break
	}
	k.Mod = mod
	codes := map[string]rune{
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"home": tea.KeyHome, "end": tea.KeyEnd, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
		"enter": tea.KeyEnter, "tab": tea.KeyTab, "backspace": tea.KeyBackspace, "delete": tea.KeyDelete,
		"esc": tea.KeyEscape, "space": tea.KeySpace, "f8": tea.KeyF8,
	}
	if c, ok := codes[s]; ok {
		k.Code = c
		if s == "space" && mod == 0 {
			k.Text = " "
		}
		return k
	}
	r := []rune(s)
	k.Code = r[0]
	if mod == 0 || mod == tea.ModShift {
		k.Text = s
	}
	return k
}

// typeKeys sends each rune of s as a key press ("\n" as enter).
func typeKeys(m Model, s string) Model {
	for _, r := range s {
		var msg tea.KeyPressMsg
		switch r {
		case '\n':
			msg = press("enter")
		case ' ':
			msg = press("space")
		default:
			msg = tea.KeyPressMsg{Code: r, Text: string(r)}
		}
		m, _ = m.Update(msg)
	}
	return m
}

func keys(m Model, names ...string) Model {
	for _, n := range names {
		m, _ = m.Update(press(n))
	}
	return m
}

func plain(m Model) string { return ansi.Strip(m.View()) }

func plainStr(s string) string { return ansi.Strip(s) }

func stringWidth(s string) int { return ansi.StringWidth(s) }
