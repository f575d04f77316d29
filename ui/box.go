package ui

import (
	"strings"

	"iamtui/themes"
)

// box draws a rounded dialog frame with a title in the top border and a
// hint in the bottom one, around content already fitted to inner width.
// Dialogs have no background of their own: styled content resets
// attributes mid-line, which would punch holes in one, and the compositor
// already hides what lies under the box.
func box(st *themes.Styles, title, hint, content string, inner int) string {
	border := st.Muted
	if c := st.Theme.BorderHi; c != nil {
		border = border.Foreground(c)
	}
	t := " " + title + " "
	top := border.Render("╭─") + st.DialogTitle.Render(t) + border.Render(strings.Repeat("─", max(0, inner+1-width(t)))+"╮")
	hintS := ""
	if hint != "" {
		hintS = " " + hint + " "
	}
	bottom := border.Render("╰"+strings.Repeat("─", max(0, inner+1-width(hintS)))) + st.Muted.Render(hintS) + border.Render("─╯")
	var b strings.Builder
	b.WriteString(top)
	side := border.Render("│")
	for _, ln := range strings.Split(content, "\n") {
		b.WriteString("\n")
		b.WriteString(side)
		b.WriteString(" " + fitStyled(ln, inner) + " ")
		b.WriteString(side)
	}
	b.WriteString("\n")
	b.WriteString(bottom)
	return b.String()
}
