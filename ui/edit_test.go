package ui

import (
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"iamtui/model"
)

func TestCreateUserPutInGroupAndUndo(t *testing.T) {
	m, store := newTestModel(t, 100, 30)
	press(t, m, "n")
	mustContain(t, screen(m), "New user", "Name", "Path")
	typeText(t, m, "sous-chef-sam")
	press(t, m, "enter", "enter") // next field, then save
	if m.dialog != nil {
		t.Fatalf("dialog still open:\n%s", screen(m))
	}
	if store.world.Account(acct).User("sous-chef-sam") == nil {
		t.Fatal("the store does not have the new user")
	}
	if got := m.browse.Selection().entity.name; got != "sous-chef-sam" {
		t.Errorf("selected %q after creating sous-chef-sam", got)
	}
	mustContain(t, screen(m), `Created user "sous-chef-sam"`, "u undoes")

	press(t, m, "m") // add to a group
	mustContain(t, screen(m), "Add sous-chef-sam to group", "Chefs", "Waiters")
	typeText(t, m, "chefs")
	press(t, m, "enter")
	u := store.world.Account(acct).User("sous-chef-sam")
	if len(u.Groups) != 1 || u.Groups[0] != "Chefs" {
		t.Fatalf("groups in the store: %v", u.Groups)
	}
	if got := m.ctx.Account.User("sous-chef-sam").Groups; len(got) != 1 {
		t.Fatalf("groups in memory: %v", got)
	}

	press(t, m, "u")
	if g := store.world.Account(acct).User("sous-chef-sam").Groups; len(g) != 0 {
		t.Errorf("undo left groups %v", g)
	}
	mustContain(t, screen(m), "Undid")
	press(t, m, "u")
	if store.world.Account(acct).User("sous-chef-sam") != nil || m.ctx.Account.User("sous-chef-sam") != nil {
		t.Error("a second undo did not remove the user")
	}
}

func TestCreateRefusesWhatAWSRefuses(t *testing.T) {
	m, _ := newTestModel(t, 100, 30)
	press(t, m, "n")
	typeText(t, m, "CHEF-ALICE") // names are unique ignoring case
	press(t, m, "enter", "enter")
	if m.dialog == nil {
		t.Fatal("the dialog closed on a duplicate name")
	}
	mustContain(t, screen(m), "already exists")
	press(t, m, "esc")
	if m.dialog != nil {
		t.Fatal("esc did not close the dialog")
	}
}

func TestDeleteAsksAndNamesTheLoss(t *testing.T) {
	m, store := newTestModel(t, 120, 40)
	press(t, m, "j") // head-chef-hana: in Chefs, with ReadOnlyAccess attached
	press(t, m, "d")
	s := screen(m)
	mustContain(t, s, "Delete user", "head-chef-hana", "Chefs", "ReadOnlyAccess")
	press(t, m, "n")
	if store.world.Account(acct).User("head-chef-hana") == nil {
		t.Fatal("n deleted the user")
	}
	press(t, m, "d", "enter") // the focus is on Cancel
	if store.world.Account(acct).User("head-chef-hana") == nil {
		t.Fatal("enter on Cancel deleted the user")
	}
	press(t, m, "d", "y")
	if store.world.Account(acct).User("head-chef-hana") != nil {
		t.Fatal("y did not delete the user")
	}
	if m.ctx.Account.User("head-chef-hana") != nil {
		t.Fatal("the list still holds the user")
	}
}

func TestDeleteAttachedPolicyIsRefused(t *testing.T) {
	m, store := newTestModel(t, 120, 40)
	press(t, m, "4") // policies: KitchenAccess first
	press(t, m, "d")
	if m.dialog != nil {
		t.Fatal("a confirmation for a policy AWS refuses to delete")
	}
	if !m.statusErr {
		t.Fatalf("no error: %q", m.status)
	}
	mustContain(t, m.status, "attached")
	if store.world.Account(acct).Policy("arn:aws:iam::111122223333:policy/KitchenAccess") == nil {
		t.Fatal("deleted")
	}
}

func TestRenameFollowsIntoDetail(t *testing.T) {
	m, store := newTestModel(t, 120, 40)
	press(t, m, "2", "enter") // group Chefs
	press(t, m, "r")
	for range len("Chefs") {
		press(t, m, "backspace")
	}
	typeText(t, m, "Cooks")
	press(t, m, "enter", "enter")
	if store.world.Account(acct).Group("Cooks") == nil {
		t.Fatalf("not renamed:\n%s", screen(m))
	}
	if m.top().Crumb() != "Cooks" {
		t.Errorf("the detail view shows %q", m.top().Crumb())
	}
	for _, u := range store.world.Account(acct).Users {
		for _, g := range u.Groups {
			if g == "Chefs" {
				t.Errorf("user %s still in Chefs", u.Name)
			}
		}
	}
}

