package lint

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"iamtui/model/policy"
)

func reportDocs(t *testing.T) []EntityFindings {
	l := testLinter(t)
	text := "{\n" + v12 + `"Statement": [{"Effect": "Allow", "Action": ["s3:GetObjects", "iam:PassRole"], "Resource": "*"}]}`
	fs := l.Document(text, policy.Identity, Options{})
	return []EntityFindings{{URI: "iam://123456789012/user/alice/inline/ü", Entity: "user alice, inline policy ü", Text: text, Findings: fs}}
}

func TestSARIFHasTheRequiredFieldsAndRoundTrips(t *testing.T) {
	docs := reportDocs(t)
	var buf bytes.Buffer
	if err := WriteSARIF(&buf, "test", docs); err != nil {
		t.Fatal(err)
	}
	// Required by the SARIF 2.1.0 schema: version, runs; run.tool.driver.name;
	// result.message.text; region lines and columns >= 1.
	var raw map[string]any
	if err := json.Unmarshal(buf.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	if raw["version"] != "2.1.0" || raw["$schema"] == nil {
		t.Errorf("header: %v %v", raw["version"], raw["$schema"])
	}
	var log SarifLog
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	again, _ := json.Marshal(log)
	var log2 SarifLog
	if err := json.Unmarshal(again, &log2); err != nil || !reflect.DeepEqual(log, log2) {
		t.Errorf("round trip changed the log: %v", err)
	}
	run := log.Runs[0]
	if run.Tool.Driver.Name == "" || len(run.Tool.Driver.Rules) == 0 {
		t.Fatalf("driver: %+v", run.Tool.Driver)
	}
	if len(run.Results) != len(docs[0].Findings) {
		t.Errorf("%d results for %d findings", len(run.Results), len(docs[0].Findings))
	}
	for _, r := range run.Results {
		reg := r.Locations[0].PhysicalLocation.Region
		if r.Message.Text == "" || r.Level == "" || reg.StartLine < 1 || reg.StartColumn < 1 ||
			reg.EndLine < reg.StartLine || reg.EndLine == reg.StartLine && reg.EndColumn <= reg.StartColumn {
			t.Errorf("result: %+v", r)
		}
		if run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("ruleIndex of %s", r.RuleID)
		}
		if r.RuleID == "PASS_ROLE_WITH_STAR_IN_RESOURCE" && r.Level != "error" {
			t.Errorf("security warnings are SARIF errors, got %s", r.Level)
		}
	}
}

func TestJSONReportUsesAWSPositions(t *testing.T) {
	docs := reportDocs(t)
	var buf bytes.Buffer
	if err := WriteJSON(&buf, "v", docs); err != nil {
		t.Fatal(err)
	}
	var rep jsonReport
	if err := json.Unmarshal(buf.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	text := docs[0].Text
	for _, f := range rep.Documents[0].Findings {
		if f.IssueCode != "INVALID_ACTION" {
			continue
		}
		s := f.Locations[0].Span
		line3 := text[strings.LastIndexByte(text[:strings.Index(text, `"s3:GetObjects"`)], '\n')+1:]
		col := strings.Index(line3, `"s3:GetObjects"`)
		if s.Start.Line != 3 || s.Start.Column != col || s.End.Offset-s.Start.Offset != len(`"s3:GetObjects"`) {
			t.Errorf("span %+v", s)
		}
		if len(f.Locations[0].Path) != 2 || f.Locations[0].Path[0].Value != "Statement" || *f.Locations[0].Path[1].Index != 0 {
			t.Errorf("path %+v", f.Locations[0].Path)
		}
		return
	}
	t.Error("no INVALID_ACTION in the JSON report")
}
