package gaad

import (
	"encoding/json"
	"errors"
	"net/url"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"iamtui/model"
	"iamtui/model/policy"
)

func decodeOK(t *testing.T, data string, opts DecodeOptions) (*model.Account, []string) {
	t.Helper()
	if opts.Source == "" {
		opts.Source = "acct.json"
	}
	a, w, err := Decode([]byte(data), opts)
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	return a, w
}

func TestDecodeSamples(t *testing.T) {
	for _, name := range []string{"sample-gaad.json", "sample-gaad-urlencoded.json"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(sharedFile(t, "samples", name))
			if err != nil {
				t.Fatal(err)
			}
			a, warnings, err := Decode(data, DecodeOptions{Source: name})
			if err != nil {
				t.Fatal(err)
			}
			if len(warnings) != 0 {
				t.Errorf("warnings: %v", warnings)
			}
			if a.ID != "123456789012" || len(a.Users) != 6 || len(a.Groups) != 3 || len(a.Roles) != 4 || len(a.Policies) != 9 {
				t.Fatalf("account %s: %d users, %d groups, %d roles, %d policies", a.ID, len(a.Users), len(a.Groups), len(a.Roles), len(a.Policies))
			}
			aws := 0
			for _, p := range a.Policies {
				if p.AWSManaged() {
					aws++
				}
			}
			if aws != 3 {
				t.Errorf("%d AWS-managed policies, want 3", aws)
			}
			alice := a.User("alice")
			if !reflect.DeepEqual(alice.Groups, []string{"Admins"}) || len(alice.Tags) != 2 || alice.Tags[1] != (model.Tag{Key: "cost-center", Value: "CC-1001"}) {
				t.Errorf("alice: %+v", alice)
			}
			if want := time.Date(2019, 7, 8, 11, 58, 31, 0, time.UTC); !alice.CreateDate.Equal(want) {
				t.Errorf("alice created %v, want %v", alice.CreateDate, want)
			}
			eve := a.User("eve.contractor")
			if eve.Path != "/contractors/" || eve.PermissionsBoundary != "arn:aws:iam::123456789012:policy/boundaries/DeveloperBoundary" {
				t.Errorf("eve: path %q, boundary %q", eve.Path, eve.PermissionsBoundary)
			}
			dev := a.Policy("arn:aws:iam::123456789012:policy/DeveloperAccess")
			if len(dev.Versions) != 2 || dev.Default().ID != "v2" || dev.Versions[1].IsDefault {
				t.Errorf("DeveloperAccess versions: %+v", dev.Versions)
			}
			ec2 := a.Role("app-server-ec2-role")
			if len(ec2.InstanceProfiles) != 1 || !reflect.DeepEqual(ec2.InstanceProfiles[0].Roles, []string{"app-server-ec2-role"}) ||
				ec2.LastUsedRegion != "eu-west-1" || ec2.TrustPolicy.Kind != policy.Trust {
				t.Errorf("app-server-ec2-role: %+v", ec2)
			}
			carol := a.User("carol").InlinePolicies[0].Document
			if len(carol.Statements) != 2 || carol.Statements[1].Sid != "PassAnyRole" {
				t.Errorf("carol's inline policy: %+v", carol.Statements)
			}
		})
	}
}

