package edit

import (
	"iamtui/model"
)

// CreateGroup creates a group (AWS CreateGroup). path "" means "/".
func (e *Editor) CreateGroup(a *model.Account, name, path string) (model.ChangeSet, error) {
	if err := checkAccount(a); err != nil {
		return model.ChangeSet{}, err
	}
	path = pathOr(path, "/")
	if err := validName("group", name); err != nil {
		return model.ChangeSet{}, err
	}
	if err := validPath(path); err != nil {
		return model.ChangeSet{}, err
	}
	if g := a.Group(name); g != nil {
		return model.ChangeSet{}, exists("group", name, g.Name)
	}
	id, err := e.newID(model.PrefixGroup, func(id string) bool {
		for _, g := range a.Groups {
			if g.ID == id {
				return true
			}
		}
		return false
	})
	if err != nil {
		return model.ChangeSet{}, err
	}
	g := &model.Group{
		Name:       name,
		Path:       path,
		ID:         id,
		ARN:        model.GroupARN(a.ID, path, name),
		CreateDate: e.now(),
	}
	b := newBuilder(a, "create-group")
	b.create(model.KindGroup, g)
	return b.done("created group %q", name)
}

// RenameGroup changes a group's name and/or path (AWS UpdateGroup): the
// group keeps its id, and every member's list of groups follows the new
// name. newPath "" keeps the path.
func (e *Editor) RenameGroup(a *model.Account, name, newName, newPath string) (model.ChangeSet, error) {
	if err := checkAccount(a); err != nil {
		return model.ChangeSet{}, err
	}
	g, err := findGroup(a, name)
	if err != nil {
		return model.ChangeSet{}, err
	}
	newPath = pathOr(newPath, g.Path)
	if err := validName("group", newName); err != nil {
		return model.ChangeSet{}, err
	}
	if err := validPath(newPath); err != nil {
		return model.ChangeSet{}, err
	}
	if newName == g.Name && newPath == g.Path {
		return model.ChangeSet{}, fail(CodeNoChange, "group %q already has that name and path", g.Name)
	}
	if other := a.Group(newName); other != nil && other != g {
		return model.ChangeSet{}, exists("group", newName, other.Name)
	}
	after := g.Clone()
	after.Name, after.Path = newName, newPath
	after.ARN = model.GroupARN(a.ID, newPath, newName)
	b := newBuilder(a, "rename-group")
	b.modify(model.KindGroup, g, after)
	if newName != g.Name {
		for _, u := range a.Users {
			if i := inGroup(u, g.Name); i >= 0 {
				uc := u.Clone()
				uc.Groups[i] = newName
				b.modify(model.KindUser, u, uc)
			}
		}
	}
	return b.done("%s", renameSummary("group", g.Name, newName, g.Path, newPath))
}

// DeleteGroup deletes a group as the console does: its members leave it,
// and its inline policies and attachments go with it.
func (e *Editor) DeleteGroup(a *model.Account, name string) (model.ChangeSet, error) {
	if err := checkAccount(a); err != nil {
		return model.ChangeSet{}, err
	}
	g, err := findGroup(a, name)
	if err != nil {
		return model.ChangeSet{}, err
	}
	note := cascadeNote(groupLoss(g, a, false))
	b := newBuilder(a, "delete-group")
	// Members leave first, so that no step of the change set names a
	// group that is gone.
	for _, u := range a.Users {
		if i := inGroup(u, g.Name); i >= 0 {
			uc := u.Clone()
			uc.Groups = append(uc.Groups[:i], uc.Groups[i+1:]...)
			b.modify(model.KindUser, u, uc)
		}
	}
	b.remove(model.KindGroup, g)
	return b.done("deleted group %q%s", g.Name, note)
}

// AddUserToGroup adds a user to a group (AWS AddUserToGroup); a user can
// be in at most 10 groups.
func (e *Editor) AddUserToGroup(a *model.Account, user, group string) (model.ChangeSet, error) {
	if err := checkAccount(a); err != nil {
		return model.ChangeSet{}, err
	}
	u, err := findUser(a, user)
	if err != nil {
		return model.ChangeSet{}, err
	}
	g, err := findGroup(a, group)
	if err != nil {
		return model.ChangeSet{}, err
	}
	if inGroup(u, g.Name) >= 0 {
		return model.ChangeSet{}, fail(CodeNoChange, "user %q is already in group %q", u.Name, g.Name)
	}
	if len(u.Groups) >= model.MaxGroupsPerUser {
		return model.ChangeSet{}, fail(CodeLimitExceeded, "user %q is already in %d groups, AWS's limit (LimitExceeded: GroupsPerUser): remove the user from a group first", u.Name, len(u.Groups))
	}
	uc := u.Clone()
	uc.Groups = append(uc.Groups, g.Name)
	b := newBuilder(a, "add-user-to-group")
	b.modify(model.KindUser, u, uc)
	return b.done("added user %q to group %q", u.Name, g.Name)
}

// RemoveUserFromGroup removes a user from a group (AWS RemoveUserFromGroup).
func (e *Editor) RemoveUserFromGroup(a *model.Account, user, group string) (model.ChangeSet, error) {
	if err := checkAccount(a); err != nil {
		return model.ChangeSet{}, err
	}
	u, err := findUser(a, user)
	if err != nil {
		return model.ChangeSet{}, err
	}
	g, err := findGroup(a, group)
	if err != nil {
		return model.ChangeSet{}, err
	}
	i := inGroup(u, g.Name)
	if i < 0 {
		return model.ChangeSet{}, fail(CodeNoChange, "user %q is not in group %q", u.Name, g.Name)
	}
	uc := u.Clone()
	uc.Groups = append(uc.Groups[:i], uc.Groups[i+1:]...)
	b := newBuilder(a, "remove-user-from-group")
	b.modify(model.KindUser, u, uc)
	return b.done("removed user %q from group %q", u.Name, g.Name)
}
