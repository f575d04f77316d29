package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"iamtui/catalog"
	"iamtui/evaluator"
	"iamtui/model"
	"iamtui/model/policy"
)

func resourcePolicyCommand() *Command {
	return &Command{
		Name:    "resource-policy",
		Summary: "store, show, list and delete resource-based policies",
		Usage:   "resource-policy put|get|list|delete [--db FILE] [--resource ARN] [--account ID] [FILE|-]",
		Detail: `Resource-based policies (S3 bucket, SQS queue, SNS topic, KMS key, Lambda
function... and the trust policy of a role in another account) are not part
of 'get-account-authorization-details'; store them here so the evaluator uses
them like the real thing.

  put     store the policy in FILE (or standard input) for --resource; also
          accepts the {"Policy": "<JSON text>"} form 'aws s3api
          get-bucket-policy' prints
  get     print the stored policy text
  list    list stored policies (all, or one --account's)
  delete  remove the policy for --resource

--account names the owning account where the ARN has none (S3); it may be an
account that is not otherwise in the database (the other side of a
cross-account request). Without it: the ARN's account, or the only account in
the database.`,
		Examples: []string{
			"aws s3api get-bucket-policy --bucket reports > bucket.json",
			"iamtui resource-policy put --resource arn:aws:s3:::reports --account 123456789012 bucket.json",
			"iamtui resource-policy put --resource arn:aws:iam::444455556666:role/Partner partner-trust.json",
			"iamtui resource-policy get --resource arn:aws:s3:::reports",
			"iamtui resource-policy list --account 123456789012",
			"iamtui resource-policy delete --resource arn:aws:s3:::reports",
		},
		Run: runResourcePolicy,
	}
}

func runResourcePolicy(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(ctx, "resource-policy")
	var db dbFlags
	db.register(fs, false)
	resource := fs.String("resource", "", "the resource's `ARN`")
	account := fs.String("account", "", "the owning account `ID`")
	asJSON := fs.Bool("json", false, "list: print JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("resource-policy needs a verb: put, get, list or delete")
	}
	verb, rest := pos[0], pos[1:]
	switch verb {
	case "put":
		if len(rest) != 1 {
			return usagef("resource-policy put takes one FILE (or - for standard input)")
		}
	case "get", "delete", "list":
		if len(rest) != 0 {
			return usagef("resource-policy %s takes no FILE", verb)
		}
	default:
		return usagef("unknown verb %q: want put, get, list or delete", verb)
	}
	if verb != "list" && *resource == "" {
		return usagef("resource-policy %s needs --resource ARN", verb)
	}
	var arn model.ARN
	if *resource != "" {
		if arn, err = model.ParseARN(*resource); err != nil {
			return fmt.Errorf("--resource: %w", err)
		}
	}
	if *account != "" {
		if err := model.ValidateAccountID(*account); err != nil {
			return usagef("--account: %v", err)
		}
	}

	// Parse the input before touching the database: bad input must change
	// nothing, and must not even create a database file.
	var doc *policy.Document
	if verb == "put" {
		name, data, err := readInput(env, rest[0])
		if err != nil {
			return err
		}
		doc, err = parseResourcePolicy(name, data, arn)
		if err != nil {
			return err
		}
	}

	mode := mustExist
	if verb == "put" {
		mode = mayCreate
	}
	store, err := OpenDB(ctx, env, db.path, verb == "get" || verb == "list", mode)
	if err != nil {
		return err
	}
	defer store.Close()

	switch verb {
	case "put":
		owner := *account
		if owner == "" {
			owner = arn.AccountID
		}
		if owner == "" {
			ids, err := store.AccountIDs(ctx)
			if err != nil {
				return err
			}
			if len(ids) != 1 {
				return usagef("%s names no account: give the owner with --account", *resource)
			}
			owner = ids[0]
		} else if arn.AccountID != "" && arn.AccountID != owner {
			return fmt.Errorf("--account %s does not match the account %s in %s", owner, arn.AccountID, *resource)
		}
		rp := &model.ResourcePolicy{ResourceARN: *resource, AccountID: owner, Document: doc, UpdateDate: env.Now().UTC()}
		if err := store.PutResourcePolicy(ctx, rp); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "stored the policy of %s (account %s, %s)\n", safeLine(*resource), owner, plural(len(doc.Statements), "statement"))
		for _, w := range foreignResources(doc, *resource) {
			fmt.Fprintf(env.Stderr, "warning: %s\n", safeLine(w))
		}
	case "get":
		rp, err := store.ResourcePolicy(ctx, *resource)
		if err != nil {
			return err
		}
		text := rp.Document.Text
		if !strings.HasSuffix(text, "\n") {
			text += "\n"
		}
		fmt.Fprint(env.Stdout, safeText(text))
	case "delete":
		if err := store.DeleteResourcePolicy(ctx, *resource); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "deleted the policy of %s\n", safeLine(*resource))
	case "list":
		rps, err := store.ResourcePolicies(ctx, *account)
		if err != nil {
			return err
		}
		if *asJSON {
			type item struct {
				ResourceArn string
				AccountId   string
				Statements  int
				UpdateDate  string
			}
			items := make([]item, 0, len(rps))
			for _, rp := range rps {
				items = append(items, item{rp.ResourceARN, rp.AccountID, len(rp.Document.Statements), rp.UpdateDate.UTC().Format(time.RFC3339)})
			}
			enc := json.NewEncoder(env.Stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(map[string]any{"ResourcePolicies": items})
		}
		tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "RESOURCE\tACCOUNT\tSTATEMENTS\tUPDATED")
		for _, rp := range rps {
			fmt.Fprintf(tw, "%s\t%s\t%d\t%s\n", safeLine(rp.ResourceARN), rp.AccountID, len(rp.Document.Statements), rp.UpdateDate.UTC().Format(time.RFC3339))
		}
		return tw.Flush()
	}
	return nil
}

