package ui

import (
	"strings"
	"testing"

	"iamtui/model"
	"iamtui/model/edit"
)

var kitchenARN = model.PolicyARN(acct, "/", "KitchenAccess")

// toVersion moves a policy's detail view onto a version's row.
func toVersion(t *testing.T, m *Model, id string) {
	t.Helper()
	d := m.top().(*detailPage)
	for range 50 {
		if l := d.currentLink(); l != nil && l.rel == relVersion && l.name == id {
			return
		}
		press(t, m, "j")
	}
	t.Fatalf("no row for version %s", id)
}

func TestPolicyVersions(t *testing.T) {
	t.Run("newest first in the detail view", func(t *testing.T) {
		m, _ := newTestModel(t, 120, 40)
		press(t, m, "4", "enter")
		s := screen(m)
		if i, j := strings.Index(s, "v2  default"), strings.Index(s, "v1  2024"); i < 0 || j < 0 || i > j {
			t.Errorf("versions not newest first:\n%s", s)
		}
	})
	t.Run("the list says which is the default and how many there are", func(t *testing.T) {
		m, _ := newTestModel(t, 160, 40)
		press(t, m, "4")
		mustContain(t, screen(m), "default v2 · 2 versions")
		if strings.Contains(screen(m), " of 2") {
			t.Error("still says \"v2 of 2\"")
		}
	})
	t.Run("d on a version deletes that version, not the policy", func(t *testing.T) {
		m, store := newTestModel(t, 120, 40)
		press(t, m, "4", "enter")
		toVersion(t, m, "v1")
		press(t, m, "d")
		d, ok := m.dialog.(*confirmDialog)
		if !ok {
			t.Fatalf("d on a version: dialog %T, status %q", m.dialog, m.status)
		}
		mustContain(t, strings.Join(d.body, " "), `Delete version v1 of policy "KitchenAccess"`, "the policy and its other versions stay")
		press(t, m, "y")
		p := store.world.Account(acct).Policy(kitchenARN)
		if p == nil || len(p.Versions) != 1 || p.Versions[0].ID != "v2" {
			t.Fatalf("policy after deleting v1: %+v", p)
		}
	})
	t.Run("d on the default version says why not", func(t *testing.T) {
		m, store := newTestModel(t, 120, 40)
		press(t, m, "4", "enter")
		toVersion(t, m, "v2")
		press(t, m, "d")
		if m.dialog != nil || !strings.Contains(m.status, "default version cannot be deleted") {
			t.Fatalf("dialog %T, status %q", m.dialog, m.status)
		}
		if store.world.Account(acct).Policy(kitchenARN) == nil {
			t.Fatal("the policy was deleted")
		}
	})
	t.Run("the sixth version's dialog names the version it deletes", func(t *testing.T) {
		m, store := newTestModel(t, 120, 40)
		ed := testEditor()
		for i := range 3 {
			cs, err := ed.CreatePolicyVersion(store.world.Account(acct), kitchenARN, strings.Replace(kitchenDoc, "Kitchen", "Kitchen"+string(rune('A'+i)), 1), edit.VersionOptions{})
			if err != nil {
				t.Fatal(err)
			}
			store.external(t, cs)
		}
		send(t, m, versionTickMsg{})
		if n := len(m.ctx.Account.Policy(kitchenARN).Versions); n != 5 {
			t.Fatalf("%d versions", n)
		}
		press(t, m, "4", "e")
		p := m.top().(*editorPage)
		p.ed.SetText(strings.Replace(p.ed.Text(), "CookInTheKitchen", "CookInTheKitchenToo", 1))
		press(t, m, "ctrl+s")
		d, ok := m.dialog.(*choiceDialog)
		if !ok {
			t.Fatalf("no dialog: %T", m.dialog)
		}
		mustContain(t, strings.Join(d.body, " "), "v1 (created 2024-03-04 09:00)")
		press(t, m, "d")
		got := store.world.Account(acct).Policy(kitchenARN)
		for _, v := range got.Versions {
			if v.ID == "v1" {
				t.Error("v1 is still there")
			}
		}
		if got.Default().ID != "v6" {
			t.Errorf("default %s", got.Default().ID)
		}
	})
}
