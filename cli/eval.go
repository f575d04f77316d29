package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"iamtui/catalog"
	"iamtui/evaluator"
	"iamtui/internal/loadheap"
	"iamtui/model/policy"
	"iamtui/storage"
)

func evalCommand() *Command {
	return &Command{
		Name:    "eval",
		Summary: "decide a request as AWS would: allowed, explicitDeny or implicitDeny, and why",
		Usage:   "eval [--db FILE] [--account ID] --principal ARN|NAME --action A --resource ARN [--context KEY=VALUE]... [--session-policy FILE] [--now RFC3339|now] [--json] | eval [--db FILE] --batch FILE|-",
		Detail: `Evaluates one request against every policy in the database (identity,
resource-based, trust, permissions boundary, session, SCP and RCP) with
AWS's evaluation logic, and prints the decision, the statement that decided
(its policy, position and text), and an explanation of every statement
considered.

--principal takes an ARN (user, role, assumed-role session
arn:aws:sts::ACCT:assumed-role/ROLE/SESSION, or account root) or a user or
role name. A principal outside the database is accepted too: another
account's root ARN or id (any principal of that account), user, role or
role session, a service principal (ec2.amazonaws.com), or * (anonymous).
Its own account's identity-based policies are not in the database: the
resource side (resource, trust or key policy, RCPs and known SCPs) is
evaluated exactly, and the answer says that the principal's own account
must also allow the request. --context KEY=VALUE adds a request-context value; a key given
twice is multi-valued. Keys describing the principal (aws:username,
aws:userid, aws:PrincipalArn, aws:PrincipalTag/...) are filled in from the
model; environment keys (aws:SourceIp, aws:MultiFactorAuthPresent,
aws:CurrentTime...) are absent unless given, and listed as missing when a
statement reads them. --now fills aws:CurrentTime and aws:EpochTime.

The readable answer says why in its banner ("implicit deny: the
permissions boundary does not allow it"), names statements "statement N
(Sid)" counted from 1, takes the nearest statements from the policy that
said no, and warns (⚠) about an action AWS does not have (with the nearest
one), a context key that is not a condition key, or a value that does not
fit its key's type; the request is evaluated all the same.

--json prints {"EvaluationResults":[...]} in the form of 'aws iam
simulate-principal-policy', plus PolicyName, Sid, StatementIndex (0-based,
as AWS counts) and Effect on each matched statement, EvalStep, Warnings, an
Explanation, and for a principal outside the database ExternalPrincipal
(account, user, role, role session, service, anonymous) and
IdentitySideUnknown.

--batch reads one JSON request a line,
  {"principal": ARN, "action": "svc:Op", "resource": ARN, "context": {"key": "v" | ["v1","v2"]}}
and writes one result object a line, in the same order; a bad line gets an
object with "EvalDecision":"error" and the rest go on. The exit status is
1 when any line was bad.`,
		Examples: []string{
			"iamtui eval --principal alice --action s3:GetObject --resource arn:aws:s3:::reports/q1.csv",
			"iamtui eval --principal arn:aws:iam::111122223333:user/alice --action ec2:TerminateInstances --resource '*' --context aws:MultiFactorAuthPresent=true",
			"iamtui eval --principal arn:aws:sts::111122223333:assumed-role/app/worker --session-policy limit.json --action s3:PutObject --resource arn:aws:s3:::b/k --json",
			"iamtui eval --principal alice --action s3:GetObject --resource arn:aws:s3:::b/k --context aws:SourceIp=203.0.113.7 --now now",
			"iamtui eval --principal 444455556666 --action sts:AssumeRole --resource arn:aws:iam::111122223333:role/staff/PartTimeChef --context sts:ExternalId=temp-chefs-agency-2024",
			"iamtui eval --db audit.db --batch requests.jsonl > results.jsonl",
		},
		Run: runEval,
	}
}

type evalFlags struct {
	db            dbFlags
	account       string
	principal     string
	action        string
	resource      string
	context       stringList
	sessionPolicy string
	now           string
	asJSON        bool
	batch         string
}

