package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"iamtui/evaluator"
)

func whoCanCommand() *Command {
	return &Command{
		Name:    "who-can",
		Summary: "list every principal allowed to perform an action on a resource",
		Usage:   "who-can [--db FILE] --action A --resource ARN [--context KEY=VALUE]... [--now RFC3339|now] [--json]",
		Detail: `Evaluates the request for every user and role in the database (roles as
sessions of the role) and lists those allowed, each with the statement that
allowed it. Context values apply to every principal; the principal's own
keys (aws:username, aws:PrincipalTag/...) come from the model.

Then lists the principals outside the database that the resource's own
policy (bucket, queue, trust or key policy) lets in: other accounts (any of
their principals that their own IAM policies allow), their users and roles,
service principals, and anyone ("*": public, said loudly). Each comes with
the statement that grants it and the conditions that must hold; a grant
whose conditions read keys the request did not give is listed with those
keys.

Last, which context keys the request lacked, and who suitable values of
them would allow.`,
		Examples: []string{
			"iamtui who-can --action s3:DeleteBucket --resource arn:aws:s3:::reports",
			"iamtui who-can --action iam:PassRole --resource arn:aws:iam::111122223333:role/admin --json",
			"iamtui who-can --action ec2:TerminateInstances --resource '*' --context aws:MultiFactorAuthPresent=true",
			"iamtui who-can --action sts:AssumeRole --resource arn:aws:iam::111122223333:role/staff/PartTimeChef",
		},
		Run: runWhoCan,
	}
}

func runWhoCan(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(ctx, "who-can")
	var f evalFlags
	f.db.register(fs, false)
	fs.StringVar(&f.action, "action", "", "the action, e.g. s3:GetObject")
	fs.StringVar(&f.resource, "resource", "", "the resource `ARN` (* for actions without one)")
	fs.Var(&f.context, "context", "request context `KEY=VALUE` (repeat; a key twice is multi-valued)")
	fs.StringVar(&f.now, "now", "", "fill aws:CurrentTime and aws:EpochTime: RFC3339 `TIME` or now")
	fs.BoolVar(&f.asJSON, "json", false, "print JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("who-can takes no arguments (got %q)", pos[0])
	}
	f.principal = "-" // buildRequest checks the rest
	req, err := buildRequest(env, &f, "who-can")
	if err != nil {
		return err
	}
	cat := startCatalog()
	eng, err := loadEngine(ctx, env, f.db.path)
	if err != nil {
		return err
	}
	rep, err := eng.WhoCanReport(req.Action, req.Resource, req.Context)
	if err != nil {
		return err
	}
	warnings := evaluator.RequestWarnings(cat.get(), req)
	if f.asJSON {
		return writeWhoCanJSON(env, req, rep, warnings)
	}
	return printWhoCan(env.Stdout, req, rep, warnings)
}

