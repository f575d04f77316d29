package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestEndToEnd builds the real binary and drives it in tmux on a fresh
// default database: the demo account is created, shown, browsed, edited
// and undone, the help opens, and q quits cleanly.
func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed: this test drives the binary in tmux (.ci/run installs it)")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "iamtui")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	data := filepath.Join(dir, "data")
	tm := newTmux(t, dir)
	// The shell prints the exit status once iamtui is gone.
	tm.start(fmt.Sprintf("env -u IAMTUI_DB XDG_DATA_HOME=%s TERM=xterm-256color %s; echo EXIT=$?; sleep 30", data, bin))

	tm.waitFor("the demo account", "account 111122223333", "Users 7", "chef-alice")
	if _, err := os.Stat(filepath.Join(data, "iamtui", "iam.db")); err != nil {
		t.Fatalf("the default database was not created: %v", err)
	}

	tm.keys("j", "Enter")
	tm.waitFor("the detail view", "Users › chef-andre", "arn:aws:iam::111122223333:user/chef-andre")
	tm.keys("Escape", "3")
	tm.waitFor("the Roles pane", "PartTimeChef", "Dishwasher")
	tm.keys(":")
	tm.typeText("policy KitchenAccess")
	tm.keys("Enter")
	tm.waitFor("a jump to a policy", "Policies › KitchenAccess", "Attached to")

	tm.keys("1", "n")
	tm.waitFor("the new-user form", "New user")
	tm.typeText("sous-chef-sam")
	tm.keys("Enter", "Enter")
	tm.waitFor("the new user", "Users 8", `Created user "sous-chef-sam"`)
	tm.keys("u")
	tm.waitFor("the undo", "Users 7", "Undid")

	tm.keys("?")
	tm.waitFor("the help", "Keys", "undo the last change", "esc closes")
	tm.keys("Escape", "q")
	tm.waitFor("a clean exit", "EXIT=0")
}

// TestEndToEndReadOnly opens a database read-only: edits are refused and
// the file is not written.
func TestEndToEndReadOnly(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed: this test drives the binary in tmux (.ci/run installs it)")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "iamtui")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "ro.db")
	// Create the database with the demo through the default path first.
	env := append(os.Environ(), "IAMTUI_DB="+db)
	cmd := exec.Command(bin, "accounts")
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("create: %v\n%s", err, out)
	}
	before, _ := os.ReadFile(db)
	tm := newTmux(t, dir)
	tm.start(fmt.Sprintf("TERM=xterm-256color %s --db %s --read-only --no-mouse; echo EXIT=$?; sleep 30", bin, db))
	tm.waitFor("the list", "Users 7", "READ-ONLY")
	tm.keys("n")
	tm.waitFor("the refusal", "read-only")
	tm.keys("q")
	tm.waitFor("a clean exit", "EXIT=0")
	after, _ := os.ReadFile(db)
	if string(before) != string(after) {
		t.Error("--read-only changed the database file")
	}
}

// tmux drives one session on a private server.
type tmux struct {
	t      *testing.T
	socket string
}

func newTmux(t *testing.T, dir string) *tmux {
	tm := &tmux{t: t, socket: filepath.Join(dir, "tmux.sock")}
	t.Cleanup(func() { _ = exec.Command("tmux", "-S", tm.socket, "kill-server").Run() })
	return tm
}

func (tm *tmux) run(args ...string) string {
	tm.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-S", tm.socket}, args...)...).CombinedOutput()
	if err != nil {
		tm.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func (tm *tmux) start(shellCmd string) {
	tm.run("new-session", "-d", "-s", "e2e", "-x", "120", "-y", "36", shellCmd)
}

func (tm *tmux) keys(keys ...string) {
	tm.t.Helper()
	for _, k := range keys {
		tm.run("send-keys", "-t", "e2e", k)
		time.Sleep(60 * time.Millisecond) // one key per frame, as a person types
	}
}

func (tm *tmux) typeText(s string) {
	tm.t.Helper()
	tm.run("send-keys", "-t", "e2e", "-l", s)
	time.Sleep(100 * time.Millisecond)
}

func (tm *tmux) screen() string { return tm.run("capture-pane", "-p", "-t", "e2e") }

// waitFor polls the screen until it shows every string, for up to 15 s (a
// loaded CI machine builds the catalog slowly).
func (tm *tmux) waitFor(what string, wants ...string) {
	tm.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	var s string
	for time.Now().Before(deadline) {
		s = tm.screen()
		ok := true
		for _, w := range wants {
			if !strings.Contains(s, w) {
				ok = false
				break
			}
		}
		if ok {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	tm.t.Fatalf("waiting for %s: the screen lacks one of %q:\n%s", what, wants, s)
}
