package edit

import "iamtui/model"

// Rename dispatches to RenameUser, RenameGroup, RenameRole or RenamePolicy
// (name is then a managed policy's ARN or name), for views that hold an
// entity of any kind. newPath "" keeps the path.
func (e *Editor) Rename(a *model.Account, kind model.EntityKind, name, newName, newPath string) (model.ChangeSet, error) {
	switch kind {
	case model.KindUser:
		return e.RenameUser(a, name, newName, newPath)
	case model.KindGroup:
		return e.RenameGroup(a, name, newName, newPath)
	case model.KindRole:
		return e.RenameRole(a, name, newName, newPath)
	case model.KindPolicy:
		return e.RenamePolicy(a, name, newName, newPath)
	}
	return model.ChangeSet{}, fail(CodeInvalidInput, "cannot rename a %s here", kind)
}

// Delete dispatches to DeleteUser, DeleteGroup, DeleteRole or DeletePolicy;
// Loss with the same arguments lists what it takes with it.
func (e *Editor) Delete(a *model.Account, kind model.EntityKind, name string) (model.ChangeSet, error) {
	switch kind {
	case model.KindUser:
		return e.DeleteUser(a, name)
	case model.KindGroup:
		return e.DeleteGroup(a, name)
	case model.KindRole:
		return e.DeleteRole(a, name)
	case model.KindPolicy:
		return e.DeletePolicy(a, name)
	}
	return model.ChangeSet{}, fail(CodeInvalidInput, "cannot delete a %s here", kind)
}
