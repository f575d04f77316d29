package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// run runs a command line in-process with a fake environment.
func run(t *testing.T, env *Env, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := *env
	e.Stdin = strings.NewReader(stdin)
	e.Stdout, e.Stderr = &out, &errOut
	code = Run(context.Background(), &e, args)
	return out.String(), errOut.String(), code
}

func testEnv(t *testing.T) *Env {
	t.Helper()
	dir := t.TempDir()
	vars := map[string]string{"XDG_DATA_HOME": filepath.Join(dir, "data")}
	return &Env{
		Getenv:  func(k string) string { return vars[k] },
		Now:     func() time.Time { return time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC) },
		HomeDir: dir,
		GOOS:    "linux",
	}
}

// sharedDir finds ../shared beside the repository, or skips.
func sharedDir(t *testing.T) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", "..", "shared"))
	if err != nil {
		t.Skip(err)
	}
	if _, err := os.Stat(filepath.Join(p, "samples", "sample-gaad.json")); err != nil {
		t.Skip("../shared is not beside the repository")
	}
	return p
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestHelpListsEveryCommandWithExamples(t *testing.T) {
	env := testEnv(t)
	out, _, code := run(t, env, "", "help")
	if code != 0 {
		t.Fatalf("help exit %d", code)
	}
	for _, c := range Commands() {
		if !strings.Contains(out, c.Name) {
			t.Errorf("help does not list %s", c.Name)
		}
		cout, _, code := run(t, env, "", c.Name, "--help")
		if code != 0 || !strings.Contains(cout, "Usage:") || !strings.Contains(cout, "Examples:") {
			t.Errorf("%s --help: exit %d, output %q", c.Name, code, cout)
		}
	}
}

func TestUnknownCommandAndBadFlagsExitTwo(t *testing.T) {
	env := testEnv(t)
	if _, errOut, code := run(t, env, "", "frobnicate"); code != 2 || !strings.Contains(errOut, "unknown command") {
		t.Errorf("unknown command: exit %d, %q", code, errOut)
	}
	if _, errOut, code := run(t, env, "", "import", "--nope", "x"); code != 2 || !strings.Contains(errOut, "usage:") {
		t.Errorf("bad flag: exit %d, %q", code, errOut)
	}
	if _, _, code := run(t, env, "", "import"); code != 2 {
		t.Errorf("missing FILE: exit %d", code)
	}
}

func TestFlagsMayFollowArguments(t *testing.T) {
	env := testEnv(t)
	db := filepath.Join(t.TempDir(), "x.db")
	sample := filepath.Join(sharedDir(t), "samples", "sample-gaad.json")
	if _, errOut, code := run(t, env, "", "import", sample, "--db", db); code != 0 {
		t.Fatalf("import FILE --db: exit %d: %s", code, errOut)
	}
}

func TestDefaultDatabaseIsCreatedWithTheDemo(t *testing.T) {
	env := testEnv(t)
	out, errOut, code := run(t, env, "", "accounts")
	if code != 0 {
		t.Fatalf("accounts: exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "111122223333") {
		t.Errorf("the demo account is not in the new default database:\n%s", out)
	}
	path := filepath.Join(env.Getenv("XDG_DATA_HOME"), "iamtui", "iam.db")
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("database mode %v, want 0600", st.Mode().Perm())
	}
}

func TestIAMTUIDBChoosesTheDatabase(t *testing.T) {
	env := testEnv(t)
	want := filepath.Join(t.TempDir(), "env.db")
	env.Getenv = func(k string) string {
		if k == "IAMTUI_DB" {
			return want
		}
		return ""
	}
	if got, err := DefaultDBPath(env); err != nil || got != want {
		t.Fatalf("DefaultDBPath = %q, %v", got, err)
	}
}

func TestReadingCommandsRefuseAMissingExplicitDatabase(t *testing.T) {
	env := testEnv(t)
	db := filepath.Join(t.TempDir(), "typo.db")
	_, errOut, code := run(t, env, "", "export", "--db", db)
	if code == 0 || !strings.Contains(errOut, "no database at") {
		t.Fatalf("export of a missing db: exit %d, %q", code, errOut)
	}
	if _, err := os.Stat(db); err == nil {
		t.Fatal("a reading command created the database")
	}
}

