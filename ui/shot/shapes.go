package shot

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/vector"
)

// boxLines gives, for U+2500..U+257F, the weight of the line going up,
// right, down and left from the centre: 0 none, 1 light, 2 heavy, 3
// double. "d" marks dashed lines (weight from the next digit), "a" the
// rounded corners and "x" the diagonals, which are drawn separately.
var boxLines = [128]string{
	"0101", "0202", "1010", "2020", "d0101", "d0202", "d1010", "d2020", "d0101", "d0202", "d1010", "d2020",
	"0110", "0210", "0120", "0220", "0011", "0012", "0021", "0022",
	"1100", "1200", "2100", "2200", "1001", "1002", "2001", "2002",
	"1110", "1210", "2110", "1120", "2120", "2210", "1220", "2220",
	"1011", "1012", "2011", "1021", "2021", "2012", "1022", "2022",
	"0111", "0112", "0211", "0212", "0121", "0122", "0221", "0222",
	"1101", "1102", "1201", "1202", "2101", "2102", "2201", "2202",
	"1111", "1112", "1211", "1212", "2111", "1121", "2121", "2112", "2211", "1122", "1221", "2212", "1222", "2122", "2221", "2222",
	"d0101", "d0202", "d1010", "d2020",
	"0303", "3030", "0310", "0130", "0330", "0013", "0031", "0033",
	"1300", "3100", "3300", "1003", "3001", "3003",
	"1310", "3130", "3330", "1013", "3031", "3033",
	"0313", "0131", "0333", "1303", "3101", "3303", "1313", "3131", "3333",
	"a", "a", "a", "a", "x", "x", "x",
	"0001", "1000", "0100", "0010", "0002", "2000", "0200", "0020",
	"0201", "1020", "0102", "2010",
}

func newRaster(r image.Rectangle) *vector.Rasterizer {
	return vector.NewRasterizer(r.Dx(), r.Dy())
}

func fill(img *image.RGBA, z *vector.Rasterizer, r image.Rectangle, c color.Color) {
	z.Draw(img, r, image.NewUniform(c), image.Point{})
}

func rect(z *vector.Rasterizer, x0, y0, x1, y1 float64) {
	z.MoveTo(float32(x0), float32(y0))
	z.LineTo(float32(x1), float32(y0))
	z.LineTo(float32(x1), float32(y1))
	z.LineTo(float32(x0), float32(y1))
	z.ClosePath()
}

func poly(z *vector.Rasterizer, pts ...float64) {
	z.MoveTo(float32(pts[0]), float32(pts[1]))
	for i := 2; i+1 < len(pts); i += 2 {
		z.LineTo(float32(pts[i]), float32(pts[i+1]))
	}
	z.ClosePath()
}

// stroke draws a thick curve given as a function of f in [0,1].
func stroke(z *vector.Rasterizer, curve func(f float64) (x, y float64), t float64) {
	const n = 24
	var left, right [][2]float64
	for i := 0; i <= n; i++ {
		f := float64(i) / n
		x, y := curve(f)
		x2, y2 := curve(math.Min(1, f+1.0/n))
		x1, y1 := curve(math.Max(0, f-1.0/n))
		dx, dy := x2-x1, y2-y1
		l := math.Hypot(dx, dy)
		if l == 0 {
			l = 1
		}
		nx, ny := -dy/l*t/2, dx/l*t/2
		left = append(left, [2]float64{x + nx, y + ny})
		right = append(right, [2]float64{x - nx, y - ny})
	}
	z.MoveTo(float32(left[0][0]), float32(left[0][1]))
	for _, p := range left[1:] {
		z.LineTo(float32(p[0]), float32(p[1]))
	}
	for i := len(right) - 1; i >= 0; i-- {
		z.LineTo(float32(right[i][0]), float32(right[i][1]))
	}
	z.ClosePath()
}

// line draws a thick straight segment.
func line(z *vector.Rasterizer, x0, y0, x1, y1, t float64) {
	stroke(z, func(f float64) (float64, float64) { return x0 + (x1-x0)*f, y0 + (y1-y0)*f }, t)
}

func circle(z *vector.Rasterizer, cx, cy, r float64, clockwise bool) {
	const n = 32
	for i := 0; i <= n; i++ {
		a := 2 * math.Pi * float64(i) / n
		if !clockwise {
			a = -a
		}
		x, y := cx+r*math.Cos(a), cy+r*math.Sin(a)
		if i == 0 {
			z.MoveTo(float32(x), float32(y))
		} else {
			z.LineTo(float32(x), float32(y))
		}
	}
	z.ClosePath()
}

