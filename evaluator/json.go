package evaluator

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"

	"iamtui/model/policy"
)

// AppendJSON appends one element of AWS's EvaluationResults array, as
// `aws iam simulate-principal-policy` prints it (EvalActionName,
// EvalResourceName, EvalDecision, MatchedStatements with SourcePolicyId,
// SourcePolicyType, StartPosition and EndPosition, MissingContextValues,
// OrganizationsDecisionDetail, PermissionsBoundaryDecisionDetail,
// EvalDecisionDetails), plus ours: PolicyName, Sid, StatementIndex and
// Effect on each matched statement, EvalStep, EvalPrincipal, for a
// principal outside the database ExternalPrincipal (its PrincipalKind) and
// IdentitySideUnknown, and Warnings and Explanation when exp is not nil. It allocates nothing when exp is nil,
// so the batch command can write a result per line at full speed.
//
// EvalDecisionDetails follows AWS: for a cross-account request it holds
// each side's decision ("IAM Policy", "Resource Policy"); for a same-account
// request on a resource it is empty; for the resource "*" it is left out.
func AppendJSON(dst []byte, req *Request, res *Result, exp *Explanation) []byte {
	dst = append(dst, `{"EvalActionName":`...)
	dst = appendString(dst, req.Action)
	dst = append(dst, `,"EvalResourceName":`...)
	dst = appendString(dst, req.Resource)
	dst = append(dst, `,"EvalDecision":"`...)
	dst = append(dst, res.Decision.String()...)
	dst = append(dst, `","MatchedStatements":[`...)
	for i := range res.Matched {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendMatchedJSON(dst, &res.Matched[i])
	}
	dst = append(dst, `],"MissingContextValues":[`...)
	for i, k := range res.MissingContextValues {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendString(dst, k)
	}
	dst = append(dst, ']')
	if res.Org.Applies {
		dst = append(dst, `,"OrganizationsDecisionDetail":{"AllowedByOrganizations":`...)
		dst = strconv.AppendBool(dst, res.Org.Allowed)
		dst = append(dst, '}')
	}
	if res.Boundary.Applies {
		dst = append(dst, `,"PermissionsBoundaryDecisionDetail":{"AllowedByPermissionsBoundary":`...)
		dst = strconv.AppendBool(dst, res.Boundary.Allowed)
		dst = append(dst, '}')
	}
	if req.Resource != "*" {
		dst = append(dst, `,"EvalDecisionDetails":{`...)
		if res.CrossAccount {
			if !res.IdentitySideUnknown { // not evaluated: no decision to report
				dst = append(dst, `"IAM Policy":"`...)
				dst = append(dst, res.IdentityDecision.String()...)
				dst = append(dst, `",`...)
			}
			dst = append(dst, `"Resource Policy":"`...)
			dst = append(dst, res.ResourceDecision.String()...)
			dst = append(dst, '"')
		}
		dst = append(dst, '}')
	}
	dst = append(dst, `,"EvalStep":`...)
	dst = appendString(dst, res.Step.String())
	dst = append(dst, `,"EvalPrincipal":`...)
	dst = appendString(dst, req.Principal)
	if res.External {
		dst = append(dst, `,"ExternalPrincipal":"`...)
		dst = append(dst, res.PrincipalKind.String()...)
		dst = append(dst, '"')
		if res.IdentitySideUnknown {
			dst = append(dst, `,"IdentitySideUnknown":true`...)
		}
	}
	if exp != nil {
		dst = append(dst, `,"Warnings":[`...)
		for i, w := range exp.Warnings {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendString(dst, w)
		}
		dst = append(dst, `],"Explanation":`...)
		b, err := json.Marshal(explanationJSON(exp))
		if err != nil {
			b = []byte("null")
		}
		dst = append(dst, b...)
	}
	return append(dst, '}')
}

// AppendErrorJSON appends the result object for a request that could not be
// evaluated (a bad batch line), in the same shape with EvalDecision "error".
func AppendErrorJSON(dst []byte, req *Request, msg string) []byte {
	dst = append(dst, `{"EvalActionName":`...)
	dst = appendString(dst, req.Action)
	dst = append(dst, `,"EvalResourceName":`...)
	dst = appendString(dst, req.Resource)
	dst = append(dst, `,"EvalDecision":"error","MatchedStatements":[],"MissingContextValues":[],"Error":`...)
	dst = appendString(dst, msg)
	return append(dst, '}')
}

