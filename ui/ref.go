package ui

import (
	"strings"

	"iamtui/model"
	"iamtui/model/policy"
)

// refKind is the kind of entity a ref names.
type refKind int

const (
	refNone refKind = iota
	refUser
	refGroup
	refRole
	refPolicy   // managed policy, by ARN
	refResource // resource-based policy, by resource ARN
)

// ref names an entity of the current account: by name for users, groups
// and roles, by ARN for policies and resources.
type ref struct {
	kind refKind
	name string
}

func (r ref) valid() bool { return r.kind != refNone && r.name != "" }

// key is the ref's identity, matching the rows' keys.
func (r ref) key() string {
	if r.kind == refPolicy || r.kind == refResource {
		return r.name
	}
	return strings.ToLower(r.name)
}

func (r ref) noun() string {
	return [...]string{"", "user", "group", "role", "policy", "resource policy"}[r.kind]
}

// entityKind is the model's kind for edits.
func (r ref) entityKind() model.EntityKind {
	switch r.kind {
	case refUser:
		return model.KindUser
	case refGroup:
		return model.KindGroup
	case refRole:
		return model.KindRole
	case refPolicy:
		return model.KindPolicy
	}
	return ""
}

func paneOf(k refKind) paneKind {
	switch k {
	case refUser:
		return paneUsers
	case refGroup:
		return paneGroups
	case refRole:
		return paneRoles
	case refPolicy:
		return panePolicies
	}
	return paneResources
}

func refKindOf(p paneKind) refKind {
	return [...]refKind{refUser, refGroup, refRole, refPolicy, refResource}[p]
}

// relation says how a link in a detail view relates to the page's entity;
// it decides what x (remove) does.
type relation int

const (
	relNone     relation = iota
	relGroupOf           // a user's group
	relMember            // a group's member
	relAttached          // a managed policy attached to the entity
	relBoundary          // the entity's permissions boundary
	relInline            // an inline policy of the entity
	relTrust             // a role's trust policy
	relTag               // a tag of the entity
	relUsedBy            // an entity that attaches the policy (page is a policy)
	relBoundOf           // an entity that uses the policy as its boundary
	relVersion           // a version of the policy
	relDocument          // a resource policy's document
	relVia               // an effective policy that comes through a group
	relFinding           // a lint finding in one of the entity's documents
)

// link is a selectable line of a detail view.
type link struct {
	rel     relation
	target  ref    // where enter goes (may be empty for inline, tag, version)
	owner   ref    // the entity the link belongs to (the page's entity)
	name    string // inline policy name, tag key or version id
	display string // for messages, sanitised
	find    *findingRef
}

// findingRef is where a finding link leads: a document and a position in
// it as shown.
type findingRef struct {
	target docTarget
	pos    policy.Pos
}

// id identifies the link across rebuilds, to keep the cursor in place.
func (l *link) id() string {
	return string(rune('a'+l.rel)) + ":" + l.target.key() + ":" + l.name
}

// displayName is how a ref is named on screen: a policy by its name, a
// resource by the last part of its ARN, the rest by name. Sanitised.
func displayName(c *Context, r ref) string {
	switch r.kind {
	case refPolicy:
		if p := c.Index.Policy(r.name); p != nil {
			return safe(p.Name)
		}
		return safe(policyNameOf(r.name))
	case refResource:
		s := r.name
		if i := strings.LastIndexAny(s, ":/"); i >= 0 && i < len(s)-1 && !strings.HasSuffix(s, "/") {
			if j := strings.LastIndexByte(s, ':'); j >= 0 {
				s = s[j+1:]
			}
		}
		return safe(s)
	}
	return safe(r.name)
}
