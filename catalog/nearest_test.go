package catalog

import (
	"math/rand/v2"
	"testing"
)

func TestNearest(t *testing.T) {
	c := testCatalog(t)
	tests := []struct {
		name, in, want string
		ok             bool
	}{
		{"extra letter", "s3:GetObjects", "s3:GetObject", true},
		{"exact ignoring case returns AWS casing", "s3:getobject", "s3:GetObject", true},
		{"exact returns itself", "iam:PassRole", "iam:PassRole", true},
		{"missing letter", "ec2:RunInstance", "ec2:RunInstances", true},
		{"swapped letters", "iam:PsasRole", "iam:PassRole", true},
		{"unknown service near a known one", "s4:GetObject", "s3:GetObject", true},
		{"misspelt service and action", "lamda:InvokeFuntion", "lambda:InvokeFunction", true},
		{"service in capitals", "DYNAMODB:GetItems", "dynamodb:GetItem", true},
		{"nothing close", "s3:Zzzzzzzzzz", "", false},
		{"unknown service far from all", "qqqqqqqq:GetObject", "", false},
		{"no colon", "GetObject", "", false},
		{"wildcards are not names", "s3:Get*", "", false},
		{"empty", "", "", false},
		{"empty action", "s3:", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := c.Nearest(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("Nearest(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestNearestService(t *testing.T) {
	c := testCatalog(t)
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"s3", "s3", true},
		{"IAM", "iam", true},
		{"lamda", "lambda", true},
		{"dynamdb", "dynamodb", true},
		{"cloudformaton", "cloudformation", true},
		{"zzzzzzzzz", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := c.NearestService(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("NearestService(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// naiveOSA is the textbook full-table optimal string alignment distance, the
// oracle for the banded, early-exit version.
func naiveOSA(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

func TestDistanceAgreesWithFullTableWithinLimit(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		b := make([]byte, r.IntN(12))
		for i := range b {
			b[i] = "abcd"[r.IntN(4)]
		}
		return string(b)
	}
	for range 20000 {
		a, b, limit := word(), word(), r.IntN(5)
		want := naiveOSA(a, b)
		got := distance(a, b, limit)
		if want <= limit && got != want || want > limit && got <= limit {
			t.Fatalf("distance(%q, %q, %d) = %d, full table says %d", a, b, limit, got, want)
		}
	}
	long := "DescribeInstanceCreditSpecificationsAndMoreThanSixtyFourCharactersOfName"
	if got := distance(long, long+"s", 2); got != 1 {
		t.Errorf("distance on names over 64 bytes = %d, want 1", got)
	}
}
