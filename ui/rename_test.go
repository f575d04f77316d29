package ui

import (
	"strings"
	"testing"
)

func TestRenameSaysWhatItUpdates(t *testing.T) {
	tests := []struct {
		name  string
		keys  []string
		wants []string
	}{
		{"user", []string{"r"}, []string{"keeps its id", "Not updated: trust and resource policies that name the old ARN"}},
		{"group", []string{"2", "r"}, []string{"every member's group list is updated", "Not updated"}},
		{"role", []string{"3", "r"}, []string{"AWS cannot rename a role: iamtui creates the role anew", "new id", "Not updated"}},
		{"policy", []string{"4", "r"}, []string{"AWS cannot rename a managed policy", "new id and ARN", "Not updated"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := newTestModel(t, 120, 40)
			press(t, m, tt.keys...)
			d, ok := m.dialog.(*formDialog)
			if !ok {
				t.Fatalf("no form: %T", m.dialog)
			}
			mustContain(t, d.intro, tt.wants...)
			if strings.Contains(d.intro, "every reference to it is updated") {
				t.Error("the dialog still promises every reference is updated")
			}
		})
	}
}

func TestRenameListsThePoliciesThatStillNameTheOldARN(t *testing.T) {
	tests := []struct {
		name   string
		keys   []string // select the entity
		rename string
		want   []string // items of the list
		open   docKind  // what enter opens
	}{
		{name: "a user a role trusts", keys: []string{"j"}, rename: "hana", want: []string{"trust policy of role PartTimeChef"}, open: docTrust},
		{name: "a user a bucket names", keys: []string{"G"}, rename: "carl", want: []string{"resource policy of arn:aws:s3:::restaurant-storage-room"}, open: docResource},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, store := newTestModel(t, 120, 40)
			press(t, m, tt.keys...)
			press(t, m, "r")
			typeText(t, m, tt.rename)
			press(t, m, "enter", "enter")
			if store.world.Account(acct).User(tt.rename) == nil {
				t.Fatalf("not renamed:\n%s", screen(m))
			}
			p, ok := m.dialog.(*pickerDialog)
			if !ok {
				t.Fatalf("no list of stale policies: %T, status %q", m.dialog, m.status)
			}
			var labels []string
			for _, it := range p.items {
				labels = append(labels, it.label)
			}
			mustContain(t, strings.Join(labels, "\n"), tt.want...)
			mustContain(t, m.status, "still name")
			press(t, m, "enter")
			e, ok := m.top().(*editorPage)
			if !ok || e.target.kind != tt.open {
				t.Fatalf("enter opened %T", m.top())
			}
			// The cursor is on the old ARN.
			cur := e.ed.Cursor()
			line := strings.Split(e.ed.Text(), "\n")[cur.Line-1]
			if !strings.Contains(line, "arn:aws:iam::"+acct+":user/") {
				t.Errorf("the cursor is on line %d, %q, not on the old ARN", cur.Line, line)
			}
		})
	}
	// A rename nothing else names asks nothing.
	m, _ := newTestModel(t, 120, 40)
	press(t, m, "2", "r")
	typeText(t, m, "Cooks")
	press(t, m, "enter", "enter")
	if m.dialog != nil {
		t.Fatalf("a dialog after renaming a group nothing names: %T", m.dialog)
	}
}

// Deleting a principal names the trust and resource policies that will
// name someone who no longer exists.
func TestDeleteNamesThePoliciesThatNameThePrincipal(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	press(t, m, "G", "d") // cleaner-carl, whom the bucket policy names
	d, ok := m.dialog.(*confirmDialog)
	if !ok {
		t.Fatalf("no confirmation: %T, status %q", m.dialog, m.status)
	}
	mustContain(t, strings.Join(d.body, "\n"), "naming a principal that no longer exists", "resource policy of arn:aws:s3:::restaurant-storage-room")
}
