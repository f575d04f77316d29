// Package edit computes the change sets behind every edit the terminal UI
// and the command line offer: create, rename and delete users, groups, roles
// and managed policies; group membership; attachments and permissions
// boundaries; inline, trust and managed policy documents; tags.
//
// Every operation is a pure function of the account it is given: it returns a
// model.ChangeSet (or an *Error saying which AWS rule the edit breaks and what
// to do instead) and never modifies the account. Entities that change are
// copied with their Clone methods, so the change set's Before values are the
// account's own entities and can be compared with what storage holds, and the
// change set's Inverse undoes it exactly.
//
// The rules are AWS's, as the IAM API and console apply them, with AWS's
// default quotas (10 groups per user, 10 managed policies per entity, inline
// and managed policy sizes, 5 policy versions).
package edit

import (
	"crypto/rand"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"iamtui/model"
	"iamtui/model/policy"
)

// Editor computes change sets. Its zero value is ready to use: Now defaults
// to time.Now and NewID to RandomID. Tests set both for reproducible output.
type Editor struct {
	Now   func() time.Time           // creation dates
	NewID func(prefix string) string // unique ids: prefix (AIDA, AGPA, AROA, ANPA) + random part
}

// RandomID returns an AWS-shaped unique id: the prefix followed by 17
// upper-case base32 characters from crypto/rand, like AIDA255YT2RRGHPBR7XYS.
func RandomID(prefix string) string {
	// rand.Text is 26 characters of the standard base32 alphabet (A-Z, 2-7),
	// 130 bits; 17 of them keep 85 bits, plenty for uniqueness.
	return prefix + rand.Text()[:17]
}

// now returns the creation time to record: UTC and whole seconds, as AWS
// reports dates, so that what storage round-trips compares equal.
func (e *Editor) now() time.Time {
	f := e.Now
	if f == nil {
		f = time.Now
	}
	return f().UTC().Truncate(time.Second)
}

// newID returns an id with the prefix that no entity in used holds. An
// injected generator that repeats itself or breaks AWS's id rules gets an
// error rather than an account that fails validation.
func (e *Editor) newID(prefix string, used func(id string) bool) (string, error) {
	f := e.NewID
	if f == nil {
		f = RandomID
	}
	for range 8 {
		id := f(prefix)
		if err := model.ValidateID(prefix, id); err != nil {
			return "", fmt.Errorf("id generator: %w", err)
		}
		if !used(id) {
			return id, nil
		}
	}
	return "", fmt.Errorf("id generator: 8 ids with prefix %s in a row are already in use", prefix)
}

// Error codes, named after the IAM API errors AWS returns for the same
// mistakes, so that people who know AWS recognise them.
const (
	CodeNoSuchEntity            = "NoSuchEntity"
	CodeEntityAlreadyExists     = "EntityAlreadyExists"
	CodeLimitExceeded           = "LimitExceeded"
	CodeDeleteConflict          = "DeleteConflict"
	CodeMalformedPolicyDocument = "MalformedPolicyDocument"
	CodeInvalidInput            = "InvalidInput"
	CodeUnmodifiableEntity      = "UnmodifiableEntity"
	CodePolicyNotAttachable     = "PolicyNotAttachable"
	// CodeNoChange: the edit would change nothing (the user is already in
	// the group...). AWS accepts some of these silently; a change set that
	// changes nothing would only clutter the journal and the undo stack.
	CodeNoChange = "NoChange"
)

// ErrVersionLimit is wrapped by the error CreatePolicyVersion returns when
// the policy already has 5 versions, so that the UI can offer to delete the
// oldest non-default version (VersionOptions.DeleteOldest), as the console
// does.
var ErrVersionLimit = errors.New("policy version limit reached")

// Error is an edit AWS would refuse. Msg is written for people: it names
// the entity, the rule and what to do instead.
type Error struct {
	Code string // CodeNoSuchEntity...
	Msg  string
	Err  error // the cause, when there is one: a *policy.SyntaxError, ErrVersionLimit
}

func (e *Error) Error() string { return e.Msg }
func (e *Error) Unwrap() error { return e.Err }

