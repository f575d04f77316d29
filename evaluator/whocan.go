package evaluator

// WhoCan lists every user and role of the world allowed to perform action
// on resource with the given context, in ARN order, each with the
// statements that allowed it. Roles are evaluated as sessions of the role.
// WhoCanReport adds the principals outside the database and what missing
// context keys held back.
func (e *Engine) WhoCan(action, resource string, ctx []ContextValue) ([]WhoCanEntry, error) {
	out, _, _, err := e.whoCan(action, resource, ctx, false)
	return out, err
}
