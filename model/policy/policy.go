// Package policy parses IAM policy documents: the one parser that import,
// the editor, the evaluator and lint share. It accepts what AWS accepts,
// rejects the rest with the line and column of the offending element, keeps
// the original text byte for byte, and records where every statement and
// element starts and ends.
package policy

import (
	"fmt"
	"strings"
)

// Versions of the policy language AWS accepts.
const (
	Version2012 = "2012-10-17"
	Version2008 = "2008-10-17"
)

// Kind says where a document is used; it decides which elements are required
// or forbidden (a trust policy must name a Principal and may not name a
// Resource; an identity policy may not name a Principal).
type Kind uint8

const (
	// Identity: inline and managed policies, permissions boundaries and
	// session policies.
	Identity Kind = iota
	// Resource: resource-based policies (bucket, queue, topic, key, function...).
	Resource
	// Trust: a role's AssumeRolePolicyDocument.
	Trust
	// OrgPolicy: service control policies (no Principal).
	OrgPolicy
	// ResourceControl: resource control policies, whose statements name
	// "Principal": "*" and a Resource.
	ResourceControl
	// AnyKind checks grammar only, for lint of a document of unknown use.
	AnyKind
)

func (k Kind) String() string {
	switch k {
	case Identity:
		return "identity policy"
	case Resource:
		return "resource-based policy"
	case Trust:
		return "trust policy"
	case OrgPolicy:
		return "service control policy"
	case ResourceControl:
		return "resource control policy"
	default:
		return "policy"
	}
}

// Effect of a statement.
type Effect uint8

const (
	Allow Effect = iota + 1
	Deny
)

func (e Effect) String() string {
	switch e {
	case Allow:
		return "Allow"
	case Deny:
		return "Deny"
	}
	return "?"
}

// Document is a parsed policy.
type Document struct {
	// Text is the original text, byte for byte.
	Text string
	Kind Kind
	// Version is "" when the document has none (AWS then applies 2008-10-17 rules).
	Version    string
	VersionPos Pos
	ID         string
	// StatementArray reports whether Statement was written as an array.
	StatementArray bool
	StatementPos   Pos
	Statements     []*Statement
}

// VariablesEnabled reports whether ${...} policy variables are substituted:
// only under Version 2012-10-17; otherwise they are literal text.
func (d *Document) VariablesEnabled() bool { return d.Version == Version2012 }

// Statement is one statement, with its place in the text.
type Statement struct {
	Index     int // 0-based position in the Statement list
	Sid       string
	HasSid    bool
	SidPos    Pos
	Effect    Effect
	EffectPos Pos

	Principal    *Principal // nil when absent
	NotPrincipal *Principal
	Action       *List // nil when absent
	NotAction    *List
	Resource     *List
	NotResource  *List
	Conditions   []*Condition // one per operator and key, in written order
	ConditionPos Pos

	Start Pos // the opening brace
	End   Pos // the closing brace
}

// Source returns the statement's text as written.
func (s *Statement) Source(d *Document) string {
	return d.Text[s.Start.Offset : s.End.Offset+1]
}

// Value is one string of a list with its position.
type Value struct {
	S   string
	Pos Pos
}

// List is an element whose value is a string or an array of strings.
type List struct {
	Values []Value
	Array  bool
	KeyPos Pos // the element's key
	Start  Pos // the value's first character
	End    Pos // the value's last character
}

// Strings returns the list's values.
func (l *List) Strings() []string {
	if l == nil {
		return nil
	}
	out := make([]string, len(l.Values))
	for i, v := range l.Values {
		out[i] = v.S
	}
	return out
}

// Principal is the value of Principal or NotPrincipal: either "*" or a map of
// principal types to lists.
type Principal struct {
	Wildcard      bool // "Principal": "*"
	AWS           *List
	Service       *List
	Federated     *List
	CanonicalUser *List
	KeyPos        Pos
	Start, End    Pos
}

// SetOperator is the ForAllValues / ForAnyValue qualifier of a condition.
type SetOperator uint8

const (
	SingleValue SetOperator = iota
	ForAllValues
	ForAnyValue
)

// Condition is one operator applied to one key, with its values.
type Condition struct {
	// Operator is the operator as written, e.g. "ForAnyValue:StringLikeIfExists".
	Operator    string
	OperatorPos Pos
	// Base is the canonical operator without qualifiers, e.g. "StringLike".
	Base     string
	Set      SetOperator
	IfExists bool
	Key      string
	KeyPos   Pos
	Values   []Value
	Array    bool
	Start    Pos // the value's first character
	End      Pos
}

