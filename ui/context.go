package ui

import (
	"time"

	"iamtui/catalog"
	"iamtui/evaluator"
	"iamtui/lint"

	"iamtui/model"
	"iamtui/model/edit"
	"iamtui/themes"
)

// Context is what every page shares, passed by pointer (gh-dash's
// ProgramContext, soft-serve's Common): the terminal's size, the styles of
// the current theme, the keys, the mode, and the data. Only the root model
// writes it; pages read it.
type Context struct {
	Width, Height int

	Theme  themes.Choice
	IsDark bool
	Styles *themes.Styles
	Keys   *KeyMap

	ReadOnly bool
	Mouse    bool

	Store   Store
	World   *model.World
	Account *model.Account // the account shown; nil before the first load
	Index   *index         // relationships of Account
	Editor  *edit.Editor
	Now     func() time.Time

	// Catalog and Linter arrive in the background after the first frame
	// (the catalog takes ~90 ms to load); editors opened before then have
	// no completion and parser errors only.
	Catalog *catalog.Catalog
	Linter  *lint.Linter
	// Engine is the evaluator compiled from World, recompiled in the
	// background after every change; nil until the first compile is in.
	Engine *evaluator.Engine

	// Gen counts changes of the world and the theme, so caches of
	// rendered text know when they are stale.
	Gen int

	// lint caches findings by document (see findings.go).
	lint *lintCache
}

// setAccount switches the account shown and rebuilds its index.
func (c *Context) setAccount(a *model.Account) {
	c.Account = a
	if a != nil {
		c.Index = newIndex(a)
	} else {
		c.Index = newIndex(&model.Account{})
	}
}

// resolve returns the entity a ref names in the current account, or nil.
func (c *Context) resolve(r ref) any {
	a := c.Account
	if a == nil {
		return nil
	}
	switch r.kind {
	case refUser:
		if u := a.User(r.name); u != nil {
			return u
		}
	case refGroup:
		if g := a.Group(r.name); g != nil {
			return g
		}
	case refRole:
		if ro := a.Role(r.name); ro != nil {
			return ro
		}
	case refPolicy:
		if p := a.Policy(r.name); p != nil {
			return p
		}
	case refResource:
		if c.World != nil {
			for _, rp := range c.World.ResourcePolicies {
				if rp.ResourceARN == r.name {
					return rp
				}
			}
		}
	}
	return nil
}
