package edit

import (
	"fmt"
	"strings"

	"iamtui/model"
)

// CreateUser creates a user (AWS CreateUser). path "" means "/".
func (e *Editor) CreateUser(a *model.Account, name, path string, tags []model.Tag) (model.ChangeSet, error) {
	if err := checkAccount(a); err != nil {
		return model.ChangeSet{}, err
	}
	path = pathOr(path, "/")
	if err := validName("user", name); err != nil {
		return model.ChangeSet{}, err
	}
	if err := validPath(path); err != nil {
		return model.ChangeSet{}, err
	}
	if err := validTags(fmt.Sprintf("user %q", name), tags); err != nil {
		return model.ChangeSet{}, err
	}
	if u := a.User(name); u != nil {
		return model.ChangeSet{}, exists("user", name, u.Name)
	}
	id, err := e.newID(model.PrefixUser, func(id string) bool {
		for _, u := range a.Users {
			if u.ID == id {
				return true
			}
		}
		return false
	})
	if err != nil {
		return model.ChangeSet{}, err
	}
	u := &model.User{
		Name:       name,
		Path:       path,
		ID:         id,
		ARN:        model.UserARN(a.ID, path, name),
		CreateDate: e.now(),
		Tags:       append([]model.Tag(nil), tags...),
	}
	b := newBuilder(a, "create-user")
	b.create(model.KindUser, u)
	return b.done("created user %q", name)
}

// exists is AWS's EntityAlreadyExists, naming the holder of the name when
// it differs only in case (the part people miss).
func exists(kind, name, holder string) error {
	if holder != name {
		return fail(CodeEntityAlreadyExists, "a %s named %q already exists, and names are unique ignoring case: choose a name other than %q", kind, holder, name)
	}
	return fail(CodeEntityAlreadyExists, "a %s named %q already exists: choose another name", kind, name)
}

// renameSummary describes a rename and/or a move to another path.
func renameSummary(kind, name, newName, path, newPath string) string {
	switch {
	case name != newName && path != newPath:
		return fmt.Sprintf("renamed %s %q to %q and moved it to path %q", kind, name, newName, newPath)
	case name != newName:
		return fmt.Sprintf("renamed %s %q to %q", kind, name, newName)
	default:
		return fmt.Sprintf("moved %s %q to path %q", kind, name, newPath)
	}
}

// RenameUser changes a user's name and/or path (AWS UpdateUser): the user
// keeps its id; its ARN follows the new name and path. newPath "" keeps the
// path.
func (e *Editor) RenameUser(a *model.Account, name, newName, newPath string) (model.ChangeSet, error) {
	if err := checkAccount(a); err != nil {
		return model.ChangeSet{}, err
	}
	u, err := findUser(a, name)
	if err != nil {
		return model.ChangeSet{}, err
	}
	newPath = pathOr(newPath, u.Path)
	if err := validName("user", newName); err != nil {
		return model.ChangeSet{}, err
	}
	if err := validPath(newPath); err != nil {
		return model.ChangeSet{}, err
	}
	if newName == u.Name && newPath == u.Path {
		return model.ChangeSet{}, fail(CodeNoChange, "user %q already has that name and path", u.Name)
	}
	if other := a.User(newName); other != nil && other != u {
		return model.ChangeSet{}, exists("user", newName, other.Name)
	}
	after := u.Clone()
	after.Name, after.Path = newName, newPath
	after.ARN = model.UserARN(a.ID, newPath, newName)
	// Memberships live on the user, so the groups need no change.
	b := newBuilder(a, "rename-user")
	b.modify(model.KindUser, u, after)
	return b.done("%s", renameSummary("user", u.Name, newName, u.Path, newPath))
}

// DeleteUser deletes a user as the console does: its group memberships,
// inline policies, attachments and boundary go with it. Loss lists them
// for the confirmation.
func (e *Editor) DeleteUser(a *model.Account, name string) (model.ChangeSet, error) {
	if err := checkAccount(a); err != nil {
		return model.ChangeSet{}, err
	}
	u, err := findUser(a, name)
	if err != nil {
		return model.ChangeSet{}, err
	}
	b := newBuilder(a, "delete-user")
	b.remove(model.KindUser, u)
	return b.done("deleted user %q%s", u.Name, cascadeNote(userLoss(u, a, false)))
}

// cascadeNote turns Loss lines into a parenthesised summary suffix.
func cascadeNote(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	return " (with " + strings.Join(lines, "; ") + ")"
}
