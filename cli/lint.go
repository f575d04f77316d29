package cli

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"iamtui/catalog"
	"iamtui/lint"
	"iamtui/model"
	"iamtui/model/policy"
)

func lintCommand() *Command {
	return &Command{
		Name:    "lint",
		Summary: "check policies as IAM Access Analyzer's policy validation would",
		Usage:   "lint [--db FILE] [--account ID] [--format text|json|sarif] [--policy FILE|- [--kind identity|resource|trust|scp|rcp]] [--min-severity suggestion|warning|security|error]",
		Detail: `Runs IAM Access Analyzer's policy checks offline, with AWS's issue codes
and categories (ERROR, SECURITY_WARNING, WARNING, SUGGESTION): unknown
actions, services and condition keys with the nearest valid name, invalid
ARNs, missing Version, duplicate Sids, iam:PassRole on "*", Allow with
NotPrincipal, ForAllValues on single-valued keys, wildcards without a Like
operator, redundant actions, policies over their size quota, and more.

Without --policy, every document of the account is checked: inline policies,
every version of every managed policy (non-default versions are marked, as
they become live with one API call), trust policies, and the resource
policies stored with 'iamtui resource-policy'. With --policy, one document
is checked, as an identity policy unless --kind says otherwise.

Formats: text (file:line:col: SEVERITY CODE: message), json (the shape of
'aws accessanalyzer validate-policy': findings[] with findingType,
issueCode, learnMoreLink and locations[].span, whose column is 0-based and
offset counts characters, as AWS's are), sarif (SARIF 2.1.0 for code
scanning; account documents get URIs like iam://ACCOUNT/user/NAME/inline/POLICY).

Exit status: 0 when no finding is an error or a security warning (among those
shown), 1 when one is, 2 for usage errors.`,
		Examples: []string{
			"iamtui lint",
			"iamtui lint --policy policy.json",
			"iamtui lint --policy bucket-policy.json --kind resource --resource-type AWS::S3::Bucket",
			"iamtui lint --format sarif > iam.sarif",
			"iamtui lint --min-severity security --format json | jq '.documents[].findings[].issueCode'",
		},
		Run: runLint,
	}
}

// lintKinds maps --kind to the parser's kind and Access Analyzer's
// policy type.
var lintKinds = map[string]struct {
	kind policy.Kind
	typ  lint.PolicyType
}{
	"identity": {policy.Identity, lint.IdentityPolicy},
	"resource": {policy.Resource, lint.ResourcePolicy},
	"trust":    {policy.Trust, lint.ResourcePolicy},
	"scp":      {policy.OrgPolicy, lint.ServiceControlPolicy},
	"rcp":      {policy.ResourceControl, lint.ResourceControlPolicy},
}