func appendMatchedJSON(dst []byte, m *MatchedStatement) []byte {
	dst = append(dst, `{"SourcePolicyId":`...)
	dst = appendString(dst, m.PolicyID)
	dst = append(dst, `,"SourcePolicyType":"`...)
	dst = append(dst, m.PolicyType.SourcePolicyType()...)
	dst = append(dst, `","StartPosition":`...)
	dst = appendPos(dst, m.Start)
	dst = append(dst, `,"EndPosition":`...)
	dst = appendPos(dst, m.End)
	dst = append(dst, `,"PolicyName":`...)
	dst = appendString(dst, m.PolicyName)
	dst = append(dst, `,"Sid":`...)
	dst = appendString(dst, m.Sid)
	dst = append(dst, `,"StatementIndex":`...)
	dst = strconv.AppendInt(dst, int64(m.Index), 10)
	dst = append(dst, `,"Effect":"`...)
	dst = append(dst, m.Effect.String()...)
	return append(dst, `"}`...)
}

func appendPos(dst []byte, p policy.Pos) []byte {
	dst = append(dst, `{"Line":`...)
	dst = strconv.AppendInt(dst, int64(p.Line), 10)
	dst = append(dst, `,"Column":`...)
	dst = strconv.AppendInt(dst, int64(p.Column), 10)
	return append(dst, '}')
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string. Invalid UTF-8 becomes U+FFFD;
// <, > and & are left alone (this is not HTML); U+2028 and U+2029 are
// escaped for JavaScript consumers.
func appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		// Eight plain bytes at a time: ARNs and names seldom need escapes.
		for i+8 <= len(s) && !special8(load8(s, i)) {
			i += 8
		}
		if i == len(s) {
			break
		}
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// load8 reads s[i:i+8] as a little-endian word (the compiler makes it one
// load).
func load8(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// special8 reports whether one of w's bytes needs appendString's
// attention: a control character, '"', '\\' or a byte above ASCII.
func special8(w uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	quote, backslash := w^(ones*'"'), w^(ones*'\\')
	return (w|(w-ones*0x20)|(quote-ones)&^quote|(backslash-ones)&^backslash)&highs != 0
}

// The Explanation's JSON form (slow path: encoding/json is fine here).
type (
	explJSON struct {
		Summary    string
		Statements []traceJSON
		Nearest    []traceJSON `json:",omitempty"`
		Overridden []traceJSON `json:",omitempty"`
	}
	traceJSON struct {
		SourcePolicyId   string //nolint:revive // AWS's spelling
		SourcePolicyType string
		PolicyName       string
		Sid              string
		StatementIndex   int
		Effect           string
		StartPosition    posJSON
		EndPosition      posJSON
		Applies          bool
		Action           ElementTrace
		Resource         ElementTrace
		Principal        *ElementTrace    `json:",omitempty"`
		Conditions       []ConditionTrace `json:",omitempty"`
		Failed           string           `json:",omitempty"`
	}
	posJSON struct{ Line, Column int }
)

func explanationJSON(exp *Explanation) explJSON {
	conv := func(ts []StatementTrace) []traceJSON {
		out := make([]traceJSON, len(ts))
		for i, t := range ts {
			out[i] = traceJSON{
				SourcePolicyId: t.PolicyID, SourcePolicyType: t.PolicyType.SourcePolicyType(),
				PolicyName: t.PolicyName, Sid: t.Sid, StatementIndex: t.Index, Effect: t.Effect.String(),
				StartPosition: posJSON{t.Start.Line, t.Start.Column}, EndPosition: posJSON{t.End.Line, t.End.Column},
				Applies: t.Applies, Action: t.Action, Resource: t.Resource,
				Conditions: t.Conditions, Failed: t.Failed,
			}
			if t.Principal.Checked {
				p := t.Principal
				out[i].Principal = &p
			}
		}
		return out
	}
	return explJSON{Summary: exp.Summary, Statements: conv(exp.Statements), Nearest: conv(exp.Nearest), Overridden: conv(exp.Overridden)}
}
