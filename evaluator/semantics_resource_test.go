package evaluator

import (
	"testing"
)

const (
	aliceA   = "arn:aws:iam::111122223333:user/alice"
	bobA     = "arn:aws:iam::111122223333:user/bob"
	carolB   = "arn:aws:iam::444455556666:user/carol"
	bucket   = "arn:aws:s3:::reports"
	object   = "arn:aws:s3:::reports/2026/q1.csv"
	appRole  = "arn:aws:iam::111122223333:role/app"
	appSess  = "arn:aws:sts::111122223333:assumed-role/app/worker"
	boundary = `{"Version":"2012-10-17","Statement":[{"Sid":"BoundaryEC2","Effect":"Allow","Action":"ec2:*","Resource":"*"}]}`
)

func bucketPolicy(stmts ...string) string { return pol(stmts...) }

func grantTo(sid, principal, action, resource string) string {
	return `{"Sid":"` + sid + `","Effect":"Allow","Principal":` + principal + `,"Action":"` + action + `","Resource":"` + resource + `"}`
}

// From "Policy evaluation logic" (identity-based with resource-based
// policies), "Cross-account policy evaluation logic" and "Permissions
// boundaries" (its table of boundaries with resource-based policies).
func TestResourceBasedPolicies(t *testing.T) {
	cases := []struct {
		name     string
		resource string // the bucket policy
		owner    string
		identity string // alice's identity policy, "" for none
		bound    bool   // alice has the EC2-only boundary
		prin     string
		action   string
		res      string
		want     want
	}{
		{"same account: grant to the user ARN needs no identity policy",
			bucketPolicy(grantTo("ToAlice", `{"AWS":"`+aliceA+`"}`, "s3:GetObject", bucket+"/*")), acctA, "", false,
			aliceA, "s3:GetObject", object, allowed(StepResourcePolicy, "ToAlice")},
		{"the bucket's policy applies to its objects",
			bucketPolicy(grantTo("ToAlice", `{"AWS":"`+aliceA+`"}`, "s3:GetObject", bucket+"/*")), acctA, "", false,
			aliceA, "s3:GetObject", "arn:aws:s3:::reports/deep/er/key", allowed(StepResourcePolicy, "ToAlice")},
		{"same account: a grant to the user is not limited by the user's boundary",
			bucketPolicy(grantTo("ToAlice", `{"AWS":"`+aliceA+`"}`, "s3:GetObject", bucket+"/*")), acctA, "", true,
			aliceA, "s3:GetObject", object, allowed(StepResourcePolicy, "ToAlice")},
		{"grant to someone else",
			bucketPolicy(grantTo("ToBob", `{"AWS":"`+bobA+`"}`, "s3:GetObject", bucket+"/*")), acctA, "", false,
			aliceA, "s3:GetObject", object, implicit(StepImplicitDeny)},
		{"grant to the account delegates to IAM: no identity policy, no access",
			bucketPolicy(grantTo("ToAcct", `{"AWS":"111122223333"}`, "s3:GetObject", bucket+"/*")), acctA, "", false,
			aliceA, "s3:GetObject", object, implicit(StepImplicitDeny)},
		{"grant to the account root ARN with an identity policy",
			bucketPolicy(grantTo("ToRoot", `{"AWS":"arn:aws:iam::111122223333:root"}`, "s3:GetObject", bucket+"/*")), acctA,
			pol(stmt("Id", "Allow", "s3:GetObject", "*")), false,
			aliceA, "s3:GetObject", object, allowed(StepIdentityPolicy, "ToRoot", "Id")},
		{"Principal * matches everyone",
			bucketPolicy(grantTo("Public", `"*"`, "s3:GetObject", bucket+"/*")), acctA, "", false,
			aliceA, "s3:GetObject", object, allowed(StepResourcePolicy, "Public")},
		{`{"AWS": "*"} matches everyone`,
			bucketPolicy(grantTo("Public", `{"AWS":"*"}`, "s3:GetObject", bucket+"/*")), acctA, "", false,
			aliceA, "s3:GetObject", object, allowed(StepResourcePolicy, "Public")},
		{"a Deny in the resource policy beats an identity Allow",
			bucketPolicy(`{"Sid":"NoDelete","Effect":"Deny","Principal":"*","Action":"s3:DeleteObject","Resource":"` + bucket + `/*"}`), acctA,
			pol(stmt("Id", "Allow", "s3:*", "*")), false,
			aliceA, "s3:DeleteObject", object, denied("NoDelete")},
		{"NotPrincipal with the user and the root still denies other users",
			bucketPolicy(`{"Sid":"OnlyBob","Effect":"Deny","NotPrincipal":{"AWS":["` + bobA + `","arn:aws:iam::111122223333:root"]},"Action":"s3:*","Resource":"` + bucket + `/*"}`), acctA,
			pol(stmt("Id", "Allow", "s3:*", "*")), false,
			aliceA, "s3:GetObject", object, denied("OnlyBob")},
		{"NotPrincipal spares the listed user",
			bucketPolicy(`{"Sid":"OnlyAlice","Effect":"Deny","NotPrincipal":{"AWS":["` + aliceA + `","arn:aws:iam::111122223333:root"]},"Action":"s3:*","Resource":"` + bucket + `/*"}`), acctA,
			pol(stmt("Id", "Allow", "s3:*", "*")), false,
			aliceA, "s3:GetObject", object, allowed(StepIdentityPolicy, "Id")},
		{"cross account: the resource policy alone is not enough",
			bucketPolicy(grantTo("ToCarol", `{"AWS":"`+carolB+`"}`, "s3:GetObject", bucket+"/*")), acctA, "", false,
			carolB, "s3:GetObject", object, implicit(StepIdentityPolicy)},
		{"cross account: the identity policy alone is not enough",
			bucketPolicy(grantTo("ToBob", `{"AWS":"`+bobA+`"}`, "s3:GetObject", bucket+"/*")), acctA, "", false,
			carolB, "s3:GetObject", object, implicit(StepResourcePolicy)},
		{"cross account: both sides allow",
			bucketPolicy(grantTo("ToB", `{"AWS":"444455556666"}`, "s3:GetObject", bucket+"/*")), acctA, "", false,
			carolB, "s3:GetObject", object, allowed(StepResourcePolicy, "ToB", "CarolId")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := newBuilder(t)
			var ids []string
			if c.identity != "" {
				ids = append(ids, c.identity)
			}
			a := b.user(acctA, "alice", ids...)
			if c.bound {
				a.PermissionsBoundary = b.managed(acctA, "EC2Only", boundary)
			}
			b.user(acctA, "bob")
			b.user(acctB, "carol", pol(stmt("CarolId", "Allow", "s3:GetObject", "*")))
			if c.prin == carolB && c.name == "cross account: the resource policy alone is not enough" {
				b.acct(acctB).Users[0].InlinePolicies = nil
			}
			b.resource(bucket, c.owner, c.resource)
			check(t, b.engine(), &Request{Principal: c.prin, Action: c.action, Resource: c.res}, c.want)
		})
	}
}

