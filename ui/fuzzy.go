package ui

// fuzzyMatch scores how well query matches s as a case-insensitive
// subsequence, fzf-style: consecutive runs and word starts score more,
// gaps cost. It returns ok=false when query is not a subsequence of s.
// query must already be lower case (the filter lowers it once per
// keystroke, not once per row). When pos is not nil it receives the byte
// offsets of the matched characters, for highlighting.
//
// Names in IAM are ASCII, so this works on bytes; a non-ASCII byte only
// matches itself.
func fuzzyMatch(s, query string, pos []int) (score int, out []int, ok bool) {
	if query == "" {
		return 0, pos, true
	}
	// Quick reject: is query a subsequence at all?
	qi := 0
	for i := 0; i < len(s) && qi < len(query); i++ {
		if lower(s[i]) == query[qi] {
			qi++
		}
	}
	if qi < len(query) {
		return 0, pos, false
	}
	// Try each place the first character matches and keep the best greedy
	// run from there; names are short, so this stays cheap.
	best, bestStart := -1<<31, -1
	for start := 0; start < len(s); start++ {
		if lower(s[start]) != query[0] {
			continue
		}
		sc, good := scoreFrom(s, query, start, nil)
		if good && sc > best {
			best, bestStart = sc, start
		}
	}
	if bestStart < 0 {
		return 0, pos, false
	}
	if pos != nil {
		pos = pos[:0]
		_, _ = scoreFrom(s, query, bestStart, &pos)
	}
	return best, pos, true
}

func scoreFrom(s, query string, start int, pos *[]int) (int, bool) {
	score, qi, prev := 0, 0, -2
	for i := start; i < len(s) && qi < len(query); i++ {
		if lower(s[i]) != query[qi] {
			continue
		}
		score += 16
		if i == prev+1 {
			score += 12
		} else if prev >= 0 {
			score -= min(2+i-prev-1, 10) // a gap costs, more when long
		}
		if i == 0 || isBoundary(s[i-1], s[i]) {
			score += 8
		}
		if pos != nil {
			*pos = append(*pos, i)
		}
		prev = i
		qi++
	}
	if qi < len(query) {
		return 0, false
	}
	// Prefer matches near the start and in shorter strings.
	score -= start / 2
	score -= len(s) / 16
	return score, true
}

func isBoundary(prev, cur byte) bool {
	switch prev {
	case '-', '_', '.', '/', ':', ' ', '@', '+', '=', ',':
		return true
	}
	return prev >= 'a' && prev <= 'z' && cur >= 'A' && cur <= 'Z'
}

func lower(b byte) byte {
	if b >= 'A' && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

// lowerASCII lowers a query once per keystroke.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				b[j] = lower(b[j])
			}
			return string(b)
		}
	}
	return s
}