func TestImportExportRoundTrip(t *testing.T) {
	env := testEnv(t)
	shared := sharedDir(t)
	db := filepath.Join(t.TempDir(), "a.db")
	for _, f := range []string{"sample-gaad.json", "sample-gaad-urlencoded.json"} {
		out, errOut, code := run(t, env, "", "import", "--db", db, filepath.Join(shared, "samples", f))
		if code != 0 {
			t.Fatalf("import %s: exit %d: %s", f, code, errOut)
		}
		if !strings.Contains(out, "123456789012") || !strings.Contains(out, "6 users") {
			t.Errorf("import %s said %q", f, out)
		}
	}
	first, errOut, code := run(t, env, "", "export", "--db", db)
	if code != 0 {
		t.Fatalf("export: %d %s", code, errOut)
	}
	again := writeFile(t, "again.json", first)
	if _, errOut, code := run(t, env, "", "import", "--db", db, again); code != 0 {
		t.Fatalf("re-import: %d %s", code, errOut)
	}
	second, _, _ := run(t, env, "", "export", "--db", db)
	if first != second {
		t.Error("import → export → import → export is not stable")
	}
	// Standard input works too.
	if _, errOut, code := run(t, env, first, "import", "--db", db, "-"); code != 0 {
		t.Fatalf("import -: %d %s", code, errOut)
	}
}

// dbState is everything a command line can see of a database: a change
// anywhere shows up in one of these outputs.
func dbState(t *testing.T, env *Env, db string) string {
	t.Helper()
	var b strings.Builder
	for _, args := range [][]string{
		{"accounts", "--json"},
		{"journal", "--json", "--limit", "0"},
		{"resource-policy", "list", "--json"},
	} {
		out, errOut, code := run(t, env, "", append(args, "--db", db)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		b.WriteString(out)
	}
	ids, _, _ := run(t, env, "", "accounts", "--db", db)
	for _, line := range strings.Split(ids, "\n")[1:] {
		if f := strings.Fields(line); len(f) > 0 {
			out, errOut, code := run(t, env, "", "export", "--db", db, "--account", f[0])
			if code != 0 {
				t.Fatalf("export %s: exit %d: %s", f[0], code, errOut)
			}
			b.WriteString(out)
		}
	}
	return b.String()
}

func TestBadImportsLeaveTheDatabaseAsItWas(t *testing.T) {
	env := testEnv(t)
	shared := sharedDir(t)
	db := filepath.Join(t.TempDir(), "a.db")
	if _, errOut, code := run(t, env, "", "import", "--db", db, filepath.Join(shared, "samples", "sample-gaad.json")); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	trust := writeFile(t, "trust.json", `{"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}}`)
	if _, errOut, code := run(t, env, "", "resource-policy", "put", "--db", db, "--resource", "arn:aws:iam::444455556666:role/Partner", trust); code != 0 {
		t.Fatalf("resource-policy put: %s", errOut)
	}
	before := dbState(t, env, db)
	sample, err := os.ReadFile(filepath.Join(shared, "samples", "sample-gaad.json"))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(shared, "samples", "sample-gaad-urlencoded.json"))
	if err != nil {
		t.Fatal(err)
	}
	s, r := string(sample), string(raw)
	tests := []struct {
		name    string
		content string
		flags   []string
		want    []string
	}{
		{"truncated JSON", s[:len(s)/2], nil, []string{"bad.json", "line", "column"}},
		{"effect maybe", strings.Replace(s, `"Effect": "Allow"`, `"Effect": "Maybe"`, 1), nil, []string{"bad.json", `"Maybe"`, "line", "column"}},
		{"effect maybe, URL-encoded", strings.Replace(r, `%22Effect%22%3A%22Allow%22`, `%22Effect%22%3A%22Maybe%22`, 1), nil, []string{"bad.json", `"Maybe"`, "URL-encoded", "line", "column"}},
		{"user in a missing group", strings.Replace(s, `"Admins"
            ],`, `"NoSuchGroup"
            ],`, 1), nil, []string{"bad.json", `user "alice"`, "NoSuchGroup"}},
		{"attached policy not in the file", strings.Replace(s, `"PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"`, `"PolicyArn": "arn:aws:iam::aws:policy/NotInTheFile"`, 1), nil, []string{"bad.json", "NotInTheFile"}},
		{"empty file", "", nil, []string{"bad.json", "empty"}},
		{"a bad date", strings.Replace(s, `"2019-07-08T11:58:31+00:00"`, `"last tuesday"`, 1), nil, []string{"bad.json", "last tuesday", "line", "column"}},
		{"mixed accounts", strings.Replace(s, `"Arn": "arn:aws:iam::123456789012:user/bob"`, `"Arn": "arn:aws:iam::999999999999:user/bob"`, 1), nil, []string{"bad.json", "mixes accounts", "999999999999"}},
		{"--account disagrees with the ARNs", s, []string{"--account", "999999999999"}, []string{"bad.json", "123456789012", "999999999999"}},
		{"not GAAD", `{"Policy": "{}"}`, nil, []string{"bad.json", "get-account-authorization-details"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if (tt.content == s || tt.content == r) && tt.flags == nil {
				t.Fatal("the test's edit did not apply to the sample")
			}
			bad := writeFile(t, "bad.json", tt.content)
			_, errOut, code := run(t, env, "", append([]string{"import", "--db", db, bad}, tt.flags...)...)
			if code != 1 {
				t.Fatalf("exit %d, want 1: %s", code, errOut)
			}
			for _, w := range tt.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("error %q does not mention %q", errOut, w)
				}
			}
			if after := dbState(t, env, db); after != before {
				t.Error("the database changed")
			}
			// Bad input does not even create a database.
			fresh := filepath.Join(t.TempDir(), "fresh.db")
			if _, _, code := run(t, env, "", append([]string{"import", "--db", fresh, bad}, tt.flags...)...); code == 0 {
				t.Fatal("bad input was accepted into a new database")
			}
			if _, err := os.Stat(fresh); err == nil {
				t.Error("a refused import created the database file")
			}
		})
	}
}

