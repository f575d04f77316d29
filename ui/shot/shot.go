// Package shot paints a terminal screen — text with ANSI styles, as a
// Bubble Tea View returns it — into a PNG, without a terminal or a
// browser: the text is laid out in an ultraviolet cell buffer exactly as a
// terminal would, and each cell is painted with the Go Mono faces. Box
// drawing, block elements and the few symbols Go Mono lacks (rounded
// corners, heavy lines, ✔ ✘ ◆ ▸) are drawn as vector shapes, so frames join
// seamlessly. The output is deterministic: the same text gives the same
// bytes.
package shot

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"os"

	uv "github.com/charmbracelet/ultraviolet"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/gomonobold"
	"golang.org/x/image/font/gofont/gomonobolditalic"
	"golang.org/x/image/font/gofont/gomonoitalic"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// Options describe the terminal the screen is painted as.
type Options struct {
	Cols, Rows int
	// FontSize in pixels; the cell is 0.6 of it wide (Go Mono's advance)
	// and LineHeight times it tall.
	FontSize   float64
	LineHeight float64
	// Background and Foreground are the terminal's defaults, used where
	// the text sets no colour.
	Background, Foreground color.Color
	// Padding around the cells, in pixels, as a terminal window has.
	Padding int
}

// Painter holds the faces for one font size; reuse it for many screens.
type Painter struct {
	o            Options
	cw, ch       int
	ascent       int
	regular      font.Face
	bold, italic font.Face
	boldItalic   font.Face
}

// New loads the faces.
func New(o Options) (*Painter, error) {
	if o.FontSize == 0 {
		o.FontSize = 15
	}
	if o.LineHeight == 0 {
		o.LineHeight = 1.3
	}
	p := &Painter{o: o}
	var err error
	load := func(ttf []byte) font.Face {
		if err != nil {
			return nil
		}
		var f *opentype.Font
		if f, err = opentype.Parse(ttf); err != nil {
			return nil
		}
		var face font.Face
		face, err = opentype.NewFace(f, &opentype.FaceOptions{Size: o.FontSize, DPI: 72, Hinting: font.HintingFull})
		return face
	}
	p.regular = load(gomono.TTF)
	p.bold = load(gomonobold.TTF)
	p.italic = load(gomonoitalic.TTF)
	p.boldItalic = load(gomonobolditalic.TTF)
	if err != nil {
		return nil, fmt.Errorf("load Go Mono: %w", err)
	}
	adv, _ := p.regular.GlyphAdvance('M')
	p.cw = adv.Round()
	p.ch = int(math.Round(o.FontSize * o.LineHeight))
	m := p.regular.Metrics()
	// Centre the font's ascent+descent in the line.
	textH := (m.Ascent + m.Descent).Round()
	p.ascent = m.Ascent.Round() + (p.ch-textH)/2
	return p, nil
}

// Paint lays out the styled text in Cols×Rows cells and paints it.
func (p *Painter) Paint(styled string) *image.RGBA {
	o := p.o
	buf := uv.NewScreenBuffer(o.Cols, o.Rows)
	uv.NewStyledString(styled).Draw(buf, buf.Bounds())
	img := image.NewRGBA(image.Rect(0, 0, o.Cols*p.cw+2*o.Padding, o.Rows*p.ch+2*o.Padding))
	draw.Draw(img, img.Bounds(), image.NewUniform(o.Background), image.Point{}, draw.Src)
	for y := 0; y < o.Rows; y++ {
		for x := 0; x < o.Cols; x++ {
			c := buf.CellAt(x, y)
			if c == nil || c.Width == 0 && c.Content == "" {
				continue
			}
			p.paintCell(img, x, y, c)
		}
	}
	return img
}

func (p *Painter) cellRect(x, y, w int) image.Rectangle {
	x0, y0 := p.o.Padding+x*p.cw, p.o.Padding+y*p.ch
	return image.Rect(x0, y0, x0+max(1, w)*p.cw, y0+p.ch)
}

func toRGBA(c color.Color) color.RGBA {
	r, g, b, a := c.RGBA()
	return color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), uint8(a >> 8)}
}

