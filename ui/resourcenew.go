package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"iamtui/model"
)

// newResourcePolicy asks for a resource's ARN and owner, then opens the
// editor on a starter policy; ctrl+s stores it (and refuses if someone
// stored one for the resource meanwhile).
func (m *Model) newResourcePolicy() tea.Cmd {
	acct := m.ctx.Account.ID
	m.dialog = newForm(m.ctx, "New resource policy",
		"A resource-based policy of a bucket, queue, topic, key, function… or another account's role (its trust policy). The editor opens on a starter; ctrl+s stores it.",
		func(v []string) (tea.Cmd, error) {
			arn, owner := strings.TrimSpace(v[0]), strings.TrimSpace(v[1])
			if !strings.HasPrefix(arn, "arn:") || len(strings.SplitN(arn, ":", 6)) < 6 {
				return nil, fmt.Errorf("resource %q: write the resource's ARN (arn:aws:s3:::bucket, arn:aws:sqs:us-east-1:111122223333:queue…)", arn)
			}
			if err := model.ValidateAccountID(owner); err != nil {
				return nil, fmt.Errorf("owner account: %w", err)
			}
			t := docTarget{kind: docResource, owner: ref{refResource, arn}, account: owner}
			if _, exists := m.docText(t); exists {
				return nil, fmt.Errorf("%s already has a policy: select it and press e to edit it", arn)
			}
			return m.openEditor(t, starterResourcePolicy(arn, owner), ""), nil
		},
		field("Resource ARN", "", "e.g. arn:aws:s3:::restaurant-menu", "the ARN of the resource the policy is attached to").needed("give the resource's ARN"),
		prefilled("Owner", acct, acct, "the 12-digit account that owns the resource"))
	return nil
}

// starterResourcePolicy lets the owner account do one typical thing with
// the resource, a start to edit.
func starterResourcePolicy(arn, owner string) string {
	action, resource := "", arn
	switch arnService(arn) {
	case "s3":
		action, resource = "s3:GetObject", arn+"/*"
	case "sqs":
		action = "sqs:SendMessage"
	case "sns":
		action = "sns:Publish"
	case "kms":
		action, resource = "kms:Decrypt", "*"
	case "lambda":
		action = "lambda:InvokeFunction"
	case "secretsmanager":
		action, resource = "secretsmanager:GetSecretValue", "*"
	case "iam":
		// Another account's role: its trust policy.
		return fmt.Sprintf(`{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::%s:root"},
      "Action": "sts:AssumeRole"
    }
  ]
}
`, owner)
	default:
		action = arnService(arn) + ":*"
	}
	return fmt.Sprintf(`{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::%s:root"},
      "Action": %q,
      "Resource": %q
    }
  ]
}
`, owner, action, resource)
}
