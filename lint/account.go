package lint

import (
	"fmt"
	"net/url"
	"strings"

	"iamtui/model"
	"iamtui/model/policy"
)

// EntityFindings are the findings of one document of an account (or, for
// account-level checks such as an entity's inline size quota, of the entity
// itself, with Text "").
type EntityFindings struct {
	// URI names the document for SARIF and JSON output: a file path for a
	// linted file, else iam://ACCOUNT/user/alice/inline/NAME,
	// iam://ACCOUNT/role/NAME/trust, iam://ACCOUNT/policy/PATH/NAME/v2,
	// iam://ACCOUNT/resource/ARN (escaped).
	URI string
	// Entity is what a person reads: "user alice, inline policy S3".
	Entity string
	Kind   policy.Kind
	// NonDefault marks a managed policy version that is not the default:
	// it grants nothing today but becomes live with one API call
	// (SetDefaultPolicyVersion), so it is checked all the same.
	NonDefault bool
	Text       string
	Findings   []Finding
}

// Account lints every document of an account: inline policies, every
// version of every managed policy (the default and the others), trust
// policies, and the resource policies given, plus the checks that need the
// account (inline size quotas per entity; principals naming users and roles
// the account does not have).
func (l *Linter) Account(a *model.Account, resourcePolicies []*model.ResourcePolicy) []EntityFindings {
	var out []EntityFindings
	base := "iam://" + a.ID + "/"
	doc := func(uri, entity string, d *policy.Document, kind policy.Kind, opts Options) *EntityFindings {
		if d == nil {
			return nil
		}
		fs := l.Document(d.Text, kind, opts)
		if kind == policy.Trust || kind == policy.Resource {
			fs = append(fs, l.references(a, d, opts)...)
		}
		out = append(out, EntityFindings{URI: uri, Entity: entity, Kind: kind, Text: d.Text, Findings: fs})
		return &out[len(out)-1]
	}
	inline := func(kind, name string, ps []model.InlinePolicy, quota int) {
		total := 0
		for _, p := range ps {
			if p.Document == nil {
				continue
			}
			total += model.PolicyChars(p.Document.Text)
			doc(base+kind+"/"+name+"/inline/"+p.Name, fmt.Sprintf("%s %s, inline policy %s", kind, name, p.Name),
				p.Document, policy.Identity, Options{PolicyType: IdentityPolicy, NoSizeQuota: true})
		}
		if total > quota {
			f := Finding{StatementIndex: -1, Pos: policy.Pos{Line: 1, Column: 1}, End: policy.Pos{Line: 1, Column: 1}}
			setCheck(&f, "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA")
			f.Message = fmt.Sprintf("the inline policies of %s %s total %d characters; the quota is %d", kind, name, total, quota)
			out = append(out, EntityFindings{URI: base + kind + "/" + name, Entity: kind + " " + name, Kind: policy.Identity, Findings: []Finding{f}})
		}
	}
	for _, u := range a.Users {
		inline("user", u.Name, u.InlinePolicies, model.MaxUserInlineChars)
	}
	for _, g := range a.Groups {
		inline("group", g.Name, g.InlinePolicies, model.MaxGroupInlineChars)
	}
	for _, r := range a.Roles {
		doc(base+"role/"+r.Name+"/trust", fmt.Sprintf("role %s, trust policy", r.Name), r.TrustPolicy, policy.Trust,
			Options{PolicyType: ResourcePolicy, ResourceType: trustPolicyResourceTyp})
		inline("role", r.Name, r.InlinePolicies, model.MaxRoleInlineChars)
	}
	boundaries := map[string][]string{}
	for _, u := range a.Users {
		if u.PermissionsBoundary != "" {
			boundaries[u.PermissionsBoundary] = append(boundaries[u.PermissionsBoundary], "user "+u.Name)
		}
	}
	for _, r := range a.Roles {
		if r.PermissionsBoundary != "" {
			boundaries[r.PermissionsBoundary] = append(boundaries[r.PermissionsBoundary], "role "+r.Name)
		}
	}
	for _, p := range a.Policies {
		use := "managed policy " + p.Name
		if b := boundaries[p.ARN]; len(b) > 0 {
			use += " (permissions boundary of " + strings.Join(b, ", ") + ")"
		}
		path := strings.Trim(p.Path, "/")
		if path != "" {
			path += "/"
		}
		for _, v := range p.Versions {
			entity := use + " " + v.ID
			if !v.IsDefault {
				entity += " (not the default version)"
			}
			if e := doc(base+"policy/"+path+p.Name+"/"+v.ID, entity, v.Document, policy.Identity, Options{PolicyType: IdentityPolicy}); e != nil {
				e.NonDefault = !v.IsDefault
			}
		}
	}
	for _, rp := range resourcePolicies {
		doc(base+"resource/"+url.PathEscape(rp.ResourceARN), "resource policy of "+rp.ResourceARN, rp.Document, policy.Resource,
			Options{PolicyType: ResourcePolicy, ResourceType: ResourceTypeForARN(rp.ResourceARN)})
	}
	return out
}

func setCheck(f *Finding, code string) {
	c := checks[code]
	f.Code, f.Category, f.Detail, f.LearnMore = code, c.Category, c.Detail, learnMore(c)
}

// references reports principals that name a user or role of this account
// that does not exist: the grant matches nobody today, and whoever later
// creates an entity of that name inherits it.
func (l *Linter) references(a *model.Account, d *policy.Document, opts Options) []Finding {
	var out []Finding
	for _, st := range d.Statements {
		if st.Principal == nil || st.Principal.AWS == nil {
			continue
		}
		for _, v := range st.Principal.AWS.Values {
			f := strings.SplitN(v.S, ":", 6)
			if len(f) != 6 || f[2] != "iam" || f[4] != a.ID || hasWild(v.S) {
				continue
			}
			kind, rest, _ := strings.Cut(f[5], "/")
			name := rest[strings.LastIndexByte(rest, '/')+1:]
			var code string
			switch {
			case kind == "user" && a.User(name) == nil:
				code = "INVALID_USER_REFERENCE"
			case kind == "role" && a.Role(name) == nil:
				code = "INVALID_ROLE_REFERENCE"
			default:
				continue
			}
			fd := Finding{Pos: v.Pos, End: endOf(d.Text, v.Pos), StatementIndex: st.Index, Sid: st.Sid,
				Message: fmt.Sprintf("%s %s is not in account %s", kind, name, a.ID)}
			setCheck(&fd, code)
			out = append(out, fd)
		}
	}
	return out
}