// Roles: a grant to the role's ARN is limited by the role's boundary and
// the session policy; a grant to the session's ARN is not.
func TestRoleGrantsAndSessions(t *testing.T) {
	b := newBuilder(t)
	r := b.role(acctA, "app", pol(`{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}`),
		pol(stmt("RoleS3", "Allow", "s3:*", "*")))
	r.PermissionsBoundary = b.managed(acctA, "EC2Only", boundary)
	b.resource("arn:aws:s3:::to-role", acctA, bucketPolicy(grantTo("ToRole", `{"AWS":"`+appRole+`"}`, "s3:GetObject", "arn:aws:s3:::to-role/*")))
	b.resource("arn:aws:s3:::to-session", acctA, bucketPolicy(grantTo("ToSession", `{"AWS":"`+appSess+`"}`, "s3:GetObject", "arn:aws:s3:::to-session/*")))
	e := b.engine()
	sessionPolicy := b.parse(pol(stmt("SessEC2", "Allow", "ec2:Describe*", "*")), 0)

	check(t, e, &Request{Principal: appSess, Action: "s3:GetObject", Resource: "arn:aws:s3:::to-role/k"}, implicit(StepBoundary))
	check(t, e, &Request{Principal: appSess, Action: "s3:GetObject", Resource: "arn:aws:s3:::to-session/k"}, allowed(StepResourcePolicy, "ToSession"))
	check(t, e, &Request{Principal: appSess, Action: "s3:GetObject", Resource: "arn:aws:s3:::to-session/k", SessionPolicy: sessionPolicy}, allowed(StepResourcePolicy, "ToSession"))
	check(t, e, &Request{Principal: appSess, Action: "s3:GetObject", Resource: "arn:aws:s3:::other/k"}, implicit(StepBoundary))
	check(t, e, &Request{Principal: appSess, Action: "ec2:DescribeInstances", Resource: "*"}, implicit(StepImplicitDeny))
	res := check(t, e, &Request{Principal: appRole, Action: "s3:GetObject", Resource: "arn:aws:s3:::to-role/k"}, implicit(StepBoundary))
	if !res.Boundary.Applies || res.Boundary.Allowed {
		t.Errorf("boundary detail %+v, want applies and not allowed", res.Boundary)
	}

	// Without the boundary, the role grant allows; a session policy limits it.
	r.PermissionsBoundary = ""
	e = b.engine()
	check(t, e, &Request{Principal: appSess, Action: "s3:GetObject", Resource: "arn:aws:s3:::to-role/k"}, allowed(StepResourcePolicy, "ToRole"))
	check(t, e, &Request{Principal: appSess, Action: "s3:GetObject", Resource: "arn:aws:s3:::to-role/k", SessionPolicy: sessionPolicy}, implicit(StepSessionPolicy))
	check(t, e, &Request{Principal: appSess, Action: "s3:PutObject", Resource: "arn:aws:s3:::x/k", SessionPolicy: sessionPolicy}, implicit(StepSessionPolicy))
	sp2 := b.parse(pol(stmt("SessS3", "Allow", "s3:Put*", "*"), stmt("SessDeny", "Deny", "s3:PutObjectAcl", "*")), 0)
	check(t, e, &Request{Principal: appSess, Action: "s3:PutObject", Resource: "arn:aws:s3:::x/k", SessionPolicy: sp2}, allowed(StepIdentityPolicy, "RoleS3", "SessS3"))
	check(t, e, &Request{Principal: appSess, Action: "s3:PutObjectAcl", Resource: "arn:aws:s3:::x/k", SessionPolicy: sp2}, denied("SessDeny"))
}

