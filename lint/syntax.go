package lint

import (
	"encoding/json"
	"errors"
	"strings"

	"iamtui/model/policy"
)

// parseError turns the parser's rejection into a finding with AWS's issue
// code. It returns a grammar-only parse of the document when the rejection
// was about the document's use (a Principal in an identity policy, a missing
// Resource...) so the other checks can still run; more is false when
// nothing further can be checked.
func (r *run) parseError(err error) (doc *policy.Document, more bool) {
	var se *policy.SyntaxError
	if !errors.As(err, &se) {
		r.add("JSON_SYNTAX_ERROR", nil, policy.Pos{Line: 1, Column: 1}, policy.Pos{}, err.Error(), "")
		return nil, false
	}
	code := classify(r.text, se, r.kind)
	if r.kind != policy.AnyKind {
		if d, err := policy.Parse(r.text, policy.AnyKind); err == nil {
			doc = d
		}
	}
	// Allow with NotPrincipal is AWS's security warning, not a rejection:
	// the statement check reports it on the grammar-only parse.
	if code == "ALLOW_WITH_NOTPRINCIPAL" && doc != nil {
		return doc, true
	}
	f := r.add(code, nil, se.Pos, policy.Pos{}, se.Msg, "")
	if f != nil && f.Category < Error {
		// iamtui cannot store or evaluate a document its parser rejects,
		// whatever AWS's category for the same code: keep AWS's code, but
		// make it block.
		f.Category = Error
	}
	return doc, doc != nil
}

// classify maps a parser message to Access Analyzer's issue code. The
// parser's messages are its own; this table is the one place that knows
// them, and the lint tests pin each mapping.
func classify(text string, se *policy.SyntaxError, kind policy.Kind) string {
	m := se.Msg
	has := func(s string) bool { return strings.Contains(m, s) }
	switch {
	case !json.Valid([]byte(strings.TrimPrefix(text, "\uFEFF"))), has("the policy is empty"),
		has("a policy must be a JSON object"), has("duplicate key"), has("nesting deeper"):
		return "JSON_SYNTAX_ERROR"
	case has("unknown policy element"), has("unknown statement element"):
		return "INVALID_POLICY_ELEMENT"
	case has("Version must be a string"):
		return "DATA_TYPE_MISMATCH"
	case has("Version must be"):
		return "INVALID_VERSION"
	case has("has no Statement"), has("Statement is an empty array"):
		return "MISSING_STATEMENT"
	case has("has no Effect"):
		return "MISSING_EFFECT"
	case has("Effect must be") && has(`found "`):
		return "INVALID_EFFECT"
	case has("neither Action nor NotAction"):
		return "MISSING_ACTION"
	case has("neither Resource nor NotResource"):
		return "MISSING_RESOURCE"
	case has("needs a Principal or NotPrincipal"):
		return "MISSING_PRINCIPAL"
	case has("cannot have both"):
		return "UNSUPPORTED_ELEMENT_COMBINATION"
	case has("cannot have a Principal or NotPrincipal"):
		if kind == policy.OrgPolicy {
			return "SCP_SYNTAX_ERROR_PRINCIPAL"
		}
		return "UNSUPPORTED_PRINCIPAL"
	case has(`resource control policy's statements must have`):
		return "UNSUPPORTED_PRINCIPAL"
	case has("trust policy cannot have a Resource"):
		return "ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE"
	case has("NotPrincipal cannot be used with"):
		if kind == policy.Trust {
			return "ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL"
		}
		return "ALLOW_WITH_NOTPRINCIPAL"
	case has("unknown principal type"):
		return "INVALID_PRINCIPAL_KEY"
	case has(`must be "*" or an object such as`):
		return "INVALID_PRINCIPAL_FORMAT"
	case has("unknown condition operator"):
		if strings.HasSuffix(strings.ToLower(m), `nullifexists"`) {
			return "NULL_WITH_IF_EXISTS"
		}
		return "INVALID_CONDITION_OPERATOR"
	case has("has no keys"):
		return "EMPTY_OBJECT_CONDITION"
	case has("cannot be an empty object"):
		return "EMPTY_OBJECT_PRINCIPAL"
	case has("cannot be an empty array"):
		switch {
		case strings.HasPrefix(m, "Action"), strings.HasPrefix(m, "NotAction"):
			return "EMPTY_ARRAY_ACTION"
		case strings.HasPrefix(m, "Resource"), strings.HasPrefix(m, "NotResource"):
			return "EMPTY_ARRAY_RESOURCE"
		}
		return "EMPTY_ARRAY_PRINCIPAL"
	case has("cannot be an empty string"), has("cannot contain an empty string"):
		switch {
		case strings.HasPrefix(m, "Action"), strings.HasPrefix(m, "NotAction"):
			return "INVALID_ACTION"
		case strings.HasPrefix(m, "Resource"), strings.HasPrefix(m, "NotResource"):
			return "INVALID_ARN_PREFIX"
		}
		return "INVALID_PRINCIPAL_FORMAT"
	case has("a condition key cannot be empty"):
		return "INVALID_CONDITION_KEY_FORMAT"
	case has("must be"), has("found"):
		return "DATA_TYPE_MISMATCH"
	}
	return "JSON_SYNTAX_ERROR"
}
