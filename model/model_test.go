package model

import (
	"errors"
	"strings"
	"testing"

	"iamtui/model/policy"
)

func TestValidateName(t *testing.T) {
	tests := []struct {
		kind, name string
		wantErr    string
	}{
		{"user", "alice", ""},
		{"user", "a+b=c,d.e@f_g-h", ""},
		{"user", "", "cannot be empty"},
		{"user", strings.Repeat("a", 64), ""},
		{"user", strings.Repeat("a", 65), "at most 64"},
		{"role", strings.Repeat("r", 65), "at most 64"},
		{"group", strings.Repeat("g", 128), ""},
		{"group", strings.Repeat("g", 129), "at most 128"},
		{"policy", strings.Repeat("p", 129), "at most 128"},
		{"user", "al ice", "may only use"},
		{"user", "al/ice", "may only use"},
		{"user", "\x1b]0;pwned\x07", "may only use"},
	}
	for _, tt := range tests {
		err := ValidateName(tt.kind, tt.name)
		if (err == nil) != (tt.wantErr == "") || (err != nil && !strings.Contains(err.Error(), tt.wantErr)) {
			t.Errorf("ValidateName(%s, %q) = %v, want %q", tt.kind, tt.name, err, tt.wantErr)
		}
	}
}

func TestValidatePathIDAndAccount(t *testing.T) {
	for _, p := range []string{"/", "/division/", "/a/b/c/"} {
		if err := ValidatePath(p); err != nil {
			t.Errorf("ValidatePath(%q): %v", p, err)
		}
	}
	for _, p := range []string{"", "a/", "/a", "//", "/a//b/", "/a b/"} {
		if ValidatePath(p) == nil {
			t.Errorf("ValidatePath(%q) accepted", p)
		}
	}
	if err := ValidateID(PrefixUser, "AIDA255YT2RRGHPBR7XYS"); err != nil {
		t.Error(err)
	}
	if err := ValidateID(PrefixRole, "AIDA255YT2RRGHPBR7XYS"); err == nil || !strings.Contains(err.Error(), "AROA") {
		t.Errorf("a user id as a role id: %v", err)
	}
	if ValidateID(PrefixUser, "AIDAshort") == nil {
		t.Error("short id accepted")
	}
	if ValidateAccountID("123456789012") != nil || ValidateAccountID("12345678901") == nil || ValidateAccountID("12345678901a") == nil {
		t.Error("account id rules")
	}
}

func TestValidateTags(t *testing.T) {
	many := make([]Tag, 51)
	for i := range many {
		many[i] = Tag{Key: "k" + strings.Repeat("x", i), Value: "v"}
	}
	tests := []struct {
		name    string
		tags    []Tag
		wantErr string
	}{
		{"fine", []Tag{{"team", "web"}, {"cost-center", "CC 1001"}}, ""},
		{"too many", many, "at most 50"},
		{"empty key", []Tag{{"", "v"}}, "1 to 128"},
		{"reserved prefix", []Tag{{"aws:x", "v"}}, "reserved"},
		{"duplicate ignoring case", []Tag{{"Team", "a"}, {"team", "b"}}, "appears twice"},
		{"long value", []Tag{{"k", strings.Repeat("v", 257)}}, "longer than 256"},
		{"control character", []Tag{{"k", "a\x1bb"}}, "may only use"},
	}
	for _, tt := range tests {
		err := ValidateTags(tt.tags)
		if (err == nil) != (tt.wantErr == "") || (err != nil && !strings.Contains(err.Error(), tt.wantErr)) {
			t.Errorf("%s: ValidateTags = %v, want %q", tt.name, err, tt.wantErr)
		}
	}
}

