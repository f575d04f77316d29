package evaluator

import (
	"strings"
	"testing"
)

func TestResourceWarning(t *testing.T) {
	tests := []struct {
		resource string
		want     string
	}{
		{"*", ""},
		{"", ""},
		{"arn:aws:s3:::restaurant-kitchen", ""},
		{"arn:aws:iam::111122223333:role/staff/PartTimeChef", ""},
		{"restaurant-kitchen", "is not an ARN"},
		{"arn:aws:s3", "is not an ARN"},
		{"s3://bucket/key", "is not an ARN"},
	}
	for _, tt := range tests {
		got := ResourceWarning(tt.resource)
		if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
			t.Errorf("ResourceWarning(%q) = %q, want %q", tt.resource, got, tt.want)
		}
	}
}

func TestActionWarningOnPatterns(t *testing.T) {
	for _, a := range []string{"s3:Get*", "s3:*", "*", "s3:GetObjec?"} {
		if w := ActionWarning(nil, a); !strings.Contains(w, "a request names one action") {
			t.Errorf("ActionWarning(%q) = %q", a, w)
		}
	}
	if w := ActionWarning(nil, "s3:GetObject"); w != "" {
		t.Errorf("plain action without a catalog: %q", w)
	}
}
