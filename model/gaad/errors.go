package gaad

import (
	"errors"
	"strconv"
	"strings"

	"iamtui/model/policy"
)

// ErrEmpty is the cause of the error for a file holding nothing but white
// space (errors.Is-able).
var ErrEmpty = errors.New("the file is empty: expected the output of 'aws iam get-account-authorization-details'")

// Error is a problem with a GAAD file. It names the file, the entity when
// there is one, and where the problem is: the line and column in the file
// and, for a policy document, the line and column inside the document (the
// place the editor shows), which differ when the document is embedded in
// the file.
type Error struct {
	Source string
	// Entity is the entity the problem belongs to, as model errors name it
	// (`user "alice"`, `policy "Deploy"`); "" for the file as a whole.
	Entity string
	// EntityLine is where the entity's object starts in the file (0: unknown).
	EntityLine int
	// Part is the part of the entity (`trust policy`, `inline policy "x"`,
	// `version v2`) or, for a malformed file, the JSON path
	// (`UserDetailList[3].CreateDate`).
	Part string
	// Line and Column locate the problem in the file (1-based; 0: unknown).
	// For a policy document given as a string, they locate the string.
	Line, Column int
	// Doc is the position inside the policy document, for document errors.
	Doc *policy.Pos
	// DocForm is "" for a document embedded as a JSON object, else
	// "URL-encoded" or "JSON" for a document given as a string.
	DocForm string
	Err     error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Source)
	if e.Entity != "" {
		b.WriteString(": ")
		b.WriteString(e.Entity)
		if e.EntityLine > 0 {
			b.WriteString(" (line ")
			b.WriteString(strconv.Itoa(e.EntityLine))
			b.WriteString(")")
		}
	}
	if e.Part != "" {
		b.WriteString(": ")
		b.WriteString(e.Part)
	}
	msg := e.Err.Error()
	switch {
	case e.Doc != nil:
		b.WriteString(": ")
		b.WriteString(e.Doc.String())
		if e.Line > 0 {
			b.WriteString(" (")
			if e.DocForm != "" {
				b.WriteString("in the " + e.DocForm + " string at ")
			}
			b.WriteString(e.Source + " line " + strconv.Itoa(e.Line) + ", column " + strconv.Itoa(e.Column) + ")")
		}
		var se *policy.SyntaxError
		if errors.As(e.Err, &se) {
			msg = se.Msg
		}
	case e.Line > 0:
		b.WriteString(": line " + strconv.Itoa(e.Line) + ", column " + strconv.Itoa(e.Column))
	}
	b.WriteString(": ")
	b.WriteString(msg)
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }
