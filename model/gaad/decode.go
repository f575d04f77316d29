// Package gaad reads and writes the output of
// `aws iam get-account-authorization-details` (GAAD), AWS's own export of an
// account's IAM configuration.
//
// Decode accepts the three ways policy documents appear in GAAD files: JSON
// objects (what the AWS CLI prints), URL-encoded strings (what the raw API
// returns) and plain JSON strings; dates with "Z", "+00:00" or a space for
// "T"; missing lists as empty; unknown keys are ignored. Every document is
// parsed with the one policy parser and the account is checked with
// model.Validate, so a decoded account is always one AWS could hold.
//
// Encode writes the AWS CLI form. Import → export → import → export is
// byte-identical. A few things the model holds have no place in GAAD; they
// are written under extra keys that AWS tools ignore and Decode reads back:
// "AccountAliases" (as list-account-aliases prints it), a top-level
// "InstanceProfileList" for instance profiles without a role, "Description"
// and "MaxSessionDuration" on roles, "PasswordLastUsed" on users and "Tags"
// on managed policies.
package gaad

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	"iamtui/model"
	"iamtui/model/policy"
)

// DecodeOptions says where the data came from and, optionally, which account
// it must be.
type DecodeOptions struct {
	// Source names the file in errors and warnings ("acct.json", "<stdin>").
	Source string
	// AccountID is the account the file must describe; "" takes it from the
	// ARNs.
	AccountID string
}

// Decode reads a GAAD document. It returns the account, warnings (an
// IsTruncated export, quotas above AWS's defaults) and an *Error naming the
// file, the entity and the position of anything it refuses.
func Decode(data []byte, opts DecodeOptions) (*model.Account, []string, error) {
	src := opts.Source
	if src == "" {
		src = "<input>"
	}
	if opts.AccountID != "" {
		if err := model.ValidateAccountID(opts.AccountID); err != nil {
			return nil, nil, &Error{Source: src, Err: err}
		}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil, &Error{Source: src, Err: ErrEmpty}
	}
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		// PowerShell's '>' writes UTF-16; say so rather than "unexpected character".
		return nil, nil, &Error{Source: src, Err: errors.New("the file is UTF-16: convert it to UTF-8 (e.g. PowerShell: Out-File -Encoding utf8)")}
	}
	d := &decoder{r: reader{data: data, src: src}, acct: &model.Account{}}
	d.r.off = len(data) - len(bytes.TrimPrefix(data, []byte("\uFEFF")))
	if err := d.top(); err != nil {
		return nil, nil, err
	}
	var warnings []string
	if d.acct.Truncated {
		warnings = append(warnings, "the export is incomplete (IsTruncated is true): some users, groups, roles or policies are missing; export again without --max-items")
	}
	id, err := d.accountID(opts.AccountID)
	if err != nil {
		return nil, nil, err
	}
	d.acct.ID = id
	if err := parseDocs(data, src, d.jobs); err != nil {
		return nil, nil, err
	}
	vw, err := model.Validate(d.acct)
	if err != nil {
		return nil, nil, d.validationError(err)
	}
	return d.acct, append(warnings, vw...), nil
}

type decoder struct {
	r    reader
	acct *model.Account
	jobs []docJob
	// seen records where each entity starts, to point validation errors at
	// the file.
	seen []entityAt
	// sawList is whether any GAAD list key was present.
	sawList bool
}

type entityAt struct {
	kind, name string
	off        int
}

func (d *decoder) top() error {
	r := &d.r
	r.ws()
	if r.atEnd() {
		return &Error{Source: r.src, Err: ErrEmpty}
	}
	if r.peek() != '{' {
		return r.errAt(r.off, "expected a JSON object (the output of 'aws iam get-account-authorization-details'), found %s", r.found())
	}
	seen := map[string]bool{}
	err := r.object(func(key []byte) error {
		r.push(string(key))
		defer r.pop()
		switch k := string(key); k {
		case "UserDetailList", "GroupDetailList", "RoleDetailList", "Policies", "InstanceProfileList":
			// A second list would orphan the documents queued from the first.
			if seen[k] {
				return r.errAt(r.off, "%s appears twice in the file", k)
			}
			seen[k] = true
		}
		switch string(key) {
		case "UserDetailList":
			d.sawList = true
			return r.array(func(int) error { return d.user() })
		case "GroupDetailList":
			d.sawList = true
			return r.array(func(int) error { return d.group() })
		case "RoleDetailList":
			d.sawList = true
			return r.array(func(int) error { return d.role() })
		case "Policies":
			d.sawList = true
			return r.array(func(int) error { return d.policy() })
		case "InstanceProfileList":
			return r.array(func(int) error {
				ip, err := d.instanceProfile()
				d.acct.InstanceProfiles = append(d.acct.InstanceProfiles, ip)
				return err
			})
		case "AccountAliases":
			return r.array(func(i int) error {
				s, err := r.str()
				if i == 0 {
					d.acct.Alias = s
				}
				return err
			})
		case "IsTruncated":
			b, err := r.boolean()
			d.acct.Truncated = b
			return err
		}
		return r.skip()
	})
	if err != nil {
		return err
	}
	r.ws()
	if !r.atEnd() {
		return r.errAt(r.off, "unexpected text after the end of the JSON object")
	}
	if !d.sawList {
		return &Error{Source: r.src, Err: errors.New("no UserDetailList, GroupDetailList, RoleDetailList or Policies: this is not the output of 'aws iam get-account-authorization-details'")}
	}
	return nil
}

// field runs read with key pushed on the error path.
func (d *decoder) field(key string, read func() error) error {
	d.r.push(key)
	err := read()
	d.r.pop()
	return err
}

func (d *decoder) str(key string, dst *string) error {
	return d.field(key, func() (err error) { *dst, err = d.r.str(); return err })
}

func (d *decoder) date(key string, dst *time.Time) error {
	return d.field(key, func() error {
		start := d.r.off
		s, err := d.r.str()
		if err != nil || s == "" {
			return err
		}
		t, err := ParseDate(s)
		if err != nil {
			return d.r.errAt(start, "%v", err)
		}
		*dst = t
		return nil
	})
}

// ParseDate reads a GAAD date: RFC 3339 with "Z" or "+00:00", or with a
// space for the "T" as some tools print it. The result is in UTC.
func ParseDate(s string) (time.Time, error) {
	v := s
	if len(v) > 10 && v[10] == ' ' {
		v = v[:10] + "T" + v[11:]
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return time.Time{}, fmt.Errorf("cannot read %q as a date (want e.g. 2024-05-14T08:41:37+00:00)", s)
	}
	t = t.UTC()
	// Years outside 1..9999 cannot be written back as RFC 3339.
	if t.Year() < 1 || t.Year() > 9999 {
		return time.Time{}, fmt.Errorf("the date %q is out of range", s)
	}
	return t, nil
}

// strings reads an array of strings.
func (d *decoder) strings(key string, dst *[]string) error {
	return d.field(key, func() error {
		*dst = (*dst)[:0]
		return d.r.array(func(int) error {
			s, err := d.r.str()
			*dst = append(*dst, s)
			return err
		})
	})
}

// attached reads AttachedManagedPolicies: [{PolicyName, PolicyArn}].
func (d *decoder) attached(dst *[]string) error {
	return d.field("AttachedManagedPolicies", func() error {
		*dst = (*dst)[:0]
		return d.r.array(func(int) error {
			var arn string
			err := d.r.object(func(key []byte) error {
				if string(key) == "PolicyArn" {
					return d.str("PolicyArn", &arn)
				}
				return d.r.skip()
			})
			*dst = append(*dst, arn)
			return err
		})
	})
}

// boundary reads PermissionsBoundary: {PermissionsBoundaryType, PermissionsBoundaryArn}.
func (d *decoder) boundary(dst *string) error {
	return d.field("PermissionsBoundary", func() error {
		return d.r.object(func(key []byte) error {
			if string(key) == "PermissionsBoundaryArn" {
				return d.str("PermissionsBoundaryArn", dst)
			}
			return d.r.skip()
		})
	})
}

// tags reads Tags: [{Key, Value}].
func (d *decoder) tags(dst *[]model.Tag) error {
	return d.field("Tags", func() error {
		*dst = (*dst)[:0]
		return d.r.array(func(int) error {
			var t model.Tag
			err := d.r.object(func(key []byte) error {
				switch string(key) {
				case "Key":
					return d.str("Key", &t.Key)
				case "Value":
					return d.str("Value", &t.Value)
				}
				return d.r.skip()
			})
			*dst = append(*dst, t)
			return err
		})
	})
}

