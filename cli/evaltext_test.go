package cli

import (
	"strings"
	"testing"

	"iamtui/model/policy"
)

func TestStatementLinesKeepTheStatementsShape(t *testing.T) {
	text := "{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": [\n        {\n            \"Effect\": \"Deny\",\n            \"Action\": \"s3:*\",\n            \"Resource\": \"*\"\n        }\n    ]\n}"
	doc, err := policy.Parse(text, policy.Identity)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(statementLines(doc.Statements[0], doc), "\n")
	want := "{\n    \"Effect\": \"Deny\",\n    \"Action\": \"s3:*\",\n    \"Resource\": \"*\"\n}"
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
}