func TestImportAccountFlag(t *testing.T) {
	env := testEnv(t)
	sample := filepath.Join(sharedDir(t), "samples", "sample-gaad.json")
	db := filepath.Join(t.TempDir(), "a.db")
	if out, errOut, code := run(t, env, "", "import", "--db", db, "--account", "123456789012", sample); code != 0 || !strings.Contains(out, "imported account 123456789012") {
		t.Fatalf("matching --account: exit %d, %q %q", code, out, errOut)
	}
	_, errOut, code := run(t, env, "", "import", "--db", db, "--account", "444455556666", sample)
	if code != 1 || !strings.Contains(errOut, "the ARNs are in account 123456789012") || !strings.Contains(errOut, "not the account 444455556666") {
		t.Errorf("--account mismatch: exit %d, %q", code, errOut)
	}
	if _, errOut, code := run(t, env, "", "import", "--db", db, "--account", "12", sample); code != 1 || !strings.Contains(errOut, "must be 12 digits") {
		t.Errorf("malformed --account: exit %d, %q", code, errOut)
	}
	// A file without ARNs takes its account from --account.
	empty := writeFile(t, "empty-account.json", `{"UserDetailList": [], "GroupDetailList": [], "RoleDetailList": [], "Policies": []}`)
	if _, errOut, code := run(t, env, "", "import", "--db", db, empty); code != 1 || !strings.Contains(errOut, "--account") {
		t.Errorf("no ARNs, no --account: exit %d, %q", code, errOut)
	}
	if out, errOut, code := run(t, env, "", "import", "--db", db, "--account", "555566667777", empty); code != 0 || !strings.Contains(out, "555566667777") {
		t.Errorf("no ARNs with --account: exit %d, %q %q", code, out, errOut)
	}
}

