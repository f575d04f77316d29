package themes

import (
	"image/color"
	"math"
	"testing"
)

func TestParseAcceptsEveryName(t *testing.T) {
	for _, name := range Names() {
		c, err := Parse(name, false)
		if err != nil {
			t.Fatalf("Parse(%q): %v", name, err)
		}
		if c.String() != name {
			t.Errorf("Parse(%q).String() = %q", name, c.String())
		}
	}
	if _, err := Parse("solarized-ish", false); err == nil {
		t.Error("Parse accepted an unknown theme")
	}
}

func TestChoiceFollowsBackground(t *testing.T) {
	tests := []struct {
		name           string
		noColor        bool
		darkTerm, want string
		lightTerm      string
	}{
		{name: "", darkTerm: Dark, lightTerm: Light},
		{name: "auto", darkTerm: Dark, lightTerm: Light},
		{name: "dark", darkTerm: Dark, lightTerm: Dark},
		{name: "light", darkTerm: Light, lightTerm: Light},
		{name: "high-contrast", darkTerm: "high-contrast-dark", lightTerm: "high-contrast-light"},
		{name: "colorblind-light", darkTerm: "colorblind-light", lightTerm: "colorblind-light"},
		{name: "", noColor: true, darkTerm: Mono, lightTerm: Mono},
		{name: "dark", noColor: true, darkTerm: Dark, lightTerm: Dark},
	}
	for _, tt := range tests {
		c, err := Parse(tt.name, tt.noColor)
		if err != nil {
			t.Fatal(err)
		}
		if got := c.Theme(true).Name; got != tt.darkTerm {
			t.Errorf("%q (NO_COLOR=%v) on a dark terminal = %s, want %s", tt.name, tt.noColor, got, tt.darkTerm)
		}
		if got := c.Theme(false).Name; got != tt.lightTerm {
			t.Errorf("%q (NO_COLOR=%v) on a light terminal = %s, want %s", tt.name, tt.noColor, got, tt.lightTerm)
		}
	}
}

// Text must be readable (WCAG AA, 4.5:1) and decision colours visible
// (3:1, WCAG's ratio for large text and UI components) on the background
// each palette is meant for.
func TestPalettesHaveContrast(t *testing.T) {
	black, white := color.RGBA{0x10, 0x10, 0x14, 0xff}, color.RGBA{0xff, 0xff, 0xff, 0xff}
	for _, th := range []Theme{defaultDark(), defaultLight(), highContrastDark(), highContrastLight(), colorBlindDark(), colorBlindLight()} {
		bgc := color.Color(white)
		if th.Dark {
			bgc = black
		}
		checks := []struct {
			what string
			c    color.Color
			min  float64
		}{
			{"text", th.Text, 4.5}, {"subtle", th.Subtle, 4.5}, {"primary", th.Primary, 3},
			{"allow", th.Allow, 3}, {"deny", th.Deny, 3}, {"warn", th.Warn, 3},
			{"selected text", th.SelText, 4.5}, {"json string", th.JSONString, 3},
		}
		for _, c := range checks {
			ref := bgc
			if c.what == "selected text" {
				ref = th.Selection
			}
			if r := contrast(c.c, ref); r < c.min {
				t.Errorf("%s: %s contrast %.2f < %.1f", th.Name, c.what, r, c.min)
			}
		}
		if th.Name == HighContrast+darkSuffix || th.Name == HighContrast+lightSuffix {
			if r := contrast(th.Text, bgc); r < 15 {
				t.Errorf("%s: text contrast %.2f, want ≥ 15", th.Name, r)
			}
		}
	}
}

// The colour-blind themes must not tell allow from deny by a red/green
// difference alone: their hues must differ in lightness or along the
// blue-yellow axis that deuteranopes and protanopes still see.
func TestColorBlindAllowDenyDifferInBlueYellow(t *testing.T) {
	for _, th := range []Theme{colorBlindDark(), colorBlindLight()} {
		_, _, ab, _ := th.Allow.RGBA()
		_, _, db, _ := th.Deny.RGBA()
		if math.Abs(float64(ab)-float64(db))/0xffff < 0.4 {
			t.Errorf("%s: allow and deny differ too little in blue", th.Name)
		}
	}
}

func TestNewStylesForEveryTheme(t *testing.T) {
	for _, name := range Names() {
		c, _ := Parse(name, false)
		for _, dark := range []bool{true, false} {
			s := NewStyles(c.Theme(dark))
			if out := s.AllowBadge.Render("ALLOWED"); out == "" {
				t.Errorf("%s: empty badge", name)
			}
		}
	}
}

func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		x := float64(v) / 0xffff
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}