func TestAttachBoundaryTagsAndRemove(t *testing.T) {
	m, store := newTestModel(t, 120, 40)
	press(t, m, "G") // cleaner-carl
	press(t, m, "a")
	typeText(t, m, "readonly")
	press(t, m, "enter")
	carl := func() *model.User { return store.world.Account(acct).User("cleaner-carl") }
	if len(carl().AttachedPolicies) != 1 {
		t.Fatalf("attached %v", carl().AttachedPolicies)
	}
	press(t, m, "b")
	typeText(t, m, "boundary")
	press(t, m, "enter")
	if carl().PermissionsBoundary == "" {
		t.Fatal("no boundary")
	}
	press(t, m, "t")
	typeText(t, m, "shift=night, team=cleaning")
	press(t, m, "enter")
	if len(carl().Tags) != 2 {
		t.Fatalf("tags %v", carl().Tags)
	}
	// In the detail view, x removes the link under the cursor.
	press(t, m, "enter")
	d := m.top().(*detailPage)
	for d.currentLink() != nil && d.currentLink().rel != relAttached {
		press(t, m, "j")
	}
	press(t, m, "x")
	if len(carl().AttachedPolicies) != 0 {
		t.Fatalf("x did not detach: %v", carl().AttachedPolicies)
	}
	if d.currentLink() != nil {
		t.Fatalf("after removing the only attached policy the cursor is on %+v", d.currentLink())
	}
	for i := 0; i < 20 && (d.currentLink() == nil || d.currentLink().rel != relTag); i++ {
		press(t, m, "j")
	}
	press(t, m, "x")
	if len(carl().Tags) != 1 {
		t.Fatalf("x did not untag: %v", carl().Tags)
	}
}

func TestReadOnlyDisablesEveryEdit(t *testing.T) {
	m, store := newTestModel(t, 120, 40, func(o *Options) { o.ReadOnly = true })
	for _, k := range []string{"n", "r", "d", "m", "a", "b", "t", "i", "u"} {
		press(t, m, k)
		if m.dialog != nil {
			t.Fatalf("%s opened a dialog in read-only mode", k)
		}
		if !strings.Contains(m.status, "read-only") {
			t.Errorf("%s: status %q does not say read-only", k, m.status)
		}
	}
	press(t, m, "enter", "j", "x")
	if len(store.journal) != 0 {
		t.Fatalf("read-only mode changed the store: %v", store.journal)
	}
	mustContain(t, screen(m), "READ-ONLY")
	foot := strings.Split(screen(m), "\n")
	if f := foot[len(foot)-2]; strings.Contains(f, "remove") || strings.Contains(f, "new") {
		t.Errorf("the footer offers edits: %q", f)
	}
	for id := actionID(0); id < actCount; id++ {
		if ok, why := m.availability(id); m.ctx.Keys.Info(id).mutating && (ok || why != reasonReadOnly) {
			t.Errorf("action %q available=%v reason %q", m.ctx.Keys.Info(id).long, ok, why)
		}
	}
}

func TestStoreFailureReloads(t *testing.T) {
	m, store := newTestModel(t, 120, 40)
	store.failNext = errors.New("changed by another process")
	press(t, m, "n")
	typeText(t, m, "someone")
	press(t, m, "enter", "enter")
	if !m.statusErr || !strings.Contains(m.status, "changed by another process") {
		t.Fatalf("status %q", m.status)
	}
	if m.ctx.Account.User("someone") != nil {
		t.Fatal("memory has a user the store refused")
	}
}

func TestReloadWhenAnotherProcessChangesTheFile(t *testing.T) {
	m, store := newTestModel(t, 120, 40)
	press(t, m, "j", "j") // apprentice-ari
	// Another process adds a user.
	other := snapshot(store.world)
	u := &model.User{Name: "night-porter", Path: "/", ID: "AIDA00000000000099999", ARN: model.UserARN(acct, "/", "night-porter"), CreateDate: day0}
	store.external(t, model.ChangeSet{Op: "create-user", Changes: []model.Change{{Account: acct, Kind: model.KindUser, After: u}}})
	_ = other
	send(t, m, versionTickMsg{})
	if m.ctx.Account.User("night-porter") == nil {
		t.Fatal("no reload after the data version changed")
	}
	if got := m.browse.Selection().entity.name; got != "apprentice-ari" {
		t.Errorf("the reload moved the selection to %q", got)
	}
	mustContain(t, m.status, "changed by another process")
}

