package evaluator

import (
	"errors"
	"time"

	"iamtui/model"
)

// Engine is a compiled world. It is immutable and safe for concurrent use.
type Engine struct{}

// scratch holds a Result's reusable working storage.
type scratch struct{}

// Compile prepares a world for evaluation. Policies that fail to compile are
// reported in the error; the world is never modified.
func Compile(w *model.World) (*Engine, error) { return nil, errors.New("not implemented") }

// Evaluate answers req into res, reusing res's slices.
func (e *Engine) Evaluate(req *Request, res *Result) error { return errors.New("not implemented") }

// Explain evaluates req on the slow path and accounts for every statement.
func (e *Engine) Explain(req *Request) (*Explanation, error) {
	return nil, errors.New("not implemented")
}

// WhoCan lists every user and role of the world allowed to perform action
// on resource with the given context, sorted by ARN.
func (e *Engine) WhoCan(action, resource string, ctx []ContextValue) ([]WhoCanEntry, error) {
	return nil, errors.New("not implemented")
}

// Principals lists every user and role, sorted by ARN.
func (e *Engine) Principals() []PrincipalInfo { return nil }

// ResolvePrincipal turns an ARN, or a user or role name (ignoring case;
// "ACCOUNT:NAME" or account given to pick one of several accounts), into
// the principal's ARN. account may be "".
func (e *Engine) ResolvePrincipal(account, s string) (string, error) {
	return "", errors.New("not implemented")
}

// TimeContext returns the time keys (aws:CurrentTime, aws:EpochTime) for t,
// for callers that want "now" in the request (the CLI's --now).
func TimeContext(t time.Time) []ContextValue { return nil }

// AppendJSON appends one element of AWS's EvaluationResults array (as
// `aws iam simulate-principal-policy` prints it) for req and res, plus our
// fields (PolicyName, Sid, StatementIndex, Effect on each matched
// statement, EvalStep, and an Explanation when exp is not nil). The batch
// command writes one per line; WriteJSON wraps them.
func AppendJSON(dst []byte, req *Request, res *Result, exp *Explanation) []byte { return dst }

// AppendErrorJSON appends the result object for a request that could not be
// evaluated (a bad batch line): {"EvalDecision":"error","Error":msg,...}.
func AppendErrorJSON(dst []byte, req *Request, msg string) []byte { return dst }
