package gaad

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"iamtui/model"
	"iamtui/model/policy"
)

// Encode writes the account as the AWS CLI prints
// get-account-authorization-details: 4-space indentation, AWS's key order,
// entities in the account's order. Each policy document is written as a
// JSON object holding its text exactly (re-indented to its place), so that
// Decode gives back the same text; a text that could not survive that (a
// one written with a trailing newline, carriage returns, or a closing brace
// not at the start of its line) is written as a JSON string instead.
func Encode(w io.Writer, acct *model.Account) error {
	e := &encoder{w: bufio.NewWriterSize(w, 1<<16), acct: acct}
	if err := e.account(); err != nil {
		return err
	}
	e.w.WriteByte('\n')
	return e.w.Flush()
}

type encoder struct {
	w     *bufio.Writer
	acct  *model.Account
	depth int
	// first[i] is whether the container open at depth i+1 has no element yet.
	first []bool
	// roles by lower-case name, for the role summaries inside instance profiles.
	roles map[string]*model.Role
}

func (e *encoder) open(c byte) {
	e.w.WriteByte(c)
	e.depth++
	e.first = append(e.first, true)
}

// close ends a container; an empty one prints as [] or {}, as Python's
// json module (the AWS CLI's printer) does.
func (e *encoder) close(c byte) {
	empty := e.first[len(e.first)-1]
	e.first = e.first[:len(e.first)-1]
	e.depth--
	if !empty {
		e.newline()
	}
	e.w.WriteByte(c)
}

func (e *encoder) newline() {
	e.w.WriteByte('\n')
	for range e.depth {
		e.w.WriteString("    ")
	}
}

// elem starts the next element or member of the open container.
func (e *encoder) elem() {
	if !e.first[len(e.first)-1] {
		e.w.WriteByte(',')
	}
	e.first[len(e.first)-1] = false
	e.newline()
}

func (e *encoder) key(k string) {
	e.elem()
	e.str(k)
	e.w.WriteString(": ")
}

func (e *encoder) keyStr(k, v string) {
	e.key(k)
	e.str(v)
}

func (e *encoder) keyDate(k string, t time.Time) {
	if t.IsZero() {
		return
	}
	e.key(k)
	e.str(FormatDate(t))
}

// FormatDate writes a date as the AWS CLI does: 2024-05-14T08:41:37+00:00.
func FormatDate(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.999999999-07:00")
}

// str writes a JSON string as Python's json.dumps(ensure_ascii=False) does.
func (e *encoder) str(s string) {
	w := e.w
	w.WriteByte('"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		w.WriteString(s[start:i])
		switch c {
		case '"':
			w.WriteString(`\"`)
		case '\\':
			w.WriteString(`\\`)
		case '\n':
			w.WriteString(`\n`)
		case '\r':
			w.WriteString(`\r`)
		case '\t':
			w.WriteString(`\t`)
		case '\b':
			w.WriteString(`\b`)
		case '\f':
			w.WriteString(`\f`)
		default:
			fmt.Fprintf(w, `\u%04x`, c)
		}
		start = i + 1
	}
	w.WriteString(s[start:])
	w.WriteByte('"')
}

// embeddable reports whether text, written as an object at any indentation,
// reads back as the same text: Decode removes the closing brace's
// indentation from every line after the first, which undoes the
// re-indentation exactly when the text's own last line is a bare "}".
func embeddable(text string) bool {
	if !strings.HasPrefix(text, "{") || !strings.HasSuffix(text, "}") || strings.ContainsRune(text, '\r') || !utf8.ValidString(text) {
		return false
	}
	return !strings.Contains(text, "\n") || strings.HasSuffix(text, "\n}")
}

// doc writes a policy document's text in place.
func (e *encoder) doc(d *policy.Document) {
	if !embeddable(d.Text) {
		e.str(d.Text)
		return
	}
	indent := "\n" + strings.Repeat("    ", e.depth)
	for text := d.Text; ; {
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			e.w.WriteString(text)
			return
		}
		e.w.WriteString(text[:i])
		e.w.WriteString(indent)
		text = text[i+1:]
	}
}

