// Command iamtui browses, edits, simulates and audits AWS IAM offline: a
// terminal UI with no arguments, a command line for scripts otherwise.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"time"

	"iamtui/cli"
	"iamtui/sanitize"
	"iamtui/themes"
	"iamtui/ui"
)

func main() {
	started := time.Now()
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
		code = runUI(ctx, env, args, started)
	} else {
		code = cli.Run(ctx, env, args)
	}
	stop()
	os.Exit(code)
}

// runUI is 'iamtui' with no command: the terminal UI on the database the
// flags name.
func runUI(ctx context.Context, env *cli.Env, args []string, started time.Time) int {
	o, code := cli.ParseInteractive(ctx, env, args)
	if code != 0 {
		return max(code, 0)
	}
	defer o.DB.Close()
	theme, err := themes.Parse(o.Theme, themes.NoColor(env.Getenv))
	if err != nil {
		fmt.Fprintf(env.Stderr, "iamtui: --theme: %v\n", err)
		return 2
	}
	opts := ui.Options{
		Store:    ui.NewStore(o.DB),
		Theme:    theme,
		ReadOnly: o.ReadOnly,
		NoMouse:  o.NoMouse,
		Started:  started,
	}
	if env.Getenv("IAMTUI_STARTUP_REPORT") != "" {
		// Measures the first frame with the real binary and terminal.
		opts.StartupReport = func(first, content time.Duration) {
			fmt.Fprintf(env.Stderr, "iamtui: first frame %.1f ms, first frame with the lists %.1f ms after start\n",
				float64(first.Microseconds())/1000, float64(content.Microseconds())/1000)
		}
	}
	err = ui.Run(ctx, opts)
	if err != nil {
		fmt.Fprintf(env.Stderr, "iamtui: %s\n", sanitize.Line(err.Error()))
		return 1
	}
	return 0
}

func isHelp(arg string) bool {
	return arg == "-h" || arg == "--help" || arg == "-help"
}
