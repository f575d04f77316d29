package catalog

import (
	"testing"
)

func TestConditionKey(t *testing.T) {
	c := testCatalog(t)
	tests := []struct {
		name, in, want, typ string
		global              bool
	}{
		{"global key", "aws:SourceIp", "aws:SourceIp", "IPAddress", true},
		{"global key ignores case", "AWS:SOURCEIP", "aws:SourceIp", "IPAddress", true},
		{"global bool", "aws:SecureTransport", "aws:SecureTransport", "Bool", true},
		{"global date", "aws:CurrentTime", "aws:CurrentTime", "Date", true},
		{"global numeric", "aws:MultiFactorAuthAge", "aws:MultiFactorAuthAge", "Numeric", true},
		{"global ARN", "aws:PrincipalArn", "aws:PrincipalArn", "ARN", true},
		{"global list", "aws:TagKeys", "aws:TagKeys", "ArrayOfString", true},
		{"global lowercase spelling", "aws:username", "aws:username", "String", true},
		{"request tag template", "aws:RequestTag/team", "aws:RequestTag/${TagKey}", "String", true},
		{"resource tag template", "aws:ResourceTag/Cost-Center", "aws:ResourceTag/${TagKey}", "String", true},
		{"principal tag with slash in tag key", "aws:PrincipalTag/kubernetes.io/cluster", "aws:PrincipalTag/${TagKey}", "String", true},
		{"template spelled as the template", "aws:RequestTag/${TagKey}", "aws:RequestTag/${TagKey}", "String", true},
		{"angle-bracket template", "s3:ExistingObjectTag/env", "s3:ExistingObjectTag/<key>", "String", false},
		{"template with colon separator", "kms:EncryptionContext:project", "kms:EncryptionContext:${EncryptionContextKey}", "String", false},
		{"template with a literal after the placeholder", "codebuild:secondarySources/src1.auth.type", "codebuild:secondarySources/${sourceIdentifier}.auth.type", "String", false},
		{"service key", "s3:prefix", "s3:prefix", "String", false},
		{"service numeric key", "s3:max-keys", "s3:max-keys", "Numeric", false},
		{"key of a non-service prefix", "saml:aud", "saml:aud", "String", false},
		{"ec2 ARN key", "ec2:Vpc", "ec2:Vpc", "ARN", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, ok := c.ConditionKey(tt.in)
			if !ok {
				t.Fatalf("ConditionKey(%q) not found", tt.in)
			}
			if k.Name != tt.want || k.Type != tt.typ || k.Global != tt.global {
				t.Errorf("ConditionKey(%q) = %s %s global=%v, want %s %s global=%v", tt.in, k.Name, k.Type, k.Global, tt.want, tt.typ, tt.global)
			}
		})
	}
	for _, in := range []string{"aws:RequestTag/", "aws:NoSuchKey", "s3:nosuchkey", "", "aws", "s3:ExistingObjectTag/"} {
		if k, ok := c.ConditionKey(in); ok {
			t.Errorf("ConditionKey(%q) = %s, want not found", in, k.Name)
		}
	}
}

func TestWellKnownGlobalKeysArePresent(t *testing.T) {
	c := testCatalog(t)
	want := map[string]string{
		"aws:SourceIp": "IPAddress", "aws:CurrentTime": "Date", "aws:EpochTime": "Date",
		"aws:SecureTransport": "Bool", "aws:MultiFactorAuthPresent": "Bool", "aws:MultiFactorAuthAge": "Numeric",
		"aws:username": "String", "aws:userid": "String", "aws:PrincipalArn": "ARN",
		"aws:PrincipalAccount": "String", "aws:PrincipalOrgID": "String", "aws:PrincipalTag/${TagKey}": "String",
		"aws:PrincipalType": "String", "aws:RequestedRegion": "String", "aws:RequestTag/${TagKey}": "String",
		"aws:ResourceTag/${TagKey}": "String", "aws:TagKeys": "ArrayOfString", "aws:SourceVpc": "String",
		"aws:SourceVpce": "String", "aws:SourceArn": "ARN", "aws:SourceAccount": "String",
		"aws:CalledVia": "ArrayOfString", "aws:ViaAWSService": "Bool", "aws:ResourceAccount": "String",
		"aws:ResourceOrgID": "String", "aws:ResourceOrgPaths": "ArrayOfString", "aws:PrincipalOrgPaths": "ArrayOfString",
		"aws:PrincipalIsAWSService": "Bool", "aws:TokenIssueTime": "Date", "aws:UserAgent": "String",
		"aws:Referer": "String", "aws:SourceIdentity": "String", "aws:FederatedProvider": "String",
	}
	globals := map[string]*ConditionKey{}
	for _, g := range c.GlobalConditionKeys() {
		globals[toLower(g.Name)] = g
	}
	for name, typ := range want {
		g, ok := globals[toLower(name)]
		if !ok {
			t.Errorf("global key %s missing", name)
			continue
		}
		if g.Type != typ || !g.Global || g.Category == "" {
			t.Errorf("global key %s: %+v, want type %s", name, g, typ)
		}
	}
}

func TestTemplateMatchNeedsEveryPlaceholderFilled(t *testing.T) {
	k := &ConditionKey{Name: "x:a/${P}.b/${Q}"}
	tpl, ok := compileTemplate(k)
	if !ok {
		t.Fatal("not a template")
	}
	for in, want := range map[string]bool{
		"x:a/1.b/2":     true,
		"x:a/1.b/2.b/3": true,
		"x:a/.b/2":      false,
		"x:a/1.b/":      false,
		"x:a/1.c/2":     false,
		"x:a/1":         false,
	} {
		if got := tpl.match(in); got != want {
			t.Errorf("match(%q) = %v, want %v", in, got, want)
		}
	}
	if _, ok := compileTemplate(&ConditionKey{Name: "s3:prefix"}); ok {
		t.Error("plain key compiled as a template")
	}
}
