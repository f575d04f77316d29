package lint

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"iamtui/model"
	"iamtui/model/policy"
)

// gaadDoc is one policy document of a get-account-authorization-details
// export, re-serialised as text the way iamtui stores it.
type gaadDoc struct {
	name string
	kind policy.Kind
	text string
}

// gaadDocs reads the documents of a GAAD export directly, without
// model/gaad, so lint's tests do not depend on the importer.
func gaadDocs(t testing.TB, data []byte) []gaadDoc {
	t.Helper()
	var g struct {
		UserDetailList []struct {
			UserName       string
			UserPolicyList []struct {
				PolicyName     string
				PolicyDocument json.RawMessage
			}
		}
		GroupDetailList []struct {
			GroupName       string
			GroupPolicyList []struct {
				PolicyName     string
				PolicyDocument json.RawMessage
			}
		}
		RoleDetailList []struct {
			RoleName                 string
			AssumeRolePolicyDocument json.RawMessage
			RolePolicyList           []struct {
				PolicyName     string
				PolicyDocument json.RawMessage
			}
		}
		Policies []struct {
			PolicyName        string
			PolicyVersionList []struct {
				VersionId string
				Document  json.RawMessage
			}
		}
	}
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatalf("decode GAAD: %v", err)
	}
	var out []gaadDoc
	add := func(name string, kind policy.Kind, raw json.RawMessage) {
		if len(raw) == 0 {
			return
		}
		var s string
		if json.Unmarshal(raw, &s) == nil { // a document given as a JSON string
			out = append(out, gaadDoc{name, kind, s})
			return
		}
		var v any
		if err := json.Unmarshal(raw, &v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		b, _ := json.MarshalIndent(v, "", "    ")
		out = append(out, gaadDoc{name, kind, string(b)})
	}
	for _, u := range g.UserDetailList {
		for _, p := range u.UserPolicyList {
			add("user "+u.UserName+" "+p.PolicyName, policy.Identity, p.PolicyDocument)
		}
	}
	for _, gr := range g.GroupDetailList {
		for _, p := range gr.GroupPolicyList {
			add("group "+gr.GroupName+" "+p.PolicyName, policy.Identity, p.PolicyDocument)
		}
	}
	for _, r := range g.RoleDetailList {
		add("role "+r.RoleName+" trust", policy.Trust, r.AssumeRolePolicyDocument)
		for _, p := range r.RolePolicyList {
			add("role "+r.RoleName+" "+p.PolicyName, policy.Identity, p.PolicyDocument)
		}
	}
	for _, p := range g.Policies {
		for _, v := range p.PolicyVersionList {
			add("policy "+p.PolicyName+" "+v.VersionId, policy.Identity, v.Document)
		}
	}
	return out
}

func TestLintFindsTheSampleAccountsTypo(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "shared", "samples", "sample-gaad.json"))
	if err != nil {
		t.Skipf("no sample: %v", err)
	}
	l := testLinter(t)
	found := false
	for _, d := range gaadDocs(t, data) {
		fs := l.Document(d.text, d.kind, Options{})
		for _, f := range fs {
			t.Logf("%s %d:%d %s %s", d.name, f.Pos.Line, f.Pos.Column, f.Code, f.Message)
			if f.Code == "INVALID_ACTION" && strings.Contains(f.Message, "s3:GetObjects") {
				found = true
				if f.Suggestion != "s3:GetObject" {
					t.Errorf("%s: suggestion %q, want s3:GetObject", d.name, f.Suggestion)
				}
				if got := d.text[f.Pos.Offset:f.End.Offset]; got != `"s3:GetObjects"` {
					t.Errorf("%s: the finding spans %q", d.name, got)
				}
			}
		}
	}
	if !found {
		t.Error("the typo s3:GetObjects was not found")
	}
}

func mustParse(t testing.TB, text string, kind policy.Kind) *policy.Document {
	t.Helper()
	d, err := policy.Parse(text, kind)
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, text)
	}
	return d
}

