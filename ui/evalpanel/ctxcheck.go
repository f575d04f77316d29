package evalpanel

import (
	"strings"

	"iamtui/evaluator"
)

// The panel's warnings are the evaluator's (RequestWarnings and its parts),
// so that the panel and the CLI say the same thing in the same words: an
// action AWS does not have, with the nearest one; a resource that is
// neither an ARN nor *; a context key that is no condition key, a value of
// the wrong type, several values for a single-valued key. They never stop
// the evaluation; each is drawn under the field it is about.

// actionWarning is the warning on the action field, "" when there is none.
func (m Model) actionWarning(action string) string {
	return evaluator.ActionWarning(m.cat, action)
}

// resourceWarning is the warning on the resource field (nothing for an
// empty field, which asks about *).
func (m Model) resourceWarning(resource string) string {
	if strings.TrimSpace(resource) == "" {
		return ""
	}
	return evaluator.ResourceWarning(resource)
}

// ctxWarning is one context row's warning.
type ctxWarning struct {
	row  int
	text string
}

// contextWarnings checks every context row, each once: the key of a row
// whose value is not typed yet is checked too (it will not be sent until
// it is), and a warning two rows share is shown once, under the first.
func (m Model) contextWarnings() []ctxWarning {
	if m.cat == nil {
		return nil
	}
	var out []ctxWarning
	seen := map[string]bool{}
	for i, r := range m.ctx {
		k := strings.TrimSpace(r.key.Value())
		if k == "" {
			continue
		}
		req := evaluator.Request{Context: []evaluator.ContextValue{{Key: k, Values: m.rowValues(k, r.value.Value())}}}
		for _, w := range evaluator.RequestWarnings(m.cat, &req) {
			if !seen[w] {
				seen[w] = true
				out = append(out, ctxWarning{row: i, text: w})
			}
		}
	}
	return out
}