// The two samples are the same account: their documents differ only in
// form (indented objects against compact URL-encoded text).
func TestSamplesAreTheSameAccount(t *testing.T) {
	load := func(name string) *model.Account {
		data, err := os.ReadFile(sharedFile(t, "samples", name))
		if err != nil {
			t.Fatal(err)
		}
		a, _, err := Decode(data, DecodeOptions{Source: name})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	cli, raw := load("sample-gaad.json"), load("sample-gaad-urlencoded.json")
	// Compare with every document reduced to its meaning.
	norm := func(a *model.Account) string {
		var docs []string
		forEachDoc(a, func(d **policy.Document) {
			var v any
			if err := json.Unmarshal([]byte((*d).Text), &v); err != nil {
				t.Fatal(err)
			}
			b, _ := json.Marshal(v)
			docs = append(docs, string(b))
			*d = nil
		})
		b, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		return string(b) + strings.Join(docs, "\n")
	}
	if norm(cli) != norm(raw) {
		t.Error("the CLI-form and URL-encoded samples decode to different accounts")
	}
}

// forEachDoc visits every policy document of an account.
func forEachDoc(a *model.Account, f func(**policy.Document)) {
	inline := func(ps []model.InlinePolicy) {
		for i := range ps {
			f(&ps[i].Document)
		}
	}
	for _, u := range a.Users {
		inline(u.InlinePolicies)
	}
	for _, g := range a.Groups {
		inline(g.InlinePolicies)
	}
	for _, r := range a.Roles {
		f(&r.TrustPolicy)
		inline(r.InlinePolicies)
	}
	for _, p := range a.Policies {
		for _, v := range p.Versions {
			f(&v.Document)
		}
	}
}

func TestDocumentForms(t *testing.T) {
	compact := `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::a+b/*"}}`
	jsonString := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	tests := []struct {
		name    string
		userDoc string
		want    string
	}{
		{"CLI object, dedented", embed(policyText, 20), policyText},
		{"CLI object on one line", compact, compact},
		{"CLI object with two-space indentation", "{\n                      \"Version\": \"2012-10-17\",\n                      \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}\n                    }",
			"{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}\n}"},
		{"URL-encoded keeps '+'", `"` + strings.ReplaceAll(url.PathEscape(compact), "%2B", "+") + `"`, compact},
		{"URL-encoded with white space", `"` + url.PathEscape(policyText) + `"`, policyText},
		{"plain JSON string", jsonString(policyText), policyText},
		{"plain JSON string with a trailing newline", jsonString(policyText + "\n"), policyText + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, _ := decodeOK(t, build(tt.userDoc, "", "", ""), DecodeOptions{})
			got := a.Users[0].InlinePolicies[0].Document
			if got.Text != tt.want {
				t.Errorf("text:\n%s\nwant:\n%s", got.Text, tt.want)
			}
			if got.Kind != policy.Identity || len(got.Statements) != 1 {
				t.Errorf("parsed as %v with %d statements", got.Kind, len(got.Statements))
			}
		})
	}
}

func TestURLEncodedPlusIsKept(t *testing.T) {
	// '+' in the raw API's encoding is a plus sign, not a space: decoding
	// it like a query string would change the policy.
	doc := `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::a+b/*"}}`
	a, _ := decodeOK(t, build(`"`+strings.ReplaceAll(url.PathEscape(doc), "%2B", "+")+`"`, "", "", ""), DecodeOptions{})
	if got := a.Users[0].InlinePolicies[0].Document.Statements[0].Resource.Values[0].S; got != "arn:aws:s3:::a+b/*" {
		t.Errorf("resource %q", got)
	}
}

