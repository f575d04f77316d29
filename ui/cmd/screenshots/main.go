// Command screenshots paints the README's screenshots of the terminal UI
// into PNG files, in the dark and the light theme, without a terminal or a
// browser (go generate ./ui/ runs it).
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"iamtui/ui"
	"iamtui/ui/shot"
)

func main() {
	out := flag.String("out", "screenshots", "directory to write the PNG files to")
	only := flag.String("scene", "", "paint only this scene")
	flag.Parse()
	if err := generate(*out, *only); err != nil {
		fmt.Fprintln(os.Stderr, "screenshots:", err)
		os.Exit(1)
	}
}

// generate writes NAME-dark.png and NAME-light.png for each scene.
func generate(dir, only string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, s := range ui.Scenes() {
		if only != "" && s.Name != only {
			continue
		}
		for _, dark := range []bool{true, false} {
			if err := writeScene(dir, s, dark); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeScene paints one scene in one theme.
func writeScene(dir string, s ui.Scene, dark bool) error {
	text, bg, fg, err := ui.RenderScene(s, dark)
	if err != nil {
		return fmt.Errorf("%s: %w", s.Name, err)
	}
	p, err := shot.New(shot.Options{Cols: s.W, Rows: s.H, FontSize: 15, Background: bg, Foreground: fg, Padding: 12})
	if err != nil {
		return err
	}
	name := s.Name + "-light.png"
	if dark {
		name = s.Name + "-dark.png"
	}
	return shot.WritePNG(filepath.Join(dir, name), p.Paint(text))
}