type namedDoc struct {
	name string
	doc  rawDoc
}

// inline reads a list of inline policies: [{PolicyName, PolicyDocument}].
func (d *decoder) inline(key string, dst *[]namedDoc) error {
	return d.field(key, func() error {
		*dst = (*dst)[:0]
		return d.r.array(func(int) error {
			var nd namedDoc
			err := d.r.object(func(key []byte) error {
				switch string(key) {
				case "PolicyName":
					return d.str("PolicyName", &nd.name)
				case "PolicyDocument":
					return d.field("PolicyDocument", func() (err error) { nd.doc, err = d.r.docValue(); return err })
				}
				return d.r.skip()
			})
			*dst = append(*dst, nd)
			return err
		})
	})
}

// addJob queues a document for parsing into *dst.
func (d *decoder) addJob(dst **policy.Document, kind policy.Kind, doc rawDoc, ent entityAt, p part, partName string) {
	if !doc.present {
		return
	}
	d.jobs = append(d.jobs, docJob{
		dst: dst, kind: kind, form: doc.form, start: doc.start, end: doc.end, raw: doc.raw,
		entityKind: ent.kind, entityName: ent.name, entityOff: ent.off, part: p, partName: partName,
	})
}

// inlineJobs turns read inline policies into the entity's list and queues
// their documents. It runs once the entity is complete, so the pointers into
// the list stay valid.
func (d *decoder) inlineJobs(nds []namedDoc, ent entityAt) []model.InlinePolicy {
	if len(nds) == 0 {
		return nil
	}
	out := make([]model.InlinePolicy, len(nds))
	for i, nd := range nds {
		out[i].Name = nd.name
		d.addJob(&out[i].Document, policy.Identity, nd.doc, ent, partInline, nd.name)
	}
	return out
}

func (d *decoder) user() error {
	r := &d.r
	u := &model.User{}
	start := r.off
	var inl []namedDoc
	err := r.object(func(key []byte) error {
		switch string(key) {
		case "Path":
			return d.str("Path", &u.Path)
		case "UserName":
			return d.str("UserName", &u.Name)
		case "UserId":
			return d.str("UserId", &u.ID)
		case "Arn":
			return d.str("Arn", &u.ARN)
		case "CreateDate":
			return d.date("CreateDate", &u.CreateDate)
		case "PasswordLastUsed":
			return d.date("PasswordLastUsed", &u.PasswordLastUsed)
		case "UserPolicyList":
			return d.inline("UserPolicyList", &inl)
		case "GroupList":
			return d.strings("GroupList", &u.Groups)
		case "AttachedManagedPolicies":
			return d.attached(&u.AttachedPolicies)
		case "PermissionsBoundary":
			return d.boundary(&u.PermissionsBoundary)
		case "Tags":
			return d.tags(&u.Tags)
		}
		return r.skip()
	})
	if err != nil {
		return err
	}
	ent := entityAt{kind: "user", name: u.Name, off: start}
	d.seen = append(d.seen, ent)
	u.InlinePolicies = d.inlineJobs(inl, ent)
	d.acct.Users = append(d.acct.Users, u)
	return nil
}

func (d *decoder) group() error {
	r := &d.r
	g := &model.Group{}
	start := r.off
	var inl []namedDoc
	err := r.object(func(key []byte) error {
		switch string(key) {
		case "Path":
			return d.str("Path", &g.Path)
		case "GroupName":
			return d.str("GroupName", &g.Name)
		case "GroupId":
			return d.str("GroupId", &g.ID)
		case "Arn":
			return d.str("Arn", &g.ARN)
		case "CreateDate":
			return d.date("CreateDate", &g.CreateDate)
		case "GroupPolicyList":
			return d.inline("GroupPolicyList", &inl)
		case "AttachedManagedPolicies":
			return d.attached(&g.AttachedPolicies)
		}
		return r.skip()
	})
	if err != nil {
		return err
	}
	ent := entityAt{kind: "group", name: g.Name, off: start}
	d.seen = append(d.seen, ent)
	g.InlinePolicies = d.inlineJobs(inl, ent)
	d.acct.Groups = append(d.acct.Groups, g)
	return nil
}

