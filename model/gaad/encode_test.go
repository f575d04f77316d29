package gaad

import (
	"bytes"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"iamtui/model"
	"iamtui/model/policy"
)

// The AWS CLI's own file comes back byte for byte: same key order,
// indentation, empty lists, counts and document texts.
func TestEncodeReproducesTheAWSCLIFile(t *testing.T) {
	data, err := os.ReadFile(sharedFile(t, "samples", "sample-gaad.json"))
	if err != nil {
		t.Fatal(err)
	}
	a, _, err := Decode(data, DecodeOptions{Source: "sample-gaad.json"})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := Encode(&out, a); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), data) {
		t.Errorf("export differs from the AWS CLI's file:\n%s", firstDiff(out.String(), string(data)))
	}
}

func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return "line " + itoa(i+1) + ":\n got: " + la[i] + "\nwant: " + lb[i]
		}
	}
	return "lengths differ"
}

// roundTrip checks import → export → import → export: the two exports are
// byte-identical and the accounts deeply equal.
func roundTrip(t *testing.T, a *model.Account) []byte {
	t.Helper()
	var first, second bytes.Buffer
	if err := Encode(&first, a); err != nil {
		t.Fatal(err)
	}
	b, _, err := Decode(first.Bytes(), DecodeOptions{Source: "export.json"})
	if err != nil {
		t.Fatalf("re-import: %v\n%s", err, first.String())
	}
	if !reflect.DeepEqual(a, b) {
		t.Errorf("the account changed through export and import:\n%s", diffAccounts(a, b))
	}
	if err := Encode(&second, b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Errorf("export → import → export is not byte-identical:\n%s", firstDiff(second.String(), first.String()))
	}
	return first.Bytes()
}

// diffAccounts names the first entity that differs.
func diffAccounts(a, b *model.Account) string {
	switch {
	case !reflect.DeepEqual(a.Users, b.Users):
		for i := range min(len(a.Users), len(b.Users)) {
			if !reflect.DeepEqual(a.Users[i], b.Users[i]) {
				return "user " + a.Users[i].Name
			}
		}
		return "users"
	case !reflect.DeepEqual(a.Groups, b.Groups):
		return "groups"
	case !reflect.DeepEqual(a.Roles, b.Roles):
		for i := range min(len(a.Roles), len(b.Roles)) {
			if !reflect.DeepEqual(a.Roles[i], b.Roles[i]) {
				return "role " + a.Roles[i].Name
			}
		}
		return "roles"
	case !reflect.DeepEqual(a.Policies, b.Policies):
		for i := range min(len(a.Policies), len(b.Policies)) {
			if !reflect.DeepEqual(a.Policies[i], b.Policies[i]) {
				return "policy " + a.Policies[i].Name
			}
		}
		return "policies"
	}
	return "account fields"
}

func TestRoundTripSamples(t *testing.T) {
	for _, name := range []string{"sample-gaad.json", "sample-gaad-urlencoded.json"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(sharedFile(t, "samples", name))
			if err != nil {
				t.Fatal(err)
			}
			a, _, err := Decode(data, DecodeOptions{Source: name})
			if err != nil {
				t.Fatal(err)
			}
			roundTrip(t, a)
		})
	}
}

func mustParse(t *testing.T, text string, kind policy.Kind) *policy.Document {
	t.Helper()
	d, err := policy.Parse(text, kind)
	if err != nil {
		t.Fatalf("%q: %v", text, err)
	}
	return d
}

