package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"iamtui/evaluator"
)

func whoCanCommand() *Command {
	return &Command{
		Name:    "who-can",
		Summary: "list every user and role allowed to perform an action on a resource",
		Usage:   "who-can [--db FILE] --action A --resource ARN [--context KEY=VALUE]... [--now RFC3339|now] [--json]",
		Detail: `Evaluates the request for every user and role in the database (roles as
sessions of the role) and lists those allowed, each with the statement that
allowed it. Context values apply to every principal; the principal's own
keys (aws:username, aws:PrincipalTag/...) come from the model.`,
		Examples: []string{
			"iamtui who-can --action s3:DeleteBucket --resource arn:aws:s3:::reports",
			"iamtui who-can --action iam:PassRole --resource arn:aws:iam::111122223333:role/admin --json",
			"iamtui who-can --action ec2:TerminateInstances --resource '*' --context aws:MultiFactorAuthPresent=true",
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
	req, err := buildRequest(env, &f)
	if err != nil {
		return err
	}
	eng, err := loadEngine(ctx, env, f.db.path)
	if err != nil {
		return err
	}
	entries, err := eng.WhoCan(req.Action, req.Resource, req.Context)
	if err != nil {
		return err
	}
	if f.asJSON {
		return writeWhoCanJSON(env, req, entries)
	}
	if len(entries) == 0 {
		fmt.Fprintf(env.Stdout, "No user or role may %s on %s.\n", safeLine(req.Action), safeLine(req.Resource))
		return nil
	}
	fmt.Fprintf(env.Stdout, "%d principal(s) may %s on %s:\n\n", len(entries), safeLine(req.Action), safeLine(req.Resource))
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "PRINCIPAL\tKIND\tALLOWED BY\tSTATEMENT")
	for _, e := range entries {
		stmt := ""
		if len(e.Matched) > 0 {
			m := e.Matched[0]
			stmt = fmt.Sprintf("%s %s #%d%s line %d", m.PolicyType, safeLine(m.PolicyName), m.Index, sidText(m.Sid), m.Start.Line)
			if len(e.Matched) > 1 {
				stmt += fmt.Sprintf(" (+%d)", len(e.Matched)-1)
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", safeLine(e.Principal.ARN), e.Principal.Kind, e.Step, stmt)
	}
	return tw.Flush()
}

type whoCanJSON struct {
	EvalActionName   string
	EvalResourceName string
	Principals       []whoCanPrincipalJSON
}

type whoCanPrincipalJSON struct {
	Arn               string
	Name              string
	Kind              string
	AccountId         string //nolint:revive // AWS's spelling
	EvalStep          string
	MatchedStatements []json.RawMessage
}

func writeWhoCanJSON(env *Env, req *evaluator.Request, entries []evaluator.WhoCanEntry) error {
	out := whoCanJSON{EvalActionName: req.Action, EvalResourceName: req.Resource, Principals: []whoCanPrincipalJSON{}}
	for _, e := range entries {
		p := whoCanPrincipalJSON{Arn: e.Principal.ARN, Name: e.Principal.Name, Kind: e.Principal.Kind,
			AccountId: e.Principal.AccountID, EvalStep: e.Step.String(), MatchedStatements: []json.RawMessage{}}
		res := evaluator.Result{Decision: evaluator.Allowed, Matched: e.Matched}
		// Reuse the simulate-principal-policy writer for the statements.
		var obj struct{ MatchedStatements []json.RawMessage }
		if err := json.Unmarshal(evaluator.AppendJSON(nil, &evaluator.Request{Resource: "*"}, &res, nil), &obj); err == nil {
			p.MatchedStatements = obj.MatchedStatements
		}
		out.Principals = append(out.Principals, p)
	}
	enc := json.NewEncoder(env.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("write JSON: %w", err)
	}
	return nil
}
