package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"iamtui/storage"
)

// UIOptions are what 'iamtui' with no command was asked for: the open
// database and the terminal UI's flags. The caller (main) runs the UI,
// since nothing but main may import it, and closes DB.
type UIOptions struct {
	DB       *storage.DB
	ReadOnly bool
	Theme    string
	NoMouse  bool
}

// ParseInteractive parses the UI's flags and opens the database it names
// (creating the default one with the demo account on first run). A
// non-zero code means: exit with it, the error is already printed.
func ParseInteractive(ctx context.Context, env *Env, args []string) (UIOptions, int) {
	fs := newFlags(ctx, "iamtui")
	var db dbFlags
	db.register(fs, true)
	var o UIOptions
	fs.StringVar(&o.Theme, "theme", "", "colour theme `NAME`: auto (from the terminal's background), dark, light, high-contrast, colorblind, mono")
	fs.BoolVar(&o.NoMouse, "no-mouse", false, "leave the mouse to the terminal (select and copy text)")
	pos, err := parse(fs, args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		PrintHelp(env.Stdout)
		return o, -1
	case err != nil:
		fmt.Fprintf(env.Stderr, "iamtui: %v\n(run 'iamtui help' for usage)\n", err)
		return o, 2
	case len(pos) > 0:
		fmt.Fprintf(env.Stderr, "iamtui: unknown command %q (run 'iamtui help' for the list)\n", pos[0])
		return o, 2
	}
	if err := db.checkReadOnlyDefault(env); err != nil {
		fmt.Fprintf(env.Stderr, "iamtui: %s\n", safeLine(err.Error()))
		return o, 1
	}
	store, err := OpenDB(ctx, env, db.path, db.readOnly, mustExist)
	if err != nil {
		fmt.Fprintf(env.Stderr, "iamtui: %s\n", safeLine(err.Error()))
		return o, 1
	}
	o.DB, o.ReadOnly = store, db.readOnly
	return o, 0
}