func TestParseIAMARN(t *testing.T) {
	tests := []struct {
		arn  string
		want IAMEntity
		err  bool
	}{
		{"arn:aws:iam::123456789012:user/alice", IAMEntity{Type: "user", AccountID: "123456789012", Path: "/", Name: "alice"}, false},
		{"arn:aws:iam::123456789012:role/ops/deploy/ci", IAMEntity{Type: "role", AccountID: "123456789012", Path: "/ops/deploy/", Name: "ci"}, false},
		{"arn:aws:iam::123456789012:root", IAMEntity{Type: "root", AccountID: "123456789012"}, false},
		{"arn:aws:sts::123456789012:assumed-role/ci/build-7", IAMEntity{Type: "assumed-role", AccountID: "123456789012", Path: "/", Name: "ci", Session: "build-7"}, false},
		{"arn:aws:iam::aws:policy/ReadOnlyAccess", IAMEntity{Type: "policy", AccountID: "aws", Path: "/", Name: "ReadOnlyAccess"}, false},
		{"arn:aws:s3:::bucket", IAMEntity{}, true},
		{"arn:aws:iam::123456789012:user/", IAMEntity{}, true},
		{"arn:aws:sts::123456789012:assumed-role/ci", IAMEntity{}, true},
		{"not-an-arn", IAMEntity{}, true},
	}
	for _, tt := range tests {
		got, err := ParseIAMARN(tt.arn)
		if (err != nil) != tt.err || got != tt.want {
			t.Errorf("ParseIAMARN(%q) = %+v, %v", tt.arn, got, err)
		}
	}
	a, err := ParseARN("arn:aws:lambda:us-east-1:123456789012:function:f:1")
	if err != nil || a.Resource != "function:f:1" || a.Region != "us-east-1" || a.String() != "arn:aws:lambda:us-east-1:123456789012:function:f:1" {
		t.Errorf("ParseARN keeps colons in the resource: %+v %v", a, err)
	}
	if got := AssumedRoleARN("123456789012", "ci", "s"); got != "arn:aws:sts::123456789012:assumed-role/ci/s" {
		t.Error(got)
	}
}

func TestPolicyCharsIgnoresWhitespace(t *testing.T) {
	if n := PolicyChars("{ \"a\" :\n\t\"b c\" }"); n != 10 {
		t.Errorf("PolicyChars = %d, want 10", n)
	}
}

func doc(t *testing.T, kind policy.Kind, text string) *policy.Document {
	t.Helper()
	d, err := policy.Parse(text, kind)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func validAccount(t *testing.T) *Account {
	const acct = "123456789012"
	id := func(prefix string) string { return prefix + "ABCDEFGHIJKLMNOPQ" }
	allow := doc(t, policy.Identity, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}`)
	trust := doc(t, policy.Trust, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}}`)
	return &Account{
		ID: acct,
		Policies: []*ManagedPolicy{
			{Name: "S3", Path: "/", ID: id(PrefixPolicy), ARN: PolicyARN(acct, "/", "S3"), DefaultVersionID: "v1",
				Versions: []*PolicyVersion{{ID: "v1", IsDefault: true, Document: allow}}},
			{Name: "ReadOnlyAccess", Path: "/", ARN: "arn:aws:iam::aws:policy/ReadOnlyAccess",
				Versions: []*PolicyVersion{{ID: "v1", IsDefault: true, Document: allow}}},
		},
		Groups: []*Group{{Name: "Devs", Path: "/", ID: id(PrefixGroup), ARN: GroupARN(acct, "/", "Devs"), AttachedPolicies: []string{PolicyARN(acct, "/", "S3")}}},
		Users: []*User{{Name: "alice", Path: "/", ID: id(PrefixUser), ARN: UserARN(acct, "/", "alice"), Groups: []string{"devs"},
			InlinePolicies: []InlinePolicy{{Name: "x", Document: allow}}, PermissionsBoundary: "arn:aws:iam::aws:policy/ReadOnlyAccess"}},
		Roles: []*Role{{Name: "ci", Path: "/ops/", ID: id(PrefixRole), ARN: RoleARN(acct, "/ops/", "ci"), TrustPolicy: trust}},
	}
}

