package ui

import (
	"strings"
	"testing"

	"iamtui/model"
	"iamtui/model/policy"
)

// rowNames lists the names of the shown rows, in order.
func rowNames(m *Model) []string {
	t := m.browse.table()
	out := make([]string, len(t.view))
	for i, ri := range t.view {
		out[i] = t.rows[ri].cells[0]
	}
	return out
}

func TestFilterMatches(t *testing.T) {
	tests := []struct {
		name  string
		pane  string
		query string
		want  []string
	}{
		{"a user's boundary", "1", "kitchenonly", []string{"apprentice-ari"}},
		{"a role's boundary", "3", "kitchenonly", []string{"PartTimeChef"}},
		{"a user's tag value", "1", "kitchen", []string{"chef-alice"}},
		{"a policy's tag value", "4", "pastry", []string{"KitchenAccess"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := newTestModel(t, 120, 40, func(o *Options) {
				p := o.World.Account(acct).Policy(kitchenARN)
				p.Tags = []model.Tag{{Key: "station", Value: "pastry"}}
			})
			press(t, m, tt.pane, "/")
			typeText(t, m, tt.query)
			got := rowNames(m)
			for _, w := range tt.want {
				if !strings.Contains(strings.Join(got, ","), w) {
					t.Errorf("%q matches %v, want %s among them", tt.query, got, w)
				}
			}
		})
	}
}

func TestSortCycles(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	account := rowNames(m)
	steps := []struct {
		title string
		first string
	}{
		{"by name", "apprentice-ari"},
		{"by created", "apprentice-ari"}, // all the same day: by name
		{"by last used", "apprentice-ari"},
		{"by policies", "head-chef-hana"}, // the only one with a policy of its own
		{"", account[0]},                  // back to the account's order
	}
	press(t, m, "j") // the selection stays on its entity
	sel := m.browse.Selection().entity.name
	for _, s := range steps {
		press(t, m, "o")
		title := strings.Split(screen(m), "\n")[2]
		if s.title != "" && !strings.Contains(title, "Users 5 · "+s.title) {
			t.Errorf("title %q, want %q", title, s.title)
		}
		if s.title == "" && strings.Contains(title, "· by") {
			t.Errorf("title %q after a full cycle", title)
		}
		if got := rowNames(m)[0]; got != s.first {
			t.Errorf("%s: first row %q, want %q", s.title, got, s.first)
		}
		if got := m.browse.Selection().entity.name; got != sel {
			t.Errorf("%s: the selection moved to %q", s.title, got)
		}
	}
	// Roles by last used: the one used comes first.
	press(t, m, "3", "o", "o", "o")
	if got := rowNames(m)[0]; got != "Dishwasher" {
		t.Errorf("roles by last used start with %q", got)
	}
	// A sort holds for filter matches too.
	press(t, m, "1", "o", "/")
	typeText(t, m, "chef")
	// (apprentice-ari matches through the Chefs group.)
	if got := strings.Join(rowNames(m), ","); got != "apprentice-ari,chef-alice,head-chef-hana" {
		t.Errorf("filtered by name: %v", got)
	}
	// o in a detail view says where it works.
	press(t, m, "esc", "enter", "o")
	if !m.statusErr || !strings.Contains(m.status, "only in a list") {
		t.Errorf("o in a detail view: %q", m.status)
	}
}

func TestResourcesPane(t *testing.T) {
	m, store := newTestModel(t, 120, 40, func(o *Options) {
		o.World.ResourcePolicies = append(o.World.ResourcePolicies, &model.ResourcePolicy{ResourceARN: "arn:aws:s3:::partner-bucket", AccountID: "444455556666",
			Document: mustDoc(t, strings.ReplaceAll(bucketDoc, "restaurant-storage-room", "partner-bucket"), policy.Resource)})
	})
	press(t, m, "5")
	s := screen(m)
	mustContain(t, s, "Resources 1 · 1 more in other accounts", "restaurant-storage-room")
	if strings.Contains(s, "partner-bucket") {
		t.Error("another account's resource policy is listed")
	}

	// n creates one: ARN and owner, then the editor.
	press(t, m, "n")
	mustContain(t, screen(m), "New resource policy", "Resource ARN", "Owner")
	typeText(t, m, "arn:aws:sqs:us-east-1:111122223333:orders")
	press(t, m, "enter", "enter")
	e, ok := m.top().(*editorPage)
	if !ok {
		t.Fatalf("no editor: %T\n%s", m.top(), screen(m))
	}
	mustContain(t, e.ed.Text(), `"sqs:SendMessage"`, `"arn:aws:iam::111122223333:root"`)
	press(t, m, "ctrl+s")
	var got *model.ResourcePolicy
	for _, rp := range store.world.ResourcePolicies {
		if rp.ResourceARN == "arn:aws:sqs:us-east-1:111122223333:orders" {
			got = rp
		}
	}
	if got == nil || got.AccountID != acct {
		t.Fatalf("stored %+v", got)
	}
	press(t, m, "esc")
	mustContain(t, screen(m), "Resources 2 · 1 more in other accounts", "orders")

	// An ARN that has a policy is refused in the form.
	press(t, m, "n")
	typeText(t, m, "arn:aws:s3:::restaurant-storage-room")
	press(t, m, "enter", "enter")
	mustContain(t, screen(m), "already has a policy")
}
