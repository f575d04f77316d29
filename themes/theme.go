// Package themes holds iamtui's colour themes as semantic tokens (primary,
// allow, deny, border...) and turns a theme into ready-made Lip Gloss styles
// once, so views never pick raw colours and never rebuild styles per frame.
package themes

import (
	"fmt"
	"image/color"
	"sort"
	"strings"

	"charm.land/lipgloss/v2"
)

// Theme is a palette of semantic tokens. A nil colour means "the terminal's
// default", which is what the monochrome theme uses everywhere.
type Theme struct {
	Name string
	// Dark says the palette is meant for a dark background.
	Dark bool
	// Mono themes carry no colour at all (NO_COLOR): emphasis comes from
	// bold, underline and reverse video instead.
	Mono bool

	Text      color.Color // body text
	Subtle    color.Color // secondary text (paths, dates)
	Muted     color.Color // hints, disabled keys, separators
	Primary   color.Color // focus, titles, the active tab
	Accent    color.Color // keys in the footer, links
	Allow     color.Color // allowed decisions, Effect: Allow
	Deny      color.Color // denied decisions, Effect: Deny, errors
	Warn      color.Color // warnings, boundaries, read-only
	Info      color.Color // informational badges
	Border    color.Color // pane borders
	BorderHi  color.Color // the focused pane's border
	Selection color.Color // background of the selected row
	SelText   color.Color // text on Selection
	Surface   color.Color // background of status bar and dialogs
	Match     color.Color // filter matches

	JSONKey    color.Color
	JSONString color.Color
	JSONNumber color.Color
	JSONBool   color.Color
	JSONPunct  color.Color
}

// Names of the built-in themes, as --theme accepts them.
const (
	Auto          = "auto" // dark or light, from the terminal's background
	Dark          = "dark"
	Light         = "light"
	HighContrast  = "high-contrast"
	ColorBlind    = "colorblind"
	Mono          = "mono"
	darkSuffix    = "-dark"
	lightSuffix   = "-light"
	noColorEnvVar = "NO_COLOR"
)

// Names lists what --theme accepts.
func Names() []string {
	names := []string{Auto, Dark, Light, Mono}
	for _, base := range []string{HighContrast, ColorBlind} {
		names = append(names, base, base+darkSuffix, base+lightSuffix)
	}
	sort.Strings(names)
	return names
}

// Choice is a theme request that may still depend on the terminal's
// background: "auto", "high-contrast" and "colorblind" follow it, while
// "dark", "light" and the -dark/-light variants are fixed.
type Choice struct {
	base  string
	fixed bool // the request named the variant: ignore the background
	dark  bool // the variant when fixed
}

// Parse checks a --theme value. An empty name is "auto". noColor is
// whether NO_COLOR is set: it turns "auto" into "mono" (an explicit theme
// still wins, but Bubble Tea strips its colours at output anyway).
func Parse(name string, noColor bool) (Choice, error) {
	n := strings.ToLower(strings.TrimSpace(name))
	switch {
	case n == "" || n == Auto:
		if noColor {
			return Choice{base: Mono, fixed: true}, nil
		}
		return Choice{base: Auto}, nil
	case n == Dark:
		return Choice{base: Auto, fixed: true, dark: true}, nil
	case n == Light:
		return Choice{base: Auto, fixed: true}, nil
	case n == Mono || n == "none" || n == "no-color":
		return Choice{base: Mono, fixed: true}, nil
	}
	for _, base := range []string{HighContrast, ColorBlind} {
		switch n {
		case base:
			return Choice{base: base}, nil
		case base + darkSuffix:
			return Choice{base: base, fixed: true, dark: true}, nil
		case base + lightSuffix:
			return Choice{base: base, fixed: true}, nil
		}
	}
	return Choice{}, fmt.Errorf("unknown theme %q (choose one of %s)", name, strings.Join(Names(), ", "))
}

// NoColor reports whether the environment asks for no colour: NO_COLOR set
// to anything non-empty (https://no-color.org).
func NoColor(getenv func(string) string) bool { return getenv(noColorEnvVar) != "" }

// FollowsBackground reports whether the terminal's background decides the
// variant.
func (c Choice) FollowsBackground() bool { return !c.fixed }

// Theme resolves the choice for a terminal whose background is dark or not.
func (c Choice) Theme(terminalIsDark bool) Theme {
	dark := terminalIsDark
	if c.fixed {
		dark = c.dark
	}
	switch c.base {
	case Mono:
		return monoTheme()
	case HighContrast:
		if dark {
			return highContrastDark()
		}
		return highContrastLight()
	case ColorBlind:
		if dark {
			return colorBlindDark()
		}
		return colorBlindLight()
	}
	if dark {
		return defaultDark()
	}
	return defaultLight()
}

// Name is the choice as the user would type it.
func (c Choice) String() string {
	switch {
	case c.base == Mono:
		return Mono
	case c.base == Auto && !c.fixed:
		return Auto
	case c.base == Auto && c.dark:
		return Dark
	case c.base == Auto:
		return Light
	case !c.fixed:
		return c.base
	case c.dark:
		return c.base + darkSuffix
	}
	return c.base + lightSuffix
}

func hex(s string) color.Color { return lipgloss.Color(s) }
