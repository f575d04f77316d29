package ui

import (
	"strings"
	"testing"
)

func TestCanIsPrefilledFromWhatIsOnScreen(t *testing.T) {
	kitchenRole := "arn:aws:iam::111122223333:role/staff/PartTimeChef"
	tests := []struct {
		name    string
		keys    []string
		setup   func(t *testing.T, m *Model)
		want    question
		context map[string]string
		allowed bool // the question, asked of the stored policies, is allowed
	}{
		{
			name:    "a policy row: its first Allow statement, and someone it is attached to",
			keys:    []string{"4"},
			want:    question{principal: kitchenRole, action: "s3:GetObject", resource: "arn:aws:s3:::restaurant-kitchen/example"},
			allowed: true,
		},
		{
			name:    "a group row: a member, and what the group's policies allow",
			keys:    []string{"2"},
			want:    question{principal: "arn:aws:iam::111122223333:user/chef-alice", action: "s3:GetObject", resource: "arn:aws:s3:::restaurant-kitchen/example"},
			allowed: true,
		},
		{
			name: "a resource policy row: the statement's resource (an object, not the bucket), action and principal",
			keys: []string{"5"},
			want: question{principal: "arn:aws:iam::111122223333:user/cleaner-carl", action: "s3:DeleteObject",
				resource: "arn:aws:s3:::restaurant-storage-room/ingredients/expired/example"},
			allowed: true,
		},
		{
			name: "a trust policy: may the trusted principal assume the role",
			setup: func(t *testing.T, m *Model) {
				openDoc(t, m, docTarget{kind: docTrust, owner: ref{refRole, "PartTimeChef"}, account: acct})
			},
			want:    question{principal: "arn:aws:iam::111122223333:user/head-chef-hana", action: "sts:AssumeRole", resource: kitchenRole},
			allowed: true,
		},
		{
			name: "a trust policy: the principal under the cursor, and the external id it requires",
			setup: func(t *testing.T, m *Model) {
				p := openDoc(t, m, docTarget{kind: docTrust, owner: ref{refRole, "PartTimeChef"}, account: acct})
				p.ed.SetText(`{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {"AWS": ["arn:aws:iam::111122223333:user/head-chef-hana", "arn:aws:iam::111122223333:user/chef-alice"]},
      "Action": "sts:AssumeRole",
      "Condition": {"StringEquals": {"sts:ExternalId": "kitchen-42"}}
    }
  ]
}`)
				line := 6
				col := strings.Index(`      "Principal": {"AWS": ["arn:aws:iam::111122223333:user/head-chef-hana", "arn:aws:iam::111122223333:user/chef-alice"]},`, "chef-alice") + 1
				p.ed.SetCursor(line, col)
			},
			want:    question{principal: "arn:aws:iam::111122223333:user/chef-alice", action: "sts:AssumeRole", resource: kitchenRole},
			context: map[string]string{"sts:ExternalId": "kitchen-42"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := newTestModel(t, 140, 45)
			withEngine(t, m)
			press(t, m, tt.keys...)
			if tt.setup != nil {
				tt.setup(t, m)
				press(t, m, "ctrl+g")
			} else {
				press(t, m, "c")
			}
			if _, ok := m.top().(*evalPage); !ok {
				t.Fatalf("no panel: %T", m.top())
			}
			req := m.eval.panel.Request()
			if req.Principal != tt.want.principal || req.Action != tt.want.action || req.Resource != tt.want.resource {
				t.Errorf("asked %q %q %q, want %q %q %q", req.Principal, req.Action, req.Resource, tt.want.principal, tt.want.action, tt.want.resource)
			}
			for k, v := range tt.context {
				found := false
				for _, cv := range req.Context {
					if cv.Key == k && len(cv.Values) == 1 && cv.Values[0] == v {
						found = true
					}
				}
				if !found {
					t.Errorf("context lacks %s=%s: %+v", k, v, req.Context)
				}
			}
			if tt.allowed {
				if r, _ := m.eval.panel.Result(); r == nil || r.Decision.String() != "allowed" {
					t.Errorf("the prefilled question, which a stored statement grants, is not allowed: %+v", r)
				}
			}
		})
	}
}

func TestConcreteResource(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"*", "*"},
		{"arn:aws:s3:::bucket", "arn:aws:s3:::bucket"},
		{"arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/example"},
		{"arn:aws:s3:::bucket/day-??.json", "arn:aws:s3:::bucket/day-xx.json"},
		{"arn:aws:dynamodb:*:*:table/Orders", "arn:aws:dynamodb:us-east-1:111122223333:table/Orders"},
		{"arn:aws:sqs:eu-west-1:444455556666:*", "arn:aws:sqs:eu-west-1:444455556666:example"},
		{"arn:aws:iam::*:role/x-*", "arn:aws:iam::111122223333:role/x-example"},
		{"not-an-arn*", "not-an-arn*"},
	} {
		if got := concreteResource(tt.in, acct); got != tt.want {
			t.Errorf("concreteResource(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
