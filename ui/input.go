package ui

import (
	"charm.land/bubbles/v2/textinput"

	"iamtui/themes"
)

// newInput makes a text field in the theme's colours. The cursor does not
// blink: a blinking cursor re-renders twice a second for nothing and makes
// screenshots and golden files differ from run to run.
func newInput(st *themes.Styles, prompt, placeholder string) textinput.Model {
	in := textinput.New()
	in.Prompt = prompt
	in.Placeholder = placeholder
	styleInput(&in, st)
	return in
}

func styleInput(in *textinput.Model, st *themes.Styles) {
	s := textinput.DefaultStyles(st.Theme.Dark)
	s.Focused.Prompt = st.Key
	s.Blurred.Prompt = st.Muted
	s.Focused.Text = st.Text
	s.Blurred.Text = st.Subtle
	s.Focused.Placeholder = st.Muted
	s.Blurred.Placeholder = st.Muted
	s.Focused.Suggestion = st.Muted
	s.Blurred.Suggestion = st.Muted
	s.Cursor.Blink = false
	if st.Theme.Primary != nil {
		s.Cursor.Color = st.Theme.Primary
	}
	in.SetStyles(s)
}