func (e *encoder) account() error {
	a := e.acct
	e.roles = make(map[string]*model.Role, len(a.Roles))
	for _, r := range a.Roles {
		e.roles[strings.ToLower(r.Name)] = r
	}
	attachments := map[string]int{}
	boundaries := map[string]int{}
	count := func(arns []string, boundary string) {
		for _, arn := range arns {
			attachments[arn]++
		}
		if boundary != "" {
			boundaries[boundary]++
		}
	}

	e.open('{')
	e.key("UserDetailList")
	e.open('[')
	for _, u := range a.Users {
		count(u.AttachedPolicies, u.PermissionsBoundary)
		if err := e.user(u); err != nil {
			return err
		}
	}
	e.close(']')
	e.key("GroupDetailList")
	e.open('[')
	for _, g := range a.Groups {
		count(g.AttachedPolicies, "")
		if err := e.group(g); err != nil {
			return err
		}
	}
	e.close(']')
	e.key("RoleDetailList")
	e.open('[')
	for _, r := range a.Roles {
		count(r.AttachedPolicies, r.PermissionsBoundary)
		if err := e.role(r); err != nil {
			return err
		}
	}
	e.close(']')
	e.key("Policies")
	e.open('[')
	for _, p := range a.Policies {
		if err := e.policy(p, attachments[p.ARN], boundaries[p.ARN]); err != nil {
			return err
		}
	}
	e.close(']')
	if len(a.InstanceProfiles) > 0 {
		e.key("InstanceProfileList")
		e.open('[')
		for _, ip := range a.InstanceProfiles {
			e.elem()
			if err := e.instanceProfile(ip); err != nil {
				return err
			}
		}
		e.close(']')
	}
	if a.Alias != "" {
		e.key("AccountAliases")
		e.open('[')
		e.elem()
		e.str(a.Alias)
		e.close(']')
	}
	if a.Truncated {
		e.key("IsTruncated")
		e.w.WriteString("true")
	}
	e.close('}')
	return nil
}

func (e *encoder) inline(key, entity string, ps []model.InlinePolicy) error {
	e.key(key)
	e.open('[')
	for _, p := range ps {
		if p.Document == nil {
			return fmt.Errorf("%s: inline policy %q has no document", entity, p.Name)
		}
		e.elem()
		e.open('{')
		e.keyStr("PolicyName", p.Name)
		e.key("PolicyDocument")
		e.doc(p.Document)
		e.close('}')
	}
	e.close(']')
	return nil
}

func (e *encoder) attached(arns []string) {
	e.key("AttachedManagedPolicies")
	e.open('[')
	for _, arn := range arns {
		e.elem()
		e.open('{')
		name := arn[strings.LastIndexByte(arn, '/')+1:]
		if p := e.acct.Policy(arn); p != nil {
			name = p.Name
		}
		e.keyStr("PolicyName", name)
		e.keyStr("PolicyArn", arn)
		e.close('}')
	}
	e.close(']')
}

func (e *encoder) boundary(arn string) {
	if arn == "" {
		return
	}
	e.key("PermissionsBoundary")
	e.open('{')
	e.keyStr("PermissionsBoundaryType", "PermissionsBoundaryPolicy")
	e.keyStr("PermissionsBoundaryArn", arn)
	e.close('}')
}

func (e *encoder) tags(tags []model.Tag, always bool) {
	if len(tags) == 0 && !always {
		return
	}
	e.key("Tags")
	e.open('[')
	for _, t := range tags {
		e.elem()
		e.open('{')
		e.keyStr("Key", t.Key)
		e.keyStr("Value", t.Value)
		e.close('}')
	}
	e.close(']')
}

func (e *encoder) user(u *model.User) error {
	e.elem()
	e.open('{')
	e.keyStr("Path", u.Path)
	e.keyStr("UserName", u.Name)
	e.keyStr("UserId", u.ID)
	e.keyStr("Arn", u.ARN)
	e.keyDate("CreateDate", u.CreateDate)
	e.keyDate("PasswordLastUsed", u.PasswordLastUsed)
	if len(u.InlinePolicies) > 0 {
		if err := e.inline("UserPolicyList", fmt.Sprintf("user %q", u.Name), u.InlinePolicies); err != nil {
			return err
		}
	}
	e.key("GroupList")
	e.open('[')
	for _, g := range u.Groups {
		e.elem()
		e.str(g)
	}
	e.close(']')
	e.attached(u.AttachedPolicies)
	e.boundary(u.PermissionsBoundary)
	e.tags(u.Tags, true)
	e.close('}')
	return nil
}

func (e *encoder) group(g *model.Group) error {
	e.elem()
	e.open('{')
	e.keyStr("Path", g.Path)
	e.keyStr("GroupName", g.Name)
	e.keyStr("GroupId", g.ID)
	e.keyStr("Arn", g.ARN)
	e.keyDate("CreateDate", g.CreateDate)
	if err := e.inline("GroupPolicyList", fmt.Sprintf("group %q", g.Name), g.InlinePolicies); err != nil {
		return err
	}
	e.attached(g.AttachedPolicies)
	e.close('}')
	return nil
}

