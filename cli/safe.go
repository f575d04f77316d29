package cli

import "iamtui/sanitize"

// safeLine and safeText pass untrusted strings (names, tags, policy text,
// errors quoting them) through the one sanitiser before a terminal sees them.
func safeLine(s string) string { return sanitize.Line(s) }
func safeText(s string) string { return sanitize.Text(s) }