func runEval(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(ctx, "eval")
	var f evalFlags
	f.db.register(fs, false)
	fs.StringVar(&f.account, "account", "", "the account `ID` to look a principal name up in")
	fs.StringVar(&f.principal, "principal", "", "the principal: `ARN` or user/role name")
	fs.StringVar(&f.action, "action", "", "the action, e.g. s3:GetObject")
	fs.StringVar(&f.resource, "resource", "", "the resource `ARN` (* for actions without one)")
	fs.Var(&f.context, "context", "request context `KEY=VALUE` (repeat; a key twice is multi-valued)")
	fs.StringVar(&f.sessionPolicy, "session-policy", "", "session policy `FILE` (for an assumed-role session)")
	fs.StringVar(&f.now, "now", "", "fill aws:CurrentTime and aws:EpochTime: RFC3339 `TIME` or now")
	fs.BoolVar(&f.asJSON, "json", false, "print AWS's simulate-principal-policy JSON")
	fs.StringVar(&f.batch, "batch", "", "evaluate JSON requests, one a line, from `FILE` (- for standard input)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("eval takes no arguments (got %q)", pos[0])
	}
	if f.batch != "" {
		if f.principal != "" || f.action != "" || f.resource != "" || len(f.context) > 0 || f.sessionPolicy != "" {
			return usagef("--batch takes its requests from the file: drop --principal, --action, --resource, --context and --session-policy")
		}
		return runEvalBatch(ctx, env, &f)
	}
	req, err := buildRequest(env, &f, "eval")
	if err != nil {
		return err
	}
	cat := startCatalog()
	eng, err := loadEngine(ctx, env, f.db.path)
	if err != nil {
		return err
	}
	if req.Principal, err = eng.ResolvePrincipal(f.account, f.principal); err != nil {
		return fmt.Errorf("--principal: %w", err)
	}
	exp, err := eng.Explain(req)
	if err != nil {
		return err
	}
	exp.Warnings = evaluator.RequestWarnings(cat.get(), req)
	if f.asJSON {
		out := append([]byte(`{"EvaluationResults":[`), evaluator.AppendJSON(nil, req, &exp.Result, exp)...)
		out = append(out, "]}\n"...)
		_, err = env.Stdout.Write(out)
		return err
	}
	return printEval(env.Stdout, req, exp)
}

// buildRequest checks the flags and reads the session policy, before any
// database is opened.
func buildRequest(env *Env, f *evalFlags, cmd string) (*evaluator.Request, error) {
	switch {
	case f.principal == "":
		return nil, usagef("%s needs --principal ARN|NAME", cmd)
	case f.action == "":
		return nil, usagef("%s needs --action service:Operation", cmd)
	case f.resource == "":
		return nil, usagef("%s needs --resource ARN (or * for actions without a resource)", cmd)
	}
	if svc, op, ok := strings.Cut(f.action, ":"); !ok || svc == "" || op == "" {
		return nil, usagef("--action %q: want service:Operation, e.g. s3:GetObject", f.action)
	}
	req := &evaluator.Request{Action: f.action, Resource: f.resource}
	for _, kv := range f.context {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return nil, usagef("--context %q: want KEY=VALUE", kv)
		}
		req.Context = addContext(req.Context, k, v)
	}
	if f.now != "" {
		t := env.Now()
		if f.now != "now" {
			var err error
			if t, err = time.Parse(time.RFC3339, f.now); err != nil {
				return nil, usagef("--now %q: want RFC3339 (2026-01-02T15:04:05Z) or now", f.now)
			}
		}
		for _, cv := range evaluator.TimeContext(t) {
			if !hasContext(req.Context, cv.Key) { // the caller's own value wins
				req.Context = append(req.Context, cv)
			}
		}
	}
	if f.sessionPolicy != "" {
		name, data, err := readInput(env, f.sessionPolicy)
		if err != nil {
			return nil, err
		}
		doc, err := policy.Parse(string(data), policy.Identity)
		if err != nil {
			return nil, fmt.Errorf("session policy %s: %w", name, err)
		}
		req.SessionPolicy = doc
	}
	return req, nil
}

