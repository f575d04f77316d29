package ui

import (
	"strings"
	"testing"

	"iamtui/lint"
	"iamtui/model"
)

// withLinter gives the model the catalog and linter, as once they load.
func withLinter(t *testing.T) func(*Options) {
	c := testCatalog(t)
	return func(o *Options) { o.Catalog, o.Linter = c, lint.New(c) }
}

func TestFormFields(t *testing.T) {
	tests := []struct {
		name  string
		open  []string // keys that open the form
		steps []string // "type:TEXT" types, anything else is a key
		field int      // the field to read
		want  string
	}{
		// Examples are placeholders: typing starts from nothing.
		{name: "new policy actions are typed, not appended", open: []string{"4", "n"}, steps: []string{"tab", "tab", "type:s3:GetObject"}, field: 2, want: "s3:GetObject"},
		{name: "new role trusted-by is typed, not appended", open: []string{"3", "n"}, steps: []string{"tab", "tab", "type:lambda.amazonaws.com"}, field: 2, want: "lambda.amazonaws.com"},
		// Defaults are selected when focused: the first key replaces them.
		{name: "a default path is replaced by typing", open: []string{"n"}, steps: []string{"tab", "type:/kitchen/"}, field: 1, want: "/kitchen/"},
		{name: "a default path is kept by moving first", open: []string{"n"}, steps: []string{"tab", "end", "type:kitchen/"}, field: 1, want: "/kitchen/"},
		{name: "backspace clears a selected default", open: []string{"n"}, steps: []string{"tab", "backspace"}, field: 1, want: ""},
		{name: "the default is selected again when the focus comes back", open: []string{"4", "n"}, steps: []string{"tab", "tab", "tab", "type:arn:aws:s3:::menu/*", "tab", "shift+tab", "type:*"}, field: 3, want: "*"},
		{name: "rename replaces the old name", open: []string{"2", "r"}, steps: []string{"type:Cooks"}, field: 0, want: "Cooks"},
		{name: "tags are appended to", open: []string{"t"}, steps: []string{"type:, shift=night"}, field: 0, want: "team=kitchen, shift=night"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := newTestModel(t, 120, 40)
			press(t, m, tt.open...)
			d, ok := m.dialog.(*formDialog)
			if !ok {
				t.Fatalf("no form: %T", m.dialog)
			}
			for _, s := range tt.steps {
				if text, ok := strings.CutPrefix(s, "type:"); ok {
					typeText(t, m, text)
				} else {
					press(t, m, s)
				}
			}
			if got := d.fields[tt.field].input.Value(); got != tt.want {
				t.Errorf("field %q = %q, want %q", d.fields[tt.field].label, got, tt.want)
			}
		})
	}
}

func TestFormPlaceholdersAreDimAndRequired(t *testing.T) {
	m, store := newTestModel(t, 120, 40)
	press(t, m, "4", "n")
	mustContain(t, screen(m), "e.g. s3:GetObject, s3:ListBucket")
	typeText(t, m, "ReadMenu")
	press(t, m, "enter", "enter", "enter", "enter", "enter")
	if m.dialog == nil {
		t.Fatal("a policy without actions was created")
	}
	mustContain(t, screen(m), "Actions: name at least one action")
	if store.world.Account(acct).PolicyByName("ReadMenu") != nil {
		t.Fatal("created")
	}
	if d := m.dialog.(*formDialog); d.focus != 2 {
		t.Errorf("the focus is on field %d, want the empty Actions", d.focus)
	}
}

func TestNewPolicyIsLintedBeforeItIsCreated(t *testing.T) {
	m, store := newTestModel(t, 120, 40, withLinter(t))
	press(t, m, "4", "n")
	typeText(t, m, "ReadMenu")
	press(t, m, "tab", "tab")
	typeText(t, m, "s3:GetObjects")
	press(t, m, "enter", "enter", "enter")
	if m.dialog == nil {
		t.Fatal("created without a warning")
	}
	mustContain(t, screen(m), "⚠ error:", "s3:GetObject", "enter again creates it anyway")
	if store.world.Account(acct).PolicyByName("ReadMenu") != nil {
		t.Fatal("created at the first enter")
	}
	press(t, m, "enter")
	p := store.world.Account(acct).PolicyByName("ReadMenu")
	if p == nil || !strings.Contains(p.Default().Document.Text, `"s3:GetObjects"`) {
		t.Fatalf("the second enter did not create it: %+v", p)
	}

	// A correct policy goes through at once.
	press(t, m, "n")
	typeText(t, m, "ReadMenuToo")
	press(t, m, "tab", "tab")
	typeText(t, m, "s3:GetObject")
	press(t, m, "tab")
	typeText(t, m, "arn:aws:s3:::menu/*")
	press(t, m, "enter", "enter")
	if m.dialog != nil {
		t.Fatalf("a clean policy was held up:\n%s", screen(m))
	}
	if store.world.Account(acct).Policy(model.PolicyARN(acct, "/", "ReadMenuToo")) == nil {
		t.Fatal("not created")
	}
}
