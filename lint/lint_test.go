package lint

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"iamtui/catalog"
	"iamtui/model/policy"
)

var (
	catOnce sync.Once
	testCat *catalog.Catalog
	catErr  error
)

func testLinter(t testing.TB) *Linter {
	t.Helper()
	catOnce.Do(func() { testCat, catErr = catalog.Load() })
	if catErr != nil {
		t.Fatalf("catalog.Load: %v", catErr)
	}
	return New(testCat)
}

// posOf returns the 1-based line and column of the first occurrence of sub
// in text (the offending element as written, quotes included).
func posOf(t *testing.T, text, sub string) (int, int) {
	t.Helper()
	i := strings.Index(text, sub)
	if i < 0 {
		t.Fatalf("locator %q not in the document", sub)
	}
	line := 1 + strings.Count(text[:i], "\n")
	col := 1 + len([]rune(text[strings.LastIndexByte(text[:i], '\n')+1:i]))
	return line, col
}

const v12 = `"Version": "2012-10-17",` + "\n"

type lintCase struct {
	name string
	kind policy.Kind
	opts Options
	doc  string
	code string
	at   string // the offending element as written; its first occurrence is where the finding must point
}

func identity(stmt string) string {
	return "{\n" + v12 + `"Statement": [` + "\n" + stmt + "\n]}"
}

