package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"iamtui/model/demo"
)

// The readable answer says why in the banner, names statements "statement
// N (Sid)" counted from 1 (JSON keeps AWS's 0-based StatementIndex), takes
// the near misses from the policy that said no, and explains the root user.
func TestEvalReadableAnswers(t *testing.T) {
	env, _ := demoEnv(t)
	const (
		ari  = "arn:aws:iam::111122223333:user/apprentice-ari"
		root = "arn:aws:iam::111122223333:root"
	)
	cases := []struct {
		name    string
		args    []string
		want    []string
		notWant []string
	}{
		{"boundary denial", []string{"--principal", ari, "--action", "s3:GetObject", "--resource", demo.StorageRoomBucket + "/ingredients/tomatoes.json"},
			[]string{"DENIED  (implicit deny: the permissions boundary does not allow it)",
				"Nearest statements:\n  statement 1 (AtMostTheKitchen) of permissions boundary KitchenOnlyBoundary (line 4):",
				"Nearest: statement 1 (AtMostTheKitchen) of permissions boundary KitchenOnlyBoundary",
				"✓ Allow statement 3 (FetchIngredients) of customer managed policy KitchenAccess at 20:9: applies"},
			[]string{"Nearest statements:\n  statement 3 (FetchIngredients)"}},
		{"nothing allows", []string{"--principal", "waiter-bob", "--action", "s3:GetObject", "--resource", demo.KitchenBucket + "/recipes/tomato-soup.json"},
			[]string{"DENIED  (implicit deny: no policy allows it)"}, nil},
		{"explicit deny", []string{"--principal", "head-chef-hana", "--action", "s3:GetObject", "--resource", demo.StorageRoomBucket + "/wine-cellar/chateau-1982.json"},
			[]string{"DENIED  (explicit deny: a Deny statement in the group inline policy applies)",
				"Deny statement 1 (NoWineOnDuty) of group inline policy NoWineOnDuty, line 4 column 9",
				"is denied by statement 1 (NoWineOnDuty) of group inline policy NoWineOnDuty (line 4)"}, []string{"statement 0"}},
		{"the root user", []string{"--principal", root, "--action", "s3:GetObject", "--resource", demo.KitchenBucket + "/recipes/tomato-soup.json"},
			[]string{"ALLOWED", "decided at root user: the account's root user is allowed everything not denied by an explicit Deny, an SCP or RCP, or a resource policy"},
			[]string{"decided at identity-based policy"}},
		{"the root user cannot assume a role", []string{"--principal", root, "--action", "sts:AssumeRole", "--resource", partTimeChef},
			[]string{"DENIED  (implicit deny: the root user cannot call sts:AssumeRole", "decided at root user"}, nil},
		{"a typo in the action and odd context", []string{"--principal", "chef-alice", "--action", "s3:GetObjects", "--resource", demo.KitchenBucket + "/x",
			"--context", "aws:CurrentTime=yesterday", "--context", "sts:AssumeRole=x"},
			[]string{"⚠ s3:GetObjects is not an AWS action; did you mean s3:GetObject?",
				`⚠ aws:CurrentTime: "yesterday" is not a date`,
				"⚠ sts:AssumeRole is not a condition key: it names an action"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, errOut, code := run(t, env, "", append([]string{"eval"}, c.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			for _, w := range c.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			for _, w := range c.notWant {
				if strings.Contains(out, w) {
					t.Errorf("output has %q:\n%s", w, out)
				}
			}
		})
	}
	// JSON: the same warnings, and AWS's 0-based index.
	out, _, code := run(t, env, "", "eval", "--json", "--principal", "head-chef-hana", "--action", "s3:GetObject",
		"--resource", demo.StorageRoomBucket+"/wine-cellar/chateau-1982.json", "--context", "aws:SourceIp=the-office")
	if code != 0 {
		t.Fatal(out)
	}
	var doc struct {
		EvaluationResults []struct {
			evalResultJSON
			Warnings    []string
			Explanation struct{ Summary string }
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	r := doc.EvaluationResults[0]
	if len(r.MatchedStatements) != 1 || r.MatchedStatements[0].StatementIndex != 0 || r.MatchedStatements[0].Sid != "NoWineOnDuty" {
		t.Errorf("matched: %+v", r.MatchedStatements)
	}
	if len(r.Warnings) != 1 || !strings.Contains(r.Warnings[0], `aws:SourceIp: "the-office" is not an IP address`) {
		t.Errorf("warnings: %q", r.Warnings)
	}
	if !strings.Contains(r.Explanation.Summary, "statement 1 (NoWineOnDuty)") {
		t.Errorf("summary: %s", r.Explanation.Summary)
	}
	out, _, _ = run(t, env, "", "eval", "--json", "--principal", "chef-alice", "--action", "s3:GetObject", "--resource", demo.KitchenBucket+"/x")
	if !strings.Contains(out, `"Warnings":[]`) {
		t.Errorf("no Warnings field: %s", out)
	}
}

// who-can warns about the action too, and says whom the missing context
// keys held back.
func TestWhoCanWarningsAndMissingContext(t *testing.T) {
	env, _ := demoEnv(t)
	out, errOut, code := run(t, env, "", "who-can", "--action", "s3:GetObjects", "--resource", demo.KitchenBucket+"/x")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.HasPrefix(out, "⚠ s3:GetObjects is not an AWS action; did you mean s3:GetObject?") {
		t.Errorf("who-can:\n%s", out)
	}
	js, _, _ := run(t, env, "", "who-can", "--json", "--action", "s3:GetObjects", "--resource", demo.KitchenBucket+"/x")
	var doc struct{ Warnings []string }
	if err := json.Unmarshal([]byte(js), &doc); err != nil || len(doc.Warnings) != 1 {
		t.Errorf("JSON warnings: %v %q", err, doc.Warnings)
	}
	mfa := writeFile(t, "kitchen.json", `{"Version":"2012-10-17","Statement":[{"Sid":"WaitersWithMFA","Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:user/waiter-bob","arn:aws:iam::111122223333:user/waiter-wendy"]},"Action":"s3:GetObject","Resource":"arn:aws:s3:::restaurant-kitchen/*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}`)
	if _, errOut, code := run(t, env, "", "resource-policy", "put", "--resource", demo.KitchenBucket, mfa); code != 0 {
		t.Fatalf("put: %s", errOut)
	}
	out, _, _ = run(t, env, "", "who-can", "--action", "s3:GetObject", "--resource", demo.KitchenBucket+"/recipes/tomato-soup.json")
	for _, w := range []string{"The request did not give aws:MultiFactorAuthPresent, which some statements read.",
		"2 more principals would be allowed with suitable values of aws:MultiFactorAuthPresent: arn:aws:iam::111122223333:user/waiter-bob, arn:aws:iam::111122223333:user/waiter-wendy"} {
		if !strings.Contains(out, w) {
			t.Errorf("who-can lacks %q:\n%s", w, out)
		}
	}
	out, _, _ = run(t, env, "", "who-can", "--action", "s3:GetObject", "--resource", demo.KitchenBucket+"/recipes/tomato-soup.json", "--context", "aws:MultiFactorAuthPresent=true")
	if !strings.Contains(out, "waiter-bob") || strings.Contains(out, "would be allowed") {
		t.Errorf("who-can with MFA:\n%s", out)
	}
}
