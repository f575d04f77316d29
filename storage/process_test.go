package storage

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"iamtui/model"
)

// These tests run the test binary itself as a child process
// (TestHelperProcess, chosen by $IAMTUI_STORAGE_HELPER): an importer to be
// killed with SIGKILL, two writers racing on one file, a reader without
// write permission.

const helperEnv = "IAMTUI_STORAGE_HELPER"

func helperCommand(t *testing.T, mode string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.v=false")
	cmd.Env = append(os.Environ(), helperEnv+"="+mode, "IAMTUI_HELPER_ARGS="+strings.Join(args, "\x1f"))
	cmd.Stderr = os.Stderr
	return cmd
}

// TestHelperProcess is not a test: it is the child process of the tests
// below, and does nothing unless they start it.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv(helperEnv)
	if mode == "" {
		t.Skip("helper process for the process tests")
	}
	args := strings.Split(os.Getenv("IAMTUI_HELPER_ARGS"), "\x1f")
	var err error
	switch mode {
	case "import":
		err = helperImport(args)
	case "apply":
		err = helperApply(args)
	case "readonly":
		err = helperReadOnly(args)
	default:
		err = fmt.Errorf("unknown helper mode %q", mode)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "helper:", err)
		os.Exit(2)
	}
	os.Exit(0)
}

func processSize() genSize {
	if raceEnabled || testing.Short() {
		return sizeLarge
	}
	return sizeHuge
}

// helperImport: args path, source. It loads the account to import from
// the source database (faster than generating it again), says "ready",
// imports it and says how long the import took.
func helperImport(args []string) error {
	ctx := context.Background()
	src, err := Open(args[1], Options{ReadOnly: true})
	if err != nil {
		return err
	}
	a, err := src.LoadAccount(ctx, testAccount)
	src.Close()
	if err != nil {
		return err
	}
	db, err := Open(args[0], Options{})
	if err != nil {
		return err
	}
	fmt.Println("ready")
	start := time.Now()
	if err := db.ReplaceAccount(ctx, a, "new"); err != nil {
		return err
	}
	fmt.Println("done", time.Since(start).Nanoseconds())
	return db.Close()
}

// helperApply: args path, worker, count, go-file. Once the go file exists,
// it makes count change sets, each creating a user of its own and bumping
// the counter tag of the shared user alice; a conflict is counted and the
// change recomputed from a fresh copy. It prints "committed conflicts".
func helperApply(args []string) error {
	ctx := context.Background()
	worker, count := args[1], atoiOr(args[2], 0)
	for {
		if _, err := os.Stat(args[3]); err == nil {
			break
		}
		time.Sleep(time.Millisecond)
	}
	db, err := Open(args[0], Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	committed, conflicts := 0, 0
	for i := 0; i < count; {
		a, err := db.LoadAccount(ctx, testAccount)
		if err != nil {
			return err
		}
		alice := a.User("alice")
		next := alice.Clone()
		n := 0
		for _, tag := range next.Tags {
			if tag.Key == "counter" {
				n = atoiOr(tag.Value, 0)
			}
		}
		next.Tags = []model.Tag{{Key: "counter", Value: strconv.Itoa(n + 1)}}
		name := fmt.Sprintf("w%s-u%d", worker, i)
		u := &model.User{Name: name, Path: "/", ID: fmt.Sprintf("AIDAW%s%015d", worker, i), ARN: model.UserARN(testAccount, "/", name)}
		cs := model.ChangeSet{Op: "race", Summary: name, Changes: []model.Change{
			{Account: testAccount, Kind: model.KindUser, Before: alice, After: next},
			{Account: testAccount, Kind: model.KindUser, After: u},
		}}
		_, err = db.Apply(ctx, cs)
		switch {
		case errors.Is(err, ErrConflict):
			conflicts++
			continue
		case err != nil:
			return err
		}
		committed++
		i++
	}
	fmt.Println(committed, conflicts)
	return nil
}

// helperReadOnly: args path. Reads everything read-only, and checks that a
// read-write open is refused.
func helperReadOnly(args []string) error {
	db, err := Open(args[0], Options{ReadOnly: true})
	if err != nil {
		return err
	}
	if err := reads(db); err != nil {
		return err
	}
	for name, err := range mutations(db) {
		if !errors.Is(err, ErrReadOnly) {
			return fmt.Errorf("%s: %v", name, err)
		}
	}
	db.Close()
	if rw, err := Open(args[0], Options{}); err == nil {
		rw.Close()
		return errors.New("a read-write open succeeded without write permission")
	}
	fmt.Println("ok")
	return nil
}

func atoiOr(s string, def int) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return def
	}
	return n
}

