package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"iamtui/lint"
)

const lintTypo = `{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Action": ["s3:ListBucket", "s3:GetObjects"], "Resource": "*"}]
}`

const lintClean = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}`

// Only a suggestion: exit status 0.
const lintSuggestion = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:Get*"], "Resource": "arn:aws:s3:::b/*"}]}`

func TestLintPolicyFileText(t *testing.T) {
	env := testEnv(t)
	p := writeFile(t, "typo.json", lintTypo)
	out, errOut, code := run(t, env, "", "lint", "--policy", p)
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr %q", code, errOut)
	}
	want := p + ":3:65: ERROR INVALID_ACTION: the action s3:GetObjects does not exist (did you mean s3:GetObject?)"
	if !strings.Contains(out, want) {
		t.Errorf("output lacks %q:\n%s", want, out)
	}
	out, _, code = run(t, env, "", "lint", "--policy", writeFile(t, "clean.json", lintClean))
	if code != 0 || !strings.Contains(out, "no findings") {
		t.Errorf("clean policy: exit %d\n%s", code, out)
	}
	out, _, code = run(t, env, "", "lint", "--policy", writeFile(t, "s.json", lintSuggestion))
	if code != 0 || !strings.Contains(out, "SUGGESTION REDUNDANT_ACTION") {
		t.Errorf("suggestion only: exit %d\n%s", code, out)
	}
	out, _, code = run(t, env, "", "lint", "--min-severity", "error", "--policy", writeFile(t, "s.json", lintSuggestion))
	if code != 0 || strings.Contains(out, "REDUNDANT_ACTION") {
		t.Errorf("--min-severity error shows suggestions: exit %d\n%s", code, out)
	}
	out, _, code = run(t, env, lintTypo, "lint", "--policy", "-")
	if code != 1 || !strings.Contains(out, "<stdin>:3:65: ERROR INVALID_ACTION") {
		t.Errorf("stdin: exit %d\n%s", code, out)
	}
}

func TestLintPolicyFileJSON(t *testing.T) {
	env := testEnv(t)
	out, _, code := run(t, env, "", "lint", "--format", "json", "--policy", writeFile(t, "typo.json", lintTypo))
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	var rep struct {
		Documents []struct {
			URI      string
			Findings []struct {
				FindingType, IssueCode, LearnMoreLink, Suggestion string
				Locations                                         []struct {
					Span struct {
						Start, End struct{ Line, Column, Offset int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(rep.Documents) != 1 || len(rep.Documents[0].Findings) != 1 {
		t.Fatalf("report: %+v", rep)
	}
	f := rep.Documents[0].Findings[0]
	span := f.Locations[0].Span
	// AWS's conventions: 0-based column, character offset, exclusive end.
	at := strings.Index(lintTypo, `"s3:GetObjects"`)
	if f.FindingType != "ERROR" || f.IssueCode != "INVALID_ACTION" || f.Suggestion != "s3:GetObject" ||
		span.Start.Line != 3 || span.Start.Column != 64 || span.Start.Offset != at || span.End.Offset != at+15 ||
		!strings.HasSuffix(f.LearnMoreLink, "#access-analyzer-reference-policy-checks-error-invalid-action") {
		t.Errorf("finding: %+v", f)
	}
}

func TestLintPolicyFileSARIF(t *testing.T) {
	env := testEnv(t)
	p := writeFile(t, "trust.json", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::*:root"}, "Action": "sts:AssumeRole"}]}`)
	out, _, code := run(t, env, "", "lint", "--format", "sarif", "--kind", "trust", "--policy", p)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s", code, out)
	}
	var log lint.SarifLog
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 || len(log.Runs[0].Results) == 0 {
		t.Fatalf("log: %+v", log)
	}
	r := log.Runs[0].Results[0]
	loc := r.Locations[0].PhysicalLocation
	if r.RuleID != "ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL" || r.Level != "error" ||
		loc.ArtifactLocation.URI != p || loc.Region.StartLine != 1 || loc.Region.StartColumn != 82 ||
		loc.Region.EndColumn != 82+len(`"arn:aws:iam::*:root"`) {
		t.Errorf("result: %+v", r)
	}
	if log.Runs[0].Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
		t.Errorf("ruleIndex %d does not name %s", r.RuleIndex, r.RuleID)
	}
}

func TestLintUsageErrorsExitTwo(t *testing.T) {
	env := testEnv(t)
	p := writeFile(t, "clean.json", lintClean)
	for _, args := range [][]string{
		{"lint", "--format", "xml", "--policy", p},
		{"lint", "--kind", "bucket", "--policy", p},
		{"lint", "--min-severity", "loud", "--policy", p},
		{"lint", "extra"},
		{"lint", "--kind", "trust"},
	} {
		if _, _, code := run(t, env, "", args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if _, _, code := run(t, env, "", "lint", "--policy", filepath.Join(t.TempDir(), "missing.json")); code != 1 {
		t.Errorf("missing file: exit %d, want 1", code)
	}
}

func TestLintAccountFindsTheSampleTypo(t *testing.T) {
	shared := sharedDir(t)
	env := testEnv(t)
	db := filepath.Join(t.TempDir(), "iam.db")
	if _, errOut, code := run(t, env, "", "import", "--db", db, filepath.Join(shared, "samples", "sample-gaad.json")); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	out, errOut, code := run(t, env, "", "lint", "--db", db)
	if code != 1 {
		t.Fatalf("exit %d, want 1 (the sample has PassRole on *); stderr %q", code, errOut)
	}
	if !strings.Contains(out, "INVALID_ACTION: the action s3:GetObjects does not exist (did you mean s3:GetObject?)") {
		t.Errorf("no typo finding:\n%s", out)
	}
	out, _, _ = run(t, env, "", "lint", "--db", db, "--format", "sarif")
	var log lint.SarifLog
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	for _, r := range log.Runs[0].Results {
		if uri := r.Locations[0].PhysicalLocation.ArtifactLocation.URI; !strings.HasPrefix(uri, "iam://") {
			t.Errorf("account result URI %q", uri)
		}
	}
}

// The {"Policy": "<text>"} wrapper of 'aws s3api get-bucket-policy' is read
// as the policy it holds, with positions in that text.
func TestLintPolicyFileInTheGetBucketPolicyWrapper(t *testing.T) {
	inner, err := json.Marshal(map[string]string{"Policy": `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObjects","Resource":"arn:aws:s3:::b/*"}]}`})
	if err != nil {
		t.Fatal(err)
	}
	p := writeFile(t, "wrapped.json", string(inner))
	for _, args := range [][]string{{"--kind", "resource"}, nil} { // the wrapper means a resource policy
		out, errOut, code := run(t, testEnv(t), "", append([]string{"lint", "--policy", p}, args...)...)
		if code != 1 || !strings.Contains(out, "(its Policy text):1:") || !strings.Contains(out, "INVALID_ACTION") || strings.Contains(out, "UNSUPPORTED_PRINCIPAL") {
			t.Fatalf("%v: exit %d, stderr %q, output:\n%s", args, code, errOut, out)
		}
	}
}
