package catalog

import (
	"regexp"
	"strings"
	"testing"
)

func TestMatchesARNPattern(t *testing.T) {
	const (
		object = "arn:${Partition}:s3:::${BucketName}/${ObjectName}"
		bucket = "arn:${Partition}:s3:::${BucketName}"
		role   = "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}"
		fn     = "arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}"
		logs   = "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}"
	)
	tests := []struct {
		name, pattern, arn string
		want               bool
	}{
		{"concrete object", object, "arn:aws:s3:::my-bucket/a/b.txt", true},
		{"object wildcard", object, "arn:aws:s3:::my-bucket/*", true},
		{"star bucket matches object pattern too", object, "arn:aws:s3:::*", true},
		{"bucket ARN is not an object", object, "arn:aws:s3:::my-bucket", false},
		{"object ARN is not a bucket", bucket, "arn:aws:s3:::my-bucket/*", false},
		{"concrete bucket", bucket, "arn:aws:s3:::my-bucket", true},
		{"bucket name wildcard", bucket, "arn:aws:s3:::my-*", true},
		{"other partition", bucket, "arn:aws-cn:s3:::b", true},
		{"s3 ARNs have no region", bucket, "arn:aws:s3:us-east-1::b", false},
		{"star region may be empty", bucket, "arn:aws:s3:*::b", true},
		{"other service", bucket, "arn:aws:sqs:::b", false},
		{"policy variable in key", object, "arn:aws:s3:::b/home/${aws:username}/*", true},
		{"role with path", role, "arn:aws:iam::123456789012:role/service/app", true},
		{"role wildcard", role, "arn:aws:iam::123456789012:role/*", true},
		{"user is not a role", role, "arn:aws:iam::123456789012:user/alice", false},
		{"account wildcard", role, "arn:aws:iam::*:role/x", true},
		{"missing account", role, "arn:aws:iam:::role/x", false},
		{"function", fn, "arn:aws:lambda:eu-west-1:123456789012:function:f", true},
		{"function wildcard everywhere", fn, "arn:aws:lambda:*:*:function:*", true},
		{"function question mark", fn, "arn:aws:lambda:eu-west-?:123456789012:function:f", true},
		{"function name cannot hold a slash", fn, "arn:aws:lambda:eu-west-1:123456789012:function:a/b", false},
		{"log stream with slashes in group", logs, "arn:aws:logs:us-east-1:1:log-group:/aws/lambda/f:log-stream:*", true},
		{"star matches anything", fn, "*", true},
		{"star tail across fields", fn, "arn:aws:lambda:*", true},
		{"case-sensitive", fn, "arn:aws:lambda:eu-west-1:1:Function:f", false},
		{"empty ARN", fn, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MatchesARNPattern(tt.pattern, tt.arn); got != tt.want {
				t.Errorf("MatchesARNPattern(%q, %q) = %v, want %v", tt.pattern, tt.arn, got, tt.want)
			}
		})
	}
}

func TestEveryCatalogARNPatternMatchesAStar(t *testing.T) {
	c := testCatalog(t)
	for _, s := range c.Services() {
		for _, rt := range s.ResourceTypes {
			p := ParseARNPattern(rt.ARNPattern)
			if !p.Matches("*") || !p.Matches("arn:*") || p.String() != rt.ARNPattern {
				t.Fatalf("%s %s: %s does not match *", s.Prefix, rt.Name, rt.ARNPattern)
			}
		}
	}
}

// oracle matches a concrete ARN (no wildcards) with a regular expression
// built from the pattern by the same placeholder rules.
func oracle(pattern, arn string) bool {
	var re strings.Builder
	re.WriteString("^")
	colons := 0
	for i := 0; i < len(pattern); {
		if strings.HasPrefix(pattern[i:], "${") {
			if end := strings.IndexByte(pattern[i:], '}'); end > 0 {
				switch {
				case colons < 5:
					re.WriteString("[^:]+")
				case pathPlaceholder(pattern[i+2 : i+end]):
					re.WriteString("(?s:.+)")
				default:
					re.WriteString("[^/]+")
				}
				i += end + 1
				continue
			}
		}
		if pattern[i] == ':' {
			colons++
		}
		re.WriteString(regexp.QuoteMeta(pattern[i : i+1]))
		i++
	}
	re.WriteString("$")
	return regexp.MustCompile(re.String()).MatchString(arn)
}

func FuzzMatchesARNPattern(f *testing.F) {
	f.Add("arn:${Partition}:s3:::${BucketName}/${ObjectName}", "arn:aws:s3:::b/k")
	f.Add("arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}", "arn:aws:iam::1:role/a/b")
	f.Add("arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}", "arn:aws:lambda:r:1:function:a/b")
	f.Add("a${X}b${Y}", "a:b:b")
	f.Fuzz(func(t *testing.T, pattern, arn string) {
		got := MatchesARNPattern(pattern, arn)
		if len(pattern) > maxARNLen || len(arn) > maxARNLen {
			if got {
				t.Errorf("over-long input matched")
			}
			return
		}
		// The matcher counts bytes and regexp counts runes, and ARNs are
		// ASCII: compare on ASCII only. Wildcards have no simple oracle.
		if strings.ContainsAny(arn, "*?$") || !isASCII(pattern) || !isASCII(arn) {
			return
		}
		if want := oracle(pattern, arn); got != want {
			t.Errorf("MatchesARNPattern(%q, %q) = %v, oracle says %v", pattern, arn, got, want)
		}
	})
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
