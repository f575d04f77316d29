package main

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"iamtui/ui"
)

// The generator runs, and runs the same twice: screenshots can be
// regenerated and compared.
func TestGenerateIsDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("paints PNGs")
	}
	a, b := t.TempDir(), t.TempDir()
	var can ui.Scene
	for _, s := range ui.Scenes() {
		if s.Name == "can" {
			can = s
		}
	}
	for _, dir := range []string{a, b} {
		if err := writeScene(dir, can, true); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"can-dark.png"} {
		x, err := os.ReadFile(filepath.Join(a, name))
		if err != nil {
			t.Fatal(err)
		}
		y, _ := os.ReadFile(filepath.Join(b, name))
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs", name)
		}
		if _, err := png.Decode(bytes.NewReader(x)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