// drawShape paints the characters drawn as shapes; false means "use the
// font".
func (p *Painter) drawShape(img *image.RGBA, r image.Rectangle, ch rune, c color.Color) bool {
	w, h := float64(r.Dx()), float64(r.Dy())
	light := math.Max(1, math.Round(p.o.FontSize/14))
	heavy := light*2 + 1
	// Centres on the middle of the pixels a light line covers, so arcs
	// meet the straight lines of the next cell exactly.
	cx := float64(int(w)/2-int(light)/2) + light/2
	cy := float64(int(h)/2-int(light)/2) + light/2
	z := newRaster(r)
	switch {
	case ch >= 0x2500 && ch <= 0x257f:
		spec := boxLines[ch-0x2500]
		switch spec {
		case "a":
			p.arc(z, ch, w, h, cx, cy, light)
		case "x":
			if ch == 0x2571 || ch == 0x2573 {
				line(z, w, 0, 0, h, light)
			}
			if ch == 0x2572 || ch == 0x2573 {
				line(z, 0, 0, w, h, light)
			}
		default:
			dashed := spec[0] == 'd'
			if dashed {
				spec = spec[1:]
			}
			boxRects(img, r, spec, int(light), int(heavy), dashed, c)
			return true
		}
	case ch >= 0x2580 && ch <= 0x259f:
		return p.block(img, r, ch, c)
	default:
		if !symbol(z, ch, w, h, cx, cy, p.o.FontSize) {
			return false
		}
	}
	fill(img, z, r, c)
	return true
}

// boxRects draws straight box lines as whole-pixel rectangles, so a
// one-pixel line stays one crisp pixel wide and cells join without seams.
func boxRects(img *image.RGBA, r image.Rectangle, spec string, light, heavy int, dashed bool, c color.Color) {
	w, h := r.Dx(), r.Dy()
	cx, cy := w/2, h/2
	thick := func(d byte) int {
		if d == '2' {
			return heavy
		}
		return light
	}
	jt := 0 // the joint: as wide as the heaviest line meeting there
	for i := 0; i < 4; i++ {
		if spec[i] != '0' {
			jt = max(jt, thick(spec[i]))
		}
	}
	put := func(x0, y0, x1, y1 int) {
		if dashed {
			// Three dashes along the longer side.
			if x1-x0 > y1-y0 {
				step := (x1 - x0) / 3
				for i := 0; i < 3; i++ {
					fillRect(img, r, x0+i*step, y0, x0+i*step+step*2/3, y1, c)
				}
			} else {
				step := (y1 - y0) / 3
				for i := 0; i < 3; i++ {
					fillRect(img, r, x0, y0+i*step, x1, y0+i*step+step*2/3, c)
				}
			}
			return
		}
		fillRect(img, r, x0, y0, x1, y1, c)
	}
	for dir := 0; dir < 4; dir++ {
		d := spec[dir]
		if d == '0' {
			continue
		}
		t := thick(d)
		offs := []int{0}
		if d == '3' { // double: two light lines, a pixel or two apart
			t = light
			offs = []int{-light - 1, light + 1}
		}
		for _, o := range offs {
			vx0, hy0 := cx-t/2+o, cy-t/2+o
			switch dir {
			case 0: // up
				put(vx0, 0, vx0+t, cy-jt/2+jt)
			case 1: // right
				put(cx-jt/2, hy0, w, hy0+t)
			case 2: // down
				put(vx0, cy-jt/2, vx0+t, h)
			case 3: // left
				put(0, hy0, cx-jt/2+jt, hy0+t)
			}
		}
		if dashed {
			return
		}
	}
}

// fillRect fills a rectangle given relative to the cell.
func fillRect(img *image.RGBA, cell image.Rectangle, x0, y0, x1, y1 int, c color.Color) {
	rr := image.Rect(cell.Min.X+x0, cell.Min.Y+y0, cell.Min.X+x1, cell.Min.Y+y1).Intersect(cell)
	draw.Draw(img, rr, image.NewUniform(c), image.Point{}, draw.Over)
}

// arc draws ╭ ╮ ╯ ╰: a quarter circle between two half lines.
func (p *Painter) arc(z *vector.Rasterizer, ch rune, w, h, cx, cy, t float64) {
	rad := math.Min(w, h) / 2
	// (sx, sy) is the direction of the corner's two lines.
	var sx, sy float64
	switch ch {
	case 0x256d: // ╭ right and down
		sx, sy = 1, 1
	case 0x256e: // ╮ left and down
		sx, sy = -1, 1
	case 0x256f: // ╯ left and up
		sx, sy = -1, -1
	default: // ╰ right and up
		sx, sy = 1, -1
	}
	ox, oy := cx+sx*rad, cy+sy*rad // the circle's centre
	stroke(z, func(f float64) (float64, float64) {
		a := f * math.Pi / 2
		return ox - sx*rad*math.Cos(a), oy - sy*rad*math.Sin(a)
	}, t)
	half := t / 2
	// The straight remainders to the cell's edges.
	if sy > 0 {
		rect(z, cx-half, oy, cx+half, h)
	} else {
		rect(z, cx-half, 0, cx+half, oy)
	}
	if sx > 0 {
		rect(z, ox, cy-half, w, cy+half)
	} else {
		rect(z, 0, cy-half, ox, cy+half)
	}
}