func TestSavingAManagedPolicyMakesANewVersion(t *testing.T) {
	m, store := newTestModel(t, 120, 40)
	press(t, m, "4", "e") // KitchenAccess, v2 in force
	ed, ok := m.top().(*editorPage)
	if !ok {
		t.Fatalf("e opened %T", m.top())
	}
	send(t, m, keyPress("ctrl+a"))
	send(t, m, tea.PasteMsg{Content: strings.Replace(kitchenDoc, `"s3:PutObject"`, `"s3:DeleteObject"`, 1)})
	press(t, m, "ctrl+s")
	mustContain(t, screen(m), "New policy version", "Save as default", "keep v2 default")
	press(t, m, "d")
	p := store.world.Account(acct).Policy("arn:aws:iam::111122223333:policy/KitchenAccess")
	if len(p.Versions) != 3 || p.Default() == nil || p.Default().ID != "v3" {
		t.Fatalf("versions after save: %d, default %v", len(p.Versions), p.Default())
	}
	if !strings.Contains(p.Default().Document.Text, "s3:DeleteObject") {
		t.Error("v3 does not hold the edit")
	}
	now, ok := m.top().(*editorPage)
	if !ok || now == ed || now.target.name != "v3" {
		t.Fatalf("the editor did not follow to v3: %T %+v", m.top(), now)
	}
	if now.ed.Modified() {
		t.Error("the editor still counts the saved text as modified")
	}
}

func TestCreateRolePolicyAndInline(t *testing.T) {
	m, store := newTestModel(t, 120, 40)
	a := func() *model.Account { return store.world.Account(acct) }

	press(t, m, "3", "n")
	typeText(t, m, "Sommelier")
	press(t, m, "enter", "enter") // name, path
	typeText(t, m, "nonsense")    // trusted by: neither a service, an account nor an ARN
	press(t, m, "tab", "enter")
	mustContain(t, screen(m), "give a service")
	press(t, m, "shift+tab")
	for range len("ec2.amazonaws.comnonsense") {
		press(t, m, "backspace")
	}
	typeText(t, m, "444455556666")
	press(t, m, "enter", "enter")
	r := a().Role("Sommelier")
	if r == nil || !strings.Contains(r.TrustPolicy.Text, "arn:aws:iam::444455556666:root") {
		t.Fatalf("role %+v", r)
	}

	press(t, m, "4", "n")
	typeText(t, m, "PourWine")
	press(t, m, "enter", "enter") // name, path
	typeText(t, m, "s3:GetObject")
	press(t, m, "enter", "enter", "enter")
	p := a().PolicyByName("PourWine")
	if p == nil || p.Default() == nil || !strings.Contains(p.Default().Document.Text, "s3:GetObject") {
		t.Fatalf("policy %+v", p)
	}

	press(t, m, "1", "i") // chef-alice: a new inline policy
	typeText(t, m, "TasteTheSoup")
	press(t, m, "enter")
	if _, ok := m.top().(*editorPage); !ok {
		t.Fatalf("i then a name opened %T", m.top())
	}
	press(t, m, "ctrl+s")
	u := a().User("chef-alice")
	if len(u.InlinePolicies) != 1 || u.InlinePolicies[0].Name != "TasteTheSoup" {
		t.Fatalf("inline policies %+v", u.InlinePolicies)
	}
}

func TestRemoveInlineAndVersionAskFirst(t *testing.T) {
	m, store := newTestModel(t, 120, 40)
	press(t, m, "2", "enter")
	d := m.top().(*detailPage)
	for d.currentLink() != nil && d.currentLink().rel != relInline {
		press(t, m, "j")
	}
	press(t, m, "x")
	mustContain(t, screen(m), "Delete inline policy", "NoWineOnDuty")
	press(t, m, "y")
	if len(store.world.Account(acct).Group("Chefs").InlinePolicies) != 0 {
		t.Fatal("not deleted")
	}
	press(t, m, "4", "enter") // KitchenAccess: v1 and v2 (default)
	d = m.top().(*detailPage)
	for d.currentLink() != nil && (d.currentLink().rel != relVersion || d.currentLink().name != "v1") {
		press(t, m, "j")
	}
	press(t, m, "s") // v1 becomes the default
	p := store.world.Account(acct).Policy("arn:aws:iam::111122223333:policy/KitchenAccess")
	if p.Default().ID != "v1" {
		t.Fatalf("default %s after s on v1", p.Default().ID)
	}
	press(t, m, "x") // v1 is the default now: refused with the reason
	if m.dialog != nil || !strings.Contains(m.status, "default version cannot be deleted") {
		t.Fatalf("status %q", m.status)
	}
}
