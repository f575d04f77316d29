// Package lint checks IAM policy documents the way IAM Access Analyzer's
// policy validation does: the same four finding categories and the same
// issue codes, so findings can be compared with AWS's and searched in its
// documentation. It works offline from the embedded catalog and reports every
// finding at the element it is about, so the editor can underline it.
package lint

import (
	"sort"
	"strings"
	"unicode/utf8"

	"iamtui/catalog"
	"iamtui/model/policy"
)

// Category is Access Analyzer's finding type.
type Category uint8

const (
	Suggestion Category = iota + 1
	Warning
	SecurityWarning
	Error
)

// String is Access Analyzer's findingType spelling.
func (c Category) String() string {
	switch c {
	case Error:
		return "ERROR"
	case SecurityWarning:
		return "SECURITY_WARNING"
	case Warning:
		return "WARNING"
	case Suggestion:
		return "SUGGESTION"
	}
	return "?"
}

// ParseCategory reads a severity as the command line spells it
// (suggestion, warning, security, error) or as AWS does (SECURITY_WARNING).
func ParseCategory(s string) (Category, bool) {
	switch strings.ToLower(strings.ReplaceAll(s, "-", "_")) {
	case "suggestion":
		return Suggestion, true
	case "warning":
		return Warning, true
	case "security", "security_warning":
		return SecurityWarning, true
	case "error":
		return Error, true
	}
	return 0, false
}

// PolicyType is Access Analyzer's policyType: which rules apply.
type PolicyType string

const (
	IdentityPolicy         PolicyType = "IDENTITY_POLICY"
	ResourcePolicy         PolicyType = "RESOURCE_POLICY"
	ServiceControlPolicy   PolicyType = "SERVICE_CONTROL_POLICY"
	ResourceControlPolicy  PolicyType = "RESOURCE_CONTROL_POLICY"
	trustPolicyResourceTyp            = "AWS::IAM::AssumeRolePolicyDocument"
)

// Options say how a document is used, as ValidatePolicy's parameters do.
type Options struct {
	// PolicyType defaults from the parse kind: identity → IDENTITY_POLICY,
	// resource and trust → RESOURCE_POLICY, org → SERVICE_CONTROL_POLICY.
	PolicyType PolicyType
	// ResourceType is validatePolicyResourceType, e.g. "AWS::S3::Bucket"
	// (see ResourceTypeForARN); trust policies default to
	// AWS::IAM::AssumeRolePolicyDocument. It enables the checks that depend
	// on which resource the policy is attached to, and the size quota.
	ResourceType string
	// NoSizeQuota skips the per-document size check: inline policies are
	// limited per entity, all of them together (see Account), not each.
	NoSizeQuota bool
}

// Finding is one problem in one document.
type Finding struct {
	Category Category
	// Code is Access Analyzer's issueCode.
	Code    string
	Message string
	// Detail says why it matters and how to fix it; LearnMore is the AWS
	// documentation of the check.
	Detail    string
	LearnMore string
	// Pos is the first character of the offending element (for a string,
	// its opening quote); End is just past its last character, so an
	// editor can underline [Pos, End). Both have 1-based lines and columns
	// counted in characters, and byte offsets.
	Pos, End policy.Pos
	// Suggestion is the likely intended text, e.g. "s3:GetObject" for
	// "s3:GetObjects"; "" when there is none.
	Suggestion string
	// StatementIndex is the 0-based statement, -1 for the whole document.
	StatementIndex int
	Sid            string
}

// Linter checks documents against one catalog. It is immutable after New
// and safe for concurrent use: the editor lints on every keystroke from its
// own goroutine while the account view lints in the background.
type Linter struct {
	cat *catalog.Catalog
	// arnServices indexes resource types by the service field of their ARN
	// pattern (which is not always the action prefix: s3-object-lambda,
	// execute-api), so a Resource can be checked without knowing its action.
	arnServices map[string]*arnService
	globalKeys  []string // names of global condition keys, for "did you mean"
}

// New prepares a linter. cat may be nil: the catalog-based checks (unknown
// actions, keys and ARNs) are then skipped and the grammar checks still run.
func New(cat *catalog.Catalog) *Linter {
	l := &Linter{cat: cat, arnServices: map[string]*arnService{}}
	if cat == nil {
		return l
	}
	for _, s := range cat.Services() {
		for _, rt := range s.ResourceTypes {
			l.addARNPattern(rt.ARNPattern)
		}
	}
	for _, k := range cat.GlobalConditionKeys() {
		l.globalKeys = append(l.globalKeys, k.Name)
	}
	return l
}

// Catalog is the catalog the linter checks against (nil when none).
func (l *Linter) Catalog() *catalog.Catalog { return l.cat }

// Document lints one policy text used as kind. A document that does not
// parse yields the finding that explains why (with AWS's code where there is
// one) and, when it parses as a grammar-only document, the findings of the
// other checks too.
func (l *Linter) Document(text string, kind policy.Kind, opts Options) []Finding {
	opts = defaults(kind, opts)
	r := &run{l: l, text: text, opts: opts, kind: kind}
	doc, err := policy.Parse(text, kind)
	if err != nil {
		var more bool
		doc, more = r.parseError(err)
		if !more {
			r.sort()
			return r.out
		}
	}
	r.doc = doc
	r.document()
	r.sort()
	return r.out
}

