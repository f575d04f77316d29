// Package cli is iamtui's command line: one subcommand a file, each with
// its help and examples, all writing errors to stderr and returning non-zero
// on failure so scripts can rely on them.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// Env is what a command may touch of the outside world; tests give fakes.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	Now    func() time.Time
	// HomeDir is the user's home directory ("" when unknown).
	HomeDir string
	// GOOS picks the platform's data directory convention.
	GOOS string
}

// Command is one subcommand.
type Command struct {
	Name     string
	Summary  string
	Usage    string // synopsis after "iamtui "
	Detail   string
	Examples []string
	Run      func(ctx context.Context, env *Env, args []string) error
}

// usageError marks a mistake in how a command was called (exit status 2).
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// Commands returns every subcommand, sorted by name.
func Commands() []*Command {
	cmds := []*Command{
		importCommand(), exportCommand(), resourcePolicyCommand(), accountsCommand(),
		versionCommand(), journalCommand(),
		evalCommand(), whoCanCommand(), orgPolicyCommand(),
	}
	cmds = append(cmds, extraCommands()...)
	sort.Slice(cmds, func(i, j int) bool { return cmds[i].Name < cmds[j].Name })
	return cmds
}

// Lookup finds a subcommand by name.
func Lookup(name string) *Command {
	for _, c := range Commands() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// Run runs the subcommand named by args[0] and returns the exit status.
func Run(ctx context.Context, env *Env, args []string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
		if len(args) > 1 {
			if c := Lookup(args[1]); c != nil {
				printCommandHelp(env.Stdout, c)
				return 0
			}
			fmt.Fprintf(env.Stderr, "iamtui: unknown command %q\n", args[1])
			return 2
		}
		PrintHelp(env.Stdout)
		return 0
	}
	c := Lookup(args[0])
	if c == nil {
		fmt.Fprintf(env.Stderr, "iamtui: unknown command %q (run 'iamtui help' for the list)\n", args[0])
		return 2
	}
	err := c.Run(ctx, env, args[1:])
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		printCommandHelp(env.Stdout, c)
		return 0
	}
	var se *silentExit
	if errors.As(err, &se) {
		return se.code
	}
	fmt.Fprintf(env.Stderr, "iamtui %s: %s\n", c.Name, safeLine(err.Error()))
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(env.Stderr, "usage: iamtui %s\n(run 'iamtui %s --help' for details)\n", c.Usage, c.Name)
		return 2
	}
	return 1
}

// silentExit ends a command with a status after it reported by itself
// (e.g. lint finding problems).
type silentExit struct{ code int }

func (e *silentExit) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// PrintHelp prints the overview of every command.
func PrintHelp(w io.Writer) {
	fmt.Fprint(w, `iamtui — browse, edit, simulate and audit AWS IAM offline.

Usage:
  iamtui [--db FILE] [--read-only] [--theme NAME] [--no-mouse]   open the terminal UI
  iamtui COMMAND [flags] [args]

Commands:
`)
	for _, c := range Commands() {
		fmt.Fprintf(w, "  %-16s %s\n", c.Name, c.Summary)
	}
	fmt.Fprint(w, `
The database is one SQLite file: --db FILE, else $IAMTUI_DB, else the user
data directory ($XDG_DATA_HOME/iamtui/iam.db on Linux). The default database
is created with a demo account (a restaurant) the first time it is used.

Run 'iamtui help COMMAND' or 'iamtui COMMAND --help' for a command's flags
and examples.
`)
}

func printCommandHelp(w io.Writer, c *Command) {
	fmt.Fprintf(w, "iamtui %s — %s\n\nUsage:\n  iamtui %s\n", c.Name, c.Summary, c.Usage)
	if c.Detail != "" {
		fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(c.Detail))
	}
	if fs := c.flags(); fs != nil {
		fmt.Fprintf(w, "\nFlags:\n")
		fs.SetOutput(w)
		fs.PrintDefaults()
	}
	if len(c.Examples) > 0 {
		fmt.Fprintf(w, "\nExamples:\n")
		for _, e := range c.Examples {
			fmt.Fprintf(w, "  %s\n", e)
		}
	}
}

// flags returns the command's flag set for help output, by running it with
// --help against a throwaway env.
func (c *Command) flags() *flag.FlagSet {
	var captured *flag.FlagSet
	env := &Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard, Getenv: func(string) string { return "" }, Now: time.Now}
	ctx := context.WithValue(context.Background(), flagCaptureKey{}, &captured)
	_ = c.Run(ctx, env, []string{"--help"})
	return captured
}

type flagCaptureKey struct{}

// newFlags makes a command's flag set. Flags may come before or after
// positional arguments, as users type them.
func newFlags(ctx context.Context, name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	if p, ok := ctx.Value(flagCaptureKey{}).(**flag.FlagSet); ok {
		*p = fs
	}
	return fs
}

// parse parses flags anywhere among the arguments and returns the
// positional ones. "--" ends flags; "-" is a positional (stdin).
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usagef("%v", err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		if len(args) > 0 && len(rest) < len(args) && args[len(args)-len(rest)-1] == "--" {
			return append(positional, rest...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// stringList is a repeatable flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }
