// Command iamtui browses, edits, simulates and audits AWS IAM offline: a
// terminal UI with no arguments, a command line for scripts otherwise.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"time"

	"iamtui/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	home, _ := os.UserHomeDir()
	env := &cli.Env{
		Stdin:   os.Stdin,
		Stdout:  os.Stdout,
		Stderr:  os.Stderr,
		Getenv:  os.Getenv,
		Now:     time.Now,
		HomeDir: home,
		GOOS:    runtime.GOOS,
	}
	args := os.Args[1:]
	var code int
	if len(args) == 0 || (strings.HasPrefix(args[0], "-") && !isHelp(args[0])) {
		code = cli.Interactive(ctx, env, args)
	} else {
		code = cli.Run(ctx, env, args)
	}
	stop()
	os.Exit(code)
}

func isHelp(arg string) bool {
	return arg == "-h" || arg == "--help" || arg == "-help"
}