func (d *decoder) role() error {
	r := &d.r
	ro := &model.Role{}
	start := r.off
	var inl []namedDoc
	var trust rawDoc
	err := r.object(func(key []byte) error {
		switch string(key) {
		case "Path":
			return d.str("Path", &ro.Path)
		case "RoleName":
			return d.str("RoleName", &ro.Name)
		case "RoleId":
			return d.str("RoleId", &ro.ID)
		case "Arn":
			return d.str("Arn", &ro.ARN)
		case "Description":
			return d.str("Description", &ro.Description)
		case "CreateDate":
			return d.date("CreateDate", &ro.CreateDate)
		case "MaxSessionDuration":
			return d.field("MaxSessionDuration", func() (err error) { ro.MaxSessionDuration, err = r.integer(); return err })
		case "AssumeRolePolicyDocument":
			return d.field("AssumeRolePolicyDocument", func() (err error) { trust, err = r.docValue(); return err })
		case "InstanceProfileList":
			return d.field("InstanceProfileList", func() error {
				ro.InstanceProfiles = ro.InstanceProfiles[:0]
				return r.array(func(int) error {
					ip, err := d.instanceProfile()
					ro.InstanceProfiles = append(ro.InstanceProfiles, ip)
					return err
				})
			})
		case "RolePolicyList":
			return d.inline("RolePolicyList", &inl)
		case "AttachedManagedPolicies":
			return d.attached(&ro.AttachedPolicies)
		case "PermissionsBoundary":
			return d.boundary(&ro.PermissionsBoundary)
		case "Tags":
			return d.tags(&ro.Tags)
		case "RoleLastUsed":
			return d.field("RoleLastUsed", func() error {
				return r.object(func(key []byte) error {
					switch string(key) {
					case "LastUsedDate":
						return d.date("LastUsedDate", &ro.LastUsed)
					case "Region":
						return d.str("Region", &ro.LastUsedRegion)
					}
					return r.skip()
				})
			})
		}
		return r.skip()
	})
	if err != nil {
		return err
	}
	ent := entityAt{kind: "role", name: ro.Name, off: start}
	d.seen = append(d.seen, ent)
	d.addJob(&ro.TrustPolicy, policy.Trust, trust, ent, partTrust, "")
	ro.InlinePolicies = d.inlineJobs(inl, ent)
	d.acct.Roles = append(d.acct.Roles, ro)
	return nil
}

// instanceProfile reads an instance profile. Its Roles repeat the roles'
// details; only their names are kept (the role itself is in RoleDetailList).
func (d *decoder) instanceProfile() (*model.InstanceProfile, error) {
	r := &d.r
	ip := &model.InstanceProfile{}
	start := r.off
	err := r.object(func(key []byte) error {
		switch string(key) {
		case "Path":
			return d.str("Path", &ip.Path)
		case "InstanceProfileName":
			return d.str("InstanceProfileName", &ip.Name)
		case "InstanceProfileId":
			return d.str("InstanceProfileId", &ip.ID)
		case "Arn":
			return d.str("Arn", &ip.ARN)
		case "CreateDate":
			return d.date("CreateDate", &ip.CreateDate)
		case "Tags":
			return d.tags(&ip.Tags)
		case "Roles":
			return d.field("Roles", func() error {
				return r.array(func(int) error {
					var name string
					err := r.object(func(key []byte) error {
						if string(key) == "RoleName" {
							return d.str("RoleName", &name)
						}
						return r.skip()
					})
					ip.Roles = append(ip.Roles, name)
					return err
				})
			})
		}
		return r.skip()
	})
	d.seen = append(d.seen, entityAt{kind: "instance profile", name: ip.Name, off: start})
	return ip, err
}

type versionDoc struct {
	v   *model.PolicyVersion
	doc rawDoc
}