// addContext adds a value, making the key multi-valued when it repeats
// (keys compare ignoring case, as AWS's do).
func addContext(list []evaluator.ContextValue, k, v string) []evaluator.ContextValue {
	for i := range list {
		if strings.EqualFold(list[i].Key, k) {
			list[i].Values = append(list[i].Values, v)
			return list
		}
	}
	return append(list, evaluator.ContextValue{Key: k, Values: []string{v}})
}

func hasContext(list []evaluator.ContextValue, k string) bool {
	for _, cv := range list {
		if strings.EqualFold(cv.Key, k) {
			return true
		}
	}
	return false
}

// loadHeap guesses the heap a load and compile of the database at path
// (or the default one) fills: about twelve times the file (the large
// synthetic account's 7.8 MB file makes about 90 MB without collections),
// at least 96 MiB. Too much costs address space, never memory.
func loadHeap(env *Env, path string) int {
	const least = 96 << 20
	if path == "" {
		var err error
		if path, err = DefaultDBPath(env); err != nil {
			return least
		}
	}
	st, err := os.Stat(path)
	if err != nil {
		return least
	}
	return int(min(max(12*st.Size(), least), 4<<30))
}

// loadEngine opens the database read-only, loads every account (only what
// the evaluator reads) and compiles it.
func loadEngine(ctx context.Context, env *Env, path string) (*evaluator.Engine, error) {
	heap := loadHeap(env, path)
	loadheap.Prepare(heap)
	defer loadheap.PauseGC(heap)()
	db, err := OpenDB(ctx, env, path, true, mustExist)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	w, err := db.LoadWorldWith(ctx, storage.LoadOptions{ForEvaluation: true})
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", db.Path(), err)
	}
	eng, err := evaluator.Compile(w)
	if err != nil {
		return nil, err
	}
	return eng, nil
}

// catalogLoad loads AWS's catalog while the database loads: only the
// warnings need it (an unknown action, a context value of the wrong type).
type catalogLoad struct {
	done chan struct{}
	cat  *catalog.Catalog
}

func startCatalog() *catalogLoad {
	c := &catalogLoad{done: make(chan struct{})}
	go func() {
		defer close(c.done)
		if cat, err := catalog.Load(); err == nil {
			c.cat = cat
		}
	}()
	return c
}

// get waits for the catalog; nil if it could not be read (no warnings).
func (c *catalogLoad) get() *catalog.Catalog {
	<-c.done
	return c.cat
}

// banner is the decision in capitals with why, in the evaluator's words:
// "DENIED  (implicit deny: the permissions boundary does not allow it)".
func banner(res *evaluator.Result) string {
	switch res.Decision {
	case evaluator.Allowed:
		if res.IdentitySideUnknown {
			return "ALLOWED  (by the resource side; account " + res.PrincipalAccount + " must allow it too)"
		}
		return "ALLOWED"
	case evaluator.ExplicitDeny:
		return "DENIED  (explicit deny: " + res.Reason() + ")"
	}
	return "DENIED  (implicit deny: " + res.Reason() + ")"
}

