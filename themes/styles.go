package themes

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// Styles are a theme's tokens turned into Lip Gloss styles, built once per
// theme change. Views copy what they need; none builds styles per frame.
type Styles struct {
	Theme Theme

	Text, Subtle, Muted, Bold      lipgloss.Style
	Primary, Accent, Info          lipgloss.Style
	Allow, Deny, Warn              lipgloss.Style
	AllowBadge, DenyBadge, WarnBad lipgloss.Style // reverse-video labels: "✔ ALLOWED"

	// Header line: app name, breadcrumb.
	AppName, Crumb, CrumbSep, CrumbLast lipgloss.Style
	// Tabs of the panes.
	Tab, TabActive, TabKey, TabCount lipgloss.Style

	// Panes: the border of an unfocused and of the focused pane, its title.
	Pane, PaneFocused, PaneTitle lipgloss.Style

	// Tables.
	Header, Row, RowSelected, RowMatch, RowSelectedMatch lipgloss.Style
	Cursor                                               lipgloss.Style // the ▌ gutter of the selected row

	// Detail view.
	Section, Label, Value, Link, LinkSelected lipgloss.Style

	// Footer and help.
	Key, KeyDesc, KeyDisabled, KeySep lipgloss.Style

	// Status bar.
	Status, StatusMode, StatusModeRO, StatusModeEdit, StatusErr, StatusOK lipgloss.Style

	// Dialogs.
	Dialog, DialogTitle, Button, ButtonActive, Input, InputFocused lipgloss.Style

	// JSON syntax.
	JSONKey, JSONString, JSONNumber, JSONBool, JSONPunct lipgloss.Style
}

// fg sets a foreground only for a real colour: the mono theme has none.
func fg(s lipgloss.Style, c color.Color) lipgloss.Style {
	if c == nil {
		return s
	}
	return s.Foreground(c)
}

func bg(s lipgloss.Style, c color.Color) lipgloss.Style {
	if c == nil {
		return s
	}
	return s.Background(c)
}

// NewStyles builds the styles of a theme.
func NewStyles(t Theme) *Styles {
	n := lipgloss.NewStyle()
	s := &Styles{Theme: t}

	s.Text = fg(n, t.Text)
	s.Subtle = fg(n, t.Subtle)
	s.Muted = fg(n, t.Muted)
	s.Bold = fg(n, t.Text).Bold(true)
	s.Primary = fg(n, t.Primary).Bold(true)
	s.Accent = fg(n, t.Accent)
	s.Info = fg(n, t.Info)
	s.Allow = fg(n, t.Allow).Bold(true)
	s.Deny = fg(n, t.Deny).Bold(true)
	s.Warn = fg(n, t.Warn)
	badge := n.Bold(true).Padding(0, 1)
	s.AllowBadge = badgeStyle(badge, t.Allow, t)
	s.DenyBadge = badgeStyle(badge, t.Deny, t)
	s.WarnBad = badgeStyle(badge, t.Warn, t)

	s.AppName = fg(n, t.Primary).Bold(true)
	s.Crumb = fg(n, t.Subtle)
	s.CrumbSep = fg(n, t.Muted)
	s.CrumbLast = fg(n, t.Text).Bold(true)

	s.Tab = fg(n, t.Subtle)
	s.TabActive = fg(n, t.Primary).Bold(true).Underline(true)
	s.TabKey = fg(n, t.Muted)
	s.TabCount = fg(n, t.Muted)

	s.Pane = fg(n.Border(lipgloss.RoundedBorder()), nil).BorderForeground(orDefault(t.Border))
	s.PaneFocused = n.Border(lipgloss.RoundedBorder()).BorderForeground(orDefault(t.BorderHi))
	if t.Mono {
		s.Pane = n.Border(lipgloss.RoundedBorder())
		s.PaneFocused = n.Border(lipgloss.ThickBorder())
	}
	s.PaneTitle = fg(n, t.Primary).Bold(true)

	s.Header = fg(n, t.Muted).Bold(true)
	s.Row = fg(n, t.Text)
	s.RowSelected = bg(fg(n, t.SelText), t.Selection).Bold(true)
	s.RowMatch = fg(n, t.Match).Bold(true).Underline(t.Mono)
	s.RowSelectedMatch = bg(fg(n, t.Match), t.Selection).Bold(true).Underline(t.Mono)
	s.Cursor = bg(fg(n, t.BorderHi), t.Selection)
	if t.Mono {
		s.RowSelected = n.Reverse(true).Bold(true)
		s.RowSelectedMatch = n.Reverse(true).Bold(true).Underline(true)
		s.Cursor = n.Reverse(true)
	}

	s.Section = fg(n, t.Primary).Bold(true)
	s.Label = fg(n, t.Muted)
	s.Value = fg(n, t.Text)
	s.Link = fg(n, t.Accent).Underline(t.Mono)
	s.LinkSelected = bg(fg(n, t.SelText), t.Selection).Bold(true)
	if t.Mono {
		s.LinkSelected = n.Reverse(true).Bold(true)
	}

	s.Key = fg(n, t.Accent).Bold(true)
	s.KeyDesc = fg(n, t.Subtle)
	s.KeyDisabled = fg(n, t.Muted).Faint(t.Mono).Strikethrough(t.Mono)
	s.KeySep = fg(n, t.Muted)

	s.Status = bg(fg(n, t.Subtle), t.Surface)
	mode := n.Bold(true).Padding(0, 1)
	s.StatusMode = badgeStyle(mode, t.Primary, t)
	s.StatusModeRO = badgeStyle(mode, t.Warn, t)
	s.StatusModeEdit = badgeStyle(mode, t.Accent, t)
	s.StatusErr = bg(fg(n, t.Deny), t.Surface).Bold(true)
	s.StatusOK = bg(fg(n, t.Allow), t.Surface)

	s.Dialog = n.Border(lipgloss.RoundedBorder()).Padding(0, 1)
	s.Dialog = bg(s.Dialog.BorderForeground(orDefault(t.BorderHi)), t.Surface).BorderBackground(orDefault(t.Surface))
	s.DialogTitle = fg(n, t.Primary).Bold(true)
	s.Button = fg(n, t.Subtle).Padding(0, 2)
	s.ButtonActive = badgeStyle(n.Padding(0, 2).Bold(true), t.Primary, t)
	s.Input = fg(n, t.Text)
	s.InputFocused = fg(n, t.Text).Bold(true)

	s.JSONKey = fg(n, t.JSONKey)
	s.JSONString = fg(n, t.JSONString)
	s.JSONNumber = fg(n, t.JSONNumber)
	s.JSONBool = fg(n, t.JSONBool)
	s.JSONPunct = fg(n, t.JSONPunct)
	return s
}

// badgeStyle paints c as the background with a contrasting text colour; the
// mono theme uses reverse video.
func badgeStyle(base lipgloss.Style, c color.Color, t Theme) lipgloss.Style {
	if t.Mono || c == nil {
		return base.Reverse(true)
	}
	ink := lipgloss.Color("#000000")
	if !t.Dark {
		ink = lipgloss.Color("#FFFFFF")
	}
	return base.Background(c).Foreground(ink)
}

// orDefault keeps lipgloss from painting a nil colour.
func orDefault(c color.Color) color.Color {
	if c == nil {
		return lipgloss.NoColor{}
	}
	return c
}
