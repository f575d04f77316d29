package catalog

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestComplete(t *testing.T) {
	c := testCatalog(t)
	tests := []struct {
		name   string
		input  string
		limit  int
		first  []string
		check  func(string) bool
		maxLen int
	}{
		{"service prefixes before a colon", "s", 10, []string{"s3:", "s3-object-lambda:", "s3-outposts:"}, func(s string) bool { return strings.HasSuffix(s, ":") }, 10},
		{"exact service first", "iam", 5, []string{"iam:"}, func(s string) bool { return strings.HasSuffix(s, ":") }, 5},
		{"service prefixes ignore case", "SQ", 3, []string{"sqlworkbench:", "sqs:"}, nil, 3},
		{"actions after the colon", "s3:GetObj", 5, []string{"s3:GetObject", "s3:GetObjectAcl"}, func(s string) bool { return strings.HasPrefix(s, "s3:GetObject") }, 5},
		{"actions ignore case", "S3:GETOBJ", 1, []string{"s3:GetObject"}, nil, 1},
		{"empty action lists the service", "iam:", 3, nil, func(s string) bool { return strings.HasPrefix(s, "iam:") }, 3},
		{"unknown service gives nothing", "nope:Get", 10, nil, nil, 0},
		{"substring after prefix matches", "iam:PassRole", 10, []string{"iam:PassRole"}, nil, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := c.Complete(tt.input, tt.limit)
			if len(got) > tt.maxLen || (tt.maxLen > 0 && len(got) == 0) {
				t.Fatalf("Complete(%q, %d) = %v", tt.input, tt.limit, got)
			}
			if len(got) < len(tt.first) || !slices.Equal(got[:len(tt.first)], tt.first) {
				t.Errorf("Complete(%q) = %v, want it to start %v", tt.input, got, tt.first)
			}
			for _, g := range got {
				if tt.check != nil && !tt.check(g) {
					t.Errorf("Complete(%q) offered %q", tt.input, g)
				}
			}
		})
	}
}

func TestCompleteRanksPrefixThenSubstringThenFuzzy(t *testing.T) {
	c := testCatalog(t)
	got := c.Complete("s3:objectacl", 0)
	// No s3 action starts with "objectacl", so substring matches lead:
	// GetObjectAcl, PutObjectAcl, ... then fuzzy ones like GetObjectVersionAcl.
	sub := slices.IndexFunc(got, func(s string) bool { return !strings.Contains(strings.ToLower(s), "objectacl") })
	if sub < 2 || !slices.Contains(got[:sub], "s3:GetObjectAcl") || !slices.Contains(got[:sub], "s3:PutObjectAcl") {
		t.Fatalf("substring matches not first: %v", got)
	}
	if !slices.Contains(got[sub:], "s3:GetObjectVersionAcl") {
		t.Errorf("fuzzy match s3:GetObjectVersionAcl missing after substrings: %v", got)
	}
	seen := map[string]bool{}
	for _, g := range got {
		if seen[g] {
			t.Errorf("duplicate %s", g)
		}
		seen[g] = true
	}
}

func TestCompleteNoLimitReturnsAllPrefixMatches(t *testing.T) {
	c := testCatalog(t)
	got := c.Complete("s3:Get", 0)
	n := 0
	for _, g := range got {
		if strings.HasPrefix(g, "s3:Get") {
			n++
		}
	}
	if want := len(c.Expand("s3:Get*")); n != want {
		t.Errorf("Complete(s3:Get, 0) has %d prefix matches, want %d", n, want)
	}
}

func TestCompleteIsFast(t *testing.T) {
	if testing.Short() {
		t.Skip("timing")
	}
	c := testCatalog(t)
	const calls = 2000
	start := time.Now()
	for range calls / 2 {
		c.Complete("ec2:Descr", 20)
		c.Complete("s", 20)
	}
	// Budget 100 µs per call; typical is ~1 µs, so the margin keeps this from
	// flaking on a loaded 2-core machine while still catching a regression
	// to scanning all 22,000 actions.
	if per := time.Since(start) / calls; per > 100*time.Microsecond {
		t.Errorf("Complete takes %v per call, budget 100 µs", per)
	}
}
