package evaluator

import (
	"testing"

	"iamtui/model"
)

// From "Service control policies" and "Resource control policies": an
// Allow is needed at every level from the root to the account (OR within a
// level), a Deny anywhere wins, nodes without policies have the full-access
// default, service-linked roles are exempt, accounts outside the tree
// (the management account) are not limited.
func TestOrganizationPolicies(t *testing.T) {
	const mgmt = "999988887777"
	b := newBuilder(t)
	b.node("r-ab12", "")
	b.node("ou-ab12-prod", "r-ab12")
	b.node(acctA, "ou-ab12-prod")
	b.node(acctB, "r-ab12")
	b.orgPolicy(model.SCP, "r-ab12", "RootAllowAll", pol(stmt("RootAll", "Allow", "*", "*")))
	b.orgPolicy(model.SCP, "ou-ab12-prod", "ProdOnlyS3EC2", pol(stmt("ProdS3", "Allow", "s3:*", "*"), stmt("ProdEC2", "Allow", "ec2:*", "*")))
	b.orgPolicy(model.SCP, "ou-ab12-prod", "NoBucketDelete", pol(stmt("NoDeleteBucket", "Deny", "s3:DeleteBucket", "*")))
	b.orgPolicy(model.SCP, acctA, "NoRegionDeny", pol(stmt("OutsideEU", "Deny", "ec2:*", "*", `"Condition":{"StringNotEquals":{"aws:RequestedRegion":"eu-west-1"}}`)))
	// A level whose only policy denies has no Allow: AWS users keep
	// FullAWSAccess attached beside such a policy.
	b.orgPolicy(model.SCP, acctA, "FullAWSAccess", pol(stmt("AcctAll", "Allow", "*", "*")))
	b.orgPolicy(model.RCP, acctA, "BucketsFromOrgOnly", `{"Version":"2012-10-17","Statement":[{"Sid":"RCPDeny","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalAccount":"111122223333"}}}]}`)
	b.user(acctA, "alice", pol(stmt("AliceAll", "Allow", "*", "*")))
	slr := b.role(acctA, "AWSServiceRoleForX", pol(`{"Effect":"Allow","Principal":{"Service":"x.amazonaws.com"},"Action":"sts:AssumeRole"}`), pol(stmt("SLRAll", "Allow", "*", "*")))
	slr.Path = "/aws-service-role/x.amazonaws.com/"
	slr.ARN = model.RoleARN(acctA, slr.Path, slr.Name)
	b.user(acctB, "carol", pol(stmt("CarolAll", "Allow", "*", "*")))
	b.user(mgmt, "admin", pol(stmt("AdminAll", "Allow", "*", "*")))
	b.resource(bucket, acctA, bucketPolicy(grantTo("ToB", `{"AWS":"444455556666"}`, "s3:GetObject", bucket+"/*")))
	e := b.engine()
	admin := "arn:aws:iam::999988887777:user/admin"
	eu := ctxv("aws:RequestedRegion", "eu-west-1")

	cases := []struct {
		name string
		req  Request
		want want
	}{
		{"allowed at every level", Request{Principal: aliceA, Action: "s3:GetObject", Resource: object}, allowed(StepIdentityPolicy, "AliceAll")},
		{"no Allow at the OU level", Request{Principal: aliceA, Action: "iam:CreateUser", Resource: "*"}, implicit(StepSCP)},
		{"Deny at the OU", Request{Principal: aliceA, Action: "s3:DeleteBucket", Resource: bucket}, denied("NoDeleteBucket")},
		{"account SCP with a condition, outside EU", Request{Principal: aliceA, Action: "ec2:RunInstances", Resource: "*"}, denied("OutsideEU")},
		{"account SCP with a condition, in EU", Request{Principal: aliceA, Action: "ec2:RunInstances", Resource: "*", Context: eu}, allowed(StepIdentityPolicy, "AliceAll")},
		{"account under the root only has the default there", Request{Principal: carolB, Action: "iam:CreateUser", Resource: "*"}, allowed(StepIdentityPolicy, "CarolAll")},
		{"service-linked roles are exempt", Request{Principal: slr.ARN, Action: "iam:CreateUser", Resource: "*"}, allowed(StepIdentityPolicy, "SLRAll")},
		{"the management account (outside the tree) is not limited", Request{Principal: admin, Action: "iam:CreateUser", Resource: "*"}, allowed(StepIdentityPolicy, "AdminAll")},
		{"RCP denies other accounts on member resources", Request{Principal: carolB, Action: "s3:GetObject", Resource: object}, denied("RCPDeny")},
		{"RCP lets the account's own principals", Request{Principal: aliceA, Action: "s3:GetObject", Resource: object}, allowed(StepIdentityPolicy, "AliceAll")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := check(t, e, &c.req, c.want)
			if c.req.Principal == aliceA && !res.Org.Applies {
				t.Error("OrganizationsDecisionDetail should apply to alice")
			}
		})
	}
}