// From "Permissions boundaries": the effective permissions are the
// intersection of identity policies and the boundary.
func TestPermissionsBoundaries(t *testing.T) {
	b := newBuilder(t)
	u := b.user(acctA, "alice", pol(stmt("IdAll", "Allow", "*", "*")))
	u.PermissionsBoundary = b.managed(acctA, "Bound", pol(
		stmt("BAllow", "Allow", []string{"ec2:*", "s3:*"}[0], "*"),
		stmt("BAllowS3", "Allow", "s3:*", "*"),
		stmt("BDeny", "Deny", "s3:DeleteBucket", "*")))
	b.user(acctA, "bob", pol(stmt("BobEC2", "Allow", "ec2:RunInstances", "*")))
	e := b.engine()
	check(t, e, &Request{Principal: aliceA, Action: "ec2:RunInstances", Resource: "*"}, allowed(StepIdentityPolicy, "IdAll", "BAllow"))
	check(t, e, &Request{Principal: aliceA, Action: "iam:CreateUser", Resource: "*"}, implicit(StepBoundary))
	res := check(t, e, &Request{Principal: aliceA, Action: "s3:DeleteBucket", Resource: bucket}, denied("BDeny"))
	if res.Boundary.Allowed {
		t.Errorf("boundary detail %+v, want not allowed", res.Boundary)
	}
	res = check(t, e, &Request{Principal: bobA, Action: "ec2:RunInstances", Resource: "*"}, allowed(StepIdentityPolicy, "BobEC2"))
	if res.Boundary.Applies {
		t.Error("bob has no boundary")
	}
}