func checkIntegrity(t *testing.T, db *DB) {
	t.Helper()
	var res string
	if err := db.r.QueryRow("PRAGMA integrity_check").Scan(&res); err != nil || res != "ok" {
		t.Fatalf("integrity_check: %q %v", res, err)
	}
	rows, err := db.r.Query("PRAGMA foreign_key_check")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if rows.Next() {
		t.Fatal("foreign_key_check found dangling references")
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestKillDuringImport kills an import of a huge account (large under the
// race detector or -short) at several moments. The file must open, pass
// integrity_check and hold the old account or the new one, complete.
func TestKillDuringImport(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	base := filepath.Join(dir, "base.db")
	size := processSize()
	oldAcct := genAccount(t, testAccount, size, 1)
	newAcct := genAccount(t, testAccount, size, 2)
	oldJSON, newJSON := accountJSON(t, oldAcct), accountJSON(t, newAcct)
	for _, f := range []struct {
		path string
		acct *model.Account
	}{{base, oldAcct}, {filepath.Join(dir, "source.db"), newAcct}} {
		db := openAt(t, f.path, Options{})
		if err := db.ReplaceAccount(ctx, f.acct, "seed"); err != nil {
			t.Fatal(err)
		}
		db.Close()
	}

	// run starts an import into a copy of base and kills it after delay
	// (never, if delay < 0); it returns the import's own duration if it
	// finished.
	run := func(path string, delay time.Duration) (finished time.Duration) {
		copyFile(t, base, path)
		cmd := helperCommand(t, "import", path, filepath.Join(dir, "source.db"))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		r := bufio.NewReader(out)
		if line, err := r.ReadString('\n'); err != nil || line != "ready\n" {
			t.Fatalf("helper said %q, %v", line, err)
		}
		if delay >= 0 {
			time.Sleep(delay)
			cmd.Process.Signal(syscall.SIGKILL)
		}
		rest, _ := io.ReadAll(r)
		cmd.Wait()
		if f := strings.Fields(string(rest)); len(f) == 2 && f[0] == "done" {
			ns, _ := strconv.ParseInt(f[1], 10, 64)
			return time.Duration(ns)
		}
		return 0
	}
	// An import left alone finishes with the new account.
	fullPath := filepath.Join(dir, "full.db")
	full := run(fullPath, -1)
	if full == 0 {
		t.Fatal("the import did not finish")
	}
	t.Logf("%d users: the import takes %v in the child", size.users, full)
	sawOld, sawNew := 0, 0
	// frac < 0 checks the import that was not killed.
	for i, frac := range []float64{-1, 0, 0.1, 0.3, 0.6, 0.9, 1.5} {
		path := fullPath
		if frac >= 0 {
			path = filepath.Join(dir, fmt.Sprintf("kill%d.db", i))
			run(path, time.Duration(frac*float64(full)))
		}
		db := openAt(t, path, Options{})
		checkIntegrity(t, db)
		got, err := db.LoadAccount(ctx, testAccount)
		if err != nil {
			t.Fatalf("kill at %.0f%%: %v", 100*frac, err)
		}
		j, err := db.Journal(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		switch accountJSON(t, got) {
		case oldJSON:
			sawOld++
			if len(j) != 1 {
				t.Errorf("kill at %.0f%%: old account with %d journal entries", 100*frac, len(j))
			}
		case newJSON:
			sawNew++
			if len(j) != 2 {
				t.Errorf("kill at %.0f%%: new account with %d journal entries", 100*frac, len(j))
			}
		default:
			t.Fatalf("kill at %.0f%%: the account is neither the old nor the new one", 100*frac)
		}
		if frac < 0 && sawNew != 1 {
			t.Fatal("the import that was not killed did not store the new account")
		}
		db.Close()
	}
	t.Logf("after SIGKILL: old account %d times, new %d times", sawOld, sawNew)
	if sawOld == 0 {
		t.Error("no kill landed before the commit: the test proves nothing")
	}
}

// TestTwoProcessesApplyAtOnce runs two writers on one file. Every
// committed change must be there, conflicts must come back as ErrConflict
// (the helper fails on any other error), and busy waits must not fail.
func TestTwoProcessesApplyAtOnce(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "shared.db")
	db := openAt(t, path, Options{})
	if err := db.ReplaceAccount(ctx, smallAccount(t), "small"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	const each = 25
	goFile := filepath.Join(dir, "go")
	var cmds []*exec.Cmd
	var outs []*strings.Builder
	for w := 1; w <= 2; w++ {
		cmd := helperCommand(t, "apply", path, strconv.Itoa(w), strconv.Itoa(each), goFile)
		out := &strings.Builder{}
		cmd.Stdout = out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds, outs = append(cmds, cmd), append(outs, out)
	}
	os.WriteFile(goFile, nil, 0o600)
	committed, conflicts := 0, 0
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("writer %d: %v", i+1, err)
		}
		var c, k int
		if _, err := fmt.Sscan(outs[i].String(), &c, &k); err != nil {
			t.Fatalf("writer %d said %q", i+1, outs[i].String())
		}
		committed += c
		conflicts += k
	}
	t.Logf("%d change sets committed, %d conflicts reported and retried", committed, conflicts)
	db = openAt(t, path, Options{})
	checkIntegrity(t, db)
	a, err := db.LoadAccount(ctx, testAccount)
	if err != nil {
		t.Fatal(err)
	}
	if got := a.User("alice").Tags; len(got) != 1 || got[0].Value != strconv.Itoa(2*each) {
		t.Errorf("alice's counter is %v after %d increments: a committed change was lost", got, 2*each)
	}
	for w := 1; w <= 2; w++ {
		for i := range each {
			if a.User(fmt.Sprintf("w%d-u%d", w, i)) == nil {
				t.Fatalf("user w%d-u%d is missing: a committed change was lost", w, i)
			}
		}
	}
	if j, _ := db.Journal(ctx, 0); len(j) != 2*each+1 {
		t.Errorf("journal has %d entries, want %d", len(j), 2*each+1)
	}
}

// TestReadOnlyInAReadOnlyDirectory opens an evidence copy in a directory
// nobody may write, where SQLite cannot create the -shm file a WAL reader
// needs. Root ignores permissions, so as root the reader runs as nobody.
func TestReadOnlyInAReadOnlyDirectory(t *testing.T) {
	root, err := os.MkdirTemp("", "iamtui-evidence-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
			if err == nil && info.IsDir() {
				os.Chmod(p, 0o755)
			}
			return nil
		})
		os.RemoveAll(root)
	})
	evidence := filepath.Join(root, "evidence")
	if err := os.Mkdir(evidence, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(evidence, "audit.db")
	readOnlyFixture(t, path)
	before, _ := os.ReadFile(path)
	os.Chmod(path, 0o444)
	os.Chmod(evidence, 0o555)
	os.Chmod(root, 0o755)

	if os.Geteuid() != 0 {
		if err := helperReadOnly([]string{path}); err != nil {
			t.Fatal(err)
		}
	} else {
		// The test binary may sit in a directory only root can read.
		bin := filepath.Join(root, "bin")
		os.Mkdir(bin, 0o755)
		exe := filepath.Join(bin, "storage.test")
		self, err := os.ReadFile(os.Args[0])
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(exe, self, 0o755); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(exe, "-test.run=^TestHelperProcess$")
		cmd.Env = append(os.Environ(), helperEnv+"=readonly", "IAMTUI_HELPER_ARGS="+path, "GOCOVERDIR="+root)
		cmd.Dir = root
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), "ok") {
			t.Fatalf("reader as nobody: %v\n%s", err, out)
		}
	}
	after, _ := os.ReadFile(path)
	if string(before) != string(after) {
		t.Error("the evidence file changed")
	}
	entries, _ := os.ReadDir(evidence)
	if len(entries) != 1 {
		t.Errorf("side files appeared next to the evidence: %v", entries)
	}
}