func TestImportWarnsWhenTruncated(t *testing.T) {
	env := testEnv(t)
	raw, err := os.ReadFile(filepath.Join(sharedDir(t), "samples", "sample-gaad-urlencoded.json"))
	if err != nil {
		t.Fatal(err)
	}
	truncated := strings.Replace(string(raw), `"IsTruncated": false`, `"IsTruncated": true`, 1)
	if truncated == string(raw) {
		t.Fatal("the sample has no IsTruncated")
	}
	db := filepath.Join(t.TempDir(), "a.db")
	out, errOut, code := run(t, env, "", "import", "--db", db, writeFile(t, "partial.json", truncated))
	if code != 0 || !strings.Contains(out, "imported account 123456789012") {
		t.Fatalf("exit %d, %q %q", code, out, errOut)
	}
	if !strings.Contains(errOut, "warning: ") || !strings.Contains(errOut, "partial.json") || !strings.Contains(errOut, "IsTruncated") {
		t.Errorf("stderr %q lacks the IsTruncated warning", errOut)
	}
	if strings.Contains(out, "IsTruncated") {
		t.Error("the warning went to stdout")
	}
	js, _, _ := run(t, env, "", "accounts", "--db", db, "--json")
	var got struct {
		Accounts []struct {
			ID        string
			Truncated bool
		}
	}
	if err := json.Unmarshal([]byte(js), &got); err != nil || len(got.Accounts) != 1 || !got.Accounts[0].Truncated {
		t.Errorf("accounts --json: %v %s", err, js)
	}
	// The export says so too, so the next import warns again.
	exported, _, _ := run(t, env, "", "export", "--db", db)
	if !strings.Contains(exported, `"IsTruncated": true`) {
		t.Error("the export forgot IsTruncated")
	}
}

func TestURLEncodedSampleKeepsItsText(t *testing.T) {
	env := testEnv(t)
	db := filepath.Join(t.TempDir(), "a.db")
	if _, errOut, code := run(t, env, "", "import", "--db", db, filepath.Join(sharedDir(t), "samples", "sample-gaad-urlencoded.json")); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	out, _, _ := run(t, env, "", "export", "--db", db)
	// The raw API's compact text is kept as it was (not re-indented).
	if !strings.Contains(out, `"PolicyDocument": {"Version":"2012-10-17","Statement":[{"Sid":"Ec2Sandbox",`) {
		t.Errorf("export lost the compact document text:\n%s", out[:min(len(out), 2000)])
	}
}

func TestAccountsAndJournal(t *testing.T) {
	env := testEnv(t)
	sample := filepath.Join(sharedDir(t), "samples", "sample-gaad.json")
	db := filepath.Join(t.TempDir(), "a.db")
	for range 2 {
		if _, errOut, code := run(t, env, "", "import", "--db", db, sample); code != 0 {
			t.Fatalf("import: %s", errOut)
		}
	}
	out, _, code := run(t, env, "", "accounts", "--db", db)
	if code != 0 || !strings.Contains(out, "ACCOUNT") || !strings.Contains(out, "123456789012") || !strings.Contains(out, "sample-gaad.json") {
		t.Errorf("accounts:\n%s", out)
	}
	var sums struct {
		Accounts []struct {
			ID                             string
			Users, Groups, Roles, Policies int
		}
	}
	js, _, _ := run(t, env, "", "accounts", "--db", db, "--json")
	if err := json.Unmarshal([]byte(js), &sums); err != nil || len(sums.Accounts) != 1 || sums.Accounts[0].Users != 6 || sums.Accounts[0].Policies != 9 {
		t.Errorf("accounts --json: %v\n%s", err, js)
	}
	out, _, code = run(t, env, "", "journal", "--db", db)
	if code != 0 || strings.Count(out, "imported account 123456789012") != 2 || !strings.Contains(out, "OPERATION") {
		t.Errorf("journal after two imports:\n%s", out)
	}
	var j struct {
		Journal []struct {
			ID                 int64
			Account, Operation string
		}
	}
	js, _, _ = run(t, env, "", "journal", "--db", db, "--json", "--limit", "1")
	if err := json.Unmarshal([]byte(js), &j); err != nil || len(j.Journal) != 1 || j.Journal[0].Account != "123456789012" {
		t.Errorf("journal --json --limit 1: %v\n%s", err, js)
	}
}

