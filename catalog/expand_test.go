package catalog

import (
	"slices"
	"strings"
	"testing"
)

func TestExpandPrefixWildcardMatchesCatalog(t *testing.T) {
	c := testCatalog(t)
	got := c.Expand("s3:Get*")
	s3, _ := c.Service("s3")
	var want []string
	for _, a := range s3.Actions {
		if strings.HasPrefix(a.Name, "Get") {
			want = append(want, a.FullName())
		}
	}
	slices.Sort(want)
	if len(got) < 40 || !slices.Equal(got, want) {
		t.Errorf("Expand(s3:Get*) = %d actions, want the %d s3 actions starting with Get", len(got), len(want))
	}
	for _, g := range got {
		if !strings.HasPrefix(g, "s3:Get") {
			t.Errorf("Expand(s3:Get*) returned %s", g)
		}
	}
}

func TestExpand(t *testing.T) {
	c := testCatalog(t)
	s3, _ := c.Service("s3")
	tests := []struct {
		name    string
		pattern string
		count   int      // -1: don't check
		first   []string // leading results
		all     func(string) bool
	}{
		{"exact action returns itself", "iam:PassRole", 1, []string{"iam:PassRole"}, nil},
		{"exact action in any case returns AWS casing", "IAM:passrole", 1, []string{"iam:PassRole"}, nil},
		{"unknown exact action returns nothing", "iam:PassRoles", 0, nil, nil},
		{"unknown service returns nothing", "nope:*", 0, nil, nil},
		{"no colon is not an action", "GetObject", 0, nil, nil},
		{"empty is nothing", "", 0, nil, nil},
		{"service star is the whole service", "s3:*", len(s3.Actions), nil, func(s string) bool { return strings.HasPrefix(s, "s3:") }},
		{"star alone is every action", "*", c.NumActions(), nil, nil},
		{"question mark is one character", "s3:GetObjec?", 1, []string{"s3:GetObject"}, nil},
		{"ignores case of pattern", "S3:gEtObJeCt*", -1, []string{"s3:GetObject", "s3:GetObjectAcl"}, func(s string) bool { return strings.HasPrefix(s, "s3:GetObject") }},
		{"inner star", "iam:*Policy", -1, nil, func(s string) bool { return strings.HasPrefix(s, "iam:") && strings.HasSuffix(s, "Policy") }},
		{"star in service part spans services", "*:GetObject", -1, []string{"mediapackagev2:GetObject"}, func(s string) bool { return strings.HasSuffix(s, ":GetObject") }},
		{"star before colon covers longer prefixes", "s3*:GetObject", 3, []string{"s3-object-lambda:GetObject", "s3-outposts:GetObject", "s3:GetObject"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := c.Expand(tt.pattern)
			if tt.count >= 0 && len(got) != tt.count {
				t.Errorf("Expand(%q) = %d actions, want %d", tt.pattern, len(got), tt.count)
			}
			if len(got) < len(tt.first) || !slices.Equal(got[:len(tt.first)], tt.first) {
				t.Errorf("Expand(%q) starts %v, want %v", tt.pattern, got[:min(len(got), len(tt.first))], tt.first)
			}
			if !slices.IsSorted(got) {
				t.Errorf("Expand(%q) not sorted", tt.pattern)
			}
			for _, g := range got {
				if tt.all != nil && !tt.all(g) {
					t.Errorf("Expand(%q) returned %s", tt.pattern, g)
					break
				}
				if _, ok := c.Action(g); !ok {
					t.Errorf("Expand(%q) returned unknown %s", tt.pattern, g)
					break
				}
			}
		})
	}
}

func TestExpandResultIsACopy(t *testing.T) {
	c := testCatalog(t)
	all := c.Expand("*")
	all[0] = "mutated"
	if c.Expand("*")[0] == "mutated" {
		t.Error("Expand(*) exposes the catalog's list")
	}
}

func TestGlobMatch(t *testing.T) {
	tests := []struct {
		p, s string
		want bool
	}{
		{"*", "", true},
		{"*", "abc", true},
		{"a*c", "abc", true},
		{"a*c", "abcc", true},
		{"a*c", "abcd", false},
		{"a?c", "abc", true},
		{"a?c", "ac", false},
		{"*a*b*", "xxaxxbxx", true},
		{"*a*b*", "xxbxxaxx", false},
		{"abc", "abc", true},
		{"abc", "abd", false},
		{"", "", true},
		{"", "a", false},
	}
	for _, tt := range tests {
		if got := WildcardMatch(tt.p, tt.s); got != tt.want {
			t.Errorf("WildcardMatch(%q, %q) = %v, want %v", tt.p, tt.s, got, tt.want)
		}
	}
}
