package policy

import (
	"errors"
	"testing"
	"unicode/utf8"
)

func FuzzParse(f *testing.F) {
	seeds := []string{
		`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}`,
		`{"Version":"2012-10-17","Statement":[{"Sid":"a","Effect":"Deny","NotAction":["iam:*"],"NotResource":"x","Condition":{"ForAnyValue:StringLike":{"k":["v",1,true]}}}]}`,
		`{"Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}}`,
		`{"Statement":[{"Effect":"Allow","Action":"a:b","Resource":"*"},]}`,
		"\uFEFF{}",
		`"\ud83d\ude00"`,
	}
	for _, s := range seeds {
		f.Add(s, uint8(0))
	}
	f.Fuzz(func(t *testing.T, text string, k uint8) {
		d, err := Parse(text, Kind(k%5))
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error is not a SyntaxError: %v", err)
			}
			if se.Pos.Line < 1 || se.Pos.Column < 1 || se.Pos.Offset < 0 || se.Pos.Offset > len(text) {
				t.Fatalf("position out of range: %+v for %d bytes", se.Pos, len(text))
			}
			return
		}
		if d.Text != text {
			t.Fatal("text not kept")
		}
		for _, s := range d.Statements {
			if s.Start.Offset < 0 || s.End.Offset >= len(text) || text[s.Start.Offset] != '{' || text[s.End.Offset] != '}' {
				t.Fatalf("statement %d positions %v..%v do not point at braces", s.Index, s.Start, s.End)
			}
			if !utf8.ValidString(s.Sid) {
				t.Fatal("invalid UTF-8 accepted")
			}
		}
	})
}

func BenchmarkParse(b *testing.B) {
	text := `{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "A", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
     "Condition": {"StringEquals": {"aws:PrincipalTag/team": "web"}, "Bool": {"aws:SecureTransport": "true"}}},
    {"Effect": "Deny", "NotAction": "iam:*", "Resource": "*"}
  ]
}`
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(text, Identity); err != nil {
			b.Fatal(err)
		}
	}
}
