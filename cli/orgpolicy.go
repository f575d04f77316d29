package cli

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"iamtui/model"
	"iamtui/model/policy"
	"iamtui/storage"
)

func orgPolicyCommand() *Command {
	return &Command{
		Name:    "org-policy",
		Summary: "build the organization tree and store its SCPs and RCPs",
		Usage:   "org-policy node|remove-node|put|get|list|delete [--db FILE] [--id ID --parent ID --name N] [--target ID --kind scp|rcp --name N] [FILE|-]",
		Detail: `A simple AWS Organizations tree: the root (r-...), organizational units
(ou-...) and accounts (12 digits), with service control policies (SCPs,
which limit the principals of the accounts below) and resource control
policies (RCPs, which limit their resources).

  node         add or move a node: --id ID --parent PARENT [--name NAME]
               (the root has no --parent)
  remove-node  remove --id ID
  put          store the policy in FILE on --target, --kind scp|rcp,
               named --name (default: the file name without extension)
  get          print the policy --target/--kind/--name
  list         print the tree with its policies
  delete       remove the policy --target/--kind/--name

A node with no SCP has AWS's FullAWSAccess; RCPFullAWSAccess is on every
node. An SCP must allow at every level from the root to the account. SCPs do
not apply to accounts left out of the tree: leave the management account
out, as AWS never limits it. Service-linked roles are exempt from both.`,
		Examples: []string{
			"iamtui org-policy node --id r-ab12 --name Root",
			"iamtui org-policy node --id ou-ab12-cdef3456 --parent r-ab12 --name Prod",
			"iamtui org-policy node --id 111122223333 --parent ou-ab12-cdef3456 --name shop",
			"iamtui org-policy put --target ou-ab12-cdef3456 --kind scp --name DenyLeaveOrg deny-leave.json",
			"iamtui org-policy list",
			"iamtui org-policy delete --target ou-ab12-cdef3456 --kind scp --name DenyLeaveOrg",
		},
		Run: runOrgPolicy,
	}
}

func runOrgPolicy(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(ctx, "org-policy")
	var db dbFlags
	db.register(fs, false)
	id := fs.String("id", "", "node: the node's `ID` (r-..., ou-..., or a 12-digit account)")
	parent := fs.String("parent", "", "node: the parent node's `ID`")
	target := fs.String("target", "", "the node (`ID`) a policy is attached to")
	kind := fs.String("kind", "", "scp or rcp")
	name := fs.String("name", "", "the policy's (or node's) `NAME`")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("org-policy needs a verb: node, remove-node, put, get, list or delete")
	}
	verb, rest := pos[0], pos[1:]
	if verb == "put" && len(rest) != 1 {
		return usagef("org-policy put takes one FILE (or - for standard input)")
	}
	if verb != "put" && len(rest) != 0 {
		return usagef("org-policy %s takes no FILE", verb)
	}
	var k model.OrgPolicyKind
	switch verb {
	case "node", "remove-node":
		if err := checkNodeID(*id, "--id"); err != nil {
			return err
		}
		if *parent != "" {
			if err := checkNodeID(*parent, "--parent"); err != nil {
				return err
			}
		}
	case "put", "get", "delete":
		if err := checkNodeID(*target, "--target"); err != nil {
			return err
		}
		switch *kind {
		case "scp", "rcp":
			k = model.OrgPolicyKind(*kind)
		default:
			return usagef("--kind must be scp or rcp, got %q", *kind)
		}
		if *name == "" && verb != "put" {
			return usagef("org-policy %s needs --name", verb)
		}
	case "list":
	default:
		return usagef("unknown verb %q: want node, remove-node, put, get, list or delete", verb)
	}

	// Read and check the policy before touching the database.
	var doc *policy.Document
	if verb == "put" {
		file, data, err := readInput(env, rest[0])
		if err != nil {
			return err
		}
		// RCPs carry a Principal ("*"), which an SCP may not.
		pk := policy.OrgPolicy
		if k == model.RCP {
			pk = policy.ResourceControl
		}
		if doc, err = policy.Parse(string(data), pk); err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		if *name == "" {
			if rest[0] == "-" {
				return usagef("org-policy put from standard input needs --name")
			}
			*name = strings.TrimSuffix(filepath.Base(rest[0]), filepath.Ext(rest[0]))
		}
	}

	readOnly := verb == "get" || verb == "list"
	mode := mustExist
	if !readOnly {
		mode = mayCreate
	}
	store, err := OpenDB(ctx, env, db.path, readOnly, mode)
	if err != nil {
		return err
	}
	defer store.Close()

	switch verb {
	case "node":
		nodeName := *name
		if nodeName == "" {
			nodeName = *id
		}
		if err := store.PutOrgNode(ctx, model.OrgNode{ID: *id, ParentID: *parent, Name: nodeName}); err != nil {
			if errors.Is(err, storage.ErrNotFound) {
				return fmt.Errorf("%w (add the parent first with 'iamtui org-policy node --id %s')", err, *parent)
			}
			return err
		}
		fmt.Fprintf(env.Stdout, "stored node %s under %s\n", safeLine(*id), safeLine(orDash(*parent)))
	case "remove-node":
		if err := store.DeleteOrgNode(ctx, *id); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "removed node %s\n", safeLine(*id))
	case "put":
		err := store.PutOrgPolicy(ctx, &model.OrgPolicy{Name: *name, Kind: k, TargetID: *target, Document: doc})
		if errors.Is(err, storage.ErrNotFound) {
			return fmt.Errorf("%w (add the node first with 'iamtui org-policy node --id %s --parent ...')", err, *target)
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "stored %s %q on %s\n", k, safeLine(*name), safeLine(*target))
	case "delete":
		if err := store.DeleteOrgPolicy(ctx, *target, k, *name); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "deleted %s %q from %s\n", k, safeLine(*name), safeLine(*target))
	case "get":
		org, err := store.Organization(ctx)
		if err != nil {
			return err
		}
		for _, p := range org.Policies {
			if p.TargetID == *target && p.Kind == k && p.Name == *name {
				fmt.Fprint(env.Stdout, safeText(p.Document.Text))
				if !strings.HasSuffix(p.Document.Text, "\n") {
					fmt.Fprintln(env.Stdout)
				}
				return nil
			}
		}
		return fmt.Errorf("no %s %q on %s", k, *name, *target)
	case "list":
		org, err := store.Organization(ctx)
		if err != nil {
			return err
		}
		return printOrg(env, org)
	}
	return nil
}

