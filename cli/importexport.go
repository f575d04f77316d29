package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"iamtui/model/gaad"
)

func importCommand() *Command {
	return &Command{
		Name:    "import",
		Summary: "load an account from 'aws iam get-account-authorization-details' output",
		Usage:   "import [--db FILE] [--account ID] FILE|-",
		Detail: `Reads the output of 'aws iam get-account-authorization-details' (policy
documents as JSON objects as the AWS CLI prints them, URL-encoded as the raw
API returns them, or as JSON strings). The account id comes from the ARNs
unless --account gives it. Importing an account that is already in the
database replaces it in one transaction; bad input changes nothing.`,
		Examples: []string{
			"aws iam get-account-authorization-details > acct.json && iamtui import acct.json",
			"iamtui import --db audit.db --account 123456789012 acct.json",
			"aws iam get-account-authorization-details | iamtui import -",
		},
		Run: runImport,
	}
}

func runImport(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(ctx, "import")
	var db dbFlags
	db.register(fs, false)
	account := fs.String("account", "", "the account `ID` (default: from the ARNs in the file)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("import takes one FILE (or - for standard input)")
	}
	name, data, err := readInput(env, pos[0])
	if err != nil {
		return err
	}
	acct, warnings, err := gaad.Decode(data, gaad.DecodeOptions{Source: name, AccountID: *account})
	if err != nil {
		return err
	}
	for _, w := range warnings {
		fmt.Fprintf(env.Stderr, "warning: %s: %s\n", name, safeLine(w))
	}
	store, err := OpenDB(ctx, env, db.path, false, mayCreate)
	if err != nil {
		return err
	}
	defer store.Close()
	replaced := false
	if ids, err := store.AccountIDs(ctx); err == nil {
		for _, id := range ids {
			replaced = replaced || id == acct.ID
		}
	}
	if err := store.ReplaceAccount(ctx, acct, name); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	verb := "imported"
	if replaced {
		verb = "replaced"
	}
	fmt.Fprintf(env.Stdout, "%s account %s from %s: %d users, %d groups, %d roles, %d managed policies\n",
		verb, acct.ID, safeLine(name), len(acct.Users), len(acct.Groups), len(acct.Roles), len(acct.Policies))
	return nil
}

// readInput reads a named file, or standard input for "-".
func readInput(env *Env, arg string) (name string, data []byte, err error) {
	if arg == "-" {
		data, err = io.ReadAll(env.Stdin)
		if err != nil {
			return "", nil, fmt.Errorf("read standard input: %w", err)
		}
		return "<stdin>", data, nil
	}
	data, err = os.ReadFile(arg)
	if err != nil {
		return "", nil, fmt.Errorf("read %s: %w", arg, err)
	}
	return arg, data, nil
}

func exportCommand() *Command {
	return &Command{
		Name:    "export",
		Summary: "write an account as 'get-account-authorization-details' JSON",
		Usage:   "export [--db FILE] [--account ID] [--read-only]",
		Detail: `Writes the account in the form the AWS CLI prints, to standard output.
Import then export then import keeps every entity, membership, attachment,
boundary, trust policy, tag and policy version.`,
		Examples: []string{
			"iamtui export > acct.json",
			"iamtui export --db audit.db --account 123456789012 | jq '.UserDetailList[].UserName'",
		},
		Run: runExport,
	}
}

func runExport(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(ctx, "export")
	var db dbFlags
	db.register(fs, true)
	account := fs.String("account", "", "the account `ID` (default: the only account in the database)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usagef("export takes no arguments (it writes to standard output)")
	}
	if err := db.checkReadOnlyDefault(env); err != nil {
		return err
	}
	store, err := OpenDB(ctx, env, db.path, db.readOnly, mustExist)
	if err != nil {
		return err
	}
	defer store.Close()
	id, err := chooseAccount(ctx, store, *account)
	if err != nil {
		return err
	}
	acct, err := store.LoadAccount(ctx, id)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(env.Stdout, 1<<16)
	if err := gaad.Encode(w, acct); err != nil {
		return fmt.Errorf("export %s: %w", id, err)
	}
	return w.Flush()
}

// accountLister is the part of storage chooseAccount needs.
type accountLister interface {
	AccountIDs(ctx context.Context) ([]string, error)
}

// chooseAccount returns the named account, or the only one in the database.
func chooseAccount(ctx context.Context, store accountLister, want string) (string, error) {
	ids, err := store.AccountIDs(ctx)
	if err != nil {
		return "", err
	}
	if want != "" {
		for _, id := range ids {
			if id == want {
				return id, nil
			}
		}
		return "", fmt.Errorf("account %s is not in the database (it has %s)", want, strings.Join(ids, ", "))
	}
	switch len(ids) {
	case 0:
		return "", fmt.Errorf("the database has no account yet (load one with 'iamtui import FILE')")
	case 1:
		return ids[0], nil
	}
	return "", usagef("the database has %d accounts (%s): choose one with --account", len(ids), strings.Join(ids, ", "))
}
