package evaluator

// arnPat is a compiled Resource value (or Arn* condition value). AWS checks
// each of the first five colon-separated parts of an ARN (arn, partition,
// service, region, account) on its own, so a wildcard there never spans a
// ':'; in the sixth part, the resource, '*' spans anything, ':' and '/'
// included ("arn:aws:s3:::bucket/*" covers every key, however deep).
type arnPat struct {
	raw   string
	all   bool    // "*"
	six   bool    // the pattern has all six parts
	seg   [5]glob // arn, partition, service, region, account
	res   glob    // the resource part
	whole glob    // a pattern of fewer than six parts, matched as one string
	nvars int32
}

// compileARNPattern compiles a Resource value (resourceElem: policy
// variables only in the resource part, after the fifth colon, as the IAM
// User Guide allows: "You can't use a variable to replace parts of the ARN
// before the fifth colon"; there they are literal text) or an Arn*
// condition value (variables anywhere, like the String operators). vars is
// false for documents older than Version 2012-10-17.
func compileARNPattern(s string, vars, resourceElem bool) arnPat {
	p := arnPat{raw: s}
	if s == "*" {
		p.all = true
		return p
	}
	parts, n := splitPatternParts(s, vars)
	if n < 6 {
		p.whole = compileGlob(s, true, vars, false)
		p.nvars = p.whole.nvars
		return p
	}
	p.six = true
	for i := 0; i < 5; i++ {
		p.seg[i] = compileGlob(parts[i], true, vars && !resourceElem, false)
	}
	p.res = compileGlob(parts[5], true, vars, false)
	for i := range p.seg {
		p.nvars += p.seg[i].nvars
	}
	p.nvars += p.res.nvars
	return p
}

// splitPatternParts splits at the first five colons outside ${...}, which
// may hold colons of its own (${aws:username}).
func splitPatternParts(s string, vars bool) (parts [6]string, n int) {
	start, depth := 0, 0
	for i := 0; i < len(s) && n < 5; i++ {
		switch {
		case vars && s[i] == '$' && i+1 < len(s) && s[i+1] == '{':
			depth++
			i++
		case s[i] == '}' && depth > 0:
			depth--
		case s[i] == ':' && depth == 0:
			parts[n] = s[start:i]
			n++
			start = i + 1
		}
	}
	if n < 5 {
		return parts, n + 1
	}
	parts[5] = s[start:]
	return parts, 6
}

// reqARN is a request's resource split once for every pattern.
type reqARN struct {
	s     string
	parts [6]string
	six   bool
}

func splitARN(s string) reqARN {
	r := reqARN{s: s}
	start, n := 0, 0
	for i := 0; i < len(s) && n < 5; i++ {
		if s[i] == ':' {
			r.parts[n] = s[start:i]
			n++
			start = i + 1
		}
	}
	if n == 5 {
		r.parts[5] = s[start:]
		r.six = true
	}
	return r
}

// match reports whether the request resource matches. A pattern with an
// undefined policy variable matches nothing.
func (p *arnPat) match(r *reqARN, c *evalCtx) bool {
	if p.all {
		return true
	}
	if p.six != r.six {
		// Wildcards never cross the colons of the first five parts, so a
		// pattern with fewer parts cannot stand for a full ARN, nor a full
		// pattern for a non-ARN such as "*".
		return false
	}
	if !p.six {
		return matchGlobCtx(&p.whole, r.s, c)
	}
	for i := 0; i < 5; i++ {
		if !matchGlobCtx(&p.seg[i], r.parts[i], c) {
			return false
		}
	}
	return matchGlobCtx(&p.res, r.parts[5], c)
}

// matchGlobCtx matches s against g after substituting g's variables.
func matchGlobCtx(g *glob, s string, c *evalCtx) bool {
	if g.nvars == 0 {
		return g.match(s, nil)
	}
	var buf [8]string
	vals, _, ok := resolveVars(g, c, buf[:0])
	if !ok {
		return false
	}
	return g.match(s, vals)
}

// headMatches reports whether the request could match the pattern as far as
// its parts before the resource part go (or its shape, for a pattern of
// fewer than six parts): only then are the variables of the rest looked up.
func (p *arnPat) headMatches(r *reqARN, c *evalCtx) bool {
	switch {
	case p.all:
		return true
	case p.six != r.six:
		return false
	case !p.six:
		return true
	}
	for i := 0; i < 5; i++ {
		if !matchGlobCtx(&p.seg[i], r.parts[i], c) {
			return false
		}
	}
	return true
}

// resolvable reports whether every variable of the pattern has a value.
func (p *arnPat) resolvable(c *evalCtx) bool {
	if p.nvars == 0 {
		return true
	}
	var buf [8]string
	for _, g := range []*glob{&p.whole, &p.seg[0], &p.seg[1], &p.seg[2], &p.seg[3], &p.seg[4], &p.res} {
		if _, _, ok := resolveVars(g, c, buf[:0]); !ok {
			return false
		}
	}
	return true
}
