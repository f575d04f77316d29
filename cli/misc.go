package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"
	"time"
)

// Version is the program's version; release builds set it with -ldflags.
var Version = "0.1.0-dev"

func versionCommand() *Command {
	return &Command{
		Name:     "version",
		Summary:  "print the program's version and its data dates",
		Usage:    "version",
		Examples: []string{"iamtui version"},
		Run: func(ctx context.Context, env *Env, args []string) error {
			fs := newFlags(ctx, "version")
			if _, err := parse(fs, args); err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "iamtui %s\n", Version)
			for _, line := range versionDetails() {
				fmt.Fprintln(env.Stdout, line)
			}
			return nil
		},
	}
}

func accountsCommand() *Command {
	return &Command{
		Name:     "accounts",
		Summary:  "list the accounts in the database",
		Usage:    "accounts [--db FILE] [--json]",
		Examples: []string{"iamtui accounts", "iamtui accounts --db audit.db --json"},
		Run: func(ctx context.Context, env *Env, args []string) error {
			fs := newFlags(ctx, "accounts")
			var db dbFlags
			db.register(fs, false)
			asJSON := fs.Bool("json", false, "print JSON")
			pos, err := parse(fs, args)
			if err != nil {
				return err
			}
			if len(pos) != 0 {
				return usagef("accounts takes no arguments")
			}
			store, err := OpenDB(ctx, env, db.path, true, mustExist)
			if err != nil {
				return err
			}
			defer store.Close()
			sums, err := store.AccountSummaries(ctx)
			if err != nil {
				return err
			}
			if *asJSON {
				enc := json.NewEncoder(env.Stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(map[string]any{"Accounts": sums})
			}
			tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ACCOUNT\tUSERS\tGROUPS\tROLES\tPOLICIES\tIMPORTED\tSOURCE")
			for _, s := range sums {
				fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%s\t%s\n", s.ID, s.Users, s.Groups, s.Roles, s.Policies,
					s.ImportedAt.UTC().Format(time.RFC3339), safeLine(s.Source))
			}
			return tw.Flush()
		},
	}
}

func journalCommand() *Command {
	return &Command{
		Name:    "journal",
		Summary: "show the change history (audit trail), newest first",
		Usage:   "journal [--db FILE] [--limit N] [--json]",
		Examples: []string{
			"iamtui journal",
			"iamtui journal --limit 5 --json",
		},
		Run: func(ctx context.Context, env *Env, args []string) error {
			fs := newFlags(ctx, "journal")
			var db dbFlags
			db.register(fs, false)
			limit := fs.Int("limit", 50, "show at most `N` entries")
			asJSON := fs.Bool("json", false, "print JSON, with before and after snapshots")
			pos, err := parse(fs, args)
			if err != nil {
				return err
			}
			if len(pos) != 0 {
				return usagef("journal takes no arguments")
			}
			if *limit < 0 {
				return usagef("--limit must be 0 (every entry) or more, not %d", *limit)
			}
			store, err := OpenDB(ctx, env, db.path, true, mustExist)
			if err != nil {
				return err
			}
			defer store.Close()
			entries, err := store.Journal(ctx, *limit)
			if err != nil {
				return err
			}
			if *asJSON {
				enc := json.NewEncoder(env.Stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(map[string]any{"Journal": entries})
			}
			tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tTIME\tACCOUNT\tOPERATION\tSUMMARY")
			for _, e := range entries {
				fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", e.ID, e.Time.UTC().Format(time.RFC3339), e.Account, e.Operation, safeLine(e.Summary))
			}
			return tw.Flush()
		},
	}
}