func TestValidateAccount(t *testing.T) {
	if w, err := Validate(validAccount(t)); err != nil || len(w) != 0 {
		t.Fatalf("valid account: warnings %v, error %v", w, err)
	}
	tests := []struct {
		name    string
		break_  func(a *Account)
		wantErr string
	}{
		{"bad account id", func(a *Account) { a.ID = "123" }, "12 digits"},
		{"user in a missing group", func(a *Account) { a.Users[0].Groups = []string{"Nope"} }, `user "alice": member of group "Nope", which does not exist`},
		{"attached policy not in the account", func(a *Account) { a.Groups[0].AttachedPolicies = []string{"arn:aws:iam::aws:policy/Missing"} }, `group "Devs": attached policy arn:aws:iam::aws:policy/Missing is not in the account`},
		{"boundary not in the account", func(a *Account) { a.Users[0].PermissionsBoundary = "arn:aws:iam::aws:policy/Nope" }, "permissions boundary"},
		{"too many groups", func(a *Account) {
			for i := 0; i < 10; i++ {
				a.Users[0].Groups = append(a.Users[0].Groups, "g"+string(rune('a'+i)))
			}
		}, "at most 10"},
		{"duplicate names ignoring case", func(a *Account) {
			u := *a.Users[0]
			u.Name, u.ARN, u.Groups = "ALICE", UserARN(a.ID, "/", "ALICE"), nil
			a.Users = append(a.Users, &u)
		}, "unique ignoring case"},
		{"wrong ARN", func(a *Account) { a.Users[0].ARN = "arn:aws:iam::999999999999:user/alice" }, "does not match"},
		{"wrong id prefix", func(a *Account) { a.Roles[0].ID = "AIDAABCDEFGHIJKLMNOPQ" }, "must begin with AROA"},
		{"two default versions", func(a *Account) {
			p := a.Policies[0]
			p.Versions = append(p.Versions, &PolicyVersion{ID: "v2", IsDefault: true, Document: p.Versions[0].Document})
		}, "2 default versions"},
		{"six versions", func(a *Account) {
			p := a.Policies[0]
			for i := 2; i <= 6; i++ {
				p.Versions = append(p.Versions, &PolicyVersion{ID: "v" + string(rune('0'+i)), Document: p.Versions[0].Document})
			}
		}, "at most 5"},
		{"inline quota", func(a *Account) {
			big := doc(t, policy.Identity, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::`+strings.Repeat("b", 2100)+`"}}`)
			a.Users[0].InlinePolicies[0].Document = big
		}, "AWS allows 2048 for a user"},
		{"role without trust policy", func(a *Account) { a.Roles[0].TrustPolicy = nil }, "no trust policy"},
		{"bad max session duration", func(a *Account) { a.Roles[0].MaxSessionDuration = 100 }, "between 3600 and 43200"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := validAccount(t)
			tt.break_(a)
			_, err := Validate(a)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("Validate = %v, want an error containing %q", err, tt.wantErr)
			}
		})
	}
	t.Run("soft quota warns", func(t *testing.T) {
		a := validAccount(t)
		for i := 0; i < 11; i++ {
			name := "P" + string(rune('a'+i))
			arn := PolicyARN(a.ID, "/", name)
			a.Policies = append(a.Policies, &ManagedPolicy{Name: name, Path: "/", ID: "ANPAABCDEFGHIJKLMNO" + string(rune('A'+i)), ARN: arn,
				Versions: []*PolicyVersion{{ID: "v1", IsDefault: true, Document: a.Policies[0].Versions[0].Document}}})
			a.Roles[0].AttachedPolicies = append(a.Roles[0].AttachedPolicies, arn)
		}
		w, err := Validate(a)
		if err != nil || len(w) != 1 || !strings.Contains(w[0], "default quota of 10") {
			t.Fatalf("want one warning, got %v, %v", w, err)
		}
	})
	t.Run("entity error unwraps", func(t *testing.T) {
		a := validAccount(t)
		a.Users[0].Groups = []string{"Nope"}
		_, err := Validate(a)
		var ee *EntityError
		if !errors.As(err, &ee) || ee.Entity != `user "alice"` {
			t.Fatalf("want an EntityError naming the user, got %v", err)
		}
	})
}
