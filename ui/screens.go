package ui

//go:generate go run ./cmd/screenshots -out ../screenshots

import (
	"fmt"
	"image/color"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"iamtui/catalog"
	"iamtui/evaluator"
	"iamtui/lint"
	"iamtui/model"
	"iamtui/model/demo"
	"iamtui/themes"
)

// Scene is one screenshot of the README: a view of the demo account
// reached by keys, at a terminal size.
type Scene struct {
	Name  string
	About string
	W, H  int
	keys  []string
	setup func(m *Model) // after the keys
}

// Scenes lists the screenshots, in README order.
func Scenes() []Scene {
	return []Scene{
		{Name: "browse", About: "the Users pane with the selection's preview", W: 150, H: 40, keys: []string{"j", "j"}},
		{Name: "detail", About: "a user's detail view: groups, policies, boundary, tags, effective policies", W: 150, H: 40,
			keys: []string{"j", "j", "enter", "j"}},
		{Name: "editor", About: "the policy editor with a typo found as you type", W: 120, H: 36,
			keys: []string{"4", "e"},
			setup: func(m *Model) {
				ed := m.top().(*editorPage)
				text := ed.ed.Text()
				typo := strings.Replace(text, `"s3:GetObject"`, `"s3:GetObjects"`, 1)
				ed.ed.SetText(typo)
				line := 1 + strings.Count(typo[:strings.Index(typo, "s3:GetObjects")], "\n")
				ed.ed.SetCursor(line, 20)
			}},
		{Name: "can", About: "can head-chef-hana read the wine? An explicit deny, and the statement that decided", W: 150, H: 40,
			keys: []string{"j", "j", "c"},
			setup: func(m *Model) {
				m.run(m.eval.panel.Prefill("", "s3:GetObject", demo.StorageRoomBucket+"/wine-cellar/chateau-1982.json"))
			}},
		{Name: "whocan", About: "who can take a part-time chef's shift? The head chef, and the agency's account outside the database if it gives the external id", W: 150, H: 40,
			setup: func(m *Model) {
				m.run(m.openEvalFor("sts:AssumeRole", true))
				m.run(m.eval.panel.Prefill("", "", "arn:aws:iam::"+demo.AccountID+":role/staff/PartTimeChef"))
			}},
		{Name: "help", About: "every key, with why some are off", W: 120, H: 50, keys: []string{"?"}},
	}
}

// RenderScene draws a scene of the demo account, in the dark or light
// default theme, and returns the styled text with the terminal's default
// colours for painting.
func RenderScene(s Scene, dark bool) (text string, bg, fg color.Color, err error) {
	acct, rps, err := demo.Restaurant()
	if err != nil {
		return "", nil, nil, fmt.Errorf("demo account: %w", err)
	}
	world := &model.World{Accounts: []*model.Account{acct}, ResourcePolicies: rps}
	name := themes.Light
	if dark {
		name = themes.Dark
	}
	choice, _ := themes.Parse(name, false)
	// A fixed clock: dates in the panel's context keys stay the same.
	now := func() time.Time { return time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC) }
	m := New(Options{World: world, Theme: choice, PollEvery: -1, StatusLife: -1, Now: now})
	m.ctx.IsDark = dark
	cat, err := catalog.Load()
	if err != nil {
		return "", nil, nil, fmt.Errorf("catalog: %w", err)
	}
	m.ctx.Catalog, m.ctx.Linter = cat, lint.New(cat)
	eng, err := evaluator.Compile(snapshot(world))
	if err != nil {
		return "", nil, nil, fmt.Errorf("evaluator: %w", err)
	}
	m.ctx.Engine = eng
	m.pathLabel = "~/.local/share/iamtui/iam.db"
	m.send(tea.WindowSizeMsg{Width: s.W, Height: s.H})
	for _, k := range s.keys {
		m.send(sceneKey(k))
	}
	if s.setup != nil {
		s.setup(m)
	}
	m.noteDecision()
	t := m.ctx.Styles.Theme
	bg, fg = lipgloss.Color("#222436"), t.Text
	if !dark {
		bg = lipgloss.Color("#FFFFFF")
	}
	return m.render(), bg, fg, nil
}

func sceneKey(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// send feeds a message and runs what it asks, the way the program would,
// for screenshots; commands that wait (debounces, ticks) are skipped.
func (m *Model) send(msg tea.Msg) {
	_, cmd := m.Update(msg)
	m.run(cmd)
}

func (m *Model) run(cmd tea.Cmd) { m.runDepth(cmd, 0) }

func (m *Model) runDepth(cmd tea.Cmd, depth int) {
	if cmd == nil || depth > 16 {
		return
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-ch:
	case <-time.After(400 * time.Millisecond):
		return
	}
	switch msg := msg.(type) {
	case nil, tea.QuitMsg:
	case tea.BatchMsg:
		for _, c := range msg {
			m.runDepth(c, depth+1)
		}
	default:
		_, next := m.Update(msg)
		m.runDepth(next, depth+1)
	}
}
