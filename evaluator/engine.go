package evaluator

import (
	"errors"
)

// Explain evaluates req on the slow path and accounts for every statement.
func (e *Engine) Explain(req *Request) (*Explanation, error) {
	return nil, errors.New("not implemented")
}

// AppendJSON appends one element of AWS's EvaluationResults array (as
// `aws iam simulate-principal-policy` prints it) for req and res, plus our
// fields (PolicyName, Sid, StatementIndex, Effect on each matched
// statement, EvalStep, and an Explanation when exp is not nil). The batch
// command writes one per line; WriteJSON wraps them.
func AppendJSON(dst []byte, req *Request, res *Result, exp *Explanation) []byte { return dst }

// AppendErrorJSON appends the result object for a request that could not be
// evaluated (a bad batch line): {"EvalDecision":"error","Error":msg,...}.
func AppendErrorJSON(dst []byte, req *Request, msg string) []byte { return dst }
