package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"iamtui/catalog"
)

func actionsCommand() *Command {
	return &Command{
		Name:    "actions",
		Summary: "look up AWS actions: expand wildcards, complete names, suggest fixes",
		Usage:   "actions [--complete] [--json] PATTERN...",
		Detail: `Looks actions up in the embedded catalog of every AWS service (see
'iamtui version' for its date). A pattern with * or ? lists every action it
grants, as IAM matches them (case-insensitive, over the whole service:action);
a plain name prints that action with its access level, resource types and
condition keys, or the nearest valid name when it does not exist. With
--complete, each argument is a prefix and the completions are listed.

Exit status: 0 when every pattern matched something, 1 otherwise.`,
		Examples: []string{
			"iamtui actions 's3:Get*'",
			"iamtui actions s3:GetObjects            # unknown: suggests s3:GetObject",
			"iamtui actions --complete s3:PutB",
			"iamtui actions --json 'iam:*Policy*' | jq -r '.Actions[].Name'",
		},
		Run: runActions,
	}
}

// actionInfo is one action in --json output.
type actionInfo struct {
	Name          string
	AccessLevel   string
	Description   string   `json:",omitempty"`
	ResourceTypes []string `json:",omitempty"`
	ConditionKeys []string `json:",omitempty"`
}

func runActions(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(ctx, "actions")
	complete := fs.Bool("complete", false, "treat each argument as a prefix and list completions")
	asJSON := fs.Bool("json", false, "print JSON")
	limit := fs.Int("limit", 50, "with --complete, at most `N` completions an argument")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("actions needs at least one PATTERN (e.g. 's3:Get*')")
	}
	cat, err := catalog.Load()
	if err != nil {
		return fmt.Errorf("actions: %w", err)
	}
	type result struct {
		Pattern    string
		Actions    []actionInfo `json:",omitempty"`
		Suggestion string       `json:",omitempty"`
	}
	var results []result
	missing := 0
	for _, p := range pos {
		r := result{Pattern: p}
		var names []string
		switch {
		case *complete:
			names = cat.Complete(p, *limit)
		case strings.ContainsAny(p, "*?"):
			names = cat.Expand(p)
		default:
			if a, ok := cat.Action(p); ok {
				names = []string{a.FullName()}
			} else if s, ok := cat.Nearest(p); ok {
				r.Suggestion = s
			}
		}
		for _, n := range names {
			info := actionInfo{Name: n}
			if a, ok := cat.Action(n); ok {
				info.AccessLevel = a.AccessLevel
				if len(names) == 1 {
					info.Description = a.Description
					for _, rt := range a.ResourceTypes {
						name := rt.Name
						if rt.Required {
							name += "*"
						}
						info.ResourceTypes = append(info.ResourceTypes, name)
					}
					info.ConditionKeys = a.ConditionKeys
				}
			}
			r.Actions = append(r.Actions, info)
		}
		if len(r.Actions) == 0 {
			missing++
		}
		results = append(results, r)
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		if len(results) == 1 {
			if err := enc.Encode(results[0]); err != nil {
				return err
			}
		} else if err := enc.Encode(map[string]any{"Results": results}); err != nil {
			return err
		}
	} else {
		tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
		for i, r := range results {
			if len(results) > 1 {
				if i > 0 {
					fmt.Fprintln(tw)
				}
				fmt.Fprintf(tw, "%s:\n", safeLine(r.Pattern))
			}
			if len(r.Actions) == 0 {
				if r.Suggestion != "" {
					fmt.Fprintf(tw, "no action %s (did you mean %s?)\n", safeLine(r.Pattern), r.Suggestion)
				} else {
					fmt.Fprintf(tw, "no action matches %s\n", safeLine(r.Pattern))
				}
				continue
			}
			for _, a := range r.Actions {
				fmt.Fprintf(tw, "%s\t%s\n", a.Name, a.AccessLevel)
				if a.Description != "" {
					fmt.Fprintf(tw, "  %s\n", a.Description)
				}
				if len(a.ResourceTypes) > 0 {
					note := ""
					if strings.Contains(strings.Join(a.ResourceTypes, ""), "*") {
						note = " (* required)"
					}
					fmt.Fprintf(tw, "  resource types: %s%s\n", strings.Join(a.ResourceTypes, ", "), note)
				}
				if len(a.ConditionKeys) > 0 {
					fmt.Fprintf(tw, "  condition keys: %s\n", strings.Join(a.ConditionKeys, ", "))
				}
			}
			if len(r.Actions) > 1 {
				fmt.Fprintf(tw, "(%d actions)\n", len(r.Actions))
			}
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if missing > 0 {
		return &silentExit{1}
	}
	return nil
}