var lintCases = []lintCase{
	// Grammar, from the parser's rejection.
	{"truncated JSON", policy.Identity, Options{}, "{\n\"Statement\": [", "JSON_SYNTAX_ERROR", ""},
	{"unknown statement element", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Actions": "s3:GetObject", "Resource": "*"}`), "INVALID_POLICY_ELEMENT", `"Actions"`},
	{"bad version", policy.Identity, Options{}, "{\n\"Version\": \"2012-10-18\",\n\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}}", "INVALID_VERSION", `"2012-10-18"`},
	{"effect spelled wrong", policy.Identity, Options{}, identity(`{"Effect": "allow", "Action": "s3:GetObject", "Resource": "*"}`), "INVALID_EFFECT", `"allow"`},
	{"effect a number", policy.Identity, Options{}, identity(`{"Effect": 1, "Action": "s3:GetObject", "Resource": "*"}`), "DATA_TYPE_MISMATCH", `1,`},
	{"no effect", policy.Identity, Options{}, identity(`{"Action": "s3:GetObject", "Resource": "*"}`), "MISSING_EFFECT", `{"Action"`},
	{"no action", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Resource": "*"}`), "MISSING_ACTION", `{"Effect"`},
	{"no resource", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:GetObject"}`), "MISSING_RESOURCE", `{"Effect"`},
	{"no statement", policy.Identity, Options{}, "{\n" + `"Version": "2012-10-17"}`, "MISSING_STATEMENT", `{`},
	{"no principal", policy.Resource, Options{}, identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}`), "MISSING_PRINCIPAL", `{"Effect"`},
	{"principal in identity policy", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}`), "UNSUPPORTED_PRINCIPAL", `"Principal"`},
	{"principal in SCP", policy.OrgPolicy, Options{}, identity(`{"Effect": "Deny", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}`), "SCP_SYNTAX_ERROR_PRINCIPAL", `"Principal"`},
	{"action and notaction", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:GetObject", "NotAction": "s3:PutObject", "Resource": "*"}`), "UNSUPPORTED_ELEMENT_COMBINATION", `"NotAction"`},
	{"resource in trust policy", policy.Trust, Options{}, identity(`{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole", "Resource": "*"}`), "ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE", `"Resource"`},
	{"notprincipal in trust policy", policy.Trust, Options{}, identity(`{"Effect": "Allow", "NotPrincipal": {"AWS": "123456789012"}, "Action": "sts:AssumeRole"}`), "ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL", `"NotPrincipal"`},
	{"principal key", policy.Resource, Options{}, identity(`{"Effect": "Allow", "Principal": {"Aws": "123456789012"}, "Action": "s3:GetObject", "Resource": "*"}`), "INVALID_PRINCIPAL_KEY", `"Aws"`},
	{"principal string", policy.Resource, Options{}, identity(`{"Effect": "Allow", "Principal": "123456789012", "Action": "s3:GetObject", "Resource": "*"}`), "INVALID_PRINCIPAL_FORMAT", `"123456789012"`},
	{"unknown operator", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEqual": {"aws:username": "a"}}}`), "INVALID_CONDITION_OPERATOR", `"StringEqual"`},
	{"NullIfExists", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"NullIfExists": {"aws:username": "true"}}}`), "NULL_WITH_IF_EXISTS", `"NullIfExists"`},
	{"empty action array", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": [], "Resource": "*"}`), "EMPTY_ARRAY_ACTION", `[]`},
	{"empty resource array", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": []}`), "EMPTY_ARRAY_RESOURCE", `[]`},
	{"empty principal array", policy.Resource, Options{}, identity(`{"Effect": "Allow", "Principal": {"AWS": []}, "Action": "s3:GetObject", "Resource": "*"}`), "EMPTY_ARRAY_PRINCIPAL", `[]`},
	{"empty principal object", policy.Resource, Options{}, identity(`{"Effect": "Allow", "Principal": {}, "Action": "s3:GetObject", "Resource": "*"}`), "EMPTY_OBJECT_PRINCIPAL", `{}`},
	{"empty condition operator", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {}}}`), "EMPTY_OBJECT_CONDITION", `{}`},

	// Version, Sids, variables.
	{"missing version", policy.Identity, Options{}, "\n  {\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}}", "MISSING_VERSION", `{"Statement"`},
	{"variable under 2008", policy.Identity, Options{}, "{\"Version\": \"2008-10-17\",\n\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::b/${aws:username}/*\"}}", "VARIABLE_UNSUPPORTED_IN_VERSION", `"arn:aws:s3:::b/${`},
	{"duplicate sids identity", policy.Identity, Options{}, identity(`{"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},` + "\n" + `{"Sid": "A", "Effect": "Deny", "Action": "s3:PutObject", "Resource": "*"}`), "UNIQUE_SIDS_RECOMMENDED", `"A", "Effect": "Deny"`},
	{"duplicate sids resource", policy.Resource, Options{}, identity(`{"Sid": "A", "Effect": "Allow", "Principal": {"AWS": "123456789012"}, "Action": "s3:GetObject", "Resource": "*"},` + "\n" + `{"Sid": "A", "Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "*"}`), "UNIQUE_SIDS_REQUIRED", `"A", "Effect": "Deny"`},
	{"sid characters", policy.Identity, Options{}, identity(`{"Sid": "read only", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}`), "UNSUPPORTED_SID", `"read only"`},
	{"empty sid", policy.Identity, Options{}, identity(`{"Sid": "", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}`), "EMPTY_SID_VALUE", `""`},
	{"variable brace", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:username"}`), "MISSING_BRACE_IN_VARIABLE", `"arn:aws:s3:::b/$`},
	{"variable empty", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${}"}`), "EMPTY_VARIABLE", `"arn:aws:s3:::b/$`},
	{"variable space", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws: username}"}`), "UNSUPPORTED_SPACE_IN_VARIABLE", `"arn:aws:s3:::b/$`},
	{"variable default quote", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:username, none}"}`), "MISSING_QUOTE_IN_VARIABLE", `"arn:aws:s3:::b/$`},
	{"variable in action", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:${aws:username}", "Resource": "*"}`), "VARIABLE_UNSUPPORTED_IN_ELEMENT", `"s3:$`},
	{"variable with numeric operator", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": "${aws:EpochTime}"}}}`), "INVALID_VARIABLE_FOR_OPERATOR", `"${aws:EpochTime}"`},

	// Actions.
	{"typo in action", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": ["s3:ListBucket", "s3:GetObjects"], "Resource": "*"}`), "INVALID_ACTION", `"s3:GetObjects"`},
	{"wildcard matching nothing", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:Fly*", "Resource": "*"}`), "INVALID_ACTION", `"s3:Fly*"`},
	{"unknown service", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s4:GetObject", "Resource": "*"}`), "INVALID_SERVICE_IN_ACTION", `"s4:GetObject"`},
	{"wildcard service", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3*:GetObject", "Resource": "*"}`), "WILDCARD_IN_SERVICE_NAME", `"s3*:GetObject"`},
	{"redundant action", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": ["s3:GetObject", "s3:Get*"], "Resource": "*"}`), "REDUNDANT_ACTION", `"s3:GetObject"`},
	{"duplicate action", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": ["s3:GetObject", "s3:getobject"], "Resource": "*"}`), "REDUNDANT_ACTION", `"s3:getobject"`},
	{"foreign action in bucket policy", policy.Resource, Options{ResourceType: "AWS::S3::Bucket"}, identity(`{"Effect": "Allow", "Principal": {"AWS": "123456789012"}, "Action": "sqs:SendMessage", "Resource": "arn:aws:s3:::b"}`), "UNSUPPORTED_ACTION_IN_POLICY", `"sqs:SendMessage"`},
	{"SCP wildcard inside action", policy.OrgPolicy, Options{}, identity(`{"Effect": "Deny", "Action": "s3:*Object", "Resource": "*"}`), "SCP_SYNTAX_ERROR_ACTION_WILDCARD", `"s3:*Object"`},
	{"SCP allow notaction", policy.OrgPolicy, Options{}, identity(`{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}`), "SCP_SYNTAX_ERROR_ALLOW_NOTACTION", `"NotAction"`},
	{"SCP allow resource", policy.OrgPolicy, Options{}, identity(`{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::b"}`), "SCP_SYNTAX_ERROR_ALLOW_RESOURCE", `"arn:aws:s3:::b"`},
	{"SCP allow condition", policy.OrgPolicy, Options{}, identity(`{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}`), "SCP_SYNTAX_ERROR_ALLOW_CONDITION", `"Condition"`},
	{"SCP notresource", policy.OrgPolicy, Options{}, identity(`{"Effect": "Deny", "Action": "s3:*", "NotResource": "arn:aws:s3:::b"}`), "SCP_SYNTAX_ERROR_NOTRESOURCE", `"NotResource"`},

	// Resources.
	{"not an ARN", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "bucket/*"}`), "INVALID_ARN_PREFIX", `"bucket/*"`},
	{"missing ARN field", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:b"}`), "MISSING_ARN_FIELD", `"arn:aws:s3:b"`},
	{"bad partition", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:amazon:s3:::b/*"}`), "INVALID_PARTITION", `"arn:amazon`},
	{"service case", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:S3:::b/*"}`), "INVALID_ARN_SERVICE_CASE", `"arn:aws:S3`},
	{"unknown ARN service", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s4:::b/*"}`), "INVALID_SERVICE", `"arn:aws:s4`},
	{"bad region", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:useast1:123456789012:q"}`), "INVALID_ARN_REGION", `"arn:aws:sqs`},
	{"bad account", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:1234:q"}`), "INVALID_ARN_ACCOUNT", `"arn:aws:sqs`},
	{"region on a bucket", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:us-east-1::b"}`), "ARN_REGION_NOT_ALLOWED", `"arn:aws:s3`},
	{"account on a bucket", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3::123456789012:b"}`), "ARN_ACCOUNT_NOT_ALLOWED", `"arn:aws:s3`},
	{"queue without region", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs::123456789012:q"}`), "MISSING_ARN_REGION", `"arn:aws:sqs`},
	{"no such resource type", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "iam:GetUser", "Resource": "arn:aws:iam::123456789012:person/alice"}`), "INVALID_ARN_RESOURCE", `"arn:aws:iam`},
	{"action does not take the resource", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket"}`), "INVALID_ARN_RESOURCE", `"arn:aws:s3:::bucket"`},
	{"redundant resource", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::b/*", "arn:aws:s3:::b/x"]}`), "REDUNDANT_RESOURCE", `"arn:aws:s3:::b/x"`},
	{"foreign resource in bucket policy", policy.Resource, Options{ResourceType: "AWS::S3::Bucket"}, identity(`{"Effect": "Allow", "Principal": {"AWS": "123456789012"}, "Action": "s3:GetObject", "Resource": "arn:aws:sqs:us-east-1:123456789012:q"}`), "UNSUPPORTED_RESOURCE_ARN_IN_POLICY", `"arn:aws:sqs`},

	// Statements.
	{"redundant statement", policy.Identity, Options{}, identity(`{"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},` + "\n" + `{"Sid": "B", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}`), "REDUNDANT_STATEMENT", `{"Sid": "B"`},
	{"PassRole on star", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": ["ec2:RunInstances", "iam:PassRole"], "Resource": "*"}`), "PASS_ROLE_WITH_STAR_IN_RESOURCE", `"iam:PassRole"`},
	{"iam star on star", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "iam:*", "Resource": "*"}`), "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE", `"iam:*"`},
	{"PassRole with NotResource", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "iam:PassRole", "NotResource": "arn:aws:iam::123456789012:role/admin"}`), "PASS_ROLE_WITH_NOTRESOURCE", `"iam:PassRole"`},
	{"star with NotResource", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "*", "NotResource": "arn:aws:iam::123456789012:role/admin"}`), "PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOTRESOURCE", `"*"`},
	{"NotAction on star", policy.Identity, Options{}, identity(`{"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"}`), "PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOTACTION", `"NotAction"`},
	{"NotAction with NotResource", policy.Identity, Options{}, identity(`{"Effect": "Allow", "NotAction": "s3:*", "NotResource": "arn:aws:s3:::b"}`), "PASS_ROLE_WITH_NOTACTION_AND_NOTRESOURCE", `"NotAction"`},
	{"CreateServiceLinkedRole on star", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "iam:CreateServiceLinkedRole", "Resource": "*"}`), "CREATE_SLR_WITH_STAR_IN_RESOURCE", `"iam:CreateServiceLinkedRole"`},
	{"CreateServiceLinkedRole with NotResource", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "iam:CreateServiceLinkedRole", "NotResource": "arn:aws:iam::*:role/aws-service-role/x/*"}`), "CREATE_SLR_WITH_NOTRESOURCE", `"iam:CreateServiceLinkedRole"`},
	{"iam star with NotResource creates SLRs", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "iam:*", "NotResource": "arn:aws:iam::123456789012:role/admin"}`), "CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOTRESOURCE", `"iam:*"`},
	{"NotAction creates SLRs", policy.Identity, Options{}, identity(`{"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"}`), "CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOTACTION", `"NotAction"`},
	{"NotAction and NotResource create SLRs", policy.Identity, Options{}, identity(`{"Effect": "Allow", "NotAction": "s3:*", "NotResource": "arn:aws:s3:::b"}`), "CREATE_SLR_WITH_NOTACTION_AND_NOTRESOURCE", `"NotAction"`},
	{"iam star creates SLRs", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "iam:*", "Resource": "*"}`), "CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE", `"iam:*"`},

	// Principals.
	{"allow with NotPrincipal", policy.Resource, Options{}, identity(`{"Effect": "Allow", "NotPrincipal": {"AWS": "123456789012"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}`), "ALLOW_WITH_NOTPRINCIPAL", `"NotPrincipal"`},
	{"partial wildcard principal", policy.Resource, Options{}, identity(`{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:role/*"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}`), "UNSUPPORTED_WILDCARD_IN_PRINCIPAL", `"arn:aws:iam::123456789012:role/*"`},
	{"partial wildcard in trust", policy.Trust, Options{}, identity(`{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::*:root"}, "Action": "sts:AssumeRole"}`), "ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL", `"arn:aws:iam::*:root"`},
	{"bad AWS principal", policy.Resource, Options{}, identity(`{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:group/devs"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}`), "INVALID_PRINCIPAL_FORMAT", `"arn:aws:iam::123456789012:group/devs"`},
	{"bad service principal", policy.Trust, Options{}, identity(`{"Effect": "Allow", "Principal": {"Service": "EC2"}, "Action": "sts:AssumeRole"}`), "INVALID_SERVICE_PRINCIPAL_FORMAT", `"EC2"`},
	{"federated in bucket policy", policy.Resource, Options{}, identity(`{"Effect": "Allow", "Principal": {"Federated": "accounts.google.com"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}`), "FEDERATED_PRINCIPAL_NOT_SUPPORTED", `"Federated"`},
	{"bad federated", policy.Trust, Options{}, identity(`{"Effect": "Allow", "Principal": {"Federated": "example.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}`), "INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY", `"example.com"`},
	{"SAML with AssumeRole", policy.Trust, Options{}, identity(`{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::123456789012:saml-provider/okta"}, "Action": "sts:AssumeRole"}`), "MISMATCHED_ACTION_FOR_PRINCIPAL", `"sts:AssumeRole"`},
	{"roles anywhere actions", policy.Trust, Options{}, identity(`{"Effect": "Allow", "Principal": {"Service": "rolesanywhere.amazonaws.com"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:SourceArn": "arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/x"}}}`), "MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY", `"Action"`},
	{"GitHub without sub", policy.Trust, Options{}, identity(`{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}}`), "MISSING_GITHUB_REPO_CONDITION_KEY", `"arn:aws:iam::123456789012:oidc`},
	{"GitHub sub wildcard", policy.Trust, Options{}, identity(`{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringLike": {"token.actions.githubusercontent.com:sub": "repo:org/*"}}}`), "SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED", `"repo:org/*"`},
	{"OIDC without aud", policy.Trust, Options{}, identity(`{"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}`), "MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL", `"cognito-identity.amazonaws.com"`},
	{"service principal without source", policy.Resource, Options{}, identity(`{"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::logs/*"}`), "RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL", `"cloudtrail.amazonaws.com"`},
	{"service principal in trust", policy.Trust, Options{}, identity(`{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}`), "RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL", `"ec2.amazonaws.com"`},
	{"principal key for a service", policy.Resource, Options{}, identity(`{"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:123456789012:q", "Condition": {"ArnEquals": {"aws:PrincipalArn": "arn:aws:sns:us-east-1:123456789012:t"}}}`), "UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL", `"aws:PrincipalArn"`},
	{"session and its role", policy.Trust, Options{}, identity(`{"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::123456789012:role/ci", "arn:aws:sts::123456789012:assumed-role/ci/run"]}, "Action": "sts:AssumeRole"}`), "REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY", `"arn:aws:sts::`},

	// Conditions.
	{"key without service", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"username": "a"}}}`), "INVALID_CONDITION_KEY_FORMAT", `"username"`},
	{"unknown global key", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIP2": "1.2.3.4"}}}`), "INVALID_GLOBAL_CONDITION_KEY", `"aws:SourceIP2"`},
	{"unknown service key", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"StringLike": {"s3:prefixes": "a/*"}}}`), "INVALID_SERVICE_CONDITION_KEY", `"s3:prefixes"`},
	{"aws:ARN", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"ArnLike": {"aws:ARN": "arn:aws:iam::123456789012:*"}}}`), "UNSUPPORTED_GLOBAL_CONDITION_KEY", `"aws:ARN"`},
	{"tag key missing", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "ec2:StartInstances", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag": "x"}}}`), "MISSING_TAG_KEY_IN_CONDITION", `"aws:ResourceTag"`},
	{"keys differing in case", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:username": "a", "aws:UserName": "b"}}}`), "DUPLICATE_KEYS_WITH_DIFFERENT_CASE", `"aws:UserName"`},
	{"ForAllValues on single key", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws:username": ["a", "b"]}}}`), "FORALLVALUES_WITH_SINGLE_VALUED_KEY", `"ForAllValues:StringEquals"`},
	{"TagKeys without qualifier", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*", "Condition": {"StringEquals": {"aws:TagKeys": "team"}}}`), "MISSING_QUALIFIER", `"aws:TagKeys"`},
	{"Null with qualifier", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"ForAnyValue:Null": {"aws:username": "true"}}}`), "NULL_WITH_QUALIFIER", `"ForAnyValue:Null"`},
	{"Null not boolean", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"Null": {"aws:username": "yes"}}}`), "TYPE_MISMATCH_BOOLEAN", `"yes"`},
	{"Bool both ways", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": ["true", "false"]}}}`), "INVALID_CONDITION_MULTIPLE_BOOLEAN", `["true"`},
	{"mixed JSON types", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": [true, "true"]}}}`), "INVALID_CONDITION_DATA_TYPE", `"true"]`},
	{"wildcard with Equals", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"StringEquals": {"s3:prefix": "home/*"}}}`), "WILDCARD_WITHOUT_LIKE_OPERATOR", `"home/*"`},
	{"operator does not fit key", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"NumericLessThan": {"aws:username": "3"}}}`), "TYPE_MISMATCH", `"aws:username"`},
	{"number", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": "one hour"}}}`), "TYPE_MISMATCH_NUMBER", `"one hour"`},
	{"date", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"DateLessThan": {"aws:CurrentTime": "tomorrow"}}}`), "TYPE_MISMATCH_DATE", `"tomorrow"`},
	{"impossible date", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"DateLessThan": {"aws:CurrentTime": "2026-02-30T00:00:00Z"}}}`), "INVALID_DATE_VALUE", `"2026-02-30`},
	{"IP range", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/33"}}}`), "TYPE_MISMATCH_IP_RANGE", `"203.0.113.0/33"`},
	{"IP host bits", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.7/24"}}}`), "IMPROVE_IP_RANGE", `"203.0.113.7/24"`},
	{"private source IP", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "10.1.0.0/16"}}}`), "PRIVATE_IP_ADDRESS", `"10.1.0.0/16"`},
	{"private NotIpAddress", policy.Identity, Options{}, identity(`{"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": "192.168.1.1"}}}`), "PRIVATE_NOTIPADDRESS", `"192.168.1.1"`},
	{"range including private", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/7"}}}`), "PRIVATE_IP_ADDRESS_SUBSET", `"10.0.0.0/7"`},
	{"NotIpAddress including private", policy.Identity, Options{}, identity(`{"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": "192.0.0.0/8"}}}`), "PRIVATE_NOTIPADDRESS_SUBSET", `"192.0.0.0/8"`},
	{"several numeric bounds", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": ["3600", "7200"]}}}`), "REDUNDANT_CONDITION_VALUE_NUM", `["3600"`},
	{"empty condition array", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:username": []}}}`), "EMPTY_ARRAY_CONDITION", `[]`},
	{"empty ForAllValues array", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": []}}}`), "EMPTY_ARRAY_CONDITION_FORALLVALUES", `[]`},
	{"empty ForAnyValue array", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*", "Condition": {"ForAnyValue:StringEquals": {"aws:TagKeys": []}}}`), "EMPTY_ARRAY_CONDITION_FORANYVALUE", `[]`},
	{"empty IfExists array", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEqualsIfExists": {"aws:username": []}}}`), "EMPTY_ARRAY_CONDITION_IFEXISTS", `[]`},
	{"VPC id", policy.Identity, Options{}, identity(`{"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringNotEquals": {"aws:SourceVpc": "vpc-12"}}}`), "INVALID_VPC_FORMAT", `"vpc-12"`},
	{"VPC endpoint id", policy.Identity, Options{}, identity(`{"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpc-1a2b3c4d"}}}`), "INVALID_VPCE_FORMAT", `"vpc-1a2b3c4d"`},
	{"region value", policy.Identity, Options{}, identity(`{"Effect": "Deny", "Action": "ec2:RunInstances", "Resource": "*", "Condition": {"StringNotEquals": {"aws:RequestedRegion": "Frankfurt"}}}`), "INVALID_REGION", `"Frankfurt"`},
	{"VpcSourceIp alone", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"}}}`), "MISSING_PAIRED_CONDITION_KEYS", `"aws:VpcSourceIp"`},
	{"key no action supports", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "*", "Condition": {"StringLike": {"s3:prefix": "a/*"}}}`), "UNSUPPORTED_ACTION_FOR_CONDITION_KEY", `"s3:prefix"`},
	{"deny NotAction with tag key", policy.Identity, Options{}, identity(`{"Effect": "Deny", "NotAction": "iam:*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:ResourceTag/team": "a"}}}`), "DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE", `"aws:ResourceTag/team"`},
	{"allow with tag key unsupported", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": ["ec2:StartInstances", "account:GetAlternateContact"], "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": "a"}}}`), "ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE", `"aws:ResourceTag/team"`},
	{"deny with tag key unsupported", policy.Identity, Options{}, identity(`{"Effect": "Deny", "Action": ["ec2:StartInstances", "account:GetAlternateContact"], "Resource": "*", "Condition": {"StringNotEquals": {"aws:ResourceTag/team": "a"}}}`), "DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE", `"aws:ResourceTag/team"`},
	{"allow NotAction with tag key", policy.Identity, Options{}, identity(`{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": "a"}}}`), "ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE", `"aws:ResourceTag/team"`},

	// Sizes.
	{"SCP over quota", policy.OrgPolicy, Options{}, identity(`{"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringNotEquals": {"aws:PrincipalAccount": ["` + strings.Repeat("123456789012\", \"", 400) + `123456789012"]}}}`), "POLICY_SIZE_EXCEEDS_SCP_QUOTA", `{`},
	{"identity over quota", policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": ["` + strings.Repeat("arn:aws:s3:::bucket-with-a-long-name/*\", \"", 200) + `arn:aws:s3:::b/*"]}`), "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA", `{`},
	{"trust over quota", policy.Trust, Options{}, identity(`{"Effect": "Allow", "Principal": {"AWS": ["` + strings.Repeat("arn:aws:iam::123456789012:root\", \"", 80) + `123456789012"]}, "Action": "sts:AssumeRole"}`), "POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA", `{`},
	{"bucket policy over quota", policy.Resource, Options{ResourceType: "AWS::S3::Bucket"}, identity(`{"Effect": "Allow", "Principal": {"AWS": ["` + strings.Repeat("arn:aws:iam::123456789012:root\", \"", 700) + `123456789012"]}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}`), "POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA", `{`},
}

func TestLintFindsEachCheckAtItsElement(t *testing.T) {
	l := testLinter(t)
	for _, tc := range lintCases {
		t.Run(tc.name, func(t *testing.T) {
			fs := l.Document(tc.doc, tc.kind, tc.opts)
			var got *Finding
			for i := range fs {
				if fs[i].Code == tc.code {
					got = &fs[i]
					break
				}
			}
			if got == nil {
				t.Fatalf("no %s; findings: %s", tc.code, summary(fs))
			}
			if tc.at == "" {
				return
			}
			line, col := posOf(t, tc.doc, tc.at)
			if got.Pos.Line != line || got.Pos.Column != col {
				t.Errorf("%s at %d:%d, want %d:%d (%q); message %q", tc.code, got.Pos.Line, got.Pos.Column, line, col, tc.at, got.Message)
			}
			if got.End.Offset <= got.Pos.Offset && got.Pos.Offset < len(tc.doc) {
				t.Errorf("%s: end %+v not after start %+v", tc.code, got.End, got.Pos)
			}
			if want := checks[tc.code].Category; got.Category != want && got.Category != Error && tc.name != "action does not take the resource" {
				t.Errorf("%s: category %s, want %s", tc.code, got.Category, want)
			}
		})
	}
}

func summary(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("\n  " + f.Code + " " + f.Pos.String() + ": " + f.Message)
	}
	return b.String()
}

func TestLintCleanPoliciesHaveNoFindings(t *testing.T) {
	l := testLinter(t)
	docs := []struct {
		kind policy.Kind
		opts Options
		doc  string
	}{
		{policy.Identity, Options{}, identity(`{"Sid": "Read", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/${aws:username}/*"]}`)},
		{policy.Identity, Options{}, identity(`{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::123456789012:role/app", "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}}`)},
		{policy.Trust, Options{}, identity(`{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "x"}}}`)},
		{policy.Identity, Options{}, identity(`{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}`)},
	}
	for _, d := range docs {
		if fs := l.Document(d.doc, d.kind, d.opts); len(fs) > 0 {
			t.Errorf("findings on a clean policy:%s\n%s", summary(fs), d.doc)
		}
	}
}

// The sample-accessanalyzer-validate-policy.json finding: s3:GetObjects at
// column 87 (AWS's 0-based columns) of a one-line policy.
func TestLintTypoMatchesAWSFinding(t *testing.T) {
	l := testLinter(t)
	doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:ListBucket","s3:GetObjects"],"Resource":"*"}]}`
	var got *Finding
	fs := l.Document(doc, policy.Identity, Options{})
	for i := range fs {
		if fs[i].Code == "INVALID_ACTION" {
			got = &fs[i]
		}
	}
	if got == nil {
		t.Fatalf("no INVALID_ACTION:%s", summary(fs))
	}
	if got.Suggestion != "s3:GetObject" {
		t.Errorf("suggestion %q, want s3:GetObject", got.Suggestion)
	}
	start, end := awsPosition(doc, got.Pos), awsPosition(doc, got.End)
	at := strings.Index(doc, `"s3:GetObjects"`)
	if start.Line != 1 || start.Column != at || start.Offset != at || end.Offset != at+len(`"s3:GetObjects"`) || got.Pos.Column != at+1 {
		t.Errorf("span %+v..%+v", start, end)
	}
	if got.LearnMore != "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-error-invalid-action" {
		t.Errorf("learn more %q", got.LearnMore)
	}
}

func TestLintCodesAreAccessAnalyzers(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "reference", "access-analyzer-policy-checks.tsv")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("no %s: %v", path, err)
	}
	defer f.Close()
	tsv := map[string]string{}
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) == 3 {
			tsv[cols[2]] = cols[0]
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for code, c := range checks {
		cat, ok := tsv[code]
		if !ok {
			t.Errorf("%s is not an Access Analyzer issue code", code)
			continue
		}
		if cat != c.Category.String() {
			t.Errorf("%s: category %s, the TSV says %s", code, c.Category, cat)
		}
	}
	var missing []string
	for code := range tsv {
		if _, ok := checks[code]; !ok {
			missing = append(missing, code)
		}
	}
	t.Logf("%d of the %d Access Analyzer checks implemented; not implemented: %v", len(checks), len(tsv), missing)
	// Every code the test table exercises is implemented and vice versa,
	// so the table covers every check.
	tested := map[string]bool{}
	for _, tc := range lintCases {
		tested[tc.code] = true
	}
	for code := range checks {
		if !tested[code] && code != "INVALID_ROLE_REFERENCE" && code != "INVALID_USER_REFERENCE" {
			t.Errorf("%s has no test case", code)
		}
	}
}

func TestLintWithoutCatalogStillChecksGrammar(t *testing.T) {
	l := New(nil)
	fs := l.Document(identity(`{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}`), policy.Identity, Options{})
	if len(fs) != 1 || fs[0].Code != "PASS_ROLE_WITH_STAR_IN_RESOURCE" {
		t.Errorf("findings:%s", summary(fs))
	}
}

func TestLintIsSafeForConcurrentUse(t *testing.T) {
	l := testLinter(t)
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, tc := range lintCases[:20] {
				l.Document(tc.doc, tc.kind, tc.opts)
			}
		}()
	}
	wg.Wait()
}