// baseOperators lists AWS's condition operators by lower-case name.
var baseOperators = func() map[string]string {
	names := []string{
		"StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase",
		"StringLike", "StringNotLike",
		"NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals",
		"NumericGreaterThan", "NumericGreaterThanEquals",
		"DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals",
		"DateGreaterThan", "DateGreaterThanEquals",
		"Bool", "BinaryEquals", "IpAddress", "NotIpAddress",
		"ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike",
		"Null",
	}
	m := make(map[string]string, len(names))
	for _, n := range names {
		m[strings.ToLower(n)] = n
	}
	return m
}()

// BaseOperators returns AWS's condition operators (without qualifiers).
func BaseOperators() []string {
	out := make([]string, 0, len(baseOperators))
	for _, v := range baseOperators {
		out = append(out, v)
	}
	return out
}

// ParseOperator splits a condition operator into its parts. ok is false for
// an operator AWS does not know.
func ParseOperator(op string) (base string, set SetOperator, ifExists bool, ok bool) {
	rest := op
	lower := strings.ToLower(rest)
	switch {
	case strings.HasPrefix(lower, "forallvalues:"):
		set, rest = ForAllValues, rest[len("forallvalues:"):]
	case strings.HasPrefix(lower, "foranyvalue:"):
		set, rest = ForAnyValue, rest[len("foranyvalue:"):]
	}
	lower = strings.ToLower(rest)
	if b, found := baseOperators[lower]; found {
		return b, set, false, true
	}
	if strings.HasSuffix(lower, "ifexists") {
		if b, found := baseOperators[strings.TrimSuffix(lower, "ifexists")]; found && b != "Null" {
			return b, set, true, true
		}
	}
	return "", 0, false, false
}

// Parse parses policy text for the given use.
func Parse(text string, kind Kind) (*Document, error) {
	sc := scanners.Get().(*scanner)
	defer sc.release()
	root, err := sc.parseJSON(text)
	if err != nil {
		return nil, err
	}
	p := &docParser{doc: &Document{Text: text, Kind: kind}}
	if err := p.document(root); err != nil {
		return nil, err
	}
	return p.doc, nil
}

type docParser struct {
	doc *Document
}

func errAt(p Pos, format string, args ...any) error {
	return &SyntaxError{Pos: p, Msg: fmt.Sprintf(format, args...)}
}

func (p *docParser) document(root *node) error {
	if root.kind != nodeObject {
		return errAt(root.start, "a policy must be a JSON object, found %s", root.kind)
	}
	var stmt *member
	for i := range root.members {
		m := &root.members[i]
		switch m.key {
		case "Version":
			if m.value.kind != nodeString {
				return errAt(m.value.start, "Version must be a string, found %s", m.value.kind)
			}
			if m.value.text != Version2012 && m.value.text != Version2008 {
				return errAt(m.value.start, "Version must be %q or %q, found %q", Version2012, Version2008, m.value.text)
			}
			p.doc.Version = m.value.text
			p.doc.VersionPos = m.value.start
		case "Id":
			if m.value.kind != nodeString {
				return errAt(m.value.start, "Id must be a string, found %s", m.value.kind)
			}
			p.doc.ID = m.value.text
		case "Statement":
			stmt = m
		default:
			return errAt(m.keyPos, "unknown policy element %q (expected Version, Id or Statement)", m.key)
		}
	}
	if stmt == nil {
		return errAt(root.start, "the policy has no Statement")
	}
	p.doc.StatementPos = stmt.keyPos
	switch stmt.value.kind {
	case nodeObject:
		s, err := p.statement(stmt.value, 0)
		if err != nil {
			return err
		}
		p.doc.Statements = []*Statement{s}
	case nodeArray:
		p.doc.StatementArray = true
		if len(stmt.value.items) == 0 {
			return errAt(stmt.value.start, "Statement is an empty array: a policy needs at least one statement")
		}
		p.doc.Statements = make([]*Statement, 0, len(stmt.value.items))
		for i, item := range stmt.value.items {
			if item.kind != nodeObject {
				return errAt(item.start, "each statement must be a JSON object, found %s", item.kind)
			}
			s, err := p.statement(item, i)
			if err != nil {
				return err
			}
			p.doc.Statements = append(p.doc.Statements, s)
		}
	default:
		return errAt(stmt.value.start, "Statement must be an object or an array of objects, found %s", stmt.value.kind)
	}
	return nil
}

