package editor

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// Styles are the editor's lipgloss styles. The host maps its theme tokens
// onto these fields; DefaultStyles gives a palette that reads on dark and
// light backgrounds.
//
// The overlay styles (Cursor, Selection, Highlight and the *Span styles) are
// merged over the syntax style of each character with Inherit, so they
// should set only what they change (a background, an underline).
type Styles struct {
	// Header line.
	Title    lipgloss.Style
	Subtitle lipgloss.Style // kind of policy, cursor position
	Modified lipgloss.Style
	ReadOnly lipgloss.Style

	// Gutter.
	LineNumber       lipgloss.Style
	LineNumberActive lipgloss.Style

	// Syntax.
	Text    lipgloss.Style // white space and anything unrecognised
	Key     lipgloss.Style // object keys
	String  lipgloss.Style // string values
	Number  lipgloss.Style
	Keyword lipgloss.Style // true, false, null
	Punct   lipgloss.Style // { } [ ] : ,
	Allow   lipgloss.Style // "Allow" as an Effect
	Deny    lipgloss.Style // "Deny" as an Effect
	Escape  lipgloss.Style // a control character shown as a visible escape

	// Overlays.
	Cursor         lipgloss.Style
	Selection      lipgloss.Style
	Highlight      lipgloss.Style // Highlight(start, end): the deciding statement
	ErrorSpan      lipgloss.Style // the element a finding is about
	WarningSpan    lipgloss.Style
	SuggestionSpan lipgloss.Style

	// Severity colours: gutter signs, list labels, counts.
	Error      lipgloss.Style
	Security   lipgloss.Style
	Warning    lipgloss.Style
	Suggestion lipgloss.Style
	OK         lipgloss.Style

	// Problems list.
	Rule         lipgloss.Style // the separator above the list
	DiagPos      lipgloss.Style
	DiagCode     lipgloss.Style
	DiagMessage  lipgloss.Style
	DiagSelected lipgloss.Style // the row of the finding under the cursor

	// Completion popup.
	Popup         lipgloss.Style
	PopupSelected lipgloss.Style
	PopupDetail   lipgloss.Style

	// Status line.
	Status      lipgloss.Style
	StatusError lipgloss.Style
	Hint        lipgloss.Style
	Confirm     lipgloss.Style
}