// everything builds an account that uses every field the model has,
// including those GAAD has no key for, and document texts of every shape.
func everything(t *testing.T) *model.Account {
	const acct = "111122223333"
	day := func(d int) time.Time { return time.Date(2024, 3, d, 10, 11, 12, 0, time.UTC) }
	texts := []string{
		policyText,        // as the AWS CLI prints it
		policyText + "\n", // a trailing newline: kept by writing a string
		strings.ReplaceAll(policyText, "\n", "\r\n"), // carriage returns
		"{\n  \"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}\n  }", // an indented closing brace
		`{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::a+b/é\"q\"\\"}}`,         // compact, escapes, non-ASCII
		"\uFEFF{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}",                                      // a byte-order mark
		" {\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}",                                           // leading space
	}
	var inline []model.InlinePolicy
	for i, text := range texts {
		inline = append(inline, model.InlinePolicy{Name: "p" + itoa(i), Document: mustParse(t, text, policy.Identity)})
	}
	trust := mustParse(t, trustText, policy.Trust)
	profile := func(name string, roles []string) *model.InstanceProfile {
		return &model.InstanceProfile{Name: name, Path: "/", ID: "AIPAQAAAAAAAAAAAAAA" + strings.ToUpper(name[:2]),
			ARN: model.InstanceProfileARN(acct, "/", name), CreateDate: day(4), Roles: roles,
			Tags: []model.Tag{{Key: "k", Value: "v"}}}
	}
	policyARN := model.PolicyARN(acct, "/team/", "Kitchen")
	return &model.Account{
		ID:    acct,
		Alias: "the-restaurant",
		Users: []*model.User{{
			Name: "alice", Path: "/staff/", ID: "AIDAQAAAAAAAAAAAAAAA1", ARN: model.UserARN(acct, "/staff/", "alice"),
			CreateDate: day(1), PasswordLastUsed: day(2).Add(123 * time.Millisecond),
			Groups: []string{"cooks", "waiters"}, InlinePolicies: inline[:4],
			AttachedPolicies: []string{policyARN}, PermissionsBoundary: "arn:aws:iam::aws:policy/ReadOnlyAccess",
			Tags: []model.Tag{{Key: "team", Value: "kitchen"}, {Key: "motto", Value: "mise en place = ordre @ 8:00 ünïcode"}},
		}, {
			Name: "bob", Path: "/", ID: "AIDAQAAAAAAAAAAAAAAA2", ARN: model.UserARN(acct, "/", "bob"),
		}},
		Groups: []*model.Group{
			{Name: "cooks", Path: "/", ID: "AGPAQAAAAAAAAAAAAAAA1", ARN: model.GroupARN(acct, "/", "cooks"), CreateDate: day(1),
				InlinePolicies: inline[4:], AttachedPolicies: []string{"arn:aws:iam::aws:policy/ReadOnlyAccess", policyARN}},
			{Name: "waiters", Path: "/", ID: "AGPAQAAAAAAAAAAAAAAA2", ARN: model.GroupARN(acct, "/", "waiters")},
		},
		Roles: []*model.Role{{
			Name: "Deploy", Path: "/service/", ID: "AROAQAAAAAAAAAAAAAAA1", ARN: model.RoleARN(acct, "/service/", "Deploy"),
			Description: "deploys the menu\nnightly", CreateDate: day(3), MaxSessionDuration: 7200, TrustPolicy: trust,
			InlinePolicies: inline[:1], AttachedPolicies: []string{policyARN}, PermissionsBoundary: policyARN,
			Tags:             []model.Tag{{Key: "app", Value: "menu"}},
			InstanceProfiles: []*model.InstanceProfile{profile("deploy-profile", []string{"Deploy"})},
			LastUsed:         day(5), LastUsedRegion: "eu-west-1",
		}, {
			Name: "Bare", Path: "/", ID: "AROAQAAAAAAAAAAAAAAA2", ARN: model.RoleARN(acct, "/", "Bare"),
			TrustPolicy: mustParse(t, `{"Statement":{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}}`, policy.Trust),
		}},
		Policies: []*model.ManagedPolicy{{
			Name: "Kitchen", Path: "/team/", ID: "ANPAQAAAAAAAAAAAAAAA1", ARN: policyARN, Description: "cooking",
			CreateDate: day(1), UpdateDate: day(6), DefaultVersionID: "v3", IsAttachable: true,
			Versions: []*model.PolicyVersion{
				{ID: "v3", IsDefault: true, CreateDate: day(6), Document: mustParse(t, texts[0], policy.Identity)},
				{ID: "v2", CreateDate: day(5), Document: mustParse(t, texts[1], policy.Identity)},
				{ID: "v1", CreateDate: day(1), Document: mustParse(t, texts[4], policy.Identity)},
			},
			Tags: []model.Tag{{Key: "owner", Value: "chef"}},
		}, {
			Name: "ReadOnlyAccess", Path: "/", ID: "ANPAILL3HVNFSB6DCOWYQ", ARN: "arn:aws:iam::aws:policy/ReadOnlyAccess",
			DefaultVersionID: "v1", IsAttachable: false,
			Versions: []*model.PolicyVersion{{ID: "v1", IsDefault: true, Document: mustParse(t, texts[0], policy.Identity)}},
		}},
		InstanceProfiles: []*model.InstanceProfile{profile("spare-profile", nil)},
		Truncated:        true,
	}
}

func TestRoundTripKeepsEverything(t *testing.T) {
	a := everything(t)
	if _, err := model.Validate(a); err != nil {
		t.Fatalf("the test account is invalid: %v", err)
	}
	out := roundTrip(t, a)
	for _, want := range []string{`"AccountAliases": [`, `"IsTruncated": true`, `"MaxSessionDuration": 7200`, `"PasswordLastUsed": "2024-03-02T10:11:12.123+00:00"`,
		`"AttachmentCount": 3`, `"PermissionsBoundaryUsageCount": 1`, `"InstanceProfileName": "spare-profile"`} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("export lacks %s", want)
		}
	}
}

func TestEmbeddable(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{policyText, true},
		{`{"a":1}`, true},
		{policyText + "\n", false},
		{"{\r\n}", false},
		{"{\n  }", false},
		{" {}", false},
		{"\uFEFF{}", false},
	}
	for _, tt := range tests {
		if got := embeddable(tt.text); got != tt.want {
			t.Errorf("embeddable(%q) = %v", tt.text, got)
		}
	}
}

func TestEncodeRefusesAnAccountWithoutDocuments(t *testing.T) {
	a := everything(t)
	a.Roles[1].TrustPolicy = nil
	if err := Encode(new(bytes.Buffer), a); err == nil || !strings.Contains(err.Error(), `role "Bare" has no trust policy`) {
		t.Errorf("Encode: %v", err)
	}
	a = everything(t)
	a.Policies[0].Versions[1].Document = nil
	if err := Encode(new(bytes.Buffer), a); err == nil || !strings.Contains(err.Error(), `policy "Kitchen": version v2 has no document`) {
		t.Errorf("Encode: %v", err)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestEncodeReportsWriteErrors(t *testing.T) {
	if err := Encode(failingWriter{}, everything(t)); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("Encode to a failing writer: %v", err)
	}
}

func TestFormatDate(t *testing.T) {
	for in, want := range map[time.Time]string{
		time.Date(2019, 7, 8, 11, 58, 31, 0, time.UTC):                         "2019-07-08T11:58:31+00:00",
		time.Date(2019, 7, 8, 13, 58, 31, 5e8, time.FixedZone("CEST", 2*3600)): "2019-07-08T11:58:31.5+00:00",
	} {
		if got := FormatDate(in); got != want {
			t.Errorf("FormatDate(%v) = %s, want %s", in, got, want)
		}
	}
}