func (d *decoder) policy() error {
	r := &d.r
	p := &model.ManagedPolicy{IsAttachable: true}
	start := r.off
	var versions []versionDoc
	err := r.object(func(key []byte) error {
		switch string(key) {
		case "PolicyName":
			return d.str("PolicyName", &p.Name)
		case "PolicyId":
			return d.str("PolicyId", &p.ID)
		case "Arn":
			return d.str("Arn", &p.ARN)
		case "Path":
			return d.str("Path", &p.Path)
		case "Description":
			return d.str("Description", &p.Description)
		case "DefaultVersionId":
			return d.str("DefaultVersionId", &p.DefaultVersionID)
		case "IsAttachable":
			return d.field("IsAttachable", func() (err error) { p.IsAttachable, err = r.boolean(); return err })
		case "CreateDate":
			return d.date("CreateDate", &p.CreateDate)
		case "UpdateDate":
			return d.date("UpdateDate", &p.UpdateDate)
		case "Tags":
			return d.tags(&p.Tags)
		case "PolicyVersionList":
			return d.field("PolicyVersionList", func() error {
				versions = versions[:0]
				return r.array(func(int) error {
					vd := versionDoc{v: &model.PolicyVersion{}}
					err := r.object(func(key []byte) error {
						switch string(key) {
						case "VersionId":
							return d.str("VersionId", &vd.v.ID)
						case "IsDefaultVersion":
							return d.field("IsDefaultVersion", func() (err error) { vd.v.IsDefault, err = r.boolean(); return err })
						case "CreateDate":
							return d.date("CreateDate", &vd.v.CreateDate)
						case "Document":
							return d.field("Document", func() (err error) { vd.doc, err = r.docValue(); return err })
						}
						return r.skip()
					})
					versions = append(versions, vd)
					return err
				})
			})
		}
		return r.skip()
	})
	if err != nil {
		return err
	}
	ent := entityAt{kind: "policy", name: p.Name, off: start}
	d.seen = append(d.seen, ent)
	if len(versions) > 0 {
		p.Versions = make([]*model.PolicyVersion, len(versions))
		for i, vd := range versions {
			p.Versions[i] = vd.v
			d.addJob(&vd.v.Document, policy.Identity, vd.doc, ent, partVersion, vd.v.ID)
		}
	}
	d.acct.Policies = append(d.acct.Policies, p)
	return nil
}

// accountID finds the account every ARN in the file names, and checks it
// against the one asked for.
func (d *decoder) accountID(want string) (string, error) {
	src := d.r.src
	var id, from string
	check := func(kind, name, arn string) error {
		a, err := model.ParseARN(arn)
		if err != nil || a.AccountID == "" {
			return nil // model.Validate reports the malformed ARN
		}
		switch {
		case id == "":
			id, from = a.AccountID, fmt.Sprintf("%s %q", kind, name)
		case a.AccountID != id:
			return &Error{Source: src, Err: fmt.Errorf("the file mixes accounts: %s is in account %s but %s %q is in account %s; import one account at a time", from, id, kind, name, a.AccountID)}
		}
		return nil
	}
	a := d.acct
	for _, u := range a.Users {
		if err := check("user", u.Name, u.ARN); err != nil {
			return "", err
		}
	}
	for _, g := range a.Groups {
		if err := check("group", g.Name, g.ARN); err != nil {
			return "", err
		}
	}
	for _, r := range a.Roles {
		if err := check("role", r.Name, r.ARN); err != nil {
			return "", err
		}
		for _, ip := range r.InstanceProfiles {
			if err := check("instance profile", ip.Name, ip.ARN); err != nil {
				return "", err
			}
		}
	}
	for _, p := range a.Policies {
		if model.IsAWSManagedPolicyARN(p.ARN) {
			continue
		}
		if err := check("policy", p.Name, p.ARN); err != nil {
			return "", err
		}
	}
	for _, ip := range a.InstanceProfiles {
		if err := check("instance profile", ip.Name, ip.ARN); err != nil {
			return "", err
		}
	}
	switch {
	case id == "" && want == "":
		return "", &Error{Source: src, Err: errors.New("no ARN in the file names an account: give the account id (--account)")}
	case id == "":
		return want, nil
	case want != "" && want != id:
		return "", &Error{Source: src, Err: fmt.Errorf("the ARNs are in account %s (%s), not the account %s asked for", id, from, want)}
	}
	return id, nil
}

// validationError points a model.Validate error at its entity in the file.
func (d *decoder) validationError(err error) error {
	e := &Error{Source: d.r.src, Err: err}
	var ee *model.EntityError
	if errors.As(err, &ee) {
		e.Entity, e.Err = ee.Entity, ee.Err
		for _, s := range d.seen {
			if ee.Entity == fmt.Sprintf("%s %q", s.kind, s.name) {
				e.EntityLine, _ = lineCol(d.r.data, s.off)
				break
			}
		}
	}
	return e
}
