package demo

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"iamtui/model"
	"iamtui/model/gaad"
	"iamtui/model/policy"
)

func restaurant(t *testing.T) (*model.Account, []*model.ResourcePolicy) {
	t.Helper()
	a, rps, err := Restaurant()
	if err != nil {
		t.Fatal(err)
	}
	return a, rps
}

func TestRestaurantFollowsAWSRules(t *testing.T) {
	a, rps := restaurant(t)
	warnings, err := model.Validate(a)
	if err != nil || len(warnings) != 0 {
		t.Fatalf("Validate: %v, warnings %v", err, warnings)
	}
	if a.ID != "111122223333" || len(rps) != 1 || rps[0].ResourceARN != StorageRoomBucket || rps[0].Document.Kind != policy.Resource {
		t.Errorf("account %s, resource policies %+v", a.ID, rps)
	}
}

func TestRestaurantIsDeterministic(t *testing.T) {
	a1, r1 := restaurant(t)
	a2, r2 := restaurant(t)
	if !reflect.DeepEqual(a1, a2) || !reflect.DeepEqual(r1, r2) {
		t.Error("two calls build different restaurants")
	}
	if got := a1.User("chef-alice").ID; got != "AIDA"+got[4:] || len(got) != 21 {
		t.Errorf("chef-alice's id %q", got)
	}
}

// The restaurant teaches every concept the issue names.
func TestRestaurantHasEveryConcept(t *testing.T) {
	a, _ := restaurant(t)
	for _, g := range []string{"Chefs", "Waiters", "Cleaners"} {
		grp := a.Group(g)
		if grp == nil || len(grp.InlinePolicies)+len(grp.AttachedPolicies) == 0 {
			t.Errorf("group %s is missing or has no policy", g)
		}
	}
	members := map[string]int{}
	for _, u := range a.Users {
		for _, g := range u.Groups {
			members[g]++
		}
	}
	if members["Chefs"] < 2 || members["Waiters"] < 2 || members["Cleaners"] < 1 {
		t.Errorf("group members: %v", members)
	}
	if hana := a.User("head-chef-hana"); len(hana.AttachedPolicies) == 0 {
		t.Error("the head chef has no extra rights")
	}
	for name, want := range map[string]int{"PartTimeChef": 14400, "Customer": 3600} {
		r := a.Role(name)
		if r == nil || r.MaxSessionDuration != want || r.TrustPolicy == nil {
			t.Errorf("role %s: %+v", name, r)
		}
	}
	if a.User("apprentice-ari").PermissionsBoundary == "" || a.Role("PartTimeChef").PermissionsBoundary == "" {
		t.Error("no permissions boundary")
	}
	if len(a.Role("Dishwasher").InstanceProfiles) != 1 {
		t.Error("the dishwasher has no instance profile")
	}
	deny := false
	for _, g := range a.Groups {
		for _, p := range g.InlinePolicies {
			for _, s := range p.Document.Statements {
				deny = deny || s.Effect == policy.Deny
			}
		}
	}
	if !deny {
		t.Error("no explicit deny in a group policy")
	}
	if v := a.PolicyByName("KitchenAccess"); len(v.Versions) != 2 || v.Default().ID != "v2" {
		t.Errorf("KitchenAccess versions: %+v", v.Versions)
	}
}

// The UI shows the texts as they are: pretty-printed like the AWS CLI.
func TestPolicyTextsArePrettyPrinted(t *testing.T) {
	a, rps := restaurant(t)
	check := func(what string, d *policy.Document) {
		if !strings.HasPrefix(d.Text, "{\n    \"Version\": \"2012-10-17\",\n") || !strings.HasSuffix(d.Text, "\n}") || strings.Contains(d.Text, "\t") {
			t.Errorf("%s is not pretty-printed:\n%s", what, d.Text)
		}
	}
	for _, u := range a.Users {
		for _, p := range u.InlinePolicies {
			check(p.Name, p.Document)
		}
	}
	for _, g := range a.Groups {
		for _, p := range g.InlinePolicies {
			check(p.Name, p.Document)
		}
	}
	for _, r := range a.Roles {
		check(r.Name+" trust", r.TrustPolicy)
		for _, p := range r.InlinePolicies {
			check(p.Name, p.Document)
		}
	}
	for _, p := range a.Policies {
		for _, v := range p.Versions {
			check(p.Name+" "+v.ID, v.Document)
		}
	}
	for _, rp := range rps {
		check(rp.ResourceARN, rp.Document)
	}
}

// The demo survives export and import unchanged, as the seeded database
// will be exported.
func TestRestaurantRoundTripsThroughGAAD(t *testing.T) {
	a, _ := restaurant(t)
	var out bytes.Buffer
	if err := gaad.Encode(&out, a); err != nil {
		t.Fatal(err)
	}
	b, _, err := gaad.Decode(out.Bytes(), gaad.DecodeOptions{Source: "demo.json"})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Error("the demo changed through export and import")
	}
}

// Every tour question names a principal and a resource the restaurant has.
func TestTourNamesWhatExists(t *testing.T) {
	a, _ := restaurant(t)
	decisions := map[string]int{}
	for _, q := range Tour() {
		decisions[q.Want]++
		e, err := model.ParseIAMARN(q.Principal)
		if err != nil {
			t.Errorf("%s: %v", q.Principal, err)
			continue
		}
		switch e.Type {
		case "user":
			if u := a.User(e.Name); u == nil || u.ARN != q.Principal {
				t.Errorf("no user %s", q.Principal)
			}
		case "assumed-role":
			if a.Role(e.Name) == nil {
				t.Errorf("no role for %s", q.Principal)
			}
		case "root":
			if e.AccountID != AccountID {
				t.Errorf("root of another account: %s", q.Principal)
			}
		default:
			t.Errorf("principal %s", q.Principal)
		}
		known := false
		for _, r := range []string{KitchenBucket, StorageRoomBucket, DiningRoomBucket, OrdersTable, OrderUpTopic} {
			known = known || q.Resource == r || strings.HasPrefix(q.Resource, r+"/")
		}
		if role := a.Role("PartTimeChef"); q.Resource == role.ARN {
			known = true
		}
		if !known {
			t.Errorf("resource %s is not one of the restaurant's", q.Resource)
		}
		if q.Why == "" || !strings.Contains(q.Action, ":") {
			t.Errorf("question %+v", q)
		}
	}
	if len(decisions) != 3 || decisions["allowed"] == 0 || decisions["explicitDeny"] == 0 || decisions["implicitDeny"] == 0 {
		t.Errorf("decisions %v: want each of allowed, explicitDeny and implicitDeny", decisions)
	}
}
