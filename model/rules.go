package model

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

// Quotas AWS applies by default (IAM and STS quotas in the IAM User Guide).
const (
	MaxUsers                 = 5000
	MaxGroupsPerUser         = 10
	MaxManagedPerEntity      = 10 // attached managed policies per user, group or role
	MaxPolicyVersions        = 5
	MaxTags                  = 50
	MaxAccessKeysPerUser     = 2
	MaxUserInlineChars       = 2048 // all inline policies of a user, whitespace not counted
	MaxGroupInlineChars      = 5120
	MaxRoleInlineChars       = 10240
	MaxManagedPolicyChars    = 6144
	MaxTrustPolicyChars      = 2048
	MaxUserNameLen           = 64
	MaxRoleNameLen           = 64
	MaxGroupNameLen          = 128
	MaxPolicyNameLen         = 128
	MaxInstanceProfileLen    = 128
	MaxPathLen               = 512
	MaxTagKeyLen             = 128
	MaxTagValueLen           = 256
	MaxRoleDescriptionLength = 1000
)

// ID prefixes AWS uses for unique ids.
const (
	PrefixUser            = "AIDA"
	PrefixGroup           = "AGPA"
	PrefixRole            = "AROA"
	PrefixPolicy          = "ANPA"
	PrefixInstanceProfile = "AIPA"
	PrefixAccessKey       = "AKIA"
	PrefixTempAccessKey   = "ASIA"
)

var (
	nameChars   = regexp.MustCompile(`^[\w+=,.@-]+$`)
	accountID   = regexp.MustCompile(`^[0-9]{12}$`)
	pathPattern = regexp.MustCompile(`^/([\x21-\x7E]*/)?$`)
	idPattern   = regexp.MustCompile(`^[A-Z0-9]{16,128}$`)
	tagChars    = regexp.MustCompile(`^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`)
)

// ValidateAccountID checks a 12-digit account id.
func ValidateAccountID(id string) error {
	if !accountID.MatchString(id) {
		return fmt.Errorf("account id %q must be 12 digits", id)
	}
	return nil
}

// ValidateName checks an IAM entity name: kind is "user", "group", "role",
// "policy" or "instance profile".
func ValidateName(kind, name string) error {
	max := MaxGroupNameLen
	switch kind {
	case "user":
		max = MaxUserNameLen
	case "role":
		max = MaxRoleNameLen
	}
	if name == "" {
		return fmt.Errorf("%s name cannot be empty", kind)
	}
	if n := len([]rune(name)); n > max {
		return fmt.Errorf("%s name %q is %d characters; AWS allows at most %d", kind, name, n, max)
	}
	if !nameChars.MatchString(name) {
		return fmt.Errorf("%s name %q may only use letters, digits and +=,.@_-", kind, name)
	}
	return nil
}

// ValidatePath checks an IAM path: "/" or "/a/b/".
func ValidatePath(path string) error {
	if len(path) > MaxPathLen {
		return fmt.Errorf("path %q is longer than %d characters", path, MaxPathLen)
	}
	if !pathPattern.MatchString(path) || strings.Contains(path, "//") {
		return fmt.Errorf("path %q must begin and end with / (e.g. / or /division/team/)", path)
	}
	return nil
}

// ValidateID checks a unique id and its prefix (AIDA, AGPA, AROA, ANPA, AIPA).
func ValidateID(prefix, id string) error {
	if !idPattern.MatchString(id) {
		return fmt.Errorf("id %q must be 16 to 128 upper-case letters and digits", id)
	}
	if !strings.HasPrefix(id, prefix) {
		return fmt.Errorf("id %q must begin with %s", id, prefix)
	}
	return nil
}

// ValidateTags checks tag count, lengths, characters and key uniqueness.
func ValidateTags(tags []Tag) error {
	if len(tags) > MaxTags {
		return fmt.Errorf("%d tags; AWS allows at most %d", len(tags), MaxTags)
	}
	seen := make(map[string]bool, len(tags))
	for _, t := range tags {
		if t.Key == "" || len([]rune(t.Key)) > MaxTagKeyLen {
			return fmt.Errorf("tag key %q must be 1 to %d characters", t.Key, MaxTagKeyLen)
		}
		if strings.HasPrefix(strings.ToLower(t.Key), "aws:") {
			return fmt.Errorf("tag key %q: the aws: prefix is reserved for AWS", t.Key)
		}
		if len([]rune(t.Value)) > MaxTagValueLen {
			return fmt.Errorf("tag %q: value is longer than %d characters", t.Key, MaxTagValueLen)
		}
		if !tagChars.MatchString(t.Key) || !tagChars.MatchString(t.Value) {
			return fmt.Errorf("tag %q: keys and values may only use letters, digits, spaces and _.:/=+-@", t.Key)
		}
		k := strings.ToLower(t.Key)
		if seen[k] {
			return fmt.Errorf("tag key %q appears twice (keys are unique ignoring case)", t.Key)
		}
		seen[k] = true
	}
	return nil
}

// PolicyChars counts a policy's characters as AWS does for quotas:
// whitespace outside strings is not counted.
func PolicyChars(text string) int {
	n := 0
	for _, r := range text {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}

func equalFold(a, b string) bool { return strings.EqualFold(a, b) }