func (p *docParser) statement(n *node, index int) (*Statement, error) {
	s := &Statement{Index: index, Start: n.start, End: n.end}
	hasEffect := false
	for i := range n.members {
		m := &n.members[i]
		var err error
		switch m.key {
		case "Sid":
			if m.value.kind != nodeString {
				return nil, errAt(m.value.start, "Sid must be a string, found %s", m.value.kind)
			}
			s.Sid, s.HasSid, s.SidPos = m.value.text, true, m.value.start
		case "Effect":
			if m.value.kind != nodeString {
				return nil, errAt(m.value.start, "Effect must be \"Allow\" or \"Deny\", found %s", m.value.kind)
			}
			switch m.value.text {
			case "Allow":
				s.Effect = Allow
			case "Deny":
				s.Effect = Deny
			default:
				return nil, errAt(m.value.start, "Effect must be \"Allow\" or \"Deny\", found %q", m.value.text)
			}
			s.EffectPos = m.value.start
			hasEffect = true
		case "Action":
			s.Action, err = stringList(m, true)
		case "NotAction":
			s.NotAction, err = stringList(m, true)
		case "Resource":
			s.Resource, err = stringList(m, true)
		case "NotResource":
			s.NotResource, err = stringList(m, true)
		case "Principal":
			s.Principal, err = principal(m)
		case "NotPrincipal":
			s.NotPrincipal, err = principal(m)
		case "Condition":
			s.ConditionPos = m.keyPos
			s.Conditions, err = conditions(m)
		default:
			err = errAt(m.keyPos, "unknown statement element %q", m.key)
		}
		if err != nil {
			return nil, err
		}
	}
	if !hasEffect {
		return nil, errAt(n.start, "statement %d has no Effect", index)
	}
	switch {
	case s.Action == nil && s.NotAction == nil:
		return nil, errAt(n.start, "statement %d has neither Action nor NotAction", index)
	case s.Action != nil && s.NotAction != nil:
		return nil, errAt(s.NotAction.KeyPos, "a statement cannot have both Action and NotAction")
	case s.Resource != nil && s.NotResource != nil:
		return nil, errAt(s.NotResource.KeyPos, "a statement cannot have both Resource and NotResource")
	case s.Principal != nil && s.NotPrincipal != nil:
		return nil, errAt(s.NotPrincipal.KeyPos, "a statement cannot have both Principal and NotPrincipal")
	}
	kind := p.doc.Kind
	hasPrincipal := s.Principal != nil || s.NotPrincipal != nil
	hasResource := s.Resource != nil || s.NotResource != nil
	switch kind {
	case Identity, OrgPolicy:
		if hasPrincipal {
			at := principalKey(s)
			return nil, errAt(at, "%s cannot have a Principal or NotPrincipal", article(kind))
		}
		if !hasResource && kind == Identity {
			return nil, errAt(n.start, "statement %d has neither Resource nor NotResource", index)
		}
	case ResourceControl:
		if s.Principal == nil || !s.Principal.Wildcard {
			at := n.start
			if hasPrincipal {
				at = principalKey(s)
			}
			return nil, errAt(at, "a resource control policy's statements must have \"Principal\": \"*\" (use conditions such as aws:PrincipalAccount to narrow it)")
		}
		if !hasResource {
			return nil, errAt(n.start, "statement %d has neither Resource nor NotResource", index)
		}
	case Resource, Trust:
		if !hasPrincipal {
			return nil, errAt(n.start, "statement %d of a %s needs a Principal or NotPrincipal", index, kind)
		}
		if kind == Trust && hasResource {
			at := s.Resource
			if at == nil {
				at = s.NotResource
			}
			return nil, errAt(at.KeyPos, "a trust policy cannot have a Resource or NotResource")
		}
	}
	if s.NotPrincipal != nil && s.Effect == Allow && kind != AnyKind {
		return nil, errAt(s.NotPrincipal.KeyPos, "NotPrincipal cannot be used with \"Effect\": \"Allow\"")
	}
	return s, nil
}

func principalKey(s *Statement) Pos {
	if s.Principal != nil {
		return s.Principal.KeyPos
	}
	return s.NotPrincipal.KeyPos
}

