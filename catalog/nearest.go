package catalog

import (
	"strings"
)

// Nearest returns the valid action closest to name, for "did you mean"
// messages: an exact match ignoring case returns AWS's spelling
// ("s3:getobject" → "s3:GetObject"); a typo returns the closest action of the
// same service ("s3:GetObjects" → "s3:GetObject"); failing that, services
// whose prefix is close are tried too ("s4:GetObject" → "s3:GetObject").
// Distance is optimal string alignment (edits plus swaps of neighbours),
// ignoring case, and must stay within about a quarter of the length, so
// ok is false when nothing is plausibly meant. Wildcard patterns are not
// action names: use Expand.
func (c *Catalog) Nearest(name string) (string, bool) {
	name = strings.TrimSpace(name)
	if a, ok := c.Action(name); ok {
		return a.full, true
	}
	svc, act, ok := strings.Cut(toLower(name), ":")
	if !ok || svc == "" || act == "" || hasWildcard(name) {
		return "", false
	}
	maxAct := maxDistance(len(act))
	if s, ok := c.byPrefix[svc]; ok {
		if a, _ := s.nearestAction(act, maxAct); a != nil {
			return a.full, true
		}
	}
	// Across services: the score is both distances added, so a right action
	// under a near-miss prefix beats a near-miss action under it.
	maxSvc := maxDistance(len(svc))
	var (
		best      *Action
		bestScore = maxSvc + maxAct + 1
	)
	for _, s := range c.services {
		if s.Prefix == svc {
			continue
		}
		ds := distance(svc, s.Prefix, maxSvc)
		if ds > maxSvc || ds >= bestScore {
			continue
		}
		a, da := s.nearestAction(act, min(maxAct, bestScore-ds-1))
		if a != nil && ds+da < bestScore {
			best, bestScore = a, ds+da
		}
	}
	if best == nil {
		return "", false
	}
	return best.full, true
}

// NearestService returns the service prefix closest to prefix, ignoring
// case: itself if it exists, else the closest within the distance threshold.
func (c *Catalog) NearestService(prefix string) (string, bool) {
	p := toLower(strings.TrimSpace(prefix))
	if s, ok := c.byPrefix[p]; ok {
		return s.Prefix, true
	}
	if p == "" {
		return "", false
	}
	max := maxDistance(len(p))
	best, bestD := "", max+1
	for _, sp := range c.prefixes {
		if d := distance(p, sp, bestD-1); d < bestD {
			best, bestD = sp, d
		}
	}
	return best, best != ""
}

// nearestAction is the action whose lowercase name is closest to act, within
// max edits; ties go to the longer shared prefix, then alphabetical order.
func (s *Service) nearestAction(act string, max int) (*Action, int) {
	if max < 0 {
		return nil, 0
	}
	bestI, bestD, bestP := -1, max+1, -1
	for i, n := range s.lowerNames {
		if abs(len(n)-len(act)) > bestD {
			continue
		}
		d := distance(act, n, bestD)
		if d > bestD || d > max {
			continue
		}
		p := commonPrefix(act, n)
		if d < bestD || p > bestP {
			bestI, bestD, bestP = i, d, p
		}
	}
	if bestI < 0 {
		return nil, 0
	}
	return s.Actions[bestI], bestD
}

// maxDistance is how many edits still count as a typo of an n-byte name:
// one for short names, a quarter of longer ones, never more than four.
func maxDistance(n int) int {
	return max(1, min(4, n/4))
}

// distance is the optimal string alignment distance between a and b, or
// limit+1 once it is certain to exceed limit. Only the diagonal band
// |i-j| <= limit can hold values within the limit, so only it is computed
// (Ukkonen's cut-off), and a row whose band is all past the limit ends the
// work early: that is what makes scanning a whole service cheap.
func distance(a, b string, limit int) int {
	if abs(len(a)-len(b)) > limit {
		return limit + 1
	}
	inf := limit + 1
	var stack [3][64]int
	var prev2, prev, cur []int
	if len(b) < len(stack[0]) {
		prev2, prev, cur = stack[0][:len(b)+1], stack[1][:len(b)+1], stack[2][:len(b)+1]
	} else {
		prev2, prev, cur = make([]int, len(b)+1), make([]int, len(b)+1), make([]int, len(b)+1)
	}
	for j := range prev {
		prev[j] = min(j, inf)
	}
	prevMin := 0
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-limit), min(len(b), i+limit)
		cur[lo-1] = inf
		if lo == 1 {
			cur[0] = min(i, inf)
		}
		rowMin := cur[lo-1]
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if hi < len(b) {
			cur[hi+1] = inf // the next row reads one cell past this band
		}
		// Later rows build on this one (+0 on a match) and, through swaps,
		// on the one before (+1): once both are past the limit, so is the end.
		if rowMin > limit && prevMin+1 > limit {
			return inf
		}
		prevMin = rowMin
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], inf)
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