// parseResourcePolicy reads a policy document, or the {"Policy": "<text>"}
// wrapper of 'aws s3api get-bucket-policy'. A role's policy is its trust
// policy, which has its own rules (no Resource).
func parseResourcePolicy(name string, data []byte, arn model.ARN) (*policy.Document, error) {
	text := string(data)
	where := name
	if strings.TrimSpace(text) == "" {
		return nil, fmt.Errorf("%s: the file is empty", name)
	}
	if inner, ok := unwrapPolicy(data); ok {
		text = inner
		where = name + ": the Policy text"
	}
	kind := policy.Resource
	if arn.Service == "iam" && strings.HasPrefix(arn.Resource, "role/") {
		kind = policy.Trust
	}
	doc, err := policy.Parse(text, kind)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", where, err)
	}
	return doc, nil
}

// plural says "1 statement" or "3 statements".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// unwrapPolicy returns the policy text of the {"Policy": "<JSON text>"}
// wrapper that 'aws s3api get-bucket-policy' (and other get-*-policy
// commands) print; ok is false for anything else.
func unwrapPolicy(data []byte) (text string, ok bool) {
	var wrapper struct {
		Policy *string `json:"Policy"`
	}
	if dec := json.NewDecoder(bytes.NewReader(data)); dec.Decode(&wrapper) == nil && wrapper.Policy != nil {
		return *wrapper.Policy, true
	}
	return "", false
}

// foreignResources warns about statements whose Resource names neither the
// resource the policy is stored under nor anything inside it (a copy of
// another bucket's policy, say): they can never apply to requests on it.
func foreignResources(doc *policy.Document, resource string) []string {
	var out []string
	for _, st := range doc.Statements {
		if st.Resource == nil {
			continue // no Resource (trust policies) or NotResource: nothing to check
		}
		covers := false
		for _, v := range st.Resource.Values {
			if catalog.WildcardMatch(v.S, resource) || catalog.WildcardMatch(v.S, resource+"/x") || strings.HasPrefix(v.S, resource+"/") {
				covers = true
				break
			}
		}
		if !covers {
			out = append(out, fmt.Sprintf("%s (line %d) names only other resources (%s), so it never applies to %s",
				evaluator.StatementLabel(st.Index, st.Sid), st.Start.Line, strings.Join(st.Resource.Strings(), ", "), resource))
		}
	}
	return out
}