func runLint(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(ctx, "lint")
	var db dbFlags
	db.register(fs, false)
	account := fs.String("account", "", "the account `ID` (default: the only account in the database)")
	format := fs.String("format", "text", "output `FORMAT`: text, json or sarif")
	file := fs.String("policy", "", "lint one policy `FILE` (- for standard input) instead of an account")
	kind := fs.String("kind", "identity", "with --policy, how the policy is used: identity, resource, trust, scp or rcp")
	resourceType := fs.String("resource-type", "", "with --policy, the `TYPE` of resource a resource policy is attached to, e.g. AWS::S3::Bucket")
	minSeverity := fs.String("min-severity", "suggestion", "show findings of at least this `SEVERITY`: suggestion, warning, security or error")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usagef("lint takes no arguments (use --policy FILE for one document)")
	}
	kindSet := false
	fs.Visit(func(f *flag.Flag) { kindSet = kindSet || f.Name == "kind" })
	min, ok := lint.ParseCategory(*minSeverity)
	if !ok {
		return usagef("--min-severity must be suggestion, warning, security or error, not %q", *minSeverity)
	}
	if *format != "text" && *format != "json" && *format != "sarif" {
		return usagef("--format must be text, json or sarif, not %q", *format)
	}
	k, ok := lintKinds[*kind]
	if !ok {
		return usagef("--kind must be identity, resource, trust, scp or rcp, not %q", *kind)
	}
	if *file == "" && (*resourceType != "" || *kind != "identity") {
		return usagef("--kind and --resource-type apply to --policy")
	}
	cat, err := catalog.Load()
	if err != nil {
		return fmt.Errorf("lint: %w", err)
	}
	linter := lint.New(cat)

	var docs []lint.EntityFindings
	if *file != "" {
		name, data, err := readInput(env, *file)
		if err != nil {
			return err
		}
		text := string(data)
		if inner, ok := unwrapPolicy(data); ok {
			// Positions are then those of the policy text inside the
			// wrapper, as 'resource-policy get' prints it. The wrapper
			// comes from get-bucket-policy and its kin: a resource policy
			// unless --kind says otherwise.
			text = inner
			name += " (its Policy text)"
			if !kindSet {
				k = lintKinds["resource"]
			}
		}
		fs := linter.Document(text, k.kind, lint.Options{PolicyType: k.typ, ResourceType: *resourceType})
		docs = []lint.EntityFindings{{URI: name, Entity: name, Kind: k.kind, Text: text, Findings: fs}}
	} else {
		store, err := OpenDB(ctx, env, db.path, true, mustExist)
		if err != nil {
			return err
		}
		defer store.Close()
		if docs, err = lintAccount(ctx, store, linter, *account); err != nil {
			return err
		}
	}
	blocking := false
	for i := range docs {
		docs[i].Findings = lint.Filter(docs[i].Findings, min)
		blocking = blocking || lint.Blocking(docs[i].Findings)
	}
	w := bufio.NewWriterSize(env.Stdout, 1<<16)
	switch *format {
	case "json":
		err = lint.WriteJSON(w, cat.Version(), docs)
	case "sarif":
		err = lint.WriteSARIF(w, cat.Version(), docs)
	default:
		err = writeLintText(w, docs, *file != "")
	}
	if err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("lint: write: %w", err)
	}
	if blocking {
		return &silentExit{1}
	}
	return nil
}

// accountStore is the part of storage an account lint reads.
type accountStore interface {
	accountLister
	LoadAccount(ctx context.Context, id string) (*model.Account, error)
	ResourcePolicies(ctx context.Context, accountID string) ([]*model.ResourcePolicy, error)
}

func lintAccount(ctx context.Context, store accountStore, linter *lint.Linter, want string) ([]lint.EntityFindings, error) {
	id, err := chooseAccount(ctx, store, want)
	if err != nil {
		return nil, err
	}
	acct, err := store.LoadAccount(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("lint: load account %s: %w", id, err)
	}
	rps, err := store.ResourcePolicies(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("lint: resource policies of %s: %w", id, err)
	}
	return linter.Account(acct, rps), nil
}

// writeLintText prints one line a finding. For a file the line starts with
// file:line:col, as compilers do, so editors can jump to it; for an account
// the findings are grouped under the document they are in.
func writeLintText(w io.Writer, docs []lint.EntityFindings, single bool) error {
	counts := map[lint.Category]int{}
	for _, d := range docs {
		if len(d.Findings) == 0 {
			continue
		}
		prefix := safeLine(d.URI) + ":"
		if !single {
			fmt.Fprintf(w, "%s  (%s)\n", safeLine(d.Entity), safeLine(d.URI))
			prefix = "  "
		}
		for _, f := range d.Findings {
			counts[f.Category]++
			msg := f.Message
			if f.Suggestion != "" && !strings.Contains(msg, f.Suggestion) {
				msg += " (did you mean " + f.Suggestion + "?)"
			}
			fmt.Fprintf(w, "%s%d:%d: %s %s: %s\n", prefix, f.Pos.Line, f.Pos.Column, f.Category, f.Code, safeLine(msg))
		}
	}
	total := 0
	for _, n := range counts {
		total += n
	}
	if total == 0 {
		_, err := fmt.Fprintf(w, "no findings in %d document(s)\n", len(docs))
		return err
	}
	_, err := fmt.Fprintf(w, "%d finding(s) in %d document(s): %d error, %d security warning, %d warning, %d suggestion\n",
		total, len(docs), counts[lint.Error], counts[lint.SecurityWarning], counts[lint.Warning], counts[lint.Suggestion])
	return err
}
