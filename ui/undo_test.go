package ui

import (
	"strings"
	"testing"

	"iamtui/model"
)

// nightPorter is a change another process makes.
func nightPorter() model.ChangeSet {
	u := &model.User{Name: "night-porter", Path: "/", ID: "AIDA00000000000099999", ARN: model.UserARN(acct, "/", "night-porter"), CreateDate: day0}
	return model.ChangeSet{Op: "create-user", Summary: `created user "night-porter"`, Changes: []model.Change{{Account: acct, Kind: model.KindUser, After: u}}}
}

func TestUndo(t *testing.T) {
	tests := []struct {
		name string
		// setup runs before u; it may make changes here (keys) or
		// elsewhere (the store).
		setup func(t *testing.T, m *Model, s *memStore)
		keys  []string // after u
		// wantDialog is what the confirmation must say; "" means u undid
		// at once.
		wantDialog []string
		undone     bool // the change was undone in the end
		check      func(t *testing.T, m *Model, s *memStore)
	}{
		{
			name: "this window's change is undone at once",
			setup: func(t *testing.T, m *Model, _ *memStore) {
				press(t, m, "n")
				typeText(t, m, "sous-chef-sam")
				press(t, m, "enter", "enter")
			},
			undone: true,
			check: func(t *testing.T, m *Model, s *memStore) {
				if s.world.Account(acct).User("sous-chef-sam") != nil || m.ctx.Account.User("sous-chef-sam") != nil {
					t.Error("the new user is still there")
				}
			},
		},
		{
			name:       "another process's change is named and asked about; n keeps it",
			setup:      func(t *testing.T, m *Model, s *memStore) { s.external(t, nightPorter()); send(t, m, versionTickMsg{}) },
			keys:       []string{"n"},
			wantDialog: []string{"not made in this window", "create user", `Created user "night-porter"`, "reverts that change"},
			check: func(t *testing.T, m *Model, s *memStore) {
				if s.world.Account(acct).User("night-porter") == nil {
					t.Error("n undid the other process's change")
				}
			},
		},
		{
			name:       "enter on the focused answer is No",
			setup:      func(t *testing.T, m *Model, s *memStore) { s.external(t, nightPorter()); send(t, m, versionTickMsg{}) },
			keys:       []string{"enter"},
			wantDialog: []string{"not made in this window"},
			check: func(t *testing.T, m *Model, s *memStore) {
				if s.world.Account(acct).User("night-porter") == nil {
					t.Error("enter undid the other process's change")
				}
			},
		},
		{
			name:       "y undoes another process's change",
			setup:      func(t *testing.T, m *Model, s *memStore) { s.external(t, nightPorter()); send(t, m, versionTickMsg{}) },
			keys:       []string{"y"},
			wantDialog: []string{"not made in this window"},
			undone:     true,
			check: func(t *testing.T, m *Model, s *memStore) {
				if s.world.Account(acct).User("night-porter") != nil || m.ctx.Account.User("night-porter") != nil {
					t.Error("y did not undo it")
				}
			},
		},
		{
			name:       "the import that made the database says the account goes",
			setup:      func(t *testing.T, m *Model, s *memStore) { s.imported(s.world.Account(acct)) },
			keys:       []string{"esc"},
			wantDialog: []string{"import · ", "account 111122223333", "There was no account 111122223333 before this import", "removes the account from the database", "5 users, 2 groups, 2 roles, 3 policies"},
			check: func(t *testing.T, m *Model, s *memStore) {
				if s.world.Account(acct) == nil {
					t.Error("esc undid the import")
				}
			},
		},
		{
			name: "a change made elsewhere between the question and the answer: nothing is undone",
			setup: func(t *testing.T, m *Model, s *memStore) {
				s.external(t, nightPorter())
			},
			keys:       []string{"(other)", "y"},
			wantDialog: []string{"not made in this window"},
			check: func(t *testing.T, m *Model, s *memStore) {
				if s.world.Account(acct).User("night-porter") == nil || s.world.Account(acct).User("day-porter") == nil {
					t.Error("an undo ran although the database had changed")
				}
				if !m.statusErr || !strings.Contains(m.status, "Nothing undone") {
					t.Errorf("status %q", m.status)
				}
			},
		},
		{
			name:  "nothing to undo",
			setup: func(t *testing.T, m *Model, s *memStore) {},
			check: func(t *testing.T, m *Model, s *memStore) {
				if m.status != "Nothing to undo." {
					t.Errorf("status %q", m.status)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, s := newTestModel(t, 120, 40)
			tt.setup(t, m, s)
			press(t, m, "u")
			if len(tt.wantDialog) > 0 {
				if m.dialog == nil {
					t.Fatalf("u undid without asking:\n%s", screen(m))
				}
				d, ok := m.dialog.(*confirmDialog)
				if !ok {
					t.Fatalf("u opened %T", m.dialog)
				}
				mustContain(t, strings.Join(d.body, "\n"), tt.wantDialog...)
				if d.focus != 0 {
					t.Error("the dialog does not focus Cancel")
				}
			} else if m.dialog != nil {
				t.Fatalf("u asked:\n%s", screen(m))
			}
			for _, k := range tt.keys {
				if k == "(other)" {
					u := nightPorter()
					day := u.Changes[0].After.(*model.User).Clone()
					day.Name, day.ID, day.ARN = "day-porter", "AIDA00000000000099998", model.UserARN(acct, "/", "day-porter")
					u.Changes[0].After = day
					s.external(t, u)
					continue
				}
				press(t, m, k)
			}
			if m.dialog != nil {
				t.Fatalf("the dialog is still open:\n%s", screen(m))
			}
			if tt.undone && !strings.HasPrefix(m.status, "Undid") {
				t.Errorf("status %q", m.status)
			}
			if tt.check != nil {
				tt.check(t, m, s)
			}
		})
	}
}
