package catalog

import (
	"strings"
	"testing"
)

func TestSuggestPutsDidYouMeanFirst(t *testing.T) {
	c := testCatalog(t)
	tests := []struct {
		text  string
		first string
		guess bool
	}{
		{"s3:GetObj", "s3:GetObject", false},    // a prefix: plain completion
		{"s3:GetObjet", "s3:GetObject", true},   // a typo in the action
		{"s4:GetObject", "s3:GetObject", true},  // a typo in the service
		{"S3:getobjects", "s3:GetObject", true}, // case and a trailing letter
		{"s3", "s3:", false},                    // no colon: services only
		{"s3:zzzzqqqq", "", false},              // nothing plausibly meant
		{"iam:PassRoles", "iam:PassRole", true}, // a plural
		{"ec2:DescribeInstance", "ec2:DescribeInstanceAttribute", false},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			names, guess := c.Suggest(tt.text, 10)
			if guess != tt.guess {
				t.Errorf("didYouMean = %v, want %v (%v)", guess, tt.guess, names)
			}
			first := ""
			if len(names) > 0 {
				first = names[0]
			}
			if first != tt.first {
				t.Errorf("first = %q, want %q (%v)", first, tt.first, names)
			}
			if len(names) > 10 {
				t.Errorf("%d names, limit 10", len(names))
			}
			seen := map[string]bool{}
			for _, n := range names {
				if seen[strings.ToLower(n)] {
					t.Errorf("%q twice", n)
				}
				seen[strings.ToLower(n)] = true
			}
		})
	}
}
