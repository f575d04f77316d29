package ui

import "charm.land/lipgloss/v2"

// lipglossStyle shortens signatures.
type lipglossStyle = lipgloss.Style
