package ui

import (
	"image/color"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"iamtui/model"
	"iamtui/themes"
)

func TestPaneSwitching(t *testing.T) {
	tests := []struct {
		keys []string
		want paneKind
	}{
		{nil, paneUsers},
		{[]string{"2"}, paneGroups},
		{[]string{"5"}, paneResources},
		{[]string{"tab"}, paneGroups},
		{[]string{"tab", "tab", "tab", "tab", "tab"}, paneUsers},
		{[]string{"shift+tab"}, paneResources},
		{[]string{"enter", "3"}, paneRoles}, // from a detail view
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.keys, ","), func(t *testing.T) {
			m, _ := newTestModel(t, 100, 30)
			press(t, m, tt.keys...)
			if m.browse.active != tt.want || len(m.stack) != 0 {
				t.Errorf("pane %v with %d pages, want %v and none", m.browse.active, len(m.stack), tt.want)
			}
		})
	}
}

func TestListNavigation(t *testing.T) {
	tests := []struct {
		keys []string
		want string
	}{
		{nil, "chef-alice"},
		{[]string{"j"}, "head-chef-hana"},
		{[]string{"down", "down"}, "apprentice-ari"},
		{[]string{"G"}, "cleaner-carl"},
		{[]string{"end", "k"}, "waiter-bob"},
		{[]string{"G", "g"}, "chef-alice"},
		{[]string{"ctrl+d"}, "cleaner-carl"},
		{[]string{"ctrl+d", "ctrl+u"}, "chef-alice"},
		{[]string{"pgdown"}, "cleaner-carl"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.keys, ","), func(t *testing.T) {
			m, _ := newTestModel(t, 100, 30)
			press(t, m, tt.keys...)
			if got := m.browse.Selection().entity.name; got != tt.want {
				t.Errorf("selected %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFilterAsYouType(t *testing.T) {
	m, _ := newTestModel(t, 100, 30)
	press(t, m, "/")
	if m.mode() != "FILTER" {
		t.Fatalf("mode %s after /", m.mode())
	}
	typeText(t, m, "chef")
	// Names match fuzzily; paths, ARNs and groups by substring: the
	// apprentice is in the Chefs group.
	mustContain(t, screen(m), "3 of 5", "chef-alice", "head-chef-hana", "apprentice-ari")
	if strings.Contains(screen(m), "waiter-bob") {
		t.Fatal("the filter kept waiter-bob")
	}
	press(t, m, "enter") // keep the filter, navigate
	press(t, m, "j")
	if got := m.browse.Selection().entity.name; got != "head-chef-hana" {
		t.Errorf("j in a filtered list selected %q", got)
	}
	press(t, m, "esc") // clears the filter
	if m.browse.table().Filter() != "" || m.browse.table().Len() != 5 {
		t.Errorf("esc left filter %q", m.browse.table().Filter())
	}
	press(t, m, "/")
	typeText(t, m, "!chef")
	if n := m.browse.table().Len(); n != 2 {
		t.Errorf("!chef shows %d users, want 2", n)
	}
}

func TestDrillInBreadcrumbAndBack(t *testing.T) {
	m, _ := newTestModel(t, 100, 40)
	press(t, m, "enter") // chef-alice
	mustContain(t, screen(m), "Users › chef-alice", "arn:aws:iam::111122223333:user/chef-alice", "Groups (1)", "Effective policies")
	press(t, m, "enter") // her first link: the Chefs group
	mustContain(t, screen(m), "Users › chef-alice › Chefs", "Members (3)", "KitchenAccess")
	// Group → policy: move to the attached policy.
	d := m.top().(*detailPage)
	for d.currentLink() != nil && d.currentLink().rel != relAttached {
		press(t, m, "j")
	}
	press(t, m, "enter")
	mustContain(t, screen(m), "› KitchenAccess", "Attached to (2)", "PartTimeChef", "Default version v2")
	press(t, m, "esc", "esc")
	mustContain(t, screen(m), "Users › chef-alice")
	press(t, m, "esc")
	if len(m.stack) != 0 {
		t.Fatalf("%d pages after three esc", len(m.stack))
	}
}

func TestCommandLine(t *testing.T) {
	tests := []struct {
		line  string
		pane  paneKind
		crumb string
	}{
		{"roles", paneRoles, ""},
		{"ro", paneRoles, ""}, // the best completion runs
		{"user waiter-bob", paneUsers, "waiter-bob"},
		{"policy kitchenaccess", panePolicies, "KitchenAccess"},
		{"group CHEFS", paneGroups, "Chefs"},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			m, _ := newTestModel(t, 100, 30)
			press(t, m, ":")
			typeText(t, m, tt.line)
			press(t, m, "enter")
			if m.browse.active != tt.pane {
				t.Errorf("pane %v, want %v", m.browse.active, tt.pane)
			}
			if tt.crumb != "" && m.top().Crumb() != tt.crumb {
				t.Errorf("page %q, want %q", m.top().Crumb(), tt.crumb)
			}
		})
	}
}

func TestCommandCompletion(t *testing.T) {
	m, _ := newTestModel(t, 100, 30)
	press(t, m, ":")
	typeText(t, m, "pol")
	mustContain(t, screen(m), "Complete", "policies")
	press(t, m, "tab")
	typeText(t, m, "kit")
	mustContain(t, screen(m), "KitchenAccess", "KitchenOnlyBoundary")
	press(t, m, "tab", "enter")
	if m.top().Crumb() != "KitchenAccess" {
		t.Errorf("page %q after completing :policies kit", m.top().Crumb())
	}
	press(t, m, ":")
	typeText(t, m, "nonsense")
	press(t, m, "enter")
	if !m.statusErr || !strings.Contains(m.status, "unknown command") {
		t.Errorf("status %q", m.status)
	}
}

func TestQuit(t *testing.T) {
	for _, k := range []string{"q", "ctrl+c"} {
		m, _ := newTestModel(t, 100, 30)
		_, cmd := m.Update(keyPress(k))
		if cmd == nil {
			t.Fatalf("%s returned no command", k)
		}
		if _, ok := cmd().(tea.QuitMsg); !ok {
			t.Errorf("%s does not quit", k)
		}
	}
	m, _ := newTestModel(t, 100, 30)
	press(t, m, "/")
	_, cmd := m.Update(keyPress("q"))
	if cmd != nil {
		if _, ok := cmd().(tea.QuitMsg); ok {
			t.Error("q quit while typing a filter")
		}
	}
}

func TestCopyARN(t *testing.T) {
	m, _ := newTestModel(t, 100, 30)
	_, cmd := m.Update(keyPress("y"))
	if cmd == nil {
		t.Fatal("y returned no command")
	}
	mustContain(t, m.status, "arn:aws:iam::111122223333:user/chef-alice")
}

func TestHelpShowsEveryKeyAndWhyDisabled(t *testing.T) {
	m, _ := newTestModel(t, 120, 60, func(o *Options) { o.ReadOnly = true })
	press(t, m, "?")
	s := screen(m)
	for id := actionID(0); id < actCount; id++ {
		mustContain(t, s, m.ctx.Keys.Info(id).long)
	}
	mustContain(t, s, "read-only: opened with --read-only")
	press(t, m, "esc")
	if m.help.open {
		t.Error("esc left the help open")
	}
}

func TestMouseSelectsAndOpens(t *testing.T) {
	m, _ := newTestModel(t, 100, 30)
	click := func(x, y int) {
		send(t, m, tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft})
	}
	click(10, bodyTop+1+2) // third row (after the header)
	if got := m.browse.Selection().entity.name; got != "apprentice-ari" {
		t.Fatalf("click selected %q", got)
	}
	click(10, bodyTop+1+2) // again: open
	if m.top().Crumb() != "apprentice-ari" {
		t.Fatalf("second click opened %q", m.top().Crumb())
	}
	x := 1 + 2 + width("1 Users 5") + 3 // inside the second tab
	click(x, tabsRow)
	if m.browse.active != paneGroups {
		t.Errorf("click on the tabs showed %v", m.browse.active)
	}
	m2, _ := newTestModel(t, 100, 30, func(o *Options) { o.NoMouse = true })
	send(t, m2, tea.MouseClickMsg{X: 10, Y: bodyTop + 3, Button: tea.MouseLeft})
	if got := m2.browse.Selection().entity.name; got != "chef-alice" {
		t.Errorf("--no-mouse still took a click (%q)", got)
	}
	if m2.View().MouseMode != tea.MouseModeNone {
		t.Error("--no-mouse still asks the terminal for the mouse")
	}
}

func TestTinyTerminal(t *testing.T) {
	m, _ := newTestModel(t, 30, 8)
	mustContain(t, screen(m), "needs at least")
}

func TestF1ShowsTheEditorsKeysFromTheEditor(t *testing.T) {
	m, _ := newTestModel(t, 120, 60)
	press(t, m, "4", "e")
	press(t, m, "f1")
	mustContain(t, screen(m), "Policy editor", "ctrl+s", "save", "Navigate")
	press(t, m, "esc")
	if m.help.open {
		t.Fatal("esc left the help open")
	}
	if _, ok := m.top().(*editorPage); !ok {
		t.Fatalf("esc on the help closed the editor: %T", m.top())
	}
}

func TestLoadingFrame(t *testing.T) {
	store := newMemStore(fixtureWorld(t))
	pending := make(chan worldMsg, 1)
	m := New(Options{Store: store, PollEvery: -1, pending: pending})
	m.Update(windowSize(80, 24))
	mustContain(t, screen(m), "Loading", "/tmp/test.db")
	w, _ := store.LoadWorld(t.Context())
	pending <- worldMsg{world: w}
	runCmd(t, m, m.Init(), 0)
	mustContain(t, screen(m), "Users 5", "chef-alice")
}

func TestThemeFollowsTheTerminalBackground(t *testing.T) {
	auto, _ := themes.Parse("", false)
	m, _ := newTestModel(t, 100, 30, func(o *Options) { o.Theme = auto })
	send(t, m, tea.BackgroundColorMsg{Color: color.White})
	if got := m.ctx.Styles.Theme.Name; got != themes.Light {
		t.Errorf("a white terminal got the %s theme", got)
	}
	send(t, m, tea.BackgroundColorMsg{Color: color.Black})
	if got := m.ctx.Styles.Theme.Name; got != themes.Dark {
		t.Errorf("a black terminal got the %s theme", got)
	}
	fixed, _ := themes.Parse("colorblind-dark", false)
	m2, _ := newTestModel(t, 100, 30, func(o *Options) { o.Theme = fixed })
	send(t, m2, tea.BackgroundColorMsg{Color: color.White})
	if got := m2.ctx.Styles.Theme.Name; got != "colorblind-dark" {
		t.Errorf("--theme colorblind-dark became %s", got)
	}
	press(t, m2, ":")
	typeText(t, m2, "theme high-contrast")
	press(t, m2, "enter")
	if got := m2.ctx.Styles.Theme.Name; got != "high-contrast-light" {
		t.Errorf(":theme high-contrast on a white terminal gave %s", got)
	}
}

func TestSwitchAccounts(t *testing.T) {
	m, _ := newTestModel(t, 120, 30, func(o *Options) {
		other := &model.Account{ID: "444455556666", Alias: "the-agency"}
		o.World.Accounts = append(o.World.Accounts, other)
	})
	mustContain(t, screen(m), "2 accounts, A switches")
	press(t, m, "A")
	if m.ctx.Account.ID != "444455556666" {
		t.Fatalf("A showed %s", m.ctx.Account.ID)
	}
	mustContain(t, screen(m), "the-agency", "Users 0")
	press(t, m, ":")
	typeText(t, m, "account 111122223333")
	press(t, m, "enter")
	if m.ctx.Account.ID != acct {
		t.Fatalf(":account showed %s", m.ctx.Account.ID)
	}
}