func TestLintAccountChecksEveryDocument(t *testing.T) {
	l := testLinter(t)
	var res []string
	for i := 0; i < 100; i++ {
		res = append(res, fmt.Sprintf(`"arn:aws:s3:::bucket-%d/*"`, i))
	}
	big := identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": [` + strings.Join(res, ", ") + `]}`)
	a := &model.Account{
		ID: "123456789012",
		Users: []*model.User{{Name: "alice", InlinePolicies: []model.InlinePolicy{
			{Name: "big", Document: mustParse(t, big, policy.Identity)},
		}}},
		Roles: []*model.Role{{Name: "ci", TrustPolicy: mustParse(t, identity(`{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:role/ghost"}, "Action": "sts:AssumeRole"}`), policy.Trust)}},
		Policies: []*model.ManagedPolicy{{Name: "Dev", ARN: "arn:aws:iam::123456789012:policy/Dev", Path: "/", Versions: []*model.PolicyVersion{
			{ID: "v1", Document: mustParse(t, identity(`{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}`), policy.Identity)},
			{ID: "v2", IsDefault: true, Document: mustParse(t, identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}`), policy.Identity)},
		}}},
	}
	rps := []*model.ResourcePolicy{{ResourceARN: "arn:aws:s3:::b", Document: mustParse(t, identity(`{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:user/bob"}, "Action": "sqs:SendMessage", "Resource": "arn:aws:s3:::b"}`), policy.Resource)}}
	got := map[string][]string{}
	nonDefault := map[string]bool{}
	for _, e := range l.Account(a, rps) {
		for _, f := range e.Findings {
			got[e.URI] = append(got[e.URI], f.Code)
		}
		nonDefault[e.URI] = e.NonDefault
	}
	want := map[string]string{
		"iam://123456789012/user/alice":                       "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA",
		"iam://123456789012/role/ci/trust":                    "INVALID_ROLE_REFERENCE",
		"iam://123456789012/policy/Dev/v1":                    "PASS_ROLE_WITH_STAR_IN_RESOURCE",
		"iam://123456789012/resource/arn:aws:s3:::b":          "UNSUPPORTED_ACTION_IN_POLICY",
		"iam://123456789012/resource/arn:aws:s3:::b#user-ref": "INVALID_USER_REFERENCE",
	}
	for uri, code := range want {
		uri, _, _ = strings.Cut(uri, "#")
		if !strings.Contains(fmt.Sprint(got[uri]), code) {
			t.Errorf("%s: findings %v, want %s", uri, got[uri], code)
		}
	}
	if len(got["iam://123456789012/user/alice/inline/big"]) != 0 {
		t.Errorf("an inline policy is held to the managed quota: %v", got["iam://123456789012/user/alice/inline/big"])
	}
	if !nonDefault["iam://123456789012/policy/Dev/v1"] || nonDefault["iam://123456789012/policy/Dev/v2"] {
		t.Errorf("non-default marks: %v", nonDefault)
	}
}

// generated returns the documents of a synthetic account made by the shared
// generator, or skips.
func generated(b *testing.B, size string) []gaadDoc {
	script := filepath.Join("..", "..", "shared", "tools", "gen-account.py")
	if _, err := os.Stat(script); err != nil {
		b.Skipf("no generator: %v", err)
	}
	out, err := exec.Command("python3", script, "--size", size, "--seed", "1").Output()
	if err != nil {
		b.Skipf("generator: %v", err)
	}
	return gaadDocs(b, out)
}

func BenchmarkLintLargeAccount(b *testing.B) {
	docs := generated(b, "large")
	l := testLinter(b)
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			n += len(l.Document(d.text, d.kind, Options{}))
		}
	}
	b.ReportMetric(float64(len(docs)), "docs")
	b.ReportMetric(float64(n)/float64(b.N), "findings")
}

const typical = `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "ReadAppBuckets",
            "Effect": "Allow",
            "Action": ["s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket", "s3:GetObjects"],
            "Resource": ["arn:aws:s3:::app-data", "arn:aws:s3:::app-data/${aws:username}/*"],
            "Condition": {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24"]}, "Bool": {"aws:SecureTransport": "true"}}
        },
        {
            "Sid": "PassAppRole",
            "Effect": "Allow",
            "Action": ["iam:PassRole", "ec2:RunInstances", "ec2:Describe*"],
            "Resource": "*",
            "Condition": {"StringEquals": {"aws:RequestedRegion": ["eu-west-1", "eu-central-1"]}}
        },
        {
            "Sid": "DenyOutsideOrg",
            "Effect": "Deny",
            "NotAction": ["iam:*", "sts:*"],
            "Resource": "*",
            "Condition": {"StringNotEquals": {"aws:PrincipalOrgID": "o-abc123"}, "ForAnyValue:StringEquals": {"aws:TagKeys": ["owner"]}}
        }
    ]
}`

func BenchmarkLintDocument(b *testing.B) {
	l := testLinter(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(typical)))
	for i := 0; i < b.N; i++ {
		l.Document(typical, policy.Identity, Options{})
	}
}