// block paints the block elements (▌ █ ▀ ▄ ░ ▒ ▓ and the eighths) as
// exact rectangles, so adjacent cells touch.
func (p *Painter) block(img *image.RGBA, r image.Rectangle, ch rune, c color.Color) bool {
	w, h := r.Dx(), r.Dy()
	sub := func(x0, y0, x1, y1 int) image.Rectangle {
		return image.Rect(r.Min.X+x0, r.Min.Y+y0, r.Min.X+x1, r.Min.Y+y1)
	}
	var area image.Rectangle
	alpha := 1.0
	switch {
	case ch == 0x2580: // ▀
		area = sub(0, 0, w, h/2)
	case ch >= 0x2581 && ch <= 0x2588: // ▁..█ lower eighths
		n := int(ch - 0x2580)
		area = sub(0, h-h*n/8, w, h)
	case ch >= 0x2589 && ch <= 0x258f: // ▉..▏ left eighths
		n := 8 - int(ch-0x2588)
		area = sub(0, 0, w*n/8, h)
	case ch == 0x2590: // ▐
		area = sub(w/2, 0, w, h)
	case ch >= 0x2591 && ch <= 0x2593: // ░ ▒ ▓
		area = sub(0, 0, w, h)
		alpha = float64(ch-0x2590) / 4
	case ch == 0x2594: // ▔
		area = sub(0, 0, w, h/8)
	case ch == 0x2595: // ▕
		area = sub(w-w/8, 0, w, h)
	default:
		return false
	}
	col := toRGBA(c)
	if alpha < 1 {
		col.A = uint8(alpha * 255)
		col.R, col.G, col.B = uint8(float64(col.R)*alpha), uint8(float64(col.G)*alpha), uint8(float64(col.B)*alpha)
	}
	drawOver(img, area, col)
	return true
}

func drawOver(img *image.RGBA, r image.Rectangle, c color.RGBA) {
	z := newRaster(r)
	rect(z, 0, 0, float64(r.Dx()), float64(r.Dy()))
	z.Draw(img, r, image.NewUniform(c), image.Point{})
}

// symbol draws the few symbols iamtui uses that Go Mono lacks.
func symbol(z *vector.Rasterizer, ch rune, w, h, cx, cy, size float64) bool {
	s := size * 0.62 // the symbol's box, about the height of a capital
	t := math.Max(1.4, size/8)
	x0, y0 := cx-s/2, cy-s/2
	switch ch {
	case '◆':
		poly(z, cx, cy-s/2, cx+s/2, cy, cx, cy+s/2, cx-s/2, cy)
	case '◇':
		poly(z, cx, cy-s/2, cx+s/2, cy, cx, cy+s/2, cx-s/2, cy)
		poly(z, cx, cy-s/2+t, cx-s/2+t, cy, cx, cy+s/2-t, cx+s/2-t, cy)
	case '✔', '✓':
		line(z, x0, cy, x0+s*0.38, y0+s*0.9, t)
		line(z, x0+s*0.38, y0+s*0.9, x0+s, y0+s*0.05, t)
	case '✘', '✗', '✕', '✖':
		line(z, x0+s*0.1, y0+s*0.1, x0+s*0.9, y0+s*0.9, t)
		line(z, x0+s*0.9, y0+s*0.1, x0+s*0.1, y0+s*0.9, t)
	case '▸', '▶', '►':
		k := 0.8
		if ch == '▸' {
			k = 0.6
		}
		poly(z, cx-s*k/2, cy-s*k/2, cx+s*k/2, cy, cx-s*k/2, cy+s*k/2)
	case '◂', '◀':
		poly(z, cx+s*0.3, cy-s*0.3, cx-s*0.3, cy, cx+s*0.3, cy+s*0.3)
	case '▾', '▼':
		poly(z, cx-s*0.35, cy-s*0.25, cx+s*0.35, cy-s*0.25, cx, cy+s*0.35)
	case '▴', '▲':
		poly(z, cx-s*0.35, cy+s*0.25, cx+s*0.35, cy+s*0.25, cx, cy-s*0.35)
	case '●':
		circle(z, cx, cy, s*0.4, true)
	case '○':
		circle(z, cx, cy, s*0.4, true)
		circle(z, cx, cy, s*0.4-t*0.8, false)
	case '⊘':
		circle(z, cx, cy, s*0.45, true)
		circle(z, cx, cy, s*0.45-t*0.8, false)
		line(z, cx-s*0.2, cy+s*0.2, cx+s*0.2, cy-s*0.2, t*0.8)
	case '⚠':
		poly(z, cx, cy-s*0.55, cx+s*0.55, cy+s*0.45, cx-s*0.55, cy+s*0.45)
		// The "!" is cut out.
		poly(z, cx-t/2, cy-s*0.2, cx-t/2, cy+s*0.12, cx+t/2, cy+s*0.12, cx+t/2, cy-s*0.2)
		poly(z, cx-t/2, cy+s*0.22, cx-t/2, cy+s*0.22+t, cx+t/2, cy+s*0.22+t, cx+t/2, cy+s*0.22)
	default:
		return false
	}
	_ = w
	_ = h
	return true
}
