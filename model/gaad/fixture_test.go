package gaad

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// policyText is a document as the AWS CLI prints it for get-policy-version.
const policyText = `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "ReadMenus",
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::menus/*"
        }
    ]
}`

const trustText = `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {
                "AWS": "arn:aws:iam::111122223333:root"
            },
            "Action": "sts:AssumeRole"
        }
    ]
}`

// fixture is a small account with one of everything GAAD holds. USERDOC,
// TRUST and VERSIONDOC are replaced by documents in the form a test needs;
// CREATED by a date.
const fixture = `{
    "UserDetailList": [
        {
            "Path": "/",
            "UserName": "alice",
            "UserId": "AIDAQAAAAAAAAAAAAAAA1",
            "Arn": "arn:aws:iam::111122223333:user/alice",
            "CreateDate": "CREATED",
            "UserPolicyList": [
                {
                    "PolicyName": "read-menus",
                    "PolicyDocument": USERDOC
                }
            ],
            "GroupList": [
                "cooks"
            ],
            "AttachedManagedPolicies": [
                {
                    "PolicyName": "Kitchen",
                    "PolicyArn": "arn:aws:iam::111122223333:policy/Kitchen"
                }
            ],
            "PermissionsBoundary": {
                "PermissionsBoundaryType": "PermissionsBoundaryPolicy",
                "PermissionsBoundaryArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"
            },
            "Tags": [
                {
                    "Key": "team",
                    "Value": "kitchen"
                }
            ]
        }
    ],
    "GroupDetailList": [
        {
            "Path": "/",
            "GroupName": "cooks",
            "GroupId": "AGPAQAAAAAAAAAAAAAAA1",
            "Arn": "arn:aws:iam::111122223333:group/cooks",
            "CreateDate": "2024-01-02T03:04:05+00:00",
            "GroupPolicyList": [],
            "AttachedManagedPolicies": [
                {
                    "PolicyName": "ReadOnlyAccess",
                    "PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"
                }
            ]
        }
    ],
    "RoleDetailList": [
        {
            "Path": "/service/",
            "RoleName": "Deploy",
            "RoleId": "AROAQAAAAAAAAAAAAAAA1",
            "Arn": "arn:aws:iam::111122223333:role/service/Deploy",
            "CreateDate": "2024-01-02T03:04:05+00:00",
            "AssumeRolePolicyDocument": TRUST,
            "InstanceProfileList": [
                {
                    "Path": "/",
                    "InstanceProfileName": "Deploy",
                    "InstanceProfileId": "AIPAQAAAAAAAAAAAAAAA1",
                    "Arn": "arn:aws:iam::111122223333:instance-profile/Deploy",
                    "CreateDate": "2024-01-02T03:04:05+00:00",
                    "Roles": [
                        {
                            "Path": "/service/",
                            "RoleName": "Deploy",
                            "RoleId": "AROAQAAAAAAAAAAAAAAA1",
                            "Arn": "arn:aws:iam::111122223333:role/service/Deploy",
                            "CreateDate": "2024-01-02T03:04:05+00:00",
                            "AssumeRolePolicyDocument": TRUST
                        }
                    ]
                }
            ],
            "RolePolicyList": [],
            "AttachedManagedPolicies": [],
            "Tags": [],
            "RoleLastUsed": {
                "LastUsedDate": "2026-11-21T23:58:12+00:00",
                "Region": "eu-west-1"
            }
        }
    ],
    "Policies": [
        {
            "PolicyName": "Kitchen",
            "PolicyId": "ANPAQAAAAAAAAAAAAAAA1",
            "Arn": "arn:aws:iam::111122223333:policy/Kitchen",
            "Path": "/",
            "DefaultVersionId": "v2",
            "AttachmentCount": 1,
            "PermissionsBoundaryUsageCount": 0,
            "IsAttachable": true,
            "CreateDate": "2024-01-02T03:04:05+00:00",
            "UpdateDate": "2024-01-02T03:04:05+00:00",
            "PolicyVersionList": [
                {
                    "Document": VERSIONDOC,
                    "VersionId": "v2",
                    "IsDefaultVersion": true,
                    "CreateDate": "2024-01-02T03:04:05+00:00"
                },
                {
                    "Document": VERSIONDOC,
                    "VersionId": "v1",
                    "IsDefaultVersion": false,
                    "CreateDate": "2024-01-01T03:04:05+00:00"
                }
            ]
        },
        {
            "PolicyName": "ReadOnlyAccess",
            "PolicyId": "ANPAILL3HVNFSB6DCOWYQ",
            "Arn": "arn:aws:iam::aws:policy/ReadOnlyAccess",
            "Path": "/",
            "DefaultVersionId": "v1",
            "AttachmentCount": 1,
            "PermissionsBoundaryUsageCount": 1,
            "IsAttachable": true,
            "CreateDate": "2015-02-06T18:39:48+00:00",
            "UpdateDate": "2015-02-06T18:39:48+00:00",
            "PolicyVersionList": [
                {
                    "Document": VERSIONDOC,
                    "VersionId": "v1",
                    "IsDefaultVersion": true,
                    "CreateDate": "2015-02-06T18:39:48+00:00"
                }
            ]
        }
    ]
}
`

// embed writes a document as a JSON object at the indentation of the line
// holding its key, as the AWS CLI does.
func embed(doc string, indent int) string {
	return strings.ReplaceAll(doc, "\n", "\n"+strings.Repeat(" ", indent))
}

// build fills the fixture. Empty arguments take the CLI form of the
// standard documents.
func build(userDoc, trust, versionDoc, created string) string {
	if userDoc == "" {
		userDoc = embed(policyText, 20)
	}
	if trust == "" {
		trust = embed(trustText, 12)
	}
	if versionDoc == "" {
		versionDoc = embed(policyText, 20)
	}
	if created == "" {
		created = "2024-01-02T03:04:05+00:00"
	}
	s := strings.Replace(fixture, "USERDOC", userDoc, 1)
	// The instance profile's copy of the role sits deeper.
	s = strings.Replace(s, "TRUST", trust, 1)
	s = strings.Replace(s, "TRUST", strings.ReplaceAll(trust, "\n            ", "\n                            "), 1)
	s = strings.ReplaceAll(s, "VERSIONDOC", versionDoc)
	return strings.Replace(s, "CREATED", created, 1)
}

// position finds the line and column (1-based, in characters) of the n-th
// occurrence (0-based) of needle in text, counted independently of the
// package's own helpers.
func position(t *testing.T, text, needle string, n int) (line, col int) {
	t.Helper()
	off := -1
	for i := 0; i <= n; i++ {
		j := strings.Index(text[off+1:], needle)
		if j < 0 {
			t.Fatalf("%q occurs fewer than %d times", needle, n+1)
		}
		off += 1 + j
	}
	before := text[:off]
	line = strings.Count(before, "\n") + 1
	col = len([]rune(before[strings.LastIndex(before, "\n")+1:])) + 1
	return line, col
}

// sharedFile returns a file of ../shared, or skips when it is absent.
func sharedFile(t testing.TB, parts ...string) string {
	t.Helper()
	p := filepath.Join(append([]string{"..", "..", "..", "shared"}, parts...)...)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s is absent (../shared is not beside the repository)", p)
	}
	return p
}