// printWhoCan writes the readable answer: warnings, the users and roles
// allowed, the outsiders the resource's policy lets in (public first and
// loud), and what missing context keys held back.
func printWhoCan(w io.Writer, req *evaluator.Request, rep *evaluator.WhoCanReport, warnings []string) error {
	var b strings.Builder
	for _, warn := range warnings {
		fmt.Fprintf(&b, "⚠ %s\n", safeLine(warn))
	}
	if len(warnings) > 0 {
		b.WriteString("\n")
	}
	act, res := safeLine(req.Action), safeLine(req.Resource)
	public := 0
	for _, x := range rep.External {
		if x.Public {
			public++
		}
	}
	if public > 0 {
		fmt.Fprintf(&b, "⚠ PUBLIC: ANYONE may %s on %s — every AWS account's principals and anonymous requests (see below).\n\n", act, res)
	}
	if len(rep.Principals) == 0 {
		fmt.Fprintf(&b, "No user or role in the database may %s on %s.\n", act, res)
	} else {
		fmt.Fprintf(&b, "%d principal(s) in the database may %s on %s:\n\n", len(rep.Principals), act, res)
		tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "PRINCIPAL\tKIND\tALLOWED BY\tSTATEMENT")
		for _, e := range rep.Principals {
			stmt := ""
			if len(e.Matched) > 0 {
				stmt = statementRef(&e.Matched[0])
				if len(e.Matched) > 1 {
					stmt += fmt.Sprintf(" (+%d)", len(e.Matched)-1)
				}
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", safeLine(e.Principal.ARN), e.Principal.Kind, e.Step, stmt)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if len(rep.External) > 0 {
		fmt.Fprintf(&b, "\nOutside the database, the resource's own policy lets in %d more:\n", len(rep.External))
		for _, x := range rep.External {
			mark := "•"
			if x.Public {
				mark = "⚠ PUBLIC:"
			}
			fmt.Fprintf(&b, "\n  %s %s — %s\n", mark, safeLine(x.Principal), safeLine(x.Description))
			if len(x.Matched) > 0 {
				fmt.Fprintf(&b, "      granted by %s\n", statementRef(&x.Matched[0]))
			}
			for _, c := range x.Conditions {
				fmt.Fprintf(&b, "      if %s\n", safeLine(c))
			}
			if len(x.NeedsContext) > 0 {
				fmt.Fprintf(&b, "      (the request did not give %s: allowed only if the conditions hold)\n", safeLine(strings.Join(x.NeedsContext, ", ")))
			}
			if x.IdentitySideUnknown {
				b.WriteString("      and only if its own account's IAM policies allow it too (not in the database)\n")
			}
		}
	}
	writeMissingContext(&b, rep)
	_, err := io.WriteString(w, b.String())
	return err
}

// writeMissingContext says which context keys the request lacked, and
// whom suitable values of them would allow, grouped by keys.
func writeMissingContext(b *strings.Builder, rep *evaluator.WhoCanReport) {
	if len(rep.MissingContextValues) == 0 {
		return
	}
	fmt.Fprintf(b, "\nThe request did not give %s, which some statements read.\n", safeLine(strings.Join(rep.MissingContextValues, ", ")))
	groups := map[string][]string{}
	for _, c := range rep.Conditional {
		k := strings.Join(c.Keys, ", ")
		groups[k] = append(groups[k], c.Principal.ARN)
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		arns := groups[k]
		more := "more principal would be allowed"
		if len(arns) > 1 {
			more = "more principals would be allowed"
		}
		fmt.Fprintf(b, "  %d %s with suitable values of %s: %s\n", len(arns), more, safeLine(k), safeLine(strings.Join(arns, ", ")))
	}
	if len(rep.Conditional) > 0 {
		b.WriteString("  (give them with --context KEY=VALUE to see the answer for those values)\n")
	}
}

// statementRef names a statement for people: "statement 2
// (CookInTheKitchen) of customer managed policy KitchenAccess, line 5".
func statementRef(m *evaluator.MatchedStatement) string {
	return fmt.Sprintf("%s of %s %s, line %d", safeLine(m.Label()), m.PolicyType, safeLine(m.PolicyName), m.Start.Line)
}

type whoCanJSON struct {
	EvalActionName       string
	EvalResourceName     string
	Principals           []whoCanPrincipalJSON
	External             []whoCanExternalJSON
	Conditional          []whoCanConditionalJSON
	MissingContextValues []string
	Warnings             []string
}

type whoCanPrincipalJSON struct {
	Arn               string
	Name              string
	Kind              string
	AccountId         string //nolint:revive // AWS's spelling
	EvalStep          string
	MatchedStatements []json.RawMessage
}

type whoCanExternalJSON struct {
	Principal           string // as the policy names it
	Element             string // AWS, Service, Federated, CanonicalUser, *
	Kind                string // account, user, role, role session, service, anonymous
	Public              bool
	Description         string
	EvalStep            string
	MatchedStatements   []json.RawMessage
	Conditions          []string
	NeedsContext        []string
	IdentitySideUnknown bool
}

type whoCanConditionalJSON struct {
	Arn                string
	Name               string
	Kind               string
	AccountId          string //nolint:revive // AWS's spelling
	MissingContextKeys []string
}

// matchedJSON writes statements as simulate-principal-policy's
// MatchedStatements.
func matchedJSON(ms []evaluator.MatchedStatement) []json.RawMessage {
	res := evaluator.Result{Decision: evaluator.Allowed, Matched: ms}
	// Reuse the simulate-principal-policy writer for the statements.
	var obj struct{ MatchedStatements []json.RawMessage }
	if err := json.Unmarshal(evaluator.AppendJSON(nil, &evaluator.Request{Resource: "*"}, &res, nil), &obj); err != nil || obj.MatchedStatements == nil {
		return []json.RawMessage{}
	}
	return obj.MatchedStatements
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func writeWhoCanJSON(env *Env, req *evaluator.Request, rep *evaluator.WhoCanReport, warnings []string) error {
	out := whoCanJSON{EvalActionName: req.Action, EvalResourceName: req.Resource, Principals: []whoCanPrincipalJSON{},
		External: []whoCanExternalJSON{}, Conditional: []whoCanConditionalJSON{},
		MissingContextValues: orEmpty(rep.MissingContextValues), Warnings: orEmpty(warnings)}
	for _, e := range rep.Principals {
		out.Principals = append(out.Principals, whoCanPrincipalJSON{Arn: e.Principal.ARN, Name: e.Principal.Name, Kind: e.Principal.Kind,
			AccountId: e.Principal.AccountID, EvalStep: e.Step.String(), MatchedStatements: matchedJSON(e.Matched)})
	}
	for _, x := range rep.External {
		out.External = append(out.External, whoCanExternalJSON{Principal: x.Principal, Element: x.Element, Kind: x.Kind.String(),
			Public: x.Public, Description: x.Description, EvalStep: x.Step.String(), MatchedStatements: matchedJSON(x.Matched),
			Conditions: orEmpty(x.Conditions), NeedsContext: orEmpty(x.NeedsContext), IdentitySideUnknown: x.IdentitySideUnknown})
	}
	for _, c := range rep.Conditional {
		out.Conditional = append(out.Conditional, whoCanConditionalJSON{Arn: c.Principal.ARN, Name: c.Principal.Name, Kind: c.Principal.Kind,
			AccountId: c.Principal.AccountID, MissingContextKeys: orEmpty(c.Keys)})
	}
	enc := json.NewEncoder(env.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("write JSON: %w", err)
	}
	return nil
}