// DefaultStyles returns the default palette for a dark or light terminal.
func DefaultStyles(isDark bool) Styles {
	c := lipgloss.LightDark(isDark)
	var (
		fg      = c(lipgloss.Color("#24292F"), lipgloss.Color("#C0CAF5"))
		muted   = c(lipgloss.Color("#6E7781"), lipgloss.Color("#737AA2"))
		faint   = c(lipgloss.Color("#8C959F"), lipgloss.Color("#565F89"))
		key     = c(lipgloss.Color("#0550AE"), lipgloss.Color("#7AA2F7"))
		str     = c(lipgloss.Color("#116329"), lipgloss.Color("#9ECE6A"))
		num     = c(lipgloss.Color("#953800"), lipgloss.Color("#FF9E64"))
		kw      = c(lipgloss.Color("#8250DF"), lipgloss.Color("#BB9AF7"))
		allow   = c(lipgloss.Color("#1A7F37"), lipgloss.Color("#73DACA"))
		deny    = c(lipgloss.Color("#CF222E"), lipgloss.Color("#F7768E"))
		errC    = c(lipgloss.Color("#CF222E"), lipgloss.Color("#F7768E"))
		secC    = c(lipgloss.Color("#BF3989"), lipgloss.Color("#FF79C6"))
		warnC   = c(lipgloss.Color("#9A6700"), lipgloss.Color("#E0AF68"))
		sugC    = c(lipgloss.Color("#0969DA"), lipgloss.Color("#7DCFFF"))
		okC     = c(lipgloss.Color("#1A7F37"), lipgloss.Color("#9ECE6A"))
		selBg   = c(lipgloss.Color("#B6E3FF"), lipgloss.Color("#364A82"))
		hlBg    = c(lipgloss.Color("#FFF8C5"), lipgloss.Color("#3B3A1E"))
		popBg   = c(lipgloss.Color("#F6F8FA"), lipgloss.Color("#1F2335"))
		popSel  = c(lipgloss.Color("#DDF4FF"), lipgloss.Color("#3D59A1"))
		accent  = c(lipgloss.Color("#8250DF"), lipgloss.Color("#BB9AF7"))
		cursorF = c(lipgloss.Color("#FFFFFF"), lipgloss.Color("#1A1B26"))
		cursorB = c(lipgloss.Color("#24292F"), lipgloss.Color("#C0CAF5"))
	)
	under := func(col color.Color) lipgloss.Style {
		return lipgloss.NewStyle().Underline(true).UnderlineStyle(lipgloss.UnderlineCurly).UnderlineColor(col)
	}
	return Styles{
		Title:    lipgloss.NewStyle().Bold(true).Foreground(accent),
		Subtitle: lipgloss.NewStyle().Foreground(muted),
		Modified: lipgloss.NewStyle().Foreground(warnC),
		ReadOnly: lipgloss.NewStyle().Foreground(muted).Italic(true),

		LineNumber:       lipgloss.NewStyle().Foreground(faint),
		LineNumberActive: lipgloss.NewStyle().Foreground(fg).Bold(true),

		Text:    lipgloss.NewStyle().Foreground(fg),
		Key:     lipgloss.NewStyle().Foreground(key),
		String:  lipgloss.NewStyle().Foreground(str),
		Number:  lipgloss.NewStyle().Foreground(num),
		Keyword: lipgloss.NewStyle().Foreground(kw),
		Punct:   lipgloss.NewStyle().Foreground(muted),
		Allow:   lipgloss.NewStyle().Foreground(allow).Bold(true),
		Deny:    lipgloss.NewStyle().Foreground(deny).Bold(true),
		Escape:  lipgloss.NewStyle().Foreground(errC).Reverse(true),

		Cursor:         lipgloss.NewStyle().Foreground(cursorF).Background(cursorB),
		Selection:      lipgloss.NewStyle().Background(selBg),
		Highlight:      lipgloss.NewStyle().Background(hlBg).Bold(true),
		ErrorSpan:      under(errC),
		WarningSpan:    under(warnC),
		SuggestionSpan: under(sugC).UnderlineStyle(lipgloss.UnderlineDotted),

		Error:      lipgloss.NewStyle().Foreground(errC).Bold(true),
		Security:   lipgloss.NewStyle().Foreground(secC).Bold(true),
		Warning:    lipgloss.NewStyle().Foreground(warnC).Bold(true),
		Suggestion: lipgloss.NewStyle().Foreground(sugC),
		OK:         lipgloss.NewStyle().Foreground(okC),

		Rule:         lipgloss.NewStyle().Foreground(faint),
		DiagPos:      lipgloss.NewStyle().Foreground(muted),
		DiagCode:     lipgloss.NewStyle().Foreground(fg).Bold(true),
		DiagMessage:  lipgloss.NewStyle().Foreground(fg),
		DiagSelected: lipgloss.NewStyle().Background(selBg),

		Popup:         lipgloss.NewStyle().Foreground(fg).Background(popBg),
		PopupSelected: lipgloss.NewStyle().Foreground(fg).Background(popSel).Bold(true),
		PopupDetail:   lipgloss.NewStyle().Foreground(muted).Background(popBg),

		Status:      lipgloss.NewStyle().Foreground(fg),
		StatusError: lipgloss.NewStyle().Foreground(errC).Bold(true),
		Hint:        lipgloss.NewStyle().Foreground(faint),
		Confirm:     lipgloss.NewStyle().Foreground(warnC).Bold(true),
	}
}
