package themes

// The palettes. Every decision colour is paired in the views with a symbol
// and a word (✔ allowed, ✘ denied), so no theme relies on colour alone.

// defaultDark is a cool night palette: blue focus, green allow, rose deny.
func defaultDark() Theme {
	return Theme{
		Name: Dark, Dark: true,
		Text: hex("#C8D3F5"), Subtle: hex("#A9B1D6"), Muted: hex("#636DA6"),
		Primary: hex("#82AAFF"), Accent: hex("#C099FF"),
		Allow: hex("#9ECE6A"), Deny: hex("#FF757F"), Warn: hex("#FFC777"), Info: hex("#86E1FC"),
		Border: hex("#3B4261"), BorderHi: hex("#82AAFF"),
		Selection: hex("#2D3F76"), SelText: hex("#FFFFFF"),
		Surface: hex("#1E2030"), Match: hex("#FF966C"),
		JSONKey: hex("#86E1FC"), JSONString: hex("#C3E88D"), JSONNumber: hex("#FF966C"),
		JSONBool: hex("#C099FF"), JSONPunct: hex("#7A88CF"),
	}
}

// defaultLight is tuned for white and cream backgrounds: darker, saturated
// tokens so that nothing washes out.
func defaultLight() Theme {
	return Theme{
		Name: Light,
		Text: hex("#1F2328"), Subtle: hex("#424A53"), Muted: hex("#6E7781"),
		Primary: hex("#0969DA"), Accent: hex("#8250DF"),
		Allow: hex("#1A7F37"), Deny: hex("#CF222E"), Warn: hex("#9A6700"), Info: hex("#0550AE"),
		Border: hex("#C8D1DA"), BorderHi: hex("#0969DA"),
		Selection: hex("#DDF4FF"), SelText: hex("#0A3069"),
		Surface: hex("#EEF1F4"), Match: hex("#BC4C00"),
		JSONKey: hex("#0550AE"), JSONString: hex("#116329"), JSONNumber: hex("#953800"),
		JSONBool: hex("#8250DF"), JSONPunct: hex("#57606A"),
	}
}

// highContrastDark uses the brightest tokens on black and reverse video
// for the selection.
func highContrastDark() Theme {
	return Theme{
		Name: HighContrast + darkSuffix, Dark: true,
		Text: hex("#FFFFFF"), Subtle: hex("#E0E0E0"), Muted: hex("#BDBDBD"),
		Primary: hex("#00E5FF"), Accent: hex("#FFEA00"),
		Allow: hex("#00FF66"), Deny: hex("#FF4D4D"), Warn: hex("#FFEA00"), Info: hex("#00E5FF"),
		Border: hex("#FFFFFF"), BorderHi: hex("#FFEA00"),
		Selection: hex("#FFFFFF"), SelText: hex("#000000"),
		Surface: hex("#000000"), Match: hex("#FFEA00"),
		JSONKey: hex("#00E5FF"), JSONString: hex("#00FF66"), JSONNumber: hex("#FFEA00"),
		JSONBool: hex("#FF80FF"), JSONPunct: hex("#FFFFFF"),
	}
}

// highContrastLight is black on white with the darkest saturated tokens.
func highContrastLight() Theme {
	return Theme{
		Name: HighContrast + lightSuffix,
		Text: hex("#000000"), Subtle: hex("#1A1A1A"), Muted: hex("#404040"),
		Primary: hex("#0000B3"), Accent: hex("#6A00A8"),
		Allow: hex("#005A00"), Deny: hex("#B00000"), Warn: hex("#7A4A00"), Info: hex("#0000B3"),
		Border: hex("#000000"), BorderHi: hex("#0000B3"),
		Selection: hex("#000000"), SelText: hex("#FFFFFF"),
		Surface: hex("#FFFFFF"), Match: hex("#B00000"),
		JSONKey: hex("#0000B3"), JSONString: hex("#005A00"), JSONNumber: hex("#7A4A00"),
		JSONBool: hex("#6A00A8"), JSONPunct: hex("#000000"),
	}
}

// colorBlindDark uses the Okabe-Ito palette, distinguishable under the
// common colour-vision deficiencies: allow is sky blue, deny is orange,
// never red against green.
func colorBlindDark() Theme {
	return Theme{
		Name: ColorBlind + darkSuffix, Dark: true,
		Text: hex("#E8E8E8"), Subtle: hex("#C0C0C0"), Muted: hex("#8A8A8A"),
		Primary: hex("#56B4E9"), Accent: hex("#CC79A7"),
		Allow: hex("#56B4E9"), Deny: hex("#E69F00"), Warn: hex("#F0E442"), Info: hex("#56B4E9"),
		Border: hex("#4A4A4A"), BorderHi: hex("#56B4E9"),
		Selection: hex("#0B3A5B"), SelText: hex("#FFFFFF"),
		Surface: hex("#1A1A1A"), Match: hex("#F0E442"),
		JSONKey: hex("#56B4E9"), JSONString: hex("#009E73"), JSONNumber: hex("#E69F00"),
		JSONBool: hex("#CC79A7"), JSONPunct: hex("#A0A0A0"),
	}
}

// colorBlindLight is Okabe-Ito's darker half on a light background: allow
// blue, deny vermillion.
func colorBlindLight() Theme {
	return Theme{
		Name: ColorBlind + lightSuffix,
		Text: hex("#111111"), Subtle: hex("#3A3A3A"), Muted: hex("#6B6B6B"),
		Primary: hex("#0072B2"), Accent: hex("#CC79A7"),
		Allow: hex("#0072B2"), Deny: hex("#D55E00"), Warn: hex("#8A6D00"), Info: hex("#0072B2"),
		Border: hex("#B0B0B0"), BorderHi: hex("#0072B2"),
		Selection: hex("#D6EAF8"), SelText: hex("#002B45"),
		Surface: hex("#F2F2F2"), Match: hex("#D55E00"),
		JSONKey: hex("#0072B2"), JSONString: hex("#006B4F"), JSONNumber: hex("#D55E00"),
		JSONBool: hex("#A0527F"), JSONPunct: hex("#555555"),
	}
}

// monoTheme has no colours (NO_COLOR): the styles use bold, underline,
// faint and reverse video.
func monoTheme() Theme { return Theme{Name: Mono, Mono: true, Dark: true} }
