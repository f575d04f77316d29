package cli

import (
	"bytes"
	"context"
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

func TestBadImportsLeaveTheDatabaseAsItWas(t *testing.T) {
	env := testEnv(t)
	shared := sharedDir(t)
	db := filepath.Join(t.TempDir(), "a.db")
	if _, errOut, code := run(t, env, "", "import", "--db", db, filepath.Join(shared, "samples", "sample-gaad.json")); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	before, _, _ := run(t, env, "", "export", "--db", db)
	journalBefore, _, _ := run(t, env, "", "journal", "--db", db)
	sample, err := os.ReadFile(filepath.Join(shared, "samples", "sample-gaad.json"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(sample)
	tests := []struct {
		name    string
		content string
		want    []string
	}{
		{"truncated JSON", s[:len(s)/2], []string{"bad.json", "line", "column"}},
		{"effect maybe", strings.Replace(s, `"Effect": "Allow"`, `"Effect": "Maybe"`, 1), []string{"bad.json", `"Maybe"`, "line", "column"}},
		{"user in a missing group", strings.Replace(s, `"Admins"
            ],`, `"NoSuchGroup"
            ],`, 1), []string{"bad.json", "NoSuchGroup"}},
		{"attached policy not in the file", strings.Replace(s, `"PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"`, `"PolicyArn": "arn:aws:iam::aws:policy/NotInTheFile"`, 1), []string{"bad.json", "NotInTheFile"}},
		{"empty file", "", []string{"bad.json", "empty"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.content == s {
				t.Fatal("the test's edit did not apply to the sample")
			}
			bad := writeFile(t, "bad.json", tt.content)
			_, errOut, code := run(t, env, "", "import", "--db", db, bad)
			if code == 0 {
				t.Fatal("bad input was accepted")
			}
			for _, w := range tt.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("error %q does not mention %q", errOut, w)
				}
			}
			after, _, _ := run(t, env, "", "export", "--db", db)
			journalAfter, _, _ := run(t, env, "", "journal", "--db", db)
			if after != before || journalAfter != journalBefore {
				t.Error("the database changed")
			}
		})
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
