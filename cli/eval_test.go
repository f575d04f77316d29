package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"iamtui/evaluator"
	"iamtui/model/demo"
	"iamtui/storage"
)

type evalResultJSON struct {
	EvalActionName    string
	EvalResourceName  string
	EvalDecision      string
	EvalStep          string
	Error             string
	MatchedStatements []struct {
		SourcePolicyId   string
		SourcePolicyType string
		PolicyName       string
		Sid              string
		StatementIndex   int
		Effect           string
		StartPosition    struct{ Line, Column int }
		EndPosition      struct{ Line, Column int }
	}
	MissingContextValues []string
}

// demoEnv makes the default database (the demo) and returns the in-process
// engine over the same stored world, for differential checks.
func demoEnv(t *testing.T) (*Env, *evaluator.Engine) {
	t.Helper()
	env := testEnv(t)
	if _, errOut, code := run(t, env, "", "accounts"); code != 0 {
		t.Fatalf("accounts: %s", errOut)
	}
	db, err := storage.Open(filepath.Join(env.Getenv("XDG_DATA_HOME"), "iamtui", "iam.db"), storage.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	w, err := db.LoadWorld(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	eng, err := evaluator.Compile(w)
	if err != nil {
		t.Fatal(err)
	}
	return env, eng
}

func sameAsAPI(t *testing.T, eng *evaluator.Engine, req *evaluator.Request, got evalResultJSON) {
	t.Helper()
	var res evaluator.Result
	if err := eng.Evaluate(req, &res); err != nil {
		t.Fatal(err)
	}
	if got.EvalDecision != res.Decision.String() || got.EvalStep != res.Step.String() || len(got.MatchedStatements) != len(res.Matched) {
		t.Fatalf("CLI says %s at %s with %d statements; API says %s at %s with %d", got.EvalDecision, got.EvalStep,
			len(got.MatchedStatements), res.Decision, res.Step, len(res.Matched))
	}
	for i, m := range res.Matched {
		g := got.MatchedStatements[i]
		if g.SourcePolicyId != m.PolicyID || g.Sid != m.Sid || g.StatementIndex != m.Index || g.StartPosition.Line != m.Start.Line ||
			g.StartPosition.Column != m.Start.Column || g.EndPosition.Line != m.End.Line || g.SourcePolicyType != m.PolicyType.SourcePolicyType() {
			t.Errorf("statement %d: CLI %+v, API %+v", i, g, m)
		}
	}
}

// Differential: eval --json and eval --batch agree with the in-process API
// on every question of the demo tour.
func TestEvalMatchesTheAPI(t *testing.T) {
	env, eng := demoEnv(t)
	var batch strings.Builder
	tour := demo.Tour()
	for _, q := range tour {
		out, errOut, code := run(t, env, "", "eval", "--principal", q.Principal, "--action", q.Action, "--resource", q.Resource, "--json")
		if code != 0 {
			t.Fatalf("eval: exit %d: %s", code, errOut)
		}
		var doc struct{ EvaluationResults []evalResultJSON }
		if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.EvaluationResults) != 1 {
			t.Fatalf("eval --json output: %v\n%s", err, out)
		}
		got := doc.EvaluationResults[0]
		if got.EvalDecision != q.Want {
			t.Errorf("%s %s %s: %s, want %s", q.Principal, q.Action, q.Resource, got.EvalDecision, q.Want)
		}
		sameAsAPI(t, eng, &evaluator.Request{Principal: q.Principal, Action: q.Action, Resource: q.Resource}, got)
		fmt.Fprintf(&batch, `{"principal":%q,"action":%q,"resource":%q,"context":{}}`+"\n", q.Principal, q.Action, q.Resource)
	}
	out, errOut, code := run(t, env, batch.String(), "eval", "--batch", "-")
	if code != 0 {
		t.Fatalf("eval --batch: exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != len(tour) {
		t.Fatalf("%d result lines for %d requests", len(lines), len(tour))
	}
	for i, q := range tour {
		var got evalResultJSON
		if err := json.Unmarshal([]byte(lines[i]), &got); err != nil {
			t.Fatalf("line %d: %v: %s", i+1, err, lines[i])
		}
		if got.EvalActionName != q.Action || got.EvalResourceName != q.Resource {
			t.Errorf("line %d is out of order: %s %s", i+1, got.EvalActionName, got.EvalResourceName)
		}
		sameAsAPI(t, eng, &evaluator.Request{Principal: q.Principal, Action: q.Action, Resource: q.Resource}, got)
	}
}

func TestEvalBatchBadLinesGetErrorResults(t *testing.T) {
	env, _ := demoEnv(t)
	in := strings.Join([]string{
		`{"principal":"arn:aws:iam::111122223333:user/chef-alice","action":"s3:GetObject","resource":"arn:aws:s3:::restaurant-kitchen/recipes/tomato-soup.json"}`,
		`{"principal":"arn:aws:iam::111122223333:user/chef-alice","action":`,
		`{"principal":"arn:aws:iam::111122223333:user/nobody","action":"s3:GetObject","resource":"*"}`,
		``,
		`{"principal":"waiter-bob","action":"s3:GetObject","resource":"arn:aws:s3:::restaurant-kitchen/x","context":{"aws:TagKeys":["a","b"],"n":3,"b":true,"esc":"\u00e9\n"},"extra":{"x":[1,{"y":null}]}}`,
		`{"principal":"arn:aws:iam::111122223333:user/chef-alice","resource":"*"}`,
	}, "\n")
	out, errOut, code := run(t, env, in, "eval", "--batch", "-")
	if code != 1 {
		t.Errorf("exit %d, want 1 for bad lines; stderr %s", code, errOut)
	}
	if !strings.Contains(errOut, "3 bad request line") {
		t.Errorf("stderr: %s", errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	want := []string{"allowed", "error", "error", "implicitDeny", "error"}
	if len(lines) != len(want) {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), len(want), out)
	}
	for i, w := range want {
		var got evalResultJSON
		if err := json.Unmarshal([]byte(lines[i]), &got); err != nil {
			t.Fatalf("line %d is not JSON: %v", i+1, err)
		}
		if got.EvalDecision != w {
			t.Errorf("result %d: %s (%s), want %s", i+1, got.EvalDecision, got.Error, w)
		}
	}
	if !strings.Contains(lines[1], "line 2, column") {
		t.Errorf("the error does not name the line and column: %s", lines[1])
	}
}

func TestEvalReadableAndFlags(t *testing.T) {
	env, _ := demoEnv(t)
	out, errOut, code := run(t, env, "", "eval", "--principal", "head-chef-hana", "--action", "s3:GetObject",
		"--resource", demo.StorageRoomBucket+"/wine-cellar/chateau-1982.json", "--now", "now", "--context", "aws:SourceIp=10.0.0.1")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"DENIED", "explicit deny", "NoWineOnDuty", "Every statement considered", `"Effect"`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	for _, args := range [][]string{
		{"eval", "--action", "s3:GetObject", "--resource", "*"},
		{"eval", "--principal", "x", "--action", "GetObject", "--resource", "*"},
		{"eval", "--principal", "x", "--action", "s3:GetObject", "--resource", "*", "--context", "novalue"},
		{"eval", "--batch", "-", "--principal", "x"},
	} {
		if _, _, code := run(t, env, "", args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if _, errOut, code := run(t, env, "", "eval", "--principal", "nobody", "--action", "s3:GetObject", "--resource", "*"); code != 1 || !strings.Contains(errOut, "nobody") {
		t.Errorf("unknown principal: exit %d: %s", code, errOut)
	}
	bad := writeFile(t, "session.json", "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Maybe\"}]\n}")
	if _, errOut, code := run(t, env, "", "eval", "--principal", "chef-alice", "--action", "s3:GetObject", "--resource", "*", "--session-policy", bad); code != 1 || !strings.Contains(errOut, "line 3, column") {
		t.Errorf("bad session policy: exit %d: %s", code, errOut)
	}
}

func TestWhoCan(t *testing.T) {
	env, eng := demoEnv(t)
	out, errOut, code := run(t, env, "", "who-can", "--action", "s3:GetObject", "--resource", demo.KitchenBucket+"/recipes/tomato-soup.json", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc struct {
		Principals []struct {
			Arn               string
			MatchedStatements []json.RawMessage
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	api, err := eng.WhoCan("s3:GetObject", demo.KitchenBucket+"/recipes/tomato-soup.json", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(api) != len(doc.Principals) {
		t.Fatalf("CLI lists %d principals, API %d", len(doc.Principals), len(api))
	}
	var arns []string
	for i, p := range doc.Principals {
		arns = append(arns, p.Arn)
		if p.Arn != api[i].Principal.ARN || len(p.MatchedStatements) == 0 {
			t.Errorf("entry %d: %s with %d statements", i, p.Arn, len(p.MatchedStatements))
		}
	}
	all := strings.Join(arns, " ")
	if !strings.Contains(all, "user/chef-alice") || strings.Contains(all, "user/waiter-bob") {
		t.Errorf("who-can: %s", all)
	}
	text, _, _ := run(t, env, "", "who-can", "--action", "s3:GetObject", "--resource", demo.KitchenBucket+"/recipes/tomato-soup.json")
	if !strings.Contains(text, "chef-alice") || !strings.Contains(text, "ALLOWED BY") {
		t.Errorf("who-can text:\n%s", text)
	}
}

func TestOrgPolicyFlow(t *testing.T) {
	env, _ := demoEnv(t)
	ask := func() string {
		out, errOut, code := run(t, env, "", "eval", "--principal", "chef-alice", "--action", "s3:GetObject",
			"--resource", demo.KitchenBucket+"/recipes/tomato-soup.json", "--json")
		if code != 0 {
			t.Fatalf("eval: %s", errOut)
		}
		var doc struct{ EvaluationResults []evalResultJSON }
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatal(err)
		}
		return doc.EvaluationResults[0].EvalDecision
	}
	steps := [][]string{
		{"org-policy", "node", "--id", "r-ab12", "--name", "Root"},
		{"org-policy", "node", "--id", "ou-ab12-cdef3456", "--parent", "r-ab12", "--name", "Prod"},
		{"org-policy", "node", "--id", "111122223333", "--parent", "ou-ab12-cdef3456"},
	}
	for _, s := range steps {
		if _, errOut, code := run(t, env, "", s...); code != 0 {
			t.Fatalf("%v: %s", s, errOut)
		}
	}
	if got := ask(); got != "allowed" {
		t.Fatalf("with default SCPs: %s", got)
	}
	scp := writeFile(t, "NoS3.json", `{"Version":"2012-10-17","Statement":[{"Sid":"NoS3","Effect":"Deny","Action":"s3:*","Resource":"*"}]}`)
	if _, errOut, code := run(t, env, "", "org-policy", "put", "--target", "ou-ab12-cdef3456", "--kind", "scp", scp); code != 0 {
		t.Fatalf("put: %s", errOut)
	}
	if got := ask(); got != "explicitDeny" {
		t.Errorf("with NoS3 on the OU: %s", got)
	}
	out, _, _ := run(t, env, "", "org-policy", "list")
	if !strings.Contains(out, "NoS3") || !strings.Contains(out, "ou-ab12-cdef3456") {
		t.Errorf("list:\n%s", out)
	}
	if out, _, code := run(t, env, "", "org-policy", "get", "--target", "ou-ab12-cdef3456", "--kind", "scp", "--name", "NoS3"); code != 0 || !strings.Contains(out, `"Deny"`) {
		t.Errorf("get: %s", out)
	}
	if _, errOut, code := run(t, env, "", "org-policy", "delete", "--target", "ou-ab12-cdef3456", "--kind", "scp", "--name", "NoS3"); code != 0 {
		t.Fatalf("delete: %s", errOut)
	}
	if got := ask(); got != "allowed" {
		t.Errorf("after delete: %s", got)
	}
	// An RCP names "Principal": "*"; it is stored, loaded back and applied
	// to the kitchen bucket like the real thing.
	rcp := writeFile(t, "TLSOnly.json", `{"Version":"2012-10-17","Statement":[{"Sid":"TLSOnly","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"BoolIfExists":{"aws:SecureTransport":"false"}}}]}`)
	if _, errOut, code := run(t, env, "", "org-policy", "put", "--target", "r-ab12", "--kind", "rcp", rcp); code != 0 {
		t.Fatalf("put rcp: %s", errOut)
	}
	askTLS := func(secure string) string {
		out, errOut, code := run(t, env, "", "eval", "--principal", "chef-alice", "--action", "s3:GetObject",
			"--resource", demo.KitchenBucket+"/recipes/tomato-soup.json", "--context", "aws:SecureTransport="+secure, "--json")
		if code != 0 {
			t.Fatalf("eval: %s", errOut)
		}
		var doc struct{ EvaluationResults []evalResultJSON }
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatal(err)
		}
		return doc.EvaluationResults[0].EvalDecision
	}
	if got := askTLS("false"); got != "explicitDeny" {
		t.Errorf("plain HTTP under the TLSOnly RCP: %s", got)
	}
	if got := askTLS("true"); got != "allowed" {
		t.Errorf("TLS under the TLSOnly RCP: %s", got)
	}
	if _, errOut, code := run(t, env, "", "org-policy", "delete", "--target", "r-ab12", "--kind", "rcp", "--name", "TLSOnly"); code != 0 {
		t.Fatalf("delete rcp: %s", errOut)
	}
	bad := writeFile(t, "bad.json", "{\"Statement\": [\n  {\"Effect\": \"Deny\", \"Action\": \"s3:*\", \"Principal\": \"*\"}]}")
	if _, errOut, code := run(t, env, "", "org-policy", "put", "--target", "r-ab12", "--kind", "scp", bad); code != 1 || !strings.Contains(errOut, "line 2, column") {
		t.Errorf("bad SCP: exit %d: %s", code, errOut)
	}
	if _, _, code := run(t, env, "", "org-policy", "put", "--target", "x-1", "--kind", "scp", scp); code != 2 {
		t.Errorf("bad target: exit %d, want 2", code)
	}
	if _, errOut, code := run(t, env, "", "org-policy", "put", "--target", "ou-zz99-00000000", "--kind", "scp", scp); code != 1 || !strings.Contains(errOut, "org-policy node") {
		t.Errorf("missing node: exit %d: %s", code, errOut)
	}
}

// The batch reader cuts its input into chunks and recycles them: results
// keep the input's order across many chunks (more than are ever in
// flight), a line longer than a chunk is read whole, and line numbers in
// errors count from the start of the input.
func TestEvalBatchManyChunksInOrder(t *testing.T) {
	env, _ := demoEnv(t)
	const good = `{"principal":"arn:aws:iam::111122223333:user/chef-alice","action":"s3:GetObject","resource":"arn:aws:s3:::restaurant-kitchen/recipes/%d.json"}`
	var in strings.Builder
	n := 0
	for in.Len() < 3*inFlight*chunkBytes {
		n++
		switch {
		case n == 5000:
			// Longer than two chunks, so the carry doubles more than once.
			fmt.Fprintf(&in, `{"principal":"arn:aws:iam::111122223333:user/chef-alice","action":"s3:GetObject","resource":"arn:aws:s3:::restaurant-kitchen/recipes/%d.json","context":{"pad":%q}}`+"\n",
				n, strings.Repeat("x", 2*chunkBytes+17))
		case n%7919 == 0:
			in.WriteString(`{"principal":` + "\n")
		default:
			fmt.Fprintf(&in, good+"\n", n)
		}
	}
	out, errOut, code := run(t, env, in.String(), "eval", "--batch", "-")
	if code != 1 {
		t.Fatalf("exit %d, want 1 for the bad lines; stderr %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != n {
		t.Fatalf("%d result lines for %d requests", len(lines), n)
	}
	for i, l := range lines {
		var got evalResultJSON
		if err := json.Unmarshal([]byte(l), &got); err != nil {
			t.Fatalf("line %d is not JSON: %v", i+1, err)
		}
		if (i+1)%7919 == 0 {
			if got.EvalDecision != "error" || !strings.Contains(got.Error, fmt.Sprintf("line %d,", i+1)) {
				t.Fatalf("line %d: %s %q, want an error naming the line", i+1, got.EvalDecision, got.Error)
			}
			continue
		}
		if want := fmt.Sprintf("arn:aws:s3:::restaurant-kitchen/recipes/%d.json", i+1); got.EvalResourceName != want || got.EvalDecision != "allowed" {
			t.Fatalf("line %d: %s on %s, want allowed on %s", i+1, got.EvalDecision, got.EvalResourceName, want)
		}
	}
}