// printEval writes the readable answer: warnings, the decision and why,
// the deciding statements with their text, then every statement
// considered. Statements are "statement N (Sid)", counted from 1.
func printEval(w io.Writer, req *evaluator.Request, exp *evaluator.Explanation) error {
	res := &exp.Result
	var b strings.Builder
	fmt.Fprintf(&b, "\n  ██ %s ██\n\n", safeLine(banner(res)))
	for _, warn := range exp.Warnings {
		fmt.Fprintf(&b, "  ⚠ %s\n", safeLine(warn))
	}
	if len(exp.Warnings) > 0 {
		b.WriteString("\n")
	}
	decided := res.Step.String()
	if res.PrincipalKind == evaluator.PrincipalRoot && res.Decision == evaluator.Allowed && len(res.Matched) == 0 {
		decided = "root user: " + evaluator.RootUserRule
	}
	fmt.Fprintf(&b, "  principal  %s\n  action     %s\n  resource   %s\n  decided at %s\n",
		safeLine(req.Principal), safeLine(req.Action), safeLine(req.Resource), safeLine(decided))
	if res.External {
		fmt.Fprintf(&b, "  outside    %s\n", safeLine(outsiderText(res)))
	}
	if res.CrossAccount {
		fmt.Fprintf(&b, "  cross-account: resource owned by %s\n", safeLine(res.ResourceOwner))
	}
	if res.IdentitySideUnknown {
		fmt.Fprintf(&b, "  ⚠ identity side unknown: account %s is not in the database, so its identity-based\n"+
			"    policies were not evaluated; they must also allow this request (and none may deny it).\n"+
			"    AWS's simulator would need that account's policies.\n", safeLine(res.PrincipalAccount))
	}
	if res.Boundary.Applies {
		fmt.Fprintf(&b, "  permissions boundary allows: %v\n", res.Boundary.Allowed)
	}
	if res.Org.Applies {
		fmt.Fprintf(&b, "  organization policies allow: %v\n", res.Org.Allowed)
	}
	for _, m := range res.Matched {
		fmt.Fprintf(&b, "\n%s %s of %s %s, line %d column %d to line %d column %d:\n",
			m.Effect, safeLine(m.Label()), m.PolicyType, safeLine(m.PolicyName), m.Start.Line, m.Start.Column, m.End.Line, m.End.Column)
		for _, line := range statementLines(m.Statement, m.Document) {
			fmt.Fprintf(&b, "    %s\n", line)
		}
	}
	if len(res.MissingContextValues) > 0 {
		fmt.Fprintf(&b, "\nMissing context values: %s\n", safeLine(strings.Join(res.MissingContextValues, ", ")))
	}
	fmt.Fprintf(&b, "\nWhy: %s\n", safeLine(exp.Summary))
	if len(exp.Nearest) > 0 {
		b.WriteString("\nNearest statements:\n")
		for _, t := range exp.Nearest {
			fmt.Fprintf(&b, "  %s of %s %s (line %d): %s\n", safeLine(t.Label()), t.PolicyType, safeLine(t.PolicyName), t.Start.Line, safeLine(t.Failed))
		}
	}
	if len(exp.Overridden) > 0 {
		b.WriteString("\nAllows the Deny overrides:\n")
		for _, t := range exp.Overridden {
			fmt.Fprintf(&b, "  %s of %s %s (line %d)\n", safeLine(t.Label()), t.PolicyType, safeLine(t.PolicyName), t.Start.Line)
		}
	}
	b.WriteString("\nEvery statement considered:\n")
	for _, t := range exp.Statements {
		mark := "  ✗"
		if t.Applies {
			mark = "  ✓"
		}
		why := t.Failed
		if t.Applies {
			why = "applies"
		}
		fmt.Fprintf(&b, "%s %s %s of %s %s %s: %s\n", mark, t.Effect, safeLine(t.Label()), t.PolicyType, safeLine(t.PolicyName), posText(t.Start), safeLine(why))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// outsiderText says who a principal outside the database stands for.
func outsiderText(res *evaluator.Result) string {
	switch res.PrincipalKind {
	case evaluator.PrincipalAccount:
		return "any principal of account " + res.PrincipalAccount + " that its own IAM policies allow"
	case evaluator.PrincipalService:
		return "an AWS service principal, or a provider a policy names"
	case evaluator.PrincipalAnonymous:
		return "anyone: an anonymous (unauthenticated) request"
	}
	return "a " + res.PrincipalKind.String() + " of account " + res.PrincipalAccount + ", which is not in the database"
}

func posText(p policy.Pos) string { return fmt.Sprintf("at %d:%d", p.Line, p.Column) }

// statementLines returns a statement's text as written, shifted left as a
// block: the source starts at the opening brace, so the first line gets back
// the indentation it has in the document before the common indentation goes.
func statementLines(st *policy.Statement, doc *policy.Document) []string {
	lines := strings.Split(safeText(strings.Repeat(" ", max(0, st.Start.Column-1))+st.Source(doc)), "\n")
	common := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		if n := len(l) - len(strings.TrimLeft(l, " ")); common < 0 || n < common {
			common = n
		}
	}
	for i, l := range lines {
		if len(l) >= common && common > 0 {
			lines[i] = l[common:]
		}
	}
	return lines
}
