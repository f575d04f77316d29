package evaluator

import (
	"strconv"
	"strings"
	"time"
)

// evalCtx is the request context as the conditions see it: the caller's
// keys first (they always win), then the principal's facts from the model.
type evalCtx struct {
	given []ContextValue
	facts []ContextValue
	// uid is aws:userid of an assumed-role session (ROLEID:SESSION), built
	// only when a policy reads it.
	roleID, session string
	uid             [1]string
	missing         *[]string // MissingContextValues being collected, or nil
	// optimistic: a condition whose key the request lacks holds in an
	// Allow and not in a Deny (see Engine.evaluate).
	optimistic bool
}

// lookup returns the values of key, ignoring case.
func (c *evalCtx) lookup(key string) ([]string, bool) {
	for i := range c.given {
		if strings.EqualFold(c.given[i].Key, key) {
			return c.given[i].Values, true
		}
	}
	if c.session != "" && strings.EqualFold(key, "aws:userid") {
		if c.uid[0] == "" {
			c.uid[0] = c.roleID + ":" + c.session
		}
		return c.uid[:], true
	}
	for i := range c.facts {
		if strings.EqualFold(c.facts[i].Key, key) {
			return c.facts[i].Values, true
		}
	}
	return nil, false
}

// single returns the one value of key, for policy variables.
func (c *evalCtx) single(key string) (string, bool) {
	v, ok := c.lookup(key)
	if !ok || len(v) != 1 {
		c.noteMissing(key)
		return "", false
	}
	return v[0], true
}

// noteMissing records a key a relevant statement read and the request
// lacked, once, as the policy spells it.
func (c *evalCtx) noteMissing(key string) {
	if c.missing == nil {
		return
	}
	for _, k := range *c.missing {
		if strings.EqualFold(k, key) {
			return
		}
	}
	*c.missing = append(*c.missing, key)
}

// TimeContext returns the time keys (aws:CurrentTime, aws:EpochTime) for t,
// for callers that want "now" in the request (the CLI's --now).
func TimeContext(t time.Time) []ContextValue {
	return []ContextValue{
		{Key: "aws:CurrentTime", Values: []string{t.UTC().Format(time.RFC3339)}},
		{Key: "aws:EpochTime", Values: []string{strconv.FormatInt(t.Unix(), 10)}},
	}
}

// principalFacts are the context keys AWS derives from the principal.
func principalFacts(kind entKind, arn, id, username, account string, tags []tagKV) []ContextValue {
	out := make([]ContextValue, 0, 8+len(tags))
	vals := make([]string, 0, 8+len(tags)) // one backing array for every value
	add := func(k, v string) {
		vals = append(vals, v)
		out = append(out, ContextValue{Key: k, Values: vals[len(vals)-1 : len(vals) : len(vals)]})
	}
	switch kind {
	case entUser:
		add("aws:username", username)
		add("aws:userid", id)
		add("aws:PrincipalType", "User")
	case entRole:
		add("aws:PrincipalType", "AssumedRole")
	case entRoot:
		add("aws:userid", account)
		add("aws:PrincipalType", "Account")
	}
	add("aws:PrincipalArn", arn)
	add("aws:PrincipalAccount", account)
	add("aws:PrincipalIsAWSService", "false")
	for _, t := range tags {
		add("aws:PrincipalTag/"+t.k, t.v)
	}
	return out
}

type tagKV struct{ k, v string }