// Trust policies are resource-based policies that must allow even within
// one account; a KMS key policy likewise.
func TestTrustAndKeyPolicies(t *testing.T) {
	b := newBuilder(t)
	b.role(acctA, "direct", pol(`{"Sid":"TrustAlice","Effect":"Allow","Principal":{"AWS":"`+aliceA+`"},"Action":"sts:AssumeRole"}`))
	b.role(acctA, "viaAccount", pol(`{"Sid":"TrustAcct","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":["sts:AssumeRole","sts:TagSession"]}`))
	b.role(acctA, "external", pol(`{"Sid":"TrustB","Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"xyz"}}}`))
	b.role(acctA, "noTrust", pol(`{"Sid":"TrustEC2","Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}`))
	b.user(acctA, "alice")
	b.user(acctA, "bob", pol(stmt("BobAssume", "Allow", "sts:AssumeRole", "*")))
	b.user(acctB, "carol", pol(stmt("CarolAssume", "Allow", "sts:AssumeRole", "*")))
	// A partner's role known only from its stored trust policy.
	b.resource("arn:aws:iam::444455556666:role/partner", "", pol(`{"Sid":"TrustA","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole"}`))
	// KMS.
	key := "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	key2 := "arn:aws:kms:us-east-1:111122223333:key/0000abcd-12ab-34cd-56ef-1234567890ab"
	key3 := "arn:aws:kms:us-east-1:111122223333:key/9999abcd-12ab-34cd-56ef-1234567890ab"
	b.resource(key, "", pol(`{"Sid":"KeyBob","Effect":"Allow","Principal":{"AWS":"`+bobA+`"},"Action":"kms:Decrypt","Resource":"*"}`))
	b.resource(key2, "", pol(`{"Sid":"KeyRoot","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}`))
	b.user(acctA, "dave", pol(stmt("DaveKMS", "Allow", "kms:*", "*")))
	e := b.engine()
	dave := "arn:aws:iam::111122223333:user/dave"

	cases := []struct {
		name        string
		prin, act   string
		res         string
		ctx         []ContextValue
		want        want
		crossDetail bool
	}{
		{"trust naming the user needs no identity policy", aliceA, "sts:AssumeRole", "arn:aws:iam::111122223333:role/direct", nil, allowed(StepResourcePolicy, "TrustAlice"), false},
		{"identity Allow is not enough without trust", bobA, "sts:AssumeRole", "arn:aws:iam::111122223333:role/noTrust", nil, implicit(StepResourcePolicy), false},
		{"trust naming the account needs the identity policy", aliceA, "sts:AssumeRole", "arn:aws:iam::111122223333:role/viaAccount", nil, implicit(StepIdentityPolicy), false},
		{"trust naming the account with identity policy", bobA, "sts:AssumeRole", "arn:aws:iam::111122223333:role/viaAccount", nil, allowed(StepResourcePolicy, "TrustAcct", "BobAssume"), false},
		{"TagSession is checked against the trust policy too", bobA, "sts:TagSession", "arn:aws:iam::111122223333:role/direct", nil, implicit(StepResourcePolicy), false},
		{"cross-account assume with external id", carolB, "sts:AssumeRole", "arn:aws:iam::111122223333:role/external", ctxv("sts:ExternalId", "xyz"), allowed(StepResourcePolicy, "TrustB", "CarolAssume"), true},
		{"cross-account assume without external id", carolB, "sts:AssumeRole", "arn:aws:iam::111122223333:role/external", nil, implicit(StepResourcePolicy), true},
		{"stored partner trust policy", bobA, "sts:AssumeRole", "arn:aws:iam::444455556666:role/partner", nil, allowed(StepResourcePolicy, "TrustA", "BobAssume"), true},
		{"key policy naming bob", bobA, "kms:Decrypt", key, nil, allowed(StepResourcePolicy, "KeyBob"), false},
		{"IAM policy is not enough when the key policy does not delegate", dave, "kms:Decrypt", key, nil, implicit(StepResourcePolicy), false},
		{"key policy delegating to IAM", dave, "kms:Decrypt", key2, nil, allowed(StepResourcePolicy, "KeyRoot", "DaveKMS"), false},
		{"key without a stored policy: AWS's default key policy", dave, "kms:Decrypt", key3, nil, allowed(StepResourcePolicy, "DaveKMS"), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := check(t, e, &Request{Principal: c.prin, Action: c.act, Resource: c.res, Context: c.ctx}, c.want)
			if res.CrossAccount != c.crossDetail {
				t.Errorf("CrossAccount = %v, want %v", res.CrossAccount, c.crossDetail)
			}
		})
	}
}