// stringList reads a string or a non-empty array of strings.
func stringList(m *member, nonEmpty bool) (*List, error) {
	v := m.value
	l := &List{KeyPos: m.keyPos, Start: v.start, End: v.end}
	switch v.kind {
	case nodeString:
		if v.text == "" {
			return nil, errAt(v.start, "%s cannot be an empty string", m.key)
		}
		l.Values = []Value{{S: v.text, Pos: v.start}}
	case nodeArray:
		l.Array = true
		if nonEmpty && len(v.items) == 0 {
			return nil, errAt(v.start, "%s cannot be an empty array", m.key)
		}
		l.Values = make([]Value, len(v.items))
		for i, it := range v.items {
			if it.kind != nodeString {
				return nil, errAt(it.start, "each %s must be a string, found %s", m.key, it.kind)
			}
			if it.text == "" {
				return nil, errAt(it.start, "%s cannot contain an empty string", m.key)
			}
			l.Values[i] = Value{S: it.text, Pos: it.start}
		}
	default:
		return nil, errAt(v.start, "%s must be a string or an array of strings, found %s", m.key, v.kind)
	}
	return l, nil
}

func principal(m *member) (*Principal, error) {
	v := m.value
	pr := &Principal{KeyPos: m.keyPos, Start: v.start, End: v.end}
	switch v.kind {
	case nodeString:
		if v.text != "*" {
			return nil, errAt(v.start, "%s must be \"*\" or an object such as {\"AWS\": \"arn:aws:iam::123456789012:root\"}, found %q", m.key, v.text)
		}
		pr.Wildcard = true
	case nodeObject:
		if len(v.members) == 0 {
			return nil, errAt(v.start, "%s cannot be an empty object", m.key)
		}
		for i := range v.members {
			pm := &v.members[i]
			l, err := stringList(pm, true)
			if err != nil {
				return nil, err
			}
			switch pm.key {
			case "AWS":
				pr.AWS = l
			case "Service":
				pr.Service = l
			case "Federated":
				pr.Federated = l
			case "CanonicalUser":
				pr.CanonicalUser = l
			default:
				return nil, errAt(pm.keyPos, "unknown principal type %q (expected AWS, Service, Federated or CanonicalUser)", pm.key)
			}
		}
	default:
		return nil, errAt(v.start, "%s must be \"*\" or an object, found %s", m.key, v.kind)
	}
	return pr, nil
}

func conditions(m *member) ([]*Condition, error) {
	v := m.value
	if v.kind != nodeObject {
		return nil, errAt(v.start, "Condition must be an object, found %s", v.kind)
	}
	var out []*Condition
	for i := range v.members {
		om := &v.members[i]
		base, set, ifExists, ok := ParseOperator(om.key)
		if !ok {
			return nil, errAt(om.keyPos, "unknown condition operator %q", om.key)
		}
		if om.value.kind != nodeObject {
			return nil, errAt(om.value.start, "condition operator %s must map keys to values, found %s", om.key, om.value.kind)
		}
		if len(om.value.members) == 0 {
			return nil, errAt(om.value.start, "condition operator %s has no keys", om.key)
		}
		for j := range om.value.members {
			km := &om.value.members[j]
			c := &Condition{
				Operator: om.key, OperatorPos: om.keyPos,
				Base: base, Set: set, IfExists: ifExists,
				Key: km.key, KeyPos: km.keyPos,
				Start: km.value.start, End: km.value.end,
			}
			if km.key == "" {
				return nil, errAt(km.keyPos, "a condition key cannot be empty")
			}
			switch km.value.kind {
			case nodeString, nodeNumber, nodeBool:
				c.Values = []Value{{S: km.value.text, Pos: km.value.start}}
			case nodeArray:
				c.Array = true
				c.Values = make([]Value, len(km.value.items))
				for k, it := range km.value.items {
					switch it.kind {
					case nodeString, nodeNumber, nodeBool:
						c.Values[k] = Value{S: it.text, Pos: it.start}
					default:
						return nil, errAt(it.start, "condition values must be strings, numbers or booleans, found %s", it.kind)
					}
				}
			default:
				return nil, errAt(km.value.start, "condition value for %s must be a string, number, boolean or an array of them, found %s", km.key, km.value.kind)
			}
			out = append(out, c)
		}
	}
	return out, nil
}

func article(k Kind) string {
	if k == Identity || k == OrgPolicy {
		return "an " + k.String()
	}
	return "a " + k.String()
}