func TestDates(t *testing.T) {
	want := time.Date(2024, 5, 14, 8, 41, 37, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2024-05-14T08:41:37Z", want},
		{"2024-05-14T08:41:37+00:00", want},
		{"2024-05-14 08:41:37+00:00", want},
		{"2024-05-14 08:41:37Z", want},
		{"2024-05-14T10:41:37+02:00", want},
		{"2024-05-14T08:41:37.250Z", want.Add(250 * time.Millisecond)},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			a, _ := decodeOK(t, build("", "", "", tt.in), DecodeOptions{})
			if got := a.Users[0].CreateDate; !got.Equal(tt.want) || got.Location() != time.UTC {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestMissingListsAndUnknownKeys(t *testing.T) {
	a, w := decodeOK(t, `{"UserDetailList": [{"UserName": "bob", "Path": "/", "UserId": "AIDAQAAAAAAAAAAAAAAB2",
		"Arn": "arn:aws:iam::111122223333:user/bob", "FavouriteColour": {"deep": [1, 2.5e3, null, true]}}],
		"Marker": "abc", "SomethingNew": []}`, DecodeOptions{})
	if len(w) != 0 || len(a.Users) != 1 || len(a.Groups) != 0 || len(a.Roles) != 0 || len(a.Policies) != 0 {
		t.Fatalf("got %+v, warnings %v", a, w)
	}
	if u := a.Users[0]; u.Groups != nil || u.AttachedPolicies != nil || u.Tags != nil || !u.CreateDate.IsZero() {
		t.Errorf("missing lists of bob: %+v", u)
	}
}

func TestTruncatedExportWarns(t *testing.T) {
	s := strings.Replace(build("", "", "", ""), "\n}\n", ",\n    \"IsTruncated\": true,\n    \"Marker\": \"xyz\"\n}\n", 1)
	a, w := decodeOK(t, s, DecodeOptions{})
	if !a.Truncated || len(w) != 1 || !strings.Contains(w[0], "IsTruncated") {
		t.Errorf("truncated %v, warnings %q", a.Truncated, w)
	}
	s = strings.Replace(build("", "", "", ""), "\n}\n", ",\n    \"IsTruncated\": false\n}\n", 1)
	if a, w := decodeOK(t, s, DecodeOptions{}); a.Truncated || len(w) != 0 {
		t.Errorf("IsTruncated false: truncated %v, warnings %q", a.Truncated, w)
	}
}

func TestAccountID(t *testing.T) {
	good := build("", "", "", "")
	noARNs := `{"UserDetailList": [], "Policies": []}`
	mixed := strings.Replace(good, "arn:aws:iam::111122223333:role/service/Deploy", "arn:aws:iam::444455556666:role/service/Deploy", 1)
	tests := []struct {
		name, data, account string
		want                string // account id, or an error fragment after "!"
	}{
		{"from the ARNs", good, "", "111122223333"},
		{"given and matching", good, "111122223333", "111122223333"},
		{"given and different", good, "444455556666", `!the ARNs are in account 111122223333 (user "alice"), not the account 444455556666 asked for`},
		{"malformed --account", good, "12", `!account id "12" must be 12 digits`},
		{"mixed accounts", mixed, "", `!the file mixes accounts: user "alice" is in account 111122223333 but role "Deploy" is in account 444455556666`},
		{"no ARNs, given", noARNs, "111122223333", "111122223333"},
		{"no ARNs, not given", noARNs, "", "!no ARN in the file names an account: give the account id (--account)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, _, err := Decode([]byte(tt.data), DecodeOptions{Source: "acct.json", AccountID: tt.account})
			if msg, isErr := strings.CutPrefix(tt.want, "!"); isErr {
				if err == nil || !strings.Contains(err.Error(), msg) || !strings.HasPrefix(err.Error(), "acct.json: ") {
					t.Errorf("error %v, want one containing %q", err, msg)
				}
				return
			}
			if err != nil || a.ID != tt.want {
				t.Errorf("account %v, error %v; want %s", a, err, tt.want)
			}
		})
	}
}

func TestAWSManagedPoliciesBelongToTheAccount(t *testing.T) {
	a, _ := decodeOK(t, build("", "", "", ""), DecodeOptions{})
	p := a.Policy("arn:aws:iam::aws:policy/ReadOnlyAccess")
	if p == nil || !p.AWSManaged() || a.Group("cooks").AttachedPolicies[0] != p.ARN {
		t.Fatalf("ReadOnlyAccess: %+v", p)
	}
}

func TestDecodeErrors(t *testing.T) {
	good := build("", "", "", "")
	maybe := strings.Replace(policyText, `"Allow"`, `"Maybe"`, 1)
	maybeTrust := strings.Replace(trustText, `"Allow"`, `"Maybe"`, 1)
	withResource := strings.Replace(trustText, `"Action": "sts:AssumeRole"`, `"Action": "sts:AssumeRole", "Resource": "*"`, 1)
	compactMaybe := `{"Version":"2012-10-17","Statement":{"Effect":"Maybe","Action":"s3:GetObject","Resource":"*"}}`
	// Positions are found in the test data independently of the package.
	tests := []struct {
		name string
		data string
		want func(t *testing.T, data string) string
	}{
		{"empty file", "", func(*testing.T, string) string {
			return "acct.json: the file is empty: expected the output of 'aws iam get-account-authorization-details'"
		}},
		{"only white space", " \n\t\n", func(*testing.T, string) string {
			return "acct.json: the file is empty: expected the output of 'aws iam get-account-authorization-details'"
		}},
		{"truncated", good[:strings.Index(good, `"AssumeRolePolicyDocument": {`)+len(`"AssumeRolePolicyDocument": {`)], func(t *testing.T, data string) string {
			line := strings.Count(data, "\n") + 1
			col := len(data) - strings.LastIndex(data, "\n")
			return "acct.json: RoleDetailList[0].AssumeRolePolicyDocument: line " + itoa(line) + ", column " + itoa(col) + ": unexpected end of the file: the JSON is truncated"
		}},
		{"truncated in a string", good[:strings.Index(good, `"Value": "kitchen"`)+5], func(t *testing.T, data string) string {
			l, c := position(t, data, `"Value": "kitchen"`[:5], 0)
			return "acct.json: UserDetailList[0].Tags[0]: line " + itoa(l) + ", column " + itoa(c) + ": unexpected end of the file in a string: the JSON is truncated"
		}},
		{"bad token", strings.Replace(good, `"GroupPolicyList": [],`, `"GroupPolicyList": [],,`, 1), func(t *testing.T, data string) string {
			l, c := position(t, data, ",,", 0)
			return "acct.json: GroupDetailList[0]: line " + itoa(l) + ", column " + itoa(c+1) + `: expected a quoted key, found the character ','`
		}},
		{"missing comma", strings.Replace(good, `"Path": "/service/",`, `"Path": "/service/"`, 1), func(t *testing.T, data string) string {
			l, c := position(t, data, `"RoleName": "Deploy"`, 0)
			return "acct.json: RoleDetailList[0]: line " + itoa(l) + ", column " + itoa(c) + `: expected ',' or '}' after an object member, found a string`
		}},
		{"not an object", `["UserDetailList"]`, func(*testing.T, string) string {
			return "acct.json: line 1, column 1: expected a JSON object (the output of 'aws iam get-account-authorization-details'), found an array"
		}},
		{"not GAAD", `{"Policy": "{}"}`, func(*testing.T, string) string {
			return "acct.json: no UserDetailList, GroupDetailList, RoleDetailList or Policies: this is not the output of 'aws iam get-account-authorization-details'"
		}},
		{"text after the object", good + "{}", func(t *testing.T, data string) string {
			return "acct.json: line " + itoa(strings.Count(good, "\n")+1) + ", column 1: unexpected text after the end of the JSON object"
		}},
		{"a list twice", strings.Replace(good, `"GroupDetailList": [`, `"UserDetailList": [], "GroupDetailList": [`, 1), func(t *testing.T, data string) string {
			l, c := position(t, data, `[], "GroupDetailList"`, 0)
			return "acct.json: UserDetailList: line " + itoa(l) + ", column " + itoa(c) + ": UserDetailList appears twice in the file"
		}},
		{"UTF-16", "\xff\xfe{\x00}\x00", func(*testing.T, string) string {
			return "acct.json: the file is UTF-16: convert it to UTF-8 (e.g. PowerShell: Out-File -Encoding utf8)"
		}},
		{"wrong type", strings.Replace(good, `"UserName": "alice"`, `"UserName": 42`, 1), func(t *testing.T, data string) string {
			l, c := position(t, data, "42", 0)
			return "acct.json: UserDetailList[0].UserName: line " + itoa(l) + ", column " + itoa(c) + ": expected a string, found a number"
		}},
		{"bad date", build("", "", "", "yesterday"), func(t *testing.T, data string) string {
			l, c := position(t, data, `"yesterday"`, 0)
			return "acct.json: UserDetailList[0].CreateDate: line " + itoa(l) + ", column " + itoa(c) + `: cannot read "yesterday" as a date (want e.g. 2024-05-14T08:41:37+00:00)`
		}},
		{"Effect Maybe in an embedded document", build(embed(maybe, 20), "", "", ""), func(t *testing.T, data string) string {
			dl, dc := position(t, maybe, `"Maybe"`, 0)
			fl, fc := position(t, data, `"Maybe"`, 0)
			return `acct.json: user "alice" (line 3): inline policy "read-menus": line ` + itoa(dl) + ", column " + itoa(dc) +
				" (acct.json line " + itoa(fl) + ", column " + itoa(fc) + `): Effect must be "Allow" or "Deny", found "Maybe"`
		}},
		{"Effect Maybe in a trust policy", build("", embed(maybeTrust, 12), "", ""), func(t *testing.T, data string) string {
			dl, dc := position(t, maybeTrust, `"Maybe"`, 0)
			fl, fc := position(t, data, `"Maybe"`, 0)
			return `acct.json: role "Deploy" (line ` + itoa(lineOf(t, data, `"RoleName": "Deploy"`)-2) + `): trust policy: line ` + itoa(dl) + ", column " + itoa(dc) +
				" (acct.json line " + itoa(fl) + ", column " + itoa(fc) + `): Effect must be "Allow" or "Deny", found "Maybe"`
		}},
		{"Effect Maybe in a URL-encoded policy version", build("", "", `"`+url.PathEscape(compactMaybe)+`"`, ""), func(t *testing.T, data string) string {
			_, dc := position(t, compactMaybe, `"Maybe"`, 0)
			fl, fc := position(t, data, `"%7B`, 0)
			return `acct.json: policy "Kitchen" (line ` + itoa(lineOf(t, data, `"PolicyId": "ANPAQAAAAAAAAAAAAAAA1"`)-2) + `): version v2: line 1, column ` + itoa(dc) +
				" (in the URL-encoded string at acct.json line " + itoa(fl) + ", column " + itoa(fc) + `): Effect must be "Allow" or "Deny", found "Maybe"`
		}},
		{"Effect Maybe in a JSON string", build(jsonStr(maybe), "", "", ""), func(t *testing.T, data string) string {
			dl, dc := position(t, maybe, `"Maybe"`, 0)
			fl, fc := position(t, data, `"{\n`, 0)
			return `acct.json: user "alice" (line 3): inline policy "read-menus": line ` + itoa(dl) + ", column " + itoa(dc) +
				" (in the JSON string at acct.json line " + itoa(fl) + ", column " + itoa(fc) + `): Effect must be "Allow" or "Deny", found "Maybe"`
		}},
		{"bad URL encoding", build(`"%7B%zz"`, "", "", ""), func(t *testing.T, data string) string {
			fl, fc := position(t, data, `"%7B%zz"`, 0)
			return `acct.json: user "alice" (line 3): inline policy "read-menus": line ` + itoa(fl) + ", column " + itoa(fc) +
				`: the document is neither JSON nor URL-encoded JSON: invalid URL escape "%zz"`
		}},
		{"a trust policy with a Resource", build("", embed(withResource, 12), "", ""), func(t *testing.T, data string) string {
			dl, dc := position(t, withResource, `"Resource"`, 0)
			fl, fc := position(t, data, `"Resource": "*"`, 0)
			return `acct.json: role "Deploy" (line ` + itoa(lineOf(t, data, `"RoleName": "Deploy"`)-2) + `): trust policy: line ` + itoa(dl) + ", column " + itoa(dc) +
				" (acct.json line " + itoa(fl) + ", column " + itoa(fc) + `): a trust policy cannot have a Resource or NotResource`
		}},
		{"user in a missing group", strings.Replace(good, "\"cooks\"\n            ]", "\"NoSuchGroup\"\n            ]", 1), func(*testing.T, string) string {
			return `acct.json: user "alice" (line 3): member of group "NoSuchGroup", which does not exist in account 111122223333`
		}},
		{"attached policy not in the file", strings.Replace(good, `"PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"`, `"PolicyArn": "arn:aws:iam::aws:policy/NotInTheFile"`, 1), func(t *testing.T, data string) string {
			return `acct.json: group "cooks" (line ` + itoa(lineOf(t, data, `"GroupName": "cooks"`)-2) + `): attached policy arn:aws:iam::aws:policy/NotInTheFile is not in the account`
		}},
		{"boundary not in the file", strings.Replace(good, `"PermissionsBoundaryArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"`, `"PermissionsBoundaryArn": "arn:aws:iam::aws:policy/Nope"`, 1), func(*testing.T, string) string {
			return `acct.json: user "alice" (line 3): permissions boundary arn:aws:iam::aws:policy/Nope is not in the account`
		}},
		{"no trust policy", strings.Replace(good, `"AssumeRolePolicyDocument": {`, `"AssumeRolePolicyDocument": null, "X": {`, 1), func(t *testing.T, data string) string {
			return `acct.json: role "Deploy" (line ` + itoa(lineOf(t, data, `"RoleName": "Deploy"`)-2) + `): has no trust policy (AssumeRolePolicyDocument)`
		}},
		{"two default versions", strings.Replace(good, `"IsDefaultVersion": false`, `"IsDefaultVersion": true`, 1), func(t *testing.T, data string) string {
			return `acct.json: policy "Kitchen" (line ` + itoa(lineOf(t, data, `"PolicyId": "ANPAQAAAAAAAAAAAAAAA1"`)-2) + `): has 2 default versions; exactly one is required`
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.data == good && tt.name != "empty file" {
				t.Fatal("the test's edit did not apply")
			}
			_, _, err := Decode([]byte(tt.data), DecodeOptions{Source: "acct.json"})
			if err == nil {
				t.Fatal("bad input was accepted")
			}
			var ge *Error
			if !errors.As(err, &ge) {
				t.Errorf("error is %T, not *gaad.Error", err)
			}
			if want := tt.want(t, tt.data); err.Error() != want {
				t.Errorf("error\n%s\nwant\n%s", err, want)
			}
		})
	}
}

func TestEmptyFileIsErrEmpty(t *testing.T) {
	if _, _, err := Decode(nil, DecodeOptions{}); !errors.Is(err, ErrEmpty) || !strings.HasPrefix(err.Error(), "<input>: ") {
		t.Errorf("Decode(nil): %v", err)
	}
}

func TestPolicyErrorsUnwrapToSyntaxError(t *testing.T) {
	_, _, err := Decode([]byte(build(embed(strings.Replace(policyText, `"Allow"`, `"Maybe"`, 1), 20), "", "", "")), DecodeOptions{Source: "a"})
	var se *policy.SyntaxError
	var ge *Error
	if !errors.As(err, &se) || !errors.As(err, &ge) || ge.Doc == nil || *ge.Doc != se.Pos || ge.Line == 0 {
		t.Fatalf("error %v does not carry both positions", err)
	}
}

// The first bad document in the file is the one reported, however the
// parallel parse is scheduled.
func TestFirstBadDocumentIsReported(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"UserDetailList": [`)
	for i := range 500 {
		if i > 0 {
			b.WriteString(",")
		}
		effect := "Allow"
		if i == 250 || i == 400 {
			effect = "Maybe"
		}
		name := "u" + itoa(i)
		b.WriteString(`{"UserName": "` + name + `", "Path": "/", "UserId": "AIDAQAAAAAAAAAAAA` + strings.Repeat("B", 4) + `", "Arn": "arn:aws:iam::111122223333:user/` + name +
			`", "UserPolicyList": [{"PolicyName": "p", "PolicyDocument": {"Statement": {"Effect": "` + effect + `", "Action": "*", "Resource": "*"}}}]}`)
	}
	b.WriteString("]}")
	for range 5 {
		_, _, err := Decode([]byte(b.String()), DecodeOptions{Source: "a"})
		if err == nil || !strings.Contains(err.Error(), `user "u250"`) {
			t.Fatalf("got %v, want the error of u250", err)
		}
	}
}

func TestDedentAndFileOffsets(t *testing.T) {
	tests := []struct{ raw, want string }{
		{`{"a": 1}`, `{"a": 1}`},
		{"{\n        \"a\": 1\n    }", "{\n    \"a\": 1\n}"},
		{"{\n\t\t\"a\": 1\n\t}", "{\n\t\"a\": 1\n}"},
		{"{\n  \"a\": 1\n    }", "{\n\"a\": 1\n}"},                 // a shallower line loses what it shares
		{"{\n        \"a\": 1}", "{\n        \"a\": 1}"},           // the brace is not on its own line
		{"{\n    \"a\": [\n\n    ]\n    }", "{\n\"a\": [\n\n]\n}"}, // a blank line
	}
	for _, tt := range tests {
		got := dedent([]byte(tt.raw))
		if got != tt.want {
			t.Errorf("dedent(%q) = %q, want %q", tt.raw, got, tt.want)
		}
		// Every byte of the text maps back to the same byte in the file.
		file := []byte("xx" + tt.raw + "yy")
		for off := range len(got) {
			if fo := fileOffset(file, 2, 2+len(tt.raw)-1, off); file[fo] != got[off] {
				t.Errorf("%q: text offset %d (%q) maps to file offset %d (%q)", tt.raw, off, got[off], fo, file[fo])
			}
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func jsonStr(s string) string { b, _ := json.Marshal(s); return string(b) }

// lineOf is the line of the first occurrence of needle.
func lineOf(t *testing.T, text, needle string) int {
	l, _ := position(t, text, needle, 0)
	return l
}
