package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"iamtui/evaluator"
	"iamtui/model/demo"
)

const partTimeChef = "arn:aws:iam::111122223333:role/staff/PartTimeChef"

// eval accepts principals outside the database, evaluates the resource
// side exactly and says the caller's own account must also allow; the JSON
// agrees with the in-process API.
func TestEvalExternalPrincipals(t *testing.T) {
	env, eng := demoEnv(t)
	cases := []struct {
		name      string
		args      []string
		decision  string
		sid       string
		kind      string
		unknown   bool
		readable  []string // in the readable output
		principal string   // as the API sees it
		ctx       []evaluator.ContextValue
	}{
		{"the agency's account with its external id", []string{"--principal", "arn:aws:iam::444455556666:root", "--action", "sts:AssumeRole", "--resource", partTimeChef, "--context", "sts:ExternalId=temp-chefs-agency-2024"},
			"allowed", "TheAgencySendsPartTimers", "account", true,
			[]string{"ALLOWED", "TheAgencySendsPartTimers", "identity side unknown", "account 444455556666 is not in the database", "any principal of account 444455556666"},
			"arn:aws:iam::444455556666:root", []evaluator.ContextValue{{Key: "sts:ExternalId", Values: []string{"temp-chefs-agency-2024"}}}},
		{"the agency's account by id, without the external id", []string{"--principal", "444455556666", "--action", "sts:AssumeRole", "--resource", partTimeChef},
			"implicitDeny", "", "account", true,
			[]string{"DENIED", "Nearest", "TheAgencySendsPartTimers", "sts:ExternalId", "identity side unknown"},
			"arn:aws:iam::444455556666:root", nil},
		{"the supplier delivers", []string{"--principal", "777788889999", "--action", "s3:PutObject", "--resource", demo.StorageRoomBucket + "/ingredients/deliveries/box1.json"},
			"allowed", "TheSupplierDeliversIngredients", "account", true, []string{"ALLOWED", "TheSupplierDeliversIngredients"},
			"arn:aws:iam::777788889999:root", nil},
		{"a user of the supplier", []string{"--principal", "arn:aws:iam::777788889999:user/driver", "--action", "s3:PutObject", "--resource", demo.StorageRoomBucket + "/ingredients/deliveries/box1.json"},
			"allowed", "TheSupplierDeliversIngredients", "user", true, []string{"ALLOWED", "a user of account 777788889999"},
			"arn:aws:iam::777788889999:user/driver", nil},
		{"the EC2 service assumes the dishwasher", []string{"--principal", "ec2.amazonaws.com", "--action", "sts:AssumeRole", "--resource", "arn:aws:iam::111122223333:role/machines/Dishwasher"},
			"allowed", "", "service", false, []string{"ALLOWED", "an AWS service principal"},
			"ec2.amazonaws.com", nil},
		{"anonymous is not let into the kitchen", []string{"--principal", "*", "--action", "s3:GetObject", "--resource", demo.KitchenBucket + "/recipes/tomato-soup.json"},
			"implicitDeny", "", "anonymous", false, []string{"DENIED", "anonymous"},
			"*", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, errOut, code := run(t, env, "", append([]string{"eval", "--json"}, c.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			var doc struct {
				EvaluationResults []struct {
					evalResultJSON
					ExternalPrincipal   string
					IdentitySideUnknown bool
					EvalPrincipal       string
				}
			}
			if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.EvaluationResults) != 1 {
				t.Fatalf("JSON: %v\n%s", err, out)
			}
			got := doc.EvaluationResults[0]
			if got.EvalDecision != c.decision || got.ExternalPrincipal != c.kind || got.IdentitySideUnknown != c.unknown || got.EvalPrincipal != c.principal {
				t.Errorf("got %s, external %q, unknown %v, principal %s", got.EvalDecision, got.ExternalPrincipal, got.IdentitySideUnknown, got.EvalPrincipal)
			}
			if c.sid != "" && (len(got.MatchedStatements) == 0 || got.MatchedStatements[0].Sid != c.sid) {
				t.Errorf("matched %+v, want %s first", got.MatchedStatements, c.sid)
			}
			sameAsAPI(t, eng, &evaluator.Request{Principal: c.principal, Action: got.EvalActionName, Resource: got.EvalResourceName, Context: c.ctx}, got.evalResultJSON)
			text, errOut, code := run(t, env, "", append([]string{"eval"}, c.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			for _, want := range c.readable {
				if !strings.Contains(text, want) {
					t.Errorf("readable output lacks %q:\n%s", want, text)
				}
			}
		})
	}
	// A user the restaurant's account does not have is a mistake, not an outsider.
	if _, errOut, code := run(t, env, "", "eval", "--principal", "arn:aws:iam::111122223333:user/nobody", "--action", "s3:GetObject", "--resource", "*"); code != 1 || !strings.Contains(errOut, "account 111122223333 is") {
		t.Errorf("unknown user of a known account: exit %d: %s", code, errOut)
	}
}

// The batch takes outsiders too, by ARN, account id, service or *.
func TestEvalBatchExternalPrincipals(t *testing.T) {
	env, _ := demoEnv(t)
	in := strings.Join([]string{
		`{"principal":"444455556666","action":"sts:AssumeRole","resource":"` + partTimeChef + `","context":{"sts:ExternalId":"temp-chefs-agency-2024"}}`,
		`{"principal":"arn:aws:iam::777788889999:user/driver","action":"s3:PutObject","resource":"arn:aws:s3:::restaurant-storage-room/ingredients/deliveries/box1.json"}`,
		`{"principal":"ec2.amazonaws.com","action":"sts:AssumeRole","resource":"arn:aws:iam::111122223333:role/machines/Dishwasher"}`,
		`{"principal":"*","action":"s3:GetObject","resource":"arn:aws:s3:::restaurant-kitchen/x"}`,
		`{"principal":"arn:aws:iam::111122223333:user/chef-alice","action":"s3:GetObject","resource":"arn:aws:s3:::restaurant-kitchen/x"}`,
	}, "\n")
	out, errOut, code := run(t, env, in, "eval", "--batch", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := []string{
		`"EvalDecision":"allowed"`, `"ExternalPrincipal":"account","IdentitySideUnknown":true`,
		`"EvalDecision":"allowed"`, `"ExternalPrincipal":"user","IdentitySideUnknown":true`,
		`"EvalDecision":"allowed"`, `"ExternalPrincipal":"service"}`,
		`"EvalDecision":"implicitDeny"`, `"ExternalPrincipal":"anonymous"}`,
		`"EvalDecision":"allowed"`, `"EvalPrincipal":"arn:aws:iam::111122223333:user/chef-alice"}`,
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 5 {
		t.Fatalf("%d lines:\n%s", len(lines), out)
	}
	for i, l := range lines {
		if !strings.Contains(l, want[2*i]) || !strings.Contains(l, want[2*i+1]) {
			t.Errorf("line %d: %s\nwant %s and %s", i+1, l, want[2*i], want[2*i+1])
		}
	}
}

// who-can lists the outsiders the resource's own policy lets in, with the
// deciding statement and the conditions that must hold; public loudly.
func TestWhoCanExternal(t *testing.T) {
	env, eng := demoEnv(t)
	deliveries := demo.StorageRoomBucket + "/ingredients/deliveries/box1.json"
	text, errOut, code := run(t, env, "", "who-can", "--action", "s3:PutObject", "--resource", deliveries)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"Outside the database", "777788889999", "any principal of account 777788889999", "TheSupplierDeliversIngredients", "its own account's IAM policies"} {
		if !strings.Contains(text, want) {
			t.Errorf("who-can lacks %q:\n%s", want, text)
		}
	}
	out, errOut, code := run(t, env, "", "who-can", "--action", "sts:AssumeRole", "--resource", partTimeChef, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc struct {
		Principals []struct{ Arn string }
		External   []struct {
			Principal, Kind, EvalStep   string
			Public, IdentitySideUnknown bool
			Conditions, NeedsContext    []string
			MatchedStatements           []struct{ Sid string }
		}
		Conditional          []json.RawMessage
		MissingContextValues []string
		Warnings             []string
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.External) != 1 {
		t.Fatalf("external: %+v", doc.External)
	}
	x := doc.External[0]
	if x.Principal != "444455556666" || x.Kind != "account" || x.Public || !x.IdentitySideUnknown || len(x.MatchedStatements) != 1 ||
		x.MatchedStatements[0].Sid != "TheAgencySendsPartTimers" || strings.Join(x.Conditions, ";") != "sts:ExternalId = temp-chefs-agency-2024" ||
		strings.Join(x.NeedsContext, ";") != "sts:ExternalId" {
		t.Errorf("external entry: %+v", x)
	}
	if strings.Join(doc.MissingContextValues, ",") != "sts:ExternalId" || doc.Conditional == nil || doc.Warnings == nil {
		t.Errorf("missing %v, conditional %v, warnings %v", doc.MissingContextValues, doc.Conditional, doc.Warnings)
	}
	// The same through the API.
	rep, err := eng.WhoCanReport("sts:AssumeRole", partTimeChef, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.External) != 1 || len(rep.Principals) != len(doc.Principals) {
		t.Errorf("API: %d external, %d principals", len(rep.External), len(rep.Principals))
	}
	text, _, _ = run(t, env, "", "who-can", "--action", "sts:AssumeRole", "--resource", partTimeChef)
	for _, want := range []string{"if sts:ExternalId = temp-chefs-agency-2024", "the request did not give sts:ExternalId", "head-chef-hana"} {
		if !strings.Contains(text, want) {
			t.Errorf("who-can lacks %q:\n%s", want, text)
		}
	}
	// Usage errors name the command.
	if _, errOut, code := run(t, env, "", "who-can", "--action", "s3:GetObject"); code != 2 || !strings.Contains(errOut, "who-can needs --resource") {
		t.Errorf("who-can without --resource: exit %d: %s", code, errOut)
	}
}

// A public grant is said loudly, in text and JSON.
func TestWhoCanPublic(t *testing.T) {
	env, _ := demoEnv(t)
	pub := writeFile(t, "public.json", `{"Version":"2012-10-17","Statement":[{"Sid":"Menu","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::restaurant-dining-room/menu/*"}]}`)
	if _, errOut, code := run(t, env, "", "resource-policy", "put", "--resource", demo.DiningRoomBucket, pub); code != 0 {
		t.Fatalf("put: %s", errOut)
	}
	text, errOut, code := run(t, env, "", "who-can", "--action", "s3:GetObject", "--resource", demo.DiningRoomBucket+"/menu/dinner.json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.HasPrefix(text, "⚠ PUBLIC: ANYONE may s3:GetObject") || !strings.Contains(text, "⚠ PUBLIC: * — anyone") {
		t.Errorf("public grant not loud:\n%s", text)
	}
	out, _, _ := run(t, env, "", "who-can", "--action", "s3:GetObject", "--resource", demo.DiningRoomBucket+"/menu/dinner.json", "--json")
	if !strings.Contains(out, `"Public": true`) {
		t.Errorf("JSON: %s", out)
	}
	// And eval by anyone is allowed there.
	text, _, _ = run(t, env, "", "eval", "--principal", "*", "--action", "s3:GetObject", "--resource", demo.DiningRoomBucket+"/menu/dinner.json")
	if !strings.Contains(text, "ALLOWED") || !strings.Contains(text, "Menu") {
		t.Errorf("anonymous eval:\n%s", text)
	}
}
