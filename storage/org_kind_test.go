package storage

import (
	"context"
	"errors"
	"strings"
	"testing"

	"iamtui/model"
	"iamtui/model/policy"
)

// PutOrgPolicy refuses a document that does not fit the policy's kind (an
// SCP with a Principal stored as an SCP, an SCP document stored as an RCP),
// whatever kind it was parsed as, and stores nothing; fitting documents are
// stored and load back.
func TestPutOrgPolicyRefusesTheWrongKind(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	if err := db.PutOrgNode(ctx, model.OrgNode{ID: "r-k1", Name: "Root"}); err != nil {
		t.Fatal(err)
	}
	const (
		scpText = `{"Version": "2012-10-17", "Statement": {"Sid": "NoS3", "Effect": "Deny", "Action": "s3:*", "Resource": "*"}}`
		rcpText = `{"Version": "2012-10-17", "Statement": {"Sid": "TLS", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {"BoolIfExists": {"aws:SecureTransport": "false"}}}}`
		// Principal "*" but no Resource: neither an SCP nor an RCP.
		noResource = `{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Principal": "*", "Action": "s3:*"}}`
		// An RCP's statement must name "Principal": "*", not an account.
		rcpAccount = `{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Principal": {"AWS": "111122223333"}, "Action": "s3:*", "Resource": "*"}}`
	)
	doc := func(text string, kind policy.Kind) *policy.Document {
		t.Helper()
		d, err := policy.Parse(text, kind)
		if err != nil {
			t.Fatalf("%s: %v", text, err)
		}
		return d
	}
	cases := []struct {
		name string
		kind model.OrgPolicyKind
		doc  *policy.Document
		want string // "" to accept; else a part of the error
	}{
		{"an SCP as an SCP", model.SCP, doc(scpText, policy.OrgPolicy), ""},
		{"an RCP as an RCP", model.RCP, doc(rcpText, policy.ResourceControl), ""},
		{"an SCP document parsed loosely, as an SCP", model.SCP, doc(scpText, policy.AnyKind), ""},
		{"an RCP document as an SCP", model.SCP, doc(rcpText, policy.AnyKind), "not a service control policy"},
		{"an RCP document parsed as an RCP, stored as an SCP", model.SCP, doc(rcpText, policy.ResourceControl), "cannot have a Principal"},
		{"an SCP document as an RCP", model.RCP, doc(scpText, policy.OrgPolicy), "not a resource control policy"},
		{"an RCP without a Resource", model.RCP, doc(noResource, policy.AnyKind), "neither Resource nor NotResource"},
		{"an RCP naming an account", model.RCP, doc(rcpAccount, policy.Resource), `must have "Principal": "*"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := dump(t, db)
			err := db.PutOrgPolicy(ctx, &model.OrgPolicy{Name: "P", Kind: c.kind, TargetID: "r-k1", Document: c.doc})
			if c.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				org, err := db.Organization(ctx)
				if err != nil {
					t.Fatalf("stored, but does not load back: %v", err)
				}
				found := false
				for _, p := range org.Policies {
					found = found || (p.Kind == c.kind && p.Name == "P" && p.Document.Text == c.doc.Text)
				}
				if !found {
					t.Errorf("not stored: %+v", org.Policies)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want one with %q", err, c.want)
			}
			var se *policy.SyntaxError
			if !errors.As(err, &se) || se.Pos.Line == 0 {
				t.Errorf("the error has no position: %v", err)
			}
			if dump(t, db) != before {
				t.Error("a refusal changed the database")
			}
		})
	}
}
