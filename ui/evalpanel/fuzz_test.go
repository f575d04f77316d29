package evalpanel

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

var fuzzKeys = []string{"a", "l", "i", "c", "e", ":", "s", "3", "*", "/", "space", "backspace", "delete", "left", "right",
	"home", "end", "ctrl+w", "ctrl+u", "ctrl+k", "tab", "shift+tab", "up", "down", "enter", "esc", "ctrl+space",
	"ctrl+t", "ctrl+n", "ctrl+r", "alt+m", "alt+n", "alt+p", "pgup", "pgdown", "ctrl+o", "paste"}

// FuzzPanelKeys sends random keys to a panel over the small world and
// checks that it never panics, its focus stays on something that exists,
// and every frame has the panel's size.
func FuzzPanelKeys(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 20, 5, 6, 7, 20, 26})
	f.Add([]byte("ctrl+t and back again"))
	eng := smallEngine(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 200 {
			data = data[:200]
		}
		m := newPanel(t, eng)
		m.SetSize(70, 20)
		for i, b := range data {
			k := fuzzKeys[int(b)%len(fuzzKeys)]
			if k == "paste" {
				m, _ = m.Update(tea.PasteMsg{Content: "arn:aws:s3:::x\nsecond line"})
			} else {
				m, _ = m.Update(press(k))
			}
			if i%8 == 0 {
				m = settle(m)
			}
			found := false
			for _, id := range m.focusList() {
				found = found || id == m.focus
			}
			if !found {
				t.Fatalf("step %d (%s): focus %+v not in %+v", i, k, m.focus, m.focusList())
			}
			if n := strings.Count(m.View(), "\n") + 1; n != 20 {
				t.Fatalf("step %d (%s): frame of %d lines", i, k, n)
			}
		}
	})
}