// mix blends a toward b by t (0..1).
func mix(a, b color.Color, t float64) color.RGBA {
	x, y := toRGBA(a), toRGBA(b)
	f := func(p, q uint8) uint8 { return uint8(math.Round(float64(p)*(1-t) + float64(q)*t)) }
	return color.RGBA{f(x.R, y.R), f(x.G, y.G), f(x.B, y.B), 255}
}

func (p *Painter) paintCell(img *image.RGBA, x, y int, c *uv.Cell) {
	st := c.Style
	fg, bg := p.o.Foreground, p.o.Background
	if st.Fg != nil {
		fg = st.Fg
	}
	if st.Bg != nil {
		bg = st.Bg
	}
	if st.Attrs&uv.AttrReverse != 0 {
		fg, bg = bg, fg
	}
	if st.Attrs&uv.AttrFaint != 0 {
		fg = mix(fg, bg, 0.45)
	}
	r := p.cellRect(x, y, c.Width)
	if st.Bg != nil || st.Attrs&uv.AttrReverse != 0 {
		draw.Draw(img, r, image.NewUniform(bg), image.Point{}, draw.Src)
	}
	content := c.Content
	if content != "" && content != " " {
		runes := []rune(content)
		if len(runes) == 1 && p.drawShape(img, r, runes[0], fg) {
			// Drawn as a shape.
		} else {
			face := p.regular
			bold, italic := st.Attrs&uv.AttrBold != 0, st.Attrs&uv.AttrItalic != 0
			switch {
			case bold && italic:
				face = p.boldItalic
			case bold:
				face = p.bold
			case italic:
				face = p.italic
			}
			d := font.Drawer{Dst: img, Src: image.NewUniform(fg), Face: face,
				Dot: fixed.P(r.Min.X, r.Min.Y+p.ascent)}
			d.DrawString(content)
		}
	}
	if st.Underline != uv.UnderlineNone {
		uc := fg
		if st.UnderlineColor != nil {
			uc = st.UnderlineColor
		}
		p.underline(img, r, uc, st.Underline)
	}
	if st.Attrs&uv.AttrStrikethrough != 0 {
		y := r.Min.Y + p.ch/2
		draw.Draw(img, image.Rect(r.Min.X, y, r.Max.X, y+max(1, p.ch/18)), image.NewUniform(fg), image.Point{}, draw.Src)
	}
}

func (p *Painter) underline(img *image.RGBA, r image.Rectangle, c color.Color, kind uv.Underline) {
	base := r.Min.Y + p.ascent + max(2, p.ch/10)
	t := max(1, p.ch/20)
	switch kind {
	case uv.UnderlineCurly:
		// A wave a cell long: two half periods.
		z := newRaster(r)
		amp := float64(max(1, p.ch/12))
		w := float64(r.Dx())
		stroke(z, func(f float64) (float64, float64) {
			return f * w, float64(base-r.Min.Y) + amp*math.Sin(f*2*math.Pi)
		}, float64(t)*1.2)
		fill(img, z, r, c)
	case uv.UnderlineDotted, uv.UnderlineDashed:
		step := max(2, p.cw/3)
		for x := r.Min.X; x < r.Max.X; x += 2 * step {
			draw.Draw(img, image.Rect(x, base, min(x+step, r.Max.X), base+t), image.NewUniform(c), image.Point{}, draw.Src)
		}
	case uv.UnderlineDouble:
		draw.Draw(img, image.Rect(r.Min.X, base, r.Max.X, base+t), image.NewUniform(c), image.Point{}, draw.Src)
		draw.Draw(img, image.Rect(r.Min.X, base+2*t+1, r.Max.X, base+3*t+1), image.NewUniform(c), image.Point{}, draw.Src)
	default:
		draw.Draw(img, image.Rect(r.Min.X, base, r.Max.X, base+t), image.NewUniform(c), image.Point{}, draw.Src)
	}
}

// EncodePNG encodes an image as PNG with the best compression, so the
// screenshots committed to the repository stay small.
func EncodePNG(img image.Image) ([]byte, error) {
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&b, img); err != nil {
		return nil, fmt.Errorf("encode PNG: %w", err)
	}
	return b.Bytes(), nil
}

// WritePNG writes an image to a file.
func WritePNG(path string, img image.Image) error {
	data, err := EncodePNG(img)
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
