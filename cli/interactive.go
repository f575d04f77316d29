package cli

import (
	"context"
	"fmt"
)

// Interactive is what 'iamtui' with no command does: open the database
// (creating the demo on first run) and, until the terminal UI lands, print
// the help with a summary of what the database holds.
func Interactive(ctx context.Context, env *Env, args []string) int {
	fs := newFlags(ctx, "iamtui")
	var db dbFlags
	db.register(fs, true)
	fs.String("theme", "", "colour theme `NAME`")
	if _, err := parse(fs, args); err != nil {
		fmt.Fprintf(env.Stderr, "iamtui: %v\n", err)
		return 2
	}
	store, err := OpenDB(ctx, env, db.path, db.readOnly, mustExist)
	if err != nil {
		fmt.Fprintf(env.Stderr, "iamtui: %s\n", safeLine(err.Error()))
		return 1
	}
	defer store.Close()
	PrintHelp(env.Stdout)
	sums, err := store.AccountSummaries(ctx)
	if err != nil {
		fmt.Fprintf(env.Stderr, "iamtui: %s\n", safeLine(err.Error()))
		return 1
	}
	fmt.Fprintf(env.Stdout, "\nDatabase %s:\n", safeLine(store.Path()))
	for _, s := range sums {
		fmt.Fprintf(env.Stdout, "  account %s: %d users, %d groups, %d roles, %d managed policies (%s)\n",
			s.ID, s.Users, s.Groups, s.Roles, s.Policies, safeLine(s.Source))
	}
	return 0
}