// roleHead writes what both a role and its summary in an instance profile
// carry.
func (e *encoder) roleHead(r *model.Role) error {
	e.keyStr("Path", r.Path)
	e.keyStr("RoleName", r.Name)
	e.keyStr("RoleId", r.ID)
	e.keyStr("Arn", r.ARN)
	e.keyDate("CreateDate", r.CreateDate)
	if r.TrustPolicy == nil {
		return fmt.Errorf("role %q has no trust policy", r.Name)
	}
	e.key("AssumeRolePolicyDocument")
	e.doc(r.TrustPolicy)
	return nil
}

func (e *encoder) role(r *model.Role) error {
	e.elem()
	e.open('{')
	if err := e.roleHead(r); err != nil {
		return err
	}
	if r.Description != "" {
		e.keyStr("Description", r.Description)
	}
	if r.MaxSessionDuration != 0 {
		e.key("MaxSessionDuration")
		e.w.WriteString(strconv.Itoa(r.MaxSessionDuration))
	}
	e.key("InstanceProfileList")
	e.open('[')
	for _, ip := range r.InstanceProfiles {
		e.elem()
		if err := e.instanceProfile(ip); err != nil {
			return err
		}
	}
	e.close(']')
	if err := e.inline("RolePolicyList", fmt.Sprintf("role %q", r.Name), r.InlinePolicies); err != nil {
		return err
	}
	e.attached(r.AttachedPolicies)
	e.boundary(r.PermissionsBoundary)
	e.tags(r.Tags, true)
	e.key("RoleLastUsed")
	e.open('{')
	e.keyDate("LastUsedDate", r.LastUsed)
	if r.LastUsedRegion != "" {
		e.keyStr("Region", r.LastUsedRegion)
	}
	e.close('}')
	e.close('}')
	return nil
}

func (e *encoder) instanceProfile(ip *model.InstanceProfile) error {
	e.open('{')
	e.keyStr("Path", ip.Path)
	e.keyStr("InstanceProfileName", ip.Name)
	e.keyStr("InstanceProfileId", ip.ID)
	e.keyStr("Arn", ip.ARN)
	e.keyDate("CreateDate", ip.CreateDate)
	e.key("Roles")
	e.open('[')
	for _, name := range ip.Roles {
		e.elem()
		e.open('{')
		if r := e.roles[strings.ToLower(name)]; r != nil {
			if err := e.roleHead(r); err != nil {
				return err
			}
		} else {
			e.keyStr("RoleName", name)
		}
		e.close('}')
	}
	e.close(']')
	e.tags(ip.Tags, false)
	e.close('}')
	return nil
}

func (e *encoder) policy(p *model.ManagedPolicy, attachments, boundaries int) error {
	def := p.Default()
	if def == nil {
		return fmt.Errorf("policy %q has no default version", p.Name)
	}
	e.elem()
	e.open('{')
	e.keyStr("PolicyName", p.Name)
	e.keyStr("PolicyId", p.ID)
	e.keyStr("Arn", p.ARN)
	e.keyStr("Path", p.Path)
	e.keyStr("DefaultVersionId", def.ID)
	e.key("AttachmentCount")
	e.w.WriteString(strconv.Itoa(attachments))
	e.key("PermissionsBoundaryUsageCount")
	e.w.WriteString(strconv.Itoa(boundaries))
	e.key("IsAttachable")
	e.w.WriteString(strconv.FormatBool(p.IsAttachable))
	if p.Description != "" {
		e.keyStr("Description", p.Description)
	}
	e.keyDate("CreateDate", p.CreateDate)
	e.keyDate("UpdateDate", p.UpdateDate)
	e.key("PolicyVersionList")
	e.open('[')
	for _, v := range p.Versions {
		if v.Document == nil {
			return fmt.Errorf("policy %q: version %s has no document", p.Name, v.ID)
		}
		e.elem()
		e.open('{')
		e.key("Document")
		e.doc(v.Document)
		e.keyStr("VersionId", v.ID)
		e.key("IsDefaultVersion")
		e.w.WriteString(strconv.FormatBool(v.IsDefault))
		e.keyDate("CreateDate", v.CreateDate)
		e.close('}')
	}
	e.close(']')
	e.tags(p.Tags, false)
	e.close('}')
	return nil
}
