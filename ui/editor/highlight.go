package editor

// class is the syntax class of one character.
type class uint8

const (
	clsText class = iota
	clsKey
	clsString
	clsNumber
	clsKeyword
	clsPunct
	clsAllow
	clsDeny
	clsEscape // set by the renderer for characters shown as escapes
	numClasses
)

// classify colours one line of JSON. JSON strings cannot contain raw line
// breaks, so a line can be coloured without the rest of the document: that
// keeps rendering proportional to what is on screen. A string is a key when
// a colon follows it; "Allow" and "Deny" are coloured as effects when the
// last key on the line is Effect.
func classify(l []rune, dst []class) []class {
	dst = dst[:0]
	for range l {
		dst = append(dst, clsText)
	}
	lastKeyEffect := false
	for i := 0; i < len(l); {
		r := l[i]
		switch {
		case r == '"':
			j := i + 1
			for j < len(l) && l[j] != '"' {
				if l[j] == '\\' {
					j++
				}
				j++
			}
			end := min(j+1, len(l)) // past the closing quote
			k := end
			for k < len(l) && (l[k] == ' ' || l[k] == '\t') {
				k++
			}
			c := clsString
			if k < len(l) && l[k] == ':' {
				c = clsKey
				lastKeyEffect = string(l[i:end]) == `"Effect"`
			} else if lastKeyEffect {
				switch string(l[i:end]) {
				case `"Allow"`:
					c = clsAllow
				case `"Deny"`:
					c = clsDeny
				}
			}
			for x := i; x < end; x++ {
				dst[x] = c
			}
			i = end
		case r == '{' || r == '}' || r == '[' || r == ']' || r == ':' || r == ',':
			dst[i] = clsPunct
			i++
		case r == '-' || (r >= '0' && r <= '9'):
			j := i + 1
			for j < len(l) && (l[j] >= '0' && l[j] <= '9' || l[j] == '.' || l[j] == 'e' || l[j] == 'E' || l[j] == '+' || l[j] == '-') {
				j++
			}
			for x := i; x < j; x++ {
				dst[x] = clsNumber
			}
			i = j
		case r >= 'a' && r <= 'z':
			j := i + 1
			for j < len(l) && l[j] >= 'a' && l[j] <= 'z' {
				j++
			}
			switch string(l[i:j]) {
			case "true", "false", "null":
				for x := i; x < j; x++ {
					dst[x] = clsKeyword
				}
			}
			i = j
		default:
			i++
		}
	}
	return dst
}
