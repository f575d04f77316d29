package editor

import (
	"strings"
	"testing"

	"iamtui/model/policy"
)

const compactDoc = `{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::a/*"},{"Sid":"NoWine","Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::cellar/\u00e9t\u00e9/*"}]}`

func TestDisplayText(t *testing.T) {
	tests := []struct {
		name, text string
		indented   bool
	}{
		{"compact, as the raw API stores it", compactDoc, true},
		{"compact with a trailing newline", compactDoc + "\n", true},
		{"already laid out", "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": []\n}", false},
		{"short one-liner", `{"Version":"2012-10-17","Statement":[]}`, false},
		{"not JSON", strings.Repeat("x", 100), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := DisplayText(tt.text)
			if (got != tt.text) != tt.indented {
				t.Fatalf("indented = %v, want %v:\n%s", got != tt.text, tt.indented, got)
			}
			if !tt.indented {
				return
			}
			if !strings.Contains(got, "\n  \"Statement\": [\n    {\n") {
				t.Errorf("not indented by two spaces:\n%s", got)
			}
			// Only white space changes: escapes and order stay.
			squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
			if squash(got) != squash(tt.text) {
				t.Errorf("the text changed beyond white space:\n%s", got)
			}
			if !strings.Contains(got, `\u00e9t\u00e9`) {
				t.Error("an escape was rewritten")
			}
		})
	}
}

func TestDisplaySpanFindsTheStatementByIndex(t *testing.T) {
	doc, err := policy.Parse(compactDoc, policy.Identity)
	if err != nil {
		t.Fatal(err)
	}
	st := doc.Statements[1]
	start, end := DisplaySpan(compactDoc, policy.Identity, st.Index, st.Start, st.End)
	shown := DisplayText(compactDoc)
	if start.Line == 1 || shown[start.Offset] != '{' || shown[end.Offset] != '}' {
		t.Fatalf("span %v-%v", start, end)
	}
	if !strings.Contains(shown[start.Offset:end.Offset+1], `"NoWine"`) {
		t.Errorf("the span is not the second statement:\n%s", shown[start.Offset:end.Offset+1])
	}
	// A laid-out text keeps its positions.
	laid := DisplayText(compactDoc)
	ld, _ := policy.Parse(laid, policy.Identity)
	if s, e := DisplaySpan(laid, policy.Identity, 1, ld.Statements[1].Start, ld.Statements[1].End); s != ld.Statements[1].Start || e != ld.Statements[1].End {
		t.Error("a laid-out text's span moved")
	}
}
