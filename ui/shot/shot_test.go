package shot

import (
	"bytes"
	"image/color"
	"image/png"
	"testing"
)

var (
	black = color.RGBA{0, 0, 0, 255}
	white = color.RGBA{255, 255, 255, 255}
)

func painter(t *testing.T, cols, rows int) *Painter {
	t.Helper()
	p, err := New(Options{Cols: cols, Rows: rows, FontSize: 15, Background: black, Foreground: white})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPaintIsDeterministic(t *testing.T) {
	p := painter(t, 20, 3)
	text := "\x1b[1;38;2;130;170;255mhello\x1b[m ╭──╮ ✔ ✘\n\x1b[7mreverse\x1b[m ▌█ \x1b[4:3mcurly\x1b[m"
	a, err := EncodePNG(p.Paint(text))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := EncodePNG(p.Paint(text))
	if !bytes.Equal(a, b) {
		t.Fatal("two paints of the same text differ")
	}
	img, err := png.Decode(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := img.Bounds().Dx(), 20*p.cw; got != want {
		t.Errorf("width %d, want %d", got, want)
	}
}

// Box lines must join across cells without gaps: a row of ─ is one
// unbroken line of pixels, and a column of │ likewise.
func TestBoxLinesJoin(t *testing.T) {
	p := painter(t, 6, 4)
	img := p.Paint("╭────╮\n│    │\n│    │\n╰────╯")
	y := p.ch / 2
	lit := func(x, y int) bool { return img.RGBAAt(x, y).R > 128 }
	for x := p.cw; x < 5*p.cw; x++ {
		if !lit(x, y) {
			t.Fatalf("gap in the top edge at x=%d", x)
		}
	}
	x := p.cw / 2
	for yy := p.ch; yy < 3*p.ch; yy++ {
		if !lit(x, yy) {
			t.Fatalf("gap in the left edge at y=%d", yy)
		}
	}
	// The rounded corner reaches the edge it joins.
	if !lit(p.cw-1, y) || !lit(x, p.ch-1) {
		t.Error("the corner ╭ does not meet its lines")
	}
}

func TestMissingGlyphsAreDrawn(t *testing.T) {
	p := painter(t, 1, 1)
	for _, r := range "◆✔✘▸▾●○⚠┃━╋═║" {
		img := p.Paint(string(r))
		n := 0
		for y := 0; y < img.Bounds().Dy(); y++ {
			for x := 0; x < img.Bounds().Dx(); x++ {
				if img.RGBAAt(x, y).R > 0 {
					n++
				}
			}
		}
		if n < 4 {
			t.Errorf("%q painted %d pixels", r, n)
		}
	}
}