// CodeOf returns the code of an *Error in err's chain, or "".
func CodeOf(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

func fail(code, format string, args ...any) error {
	return &Error{Code: code, Msg: fmt.Sprintf(format, args...)}
}

func failWrap(code string, cause error, format string, args ...any) error {
	return &Error{Code: code, Msg: fmt.Sprintf(format, args...), Err: cause}
}

// builder collects the changes of one change set for one account.
type builder struct {
	acct string
	cs   model.ChangeSet
}

func newBuilder(a *model.Account, op string) *builder {
	return &builder{acct: a.ID, cs: model.ChangeSet{Op: op}}
}

func (b *builder) create(kind model.EntityKind, after any) {
	b.cs.Changes = append(b.cs.Changes, model.Change{Account: b.acct, Kind: kind, After: after})
}

func (b *builder) modify(kind model.EntityKind, before, after any) {
	b.cs.Changes = append(b.cs.Changes, model.Change{Account: b.acct, Kind: kind, Before: before, After: after})
}

func (b *builder) remove(kind model.EntityKind, before any) {
	b.cs.Changes = append(b.cs.Changes, model.Change{Account: b.acct, Kind: kind, Before: before})
}

func (b *builder) done(format string, args ...any) (model.ChangeSet, error) {
	b.cs.Summary = fmt.Sprintf(format, args...)
	return b.cs, nil
}

func checkAccount(a *model.Account) error {
	if a == nil {
		return fail(CodeInvalidInput, "no account loaded: import or create an account first")
	}
	return nil
}

// Lookups. Each returns the account's own entity (never a copy) or a
// NoSuchEntity error naming the account.

func findUser(a *model.Account, name string) (*model.User, error) {
	if u := a.User(name); u != nil {
		return u, nil
	}
	return nil, fail(CodeNoSuchEntity, "user %q does not exist in account %s", name, a.ID)
}

func findGroup(a *model.Account, name string) (*model.Group, error) {
	if g := a.Group(name); g != nil {
		return g, nil
	}
	return nil, fail(CodeNoSuchEntity, "group %q does not exist in account %s", name, a.ID)
}

func findRole(a *model.Account, name string) (*model.Role, error) {
	if r := a.Role(name); r != nil {
		return r, nil
	}
	return nil, fail(CodeNoSuchEntity, "role %q does not exist in account %s", name, a.ID)
}

// findPolicy accepts a managed policy's ARN or its name (customer-managed
// preferred over AWS-managed, as model.PolicyByName does).
func findPolicy(a *model.Account, ref string) (*model.ManagedPolicy, error) {
	var p *model.ManagedPolicy
	if strings.HasPrefix(ref, "arn:") {
		p = a.Policy(ref)
	} else {
		p = a.PolicyByName(ref)
	}
	if p != nil {
		return p, nil
	}
	return nil, fail(CodeNoSuchEntity, "managed policy %q does not exist in account %s: create it first, or import the account with the AWS-managed policies it uses", ref, a.ID)
}

// policyLabel names a policy in messages: `policy "Name"`, or
// `AWS-managed policy "Name"`.
func policyLabel(p *model.ManagedPolicy) string {
	if p.AWSManaged() {
		return fmt.Sprintf("AWS-managed policy %q", p.Name)
	}
	return fmt.Sprintf("policy %q", p.Name)
}

func refuseAWSManaged(p *model.ManagedPolicy, what string) error {
	if p.AWSManaged() {
		return fail(CodeUnmodifiableEntity, "%s belongs to AWS and cannot be %s: create a customer-managed policy with the permissions you need instead", policyLabel(p), what)
	}
	return nil
}

// parseDoc parses a document for its use, wrapping the parser's positioned
// error so that the UI can still reach the *policy.SyntaxError.
func parseDoc(text string, kind policy.Kind, what string) (*policy.Document, error) {
	if strings.TrimSpace(text) == "" {
		return nil, fail(CodeMalformedPolicyDocument, "%s is empty: write a policy document with a Version and a Statement", what)
	}
	doc, err := policy.Parse(text, kind)
	if err != nil {
		return nil, failWrap(CodeMalformedPolicyDocument, err, "%s is not a valid %s: %v", what, kind, err)
	}
	return doc, nil
}

func validName(kind, name string) error {
	if err := model.ValidateName(kind, name); err != nil {
		return failWrap(CodeInvalidInput, err, "%v", err)
	}
	return nil
}

func validPath(path string) error {
	if err := model.ValidatePath(path); err != nil {
		return failWrap(CodeInvalidInput, err, "%v", err)
	}
	return nil
}

func validTags(what string, tags []model.Tag) error {
	if err := model.ValidateTags(tags); err != nil {
		return failWrap(CodeInvalidInput, err, "tags of %s: %v", what, err)
	}
	return nil
}

// pathOr returns path, or def when path is "" (keep / AWS's default "/").
func pathOr(path, def string) string {
	if path == "" {
		return def
	}
	return path
}

// plural returns "1 thing" or "n things".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// joinNames joins names as a list for people, quoted or not, eliding after
// max names so that a group of 3,000 users stays one line.
func joinNames(names []string, max int, quote bool) string {
	var sb strings.Builder
	for i, n := range names {
		if i == max {
			fmt.Fprintf(&sb, " and %d more", len(names)-max)
			break
		}
		if i > 0 {
			sb.WriteString(", ")
		}
		if quote {
			n = strconv.Quote(n)
		}
		sb.WriteString(n)
	}
	return sb.String()
}