// checkNodeID accepts AWS's forms: r-xxxx, ou-xxxx-xxxxxxxx, 12 digits.
func checkNodeID(id, flag string) error {
	switch {
	case id == "":
		return usagef("%s is required", flag)
	case strings.HasPrefix(id, "r-") && len(id) > 2,
		strings.HasPrefix(id, "ou-") && len(id) > 3,
		model.ValidateAccountID(id) == nil:
		return nil
	}
	return usagef("%s %q: want a root (r-...), an OU (ou-...) or a 12-digit account", flag, id)
}

func orDash(s string) string {
	if s == "" {
		return "(none: a root)"
	}
	return s
}

// printOrg prints the tree, each node with its policies.
func printOrg(env *Env, org *model.Organization) error {
	if len(org.Nodes) == 0 {
		fmt.Fprintln(env.Stdout, "No organization tree. Start one with 'iamtui org-policy node --id r-ab12'.")
		return nil
	}
	children := map[string][]*model.OrgNode{}
	ids := map[string]bool{}
	for _, n := range org.Nodes {
		ids[n.ID] = true
	}
	var roots []*model.OrgNode
	for _, n := range org.Nodes {
		if n.ParentID == "" || !ids[n.ParentID] {
			roots = append(roots, n)
		} else {
			children[n.ParentID] = append(children[n.ParentID], n)
		}
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	var walk func(n *model.OrgNode, depth int)
	walk = func(n *model.OrgNode, depth int) {
		if depth > 16 {
			return
		}
		var scps, rcps []string
		for _, p := range org.Policies {
			if p.TargetID != n.ID {
				continue
			}
			if p.Kind == model.SCP {
				scps = append(scps, safeLine(p.Name))
			} else {
				rcps = append(rcps, safeLine(p.Name))
			}
		}
		if len(scps) == 0 {
			scps = []string{"FullAWSAccess (default)"}
		}
		fmt.Fprintf(tw, "%s%s %s\tSCP: %s\tRCP: %s\n", strings.Repeat("  ", depth), safeLine(n.ID), safeLine(n.Name),
			strings.Join(scps, ", "), strings.Join(append([]string{"RCPFullAWSAccess"}, rcps...), ", "))
		for _, c := range children[n.ID] {
			walk(c, depth+1)
		}
	}
	for _, r := range roots {
		walk(r, 0)
	}
	return tw.Flush()
}
