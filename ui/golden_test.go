package ui

import (
	"fmt"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

// TestGolden pins the layout of the main views at the two sizes the issue
// names: the smallest terminal people use (80×24) and a large one (250×70).
// Update with: go test ./ui/ -run TestGolden -update
func TestGolden(t *testing.T) {
	views := []struct {
		name string
		keys []string
		typ  string // typed after the keys
	}{
		{name: "users"},
		{name: "groups", keys: []string{"2"}},
		{name: "roles", keys: []string{"3"}},
		{name: "policies", keys: []string{"4"}},
		{name: "resources", keys: []string{"5"}},
		{name: "filter", keys: []string{"/"}, typ: "chef"},
		{name: "user-detail", keys: []string{"j", "enter"}},
		{name: "role-detail", keys: []string{"3", "enter"}},
		{name: "policy-detail", keys: []string{"4", "enter"}},
		{name: "help", keys: []string{"?"}},
		{name: "delete", keys: []string{"j", "d"}},
		{name: "new-user", keys: []string{"n"}, typ: "sous-chef"},
		{name: "command", keys: []string{":"}, typ: "pol"},
		{name: "attach-picker", keys: []string{"a"}},
	}
	for _, size := range [][2]int{{80, 24}, {250, 70}} {
		for _, v := range views {
			t.Run(fmt.Sprintf("%s-%dx%d", v.name, size[0], size[1]), func(t *testing.T) {
				m, _ := newTestModel(t, size[0], size[1])
				press(t, m, v.keys...)
				typeText(t, m, v.typ)
				golden.RequireEqual(t, screen(m))
			})
		}
	}
}
