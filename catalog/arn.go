package catalog

import (
	"strings"
)

// ARNPattern is a resource type's ARN pattern prepared for matching, such as
// "arn:${Partition}:s3:::${BucketName}/${ObjectName}". Parse it once with
// ParseARNPattern when matching many ARNs against it.
//
// A ${Placeholder} stands for one or more characters. In the partition,
// service, region and account fields it cannot contain ':'. In the resource
// part it cannot contain '/', so a bucket pattern does not match an object
// ARN, unless its name says it is a path (…Path, …WithPath, ObjectName,
// LogGroupName and a few others), which may span '/'.
type ARNPattern struct {
	raw  string
	toks []arnTok
}

// MatchesARNPattern reports whether arn, typically a policy's Resource, can
// name a resource of pattern. The ARN may itself hold wildcards: '*' (any run
// of characters, across ':' and '/' as IAM does), '?' (one character) and
// policy variables such as ${aws:username} (a run without '/'); it matches
// when some concrete ARN fits both. Matching is case-sensitive, as IAM's is.
func MatchesARNPattern(pattern, arn string) bool {
	return ParseARNPattern(pattern).Matches(arn)
}

// ParseARNPattern prepares a resource type's ARN pattern.
func ParseARNPattern(pattern string) ARNPattern {
	p := ARNPattern{raw: pattern}
	colons := 0
	for i := 0; i < len(pattern); {
		if strings.HasPrefix(pattern[i:], "${") {
			if end := strings.IndexByte(pattern[i:], '}'); end > 0 {
				cls := clsNoSlash
				switch {
				case colons < 5:
					cls = clsNoColon
				case pathPlaceholder(pattern[i+2 : i+end]):
					cls = clsAny
				}
				p.toks = append(p.toks, arnTok{cls: cls}, arnTok{cls: cls, many: true})
				i += end + 1
				continue
			}
		}
		if pattern[i] == ':' {
			colons++
		}
		p.toks = append(p.toks, arnTok{cls: clsLit, c: pattern[i]})
		i++
	}
	return p
}

// String is the pattern as given.
func (p ARNPattern) String() string { return p.raw }

// maxARNLen bounds the work of Matches, which is quadratic in the lengths:
// real ARNs stay well under it (IAM caps most names far lower), and a
// hostile policy cannot make a lint pass take seconds.
const maxARNLen = 2048

// Matches reports whether arn (wildcards allowed, see MatchesARNPattern) can
// name a resource of this pattern. ARNs or patterns longer than 2048 bytes
// never match.
func (p ARNPattern) Matches(arn string) bool {
	if len(arn) > maxARNLen || len(p.raw) > maxARNLen {
		return false
	}
	var stack [64]arnTok
	return intersects(p.toks, parseCandidate(stack[:0], arn))
}

// pathPlaceholder reports whether a placeholder's value may contain '/'.
func pathPlaceholder(name string) bool {
	switch name {
	case "ObjectName", "LogGroupName", "ParameterNameWithoutLeadingSlash", "TopicFilter", "Uri":
		return true
	}
	return strings.HasSuffix(name, "Path")
}

type arnClass uint8

const (
	clsLit     arnClass = iota // exactly the byte c
	clsAny                     // any byte
	clsNoSlash                 // any byte but '/'
	clsNoColon                 // any byte but ':'
)

// arnTok is one position of a pattern: a byte of class cls, repeated zero or
// more times when many is set. "One or more" is a single token followed by a
// many token.
type arnTok struct {
	cls  arnClass
	c    byte
	many bool
}

func parseCandidate(dst []arnTok, arn string) []arnTok {
	for i := 0; i < len(arn); i++ {
		switch arn[i] {
		case '*':
			dst = append(dst, arnTok{cls: clsAny, many: true})
		case '?':
			dst = append(dst, arnTok{cls: clsAny})
		case '$':
			if strings.HasPrefix(arn[i:], "${") {
				if end := strings.IndexByte(arn[i:], '}'); end > 0 {
					dst = append(dst, arnTok{cls: clsNoSlash}, arnTok{cls: clsNoSlash, many: true})
					i += end
					continue
				}
			}
			dst = append(dst, arnTok{cls: clsLit, c: '$'})
		default:
			dst = append(dst, arnTok{cls: clsLit, c: arn[i]})
		}
	}
	return dst
}

// overlap reports whether some byte belongs to both tokens' classes.
func overlap(a, b arnTok) bool {
	switch {
	case a.cls == clsLit && b.cls == clsLit:
		return a.c == b.c
	case a.cls == clsLit:
		return inClass(a.c, b.cls)
	case b.cls == clsLit:
		return inClass(b.c, a.cls)
	default:
		return true // every pair of the wide classes shares letters
	}
}

func inClass(c byte, cls arnClass) bool {
	switch cls {
	case clsNoSlash:
		return c != '/'
	case clsNoColon:
		return c != ':'
	}
	return true
}

// intersects reports whether some string matches both token lists: a search
// over pairs of positions (the product automaton), each pair visited once,
// so it is O(len(a)·len(b)) whatever the wildcards.
func intersects(a, b []arnTok) bool {
	w := len(b) + 1
	seenStack := [4096]bool{}
	var seen []bool
	if n := (len(a) + 1) * w; n <= len(seenStack) {
		seen = seenStack[:n]
	} else {
		seen = make([]bool, n)
	}
	type pos struct{ i, j int }
	todo := []pos{{0, 0}}
	seen[0] = true
	push := func(i, j int) {
		if !seen[i*w+j] {
			seen[i*w+j] = true
			todo = append(todo, pos{i, j})
		}
	}
	for len(todo) > 0 {
		p := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if p.i == len(a) && p.j == len(b) {
			return true
		}
		if p.i < len(a) && a[p.i].many {
			push(p.i+1, p.j)
		}
		if p.j < len(b) && b[p.j].many {
			push(p.i, p.j+1)
		}
		if p.i < len(a) && p.j < len(b) && overlap(a[p.i], b[p.j]) {
			ni, nj := p.i+1, p.j+1
			if a[p.i].many {
				ni = p.i
			}
			if b[p.j].many {
				nj = p.j
			}
			push(ni, nj)
		}
	}
	return false
}