func TestExportChoosesTheAccount(t *testing.T) {
	env := testEnv(t)
	db := filepath.Join(t.TempDir(), "a.db")
	if _, errOut, code := run(t, env, "", "import", "--db", db, filepath.Join(sharedDir(t), "samples", "sample-gaad.json")); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	if _, errOut, code := run(t, env, "", "import", "--db", db, "--account", "555566667777", writeFile(t, "e.json", `{"UserDetailList": []}`)); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	if _, errOut, code := run(t, env, "", "export", "--db", db); code != 2 || !strings.Contains(errOut, "--account") {
		t.Errorf("export of one of two accounts without --account: exit %d, %q", code, errOut)
	}
	out, errOut, code := run(t, env, "", "export", "--db", db, "--account", "123456789012", "--read-only")
	if code != 0 || !strings.Contains(out, `"UserName": "alice"`) {
		t.Errorf("export --account --read-only: exit %d, %q", code, errOut)
	}
	if _, errOut, code := run(t, env, "", "export", "--db", db, "--account", "999999999999"); code != 1 || !strings.Contains(errOut, "not in the database") {
		t.Errorf("export of a missing account: exit %d, %q", code, errOut)
	}
}

// The default database starts as the restaurant, with its storage room's
// bucket policy, and exports like any account.
func TestDefaultDatabaseDemo(t *testing.T) {
	env := testEnv(t)
	out, errOut, code := run(t, env, "", "export")
	if code != 0 || !strings.Contains(out, `"UserName": "chef-alice"`) || !strings.Contains(out, `"RoleName": "PartTimeChef"`) {
		t.Fatalf("export of the demo: exit %d, %q", code, errOut)
	}
	again := writeFile(t, "demo.json", out)
	if _, errOut, code := run(t, env, "", "import", again); code != 0 {
		t.Fatalf("re-import of the demo: %s", errOut)
	}
	if second, _, _ := run(t, env, "", "export"); second != out {
		t.Error("the demo does not round-trip")
	}
	out, _, code = run(t, env, "", "resource-policy", "get", "--resource", "arn:aws:s3:::restaurant-storage-room")
	if code != 0 || !strings.Contains(out, "RootStaysLockedAway") {
		t.Errorf("the storage room's bucket policy: %q", out)
	}
}

func TestResourcePolicyAccountMustMatchTheARN(t *testing.T) {
	env := testEnv(t)
	db := filepath.Join(t.TempDir(), "a.db")
	p := writeFile(t, "q.json", `{"Statement":{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*"}}`)
	_, errOut, code := run(t, env, "", "resource-policy", "put", "--db", db, "--resource", "arn:aws:sqs:eu-west-1:111122223333:q", "--account", "444455556666", p)
	if code != 1 || !strings.Contains(errOut, "does not match the account 111122223333") {
		t.Errorf("exit %d, %q", code, errOut)
	}
	if out, errOut, code := run(t, env, "", "resource-policy", "put", "--db", db, "--resource", "arn:aws:sqs:eu-west-1:111122223333:q", p); code != 0 || !strings.Contains(out, "account 111122223333") {
		t.Errorf("put: exit %d, %q %q", code, out, errOut)
	}
	if _, errOut, code := run(t, env, "", "resource-policy", "put", "--db", db, "--resource", "arn:aws:s3:::b", writeFile(t, "empty.json", " \n")); code != 1 || !strings.Contains(errOut, "empty") {
		t.Errorf("empty policy: exit %d, %q", code, errOut)
	}
}

