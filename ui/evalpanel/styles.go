package evalpanel

import (
	"charm.land/lipgloss/v2"

	"iamtui/ui/editor"
)

// Styles are the panel's lipgloss styles; DefaultStyles gives defaults for
// dark and light terminals, and the host maps its theme tokens onto them.
type Styles struct {
	Title      lipgloss.Style
	Mode       lipgloss.Style // "can X do Y on Z" / "who can do Y on Z"
	Label      lipgloss.Style
	LabelFocus lipgloss.Style
	FocusMark  lipgloss.Style // the ▸ before the focused field's label
	Text       lipgloss.Style // field values
	// TextFocus is the focused field's value and the rest of its width:
	// the field stands out as a box to type in.
	TextFocus   lipgloss.Style
	Cursor      lipgloss.Style
	Escape      lipgloss.Style // control characters shown as escapes
	Placeholder lipgloss.Style
	Hint        lipgloss.Style // resolved ARNs, notes
	Rule        lipgloss.Style

	// The decision banner, one per outcome: bold, coloured, padded.
	Allowed      lipgloss.Style
	ExplicitDeny lipgloss.Style
	ImplicitDeny lipgloss.Style
	// Foreground-only versions for text that names an outcome.
	AllowText lipgloss.Style
	DenyText  lipgloss.Style
	NoneText  lipgloss.Style

	// Flowchart.
	StepPassed  lipgloss.Style
	StepDecided lipgloss.Style
	StepSkipped lipgloss.Style

	StatementHeader lipgloss.Style
	Missing         lipgloss.Style
	NearMiss        lipgloss.Style
	Error           lipgloss.Style

	// Completion popup.
	Popup         lipgloss.Style
	PopupSelected lipgloss.Style
	PopupDetail   lipgloss.Style

	// Who-can list.
	ListSelected lipgloss.Style

	// Editor styles the deciding policy's text (its Highlight marks the
	// statement).
	Editor editor.Styles
}

// DefaultStyles returns the default palette for a dark or light terminal.
func DefaultStyles(isDark bool) Styles {
	c := lipgloss.LightDark(isDark)
	var (
		fg     = c(lipgloss.Color("#24292F"), lipgloss.Color("#C0CAF5"))
		muted  = c(lipgloss.Color("#6E7781"), lipgloss.Color("#737AA2"))
		faint  = c(lipgloss.Color("#8C959F"), lipgloss.Color("#565F89"))
		accent = c(lipgloss.Color("#8250DF"), lipgloss.Color("#BB9AF7"))
		allow  = c(lipgloss.Color("#1A7F37"), lipgloss.Color("#73DACA"))
		deny   = c(lipgloss.Color("#CF222E"), lipgloss.Color("#F7768E"))
		none   = c(lipgloss.Color("#9A6700"), lipgloss.Color("#E0AF68"))
		onBg   = c(lipgloss.Color("#FFFFFF"), lipgloss.Color("#1A1B26"))
		popBg  = c(lipgloss.Color("#F6F8FA"), lipgloss.Color("#1F2335"))
		popSel = c(lipgloss.Color("#DDF4FF"), lipgloss.Color("#3D59A1"))
		selBg  = c(lipgloss.Color("#DDF4FF"), lipgloss.Color("#283457"))
	)
	banner := func(bg lipgloss.Style) lipgloss.Style {
		return bg.Bold(true).Foreground(onBg).Padding(0, 2)
	}
	return Styles{
		Title:       lipgloss.NewStyle().Bold(true).Foreground(accent),
		Mode:        lipgloss.NewStyle().Foreground(muted),
		Label:       lipgloss.NewStyle().Foreground(muted),
		LabelFocus:  lipgloss.NewStyle().Foreground(accent).Bold(true),
		FocusMark:   lipgloss.NewStyle().Foreground(accent).Bold(true),
		Text:        lipgloss.NewStyle().Foreground(fg),
		TextFocus:   lipgloss.NewStyle().Foreground(fg).Background(selBg),
		Cursor:      lipgloss.NewStyle().Reverse(true),
		Escape:      lipgloss.NewStyle().Foreground(deny).Reverse(true),
		Placeholder: lipgloss.NewStyle().Foreground(faint),
		Hint:        lipgloss.NewStyle().Foreground(muted),
		Rule:        lipgloss.NewStyle().Foreground(faint),

		Allowed:      banner(lipgloss.NewStyle().Background(allow)),
		ExplicitDeny: banner(lipgloss.NewStyle().Background(deny)),
		ImplicitDeny: banner(lipgloss.NewStyle().Background(none)),
		AllowText:    lipgloss.NewStyle().Foreground(allow).Bold(true),
		DenyText:     lipgloss.NewStyle().Foreground(deny).Bold(true),
		NoneText:     lipgloss.NewStyle().Foreground(none).Bold(true),

		StepPassed:  lipgloss.NewStyle().Foreground(fg),
		StepDecided: lipgloss.NewStyle().Bold(true).Reverse(true),
		StepSkipped: lipgloss.NewStyle().Foreground(faint),

		StatementHeader: lipgloss.NewStyle().Foreground(fg).Bold(true),
		Missing:         lipgloss.NewStyle().Foreground(none),
		NearMiss:        lipgloss.NewStyle().Foreground(fg),
		Error:           lipgloss.NewStyle().Foreground(deny).Bold(true),

		Popup:         lipgloss.NewStyle().Foreground(fg).Background(popBg),
		PopupSelected: lipgloss.NewStyle().Foreground(fg).Background(popSel).Bold(true),
		PopupDetail:   lipgloss.NewStyle().Foreground(muted).Background(popBg),

		ListSelected: lipgloss.NewStyle().Background(selBg),

		Editor: editor.DefaultStyles(isDark),
	}
}

type fieldStyles struct {
	text, textFocus, cursor, escape, placeholder lipgloss.Style
}

func (s *Styles) field() fieldStyles {
	return fieldStyles{text: s.Text, textFocus: s.TextFocus, cursor: s.Cursor, escape: s.Escape, placeholder: s.Placeholder}
}
