package lint

import (
	"testing"

	"iamtui/model/policy"
)

// FuzzLint: no text makes lint panic, and every finding points inside the
// text with its end after its start.
func FuzzLint(f *testing.F) {
	for _, tc := range lintCases {
		if len(tc.doc) < 4096 {
			f.Add(tc.doc, uint8(tc.kind))
		}
	}
	f.Add(typical, uint8(policy.Identity))
	l := testLinter(f)
	f.Fuzz(func(t *testing.T, text string, kind uint8) {
		k := policy.Kind(kind % 5)
		for _, fd := range l.Document(text, k, Options{}) {
			if fd.Pos.Offset < 0 || fd.Pos.Offset > len(text) || fd.End.Offset < fd.Pos.Offset || fd.End.Offset > len(text) {
				t.Fatalf("%s at %+v..%+v in %d bytes", fd.Code, fd.Pos, fd.End, len(text))
			}
			if fd.Pos.Line < 1 || fd.Pos.Column < 1 {
				t.Fatalf("%s at %+v", fd.Code, fd.Pos)
			}
		}
	})
}