func TestResourcePolicyCommands(t *testing.T) {
	env := testEnv(t)
	shared := sharedDir(t)
	db := filepath.Join(t.TempDir(), "a.db")
	if _, errOut, code := run(t, env, "", "import", "--db", db, filepath.Join(shared, "samples", "sample-gaad.json")); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	wrapped := filepath.Join(shared, "samples", "sample-get-bucket-policy.json")
	// S3 ARNs carry no account: the only account in the file owns it.
	out, errOut, code := run(t, env, "", "resource-policy", "put", "--db", db, "--resource", "arn:aws:s3:::example-bucket", wrapped)
	if code != 0 || !strings.Contains(out, "123456789012") {
		t.Fatalf("put wrapper: exit %d, %q %q", code, out, errOut)
	}
	// The other side of a cross-account request: an account not in the file.
	trust := writeFile(t, "trust.json", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}`)
	if _, errOut, code := run(t, env, "", "resource-policy", "put", "--db", db, "--resource", "arn:aws:iam::444455556666:role/Partner", trust); code != 0 {
		t.Fatalf("put partner trust: %s", errOut)
	}
	out, _, code = run(t, env, "", "resource-policy", "list", "--db", db)
	if code != 0 || !strings.Contains(out, "arn:aws:s3:::example-bucket") || !strings.Contains(out, "444455556666") {
		t.Errorf("list: %q", out)
	}
	out, _, code = run(t, env, "", "resource-policy", "get", "--db", db, "--resource", "arn:aws:iam::444455556666:role/Partner")
	if code != 0 || !strings.Contains(out, "sts:AssumeRole") {
		t.Errorf("get: %q", out)
	}
	// Bad input: position named, nothing stored.
	bad := writeFile(t, "bad.json", "{\"Statement\": {\"Effect\": \"Maybe\", \"Principal\": \"*\", \"Action\": \"s3:*\"}}")
	_, errOut, code = run(t, env, "", "resource-policy", "put", "--db", db, "--resource", "arn:aws:s3:::other", "--account", "123456789012", bad)
	if code == 0 || !strings.Contains(errOut, "bad.json") || !strings.Contains(errOut, "line 1, column 26") {
		t.Errorf("bad policy: exit %d, %q", code, errOut)
	}
	if _, _, code := run(t, env, "", "resource-policy", "get", "--db", db, "--resource", "arn:aws:s3:::other"); code == 0 {
		t.Error("a refused policy was stored")
	}
	// Several accounts and an S3 ARN without --account is ambiguous.
	if _, _, code := run(t, env, "", "resource-policy", "put", "--db", db, "--resource", "arn:aws:s3:::x", "--account", "12", trust); code == 0 {
		t.Error("a bad --account was accepted")
	}
	if _, errOut, code := run(t, env, "", "resource-policy", "delete", "--db", db, "--resource", "arn:aws:s3:::example-bucket"); code != 0 {
		t.Errorf("delete: %s", errOut)
	}
	if _, _, code := run(t, env, "", "resource-policy", "delete", "--db", db, "--resource", "arn:aws:s3:::example-bucket"); code == 0 {
		t.Error("deleting a missing policy succeeded")
	}
}

func TestReadOnlyNeverCreatesTheDefaultDatabase(t *testing.T) {
	env := testEnv(t)
	_, errOut, code := run(t, env, "", "export", "--read-only")
	if code == 0 || !strings.Contains(errOut, "--read-only does not create") {
		t.Fatalf("export --read-only on no database: exit %d, %q", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(env.Getenv("XDG_DATA_HOME"), "iamtui")); err == nil {
		t.Fatal("--read-only created the data directory")
	}
	// A plain reading command still makes the demo on first use.
	if _, errOut, code := run(t, env, "", "accounts"); code != 0 {
		t.Fatalf("accounts: %s", errOut)
	}
	if _, errOut, code := run(t, env, "", "export", "--read-only"); code != 0 {
		t.Fatalf("export --read-only once the demo exists: %s", errOut)
	}
}

func TestSilentExitsPrintNothingMore(t *testing.T) {
	_, errOut, code := run(t, testEnv(t), "", "actions", "nosuchservice:*")
	if code != 1 || strings.Contains(errOut, "exit status") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}

func TestResourcePolicyPutWarnsAboutOtherResources(t *testing.T) {
	env := testEnv(t)
	db := filepath.Join(t.TempDir(), "a.db")
	p := writeFile(t, "other.json", `{"Version":"2012-10-17","Statement":[
 {"Sid":"Mine","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"},
 {"Sid":"Theirs","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::other-bucket/*"},
 {"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::repo?ts","arn:aws:s3:::x"]}]}`)
	_, errOut, code := run(t, env, "", "resource-policy", "put", "--db", db, "--resource", "arn:aws:s3:::reports", "--account", "123456789012", p)
	if code != 0 {
		t.Fatalf("put: exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "statement 2 (Theirs) (line 3) names only other resources") || strings.Contains(errOut, "Mine") || strings.Contains(errOut, "statement 3") {
		t.Errorf("warnings: %q", errOut)
	}
}