func defaults(kind policy.Kind, opts Options) Options {
	if opts.PolicyType == "" {
		switch kind {
		case policy.Resource, policy.Trust:
			opts.PolicyType = ResourcePolicy
		case policy.OrgPolicy:
			opts.PolicyType = ServiceControlPolicy
		case policy.ResourceControl:
			opts.PolicyType = ResourceControlPolicy
		default:
			opts.PolicyType = IdentityPolicy
		}
	}
	if opts.ResourceType == "" && kind == policy.Trust {
		opts.ResourceType = trustPolicyResourceTyp
	}
	return opts
}

// Filter keeps the findings of at least min category.
func Filter(fs []Finding, min Category) []Finding {
	out := fs[:0:0]
	for _, f := range fs {
		if f.Category >= min {
			out = append(out, f)
		}
	}
	return out
}

// Blocking reports whether any finding is an error or a security warning:
// what the command's exit status and CI gates care about.
func Blocking(fs []Finding) bool {
	for _, f := range fs {
		if f.Category >= SecurityWarning {
			return true
		}
	}
	return false
}

// run is the state of one Document call.
type run struct {
	l    *Linter
	text string
	kind policy.Kind
	opts Options
	doc  *policy.Document
	out  []Finding
	// seen drops a second finding with the same code at the same place,
	// which happens when two checks see the same element.
	seen map[[2]int]bool
}

func (r *run) sort() {
	sort.SliceStable(r.out, func(i, j int) bool {
		a, b := r.out[i], r.out[j]
		if a.Pos.Offset != b.Pos.Offset {
			return a.Pos.Offset < b.Pos.Offset
		}
		return a.Category > b.Category
	})
}

// add records a finding of code at [pos, end) in statement st (nil for the
// document). msg is the finding's message.
func (r *run) add(code string, st *policy.Statement, pos, end policy.Pos, msg, suggestion string) *Finding {
	c, ok := checks[code]
	if !ok {
		// A programming error: every code must be in the table. Report it
		// rather than panic in the user's editor.
		c = check{Category: Error, Title: code}
	}
	key := [2]int{pos.Offset, int(codeIndex(code))}
	if r.seen == nil {
		r.seen = map[[2]int]bool{}
	}
	if r.seen[key] {
		return nil
	}
	r.seen[key] = true
	if end.Offset <= pos.Offset {
		end = endOf(r.text, pos)
	}
	f := Finding{
		Category: c.Category, Code: code, Message: msg, Detail: c.Detail,
		LearnMore: learnMore(c), Pos: pos, End: end, Suggestion: suggestion,
		StatementIndex: -1,
	}
	if st != nil {
		f.StatementIndex = st.Index
		f.Sid = st.Sid
	}
	r.out = append(r.out, f)
	return &r.out[len(r.out)-1]
}

// addValue reports a finding about one string value.
func (r *run) addValue(code string, st *policy.Statement, v policy.Value, msg, suggestion string) *Finding {
	return r.add(code, st, v.Pos, policy.Pos{}, msg, suggestion)
}

// endOf returns the position just past the JSON token that starts at p: a
// string with its quotes, a literal, or the single character there. The
// parser records only starts for values; computing ends here keeps lint's
// needs out of the parser's hot path.
func endOf(text string, p policy.Pos) policy.Pos {
	off := p.Offset
	if off < 0 || off >= len(text) {
		return p
	}
	end := off + 1
	switch c := text[off]; {
	case c == '"':
		for end < len(text) {
			b := text[end]
			end++
			if b == '\\' && end < len(text) {
				end++
				continue
			}
			if b == '"' || b == '\n' {
				break
			}
		}
	case c == '{' || c == '[':
		end = matchClose(text, off)
	default:
		for end < len(text) && !strings.ContainsRune(",]} \t\r\n", rune(text[end])) {
			end++
		}
	}
	if end > len(text) {
		end = len(text)
	}
	return advance(text, p, end)
}

// advance moves p forward to byte offset end, counting lines and characters.
func advance(text string, p policy.Pos, end int) policy.Pos {
	for i := p.Offset; i < end; {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if r == '\n' {
			p.Line++
			p.Column = 1
		} else {
			p.Column++
		}
	}
	p.Offset = end
	return p
}

// matchClose returns the offset just past the bracket that closes the one at
// off, skipping strings.
func matchClose(text string, off int) int {
	depth := 0
	for i := off; i < len(text); i++ {
		switch text[i] {
		case '"':
			for i++; i < len(text) && text[i] != '"'; i++ {
				if text[i] == '\\' {
					i++
				}
			}
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return len(text)
}

// docStart is the position of the document's first character that is not
// white space (its opening brace, normally).
func docStart(text string) policy.Pos {
	p := policy.Pos{Line: 1, Column: 1}
	i := 0
	if strings.HasPrefix(text, "\uFEFF") {
		i = 3
	}
	for ; i < len(text); i++ {
		switch text[i] {
		case ' ', '\t', '\r':
			p.Column++
		case '\n':
			p.Line++
			p.Column = 1
		default:
			p.Offset = i
			return p
		}
	}
	p.Offset = i
	return p
}
