package edit_test

import (
	"fmt"

	"iamtui/model"
	"iamtui/model/edit"
)

// The UI's flow: compute a change set, show the refusal or apply it (to
// storage, then to the world in memory), and undo with its inverse.
func Example() {
	acct := &model.Account{ID: "111122223333"}
	var e edit.Editor // zero value: time.Now and random AWS-shaped ids

	for _, name := range []string{"alice", "chefs"} {
		var cs model.ChangeSet
		var err error
		if name == "alice" {
			cs, err = e.CreateUser(acct, name, "", nil)
		} else {
			cs, err = e.CreateGroup(acct, name, "")
		}
		if err != nil {
			fmt.Println(err)
			return
		}
		if err := acct.Apply(cs); err != nil { // storage.Apply comes first in the UI
			fmt.Println(err)
			return
		}
	}

	cs, err := e.AddUserToGroup(acct, "alice", "CHEFS")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(cs.Op+":", cs.Summary)
	_ = acct.Apply(cs)

	// Asking again is refused with a code the UI can show as information.
	_, err = e.AddUserToGroup(acct, "alice", "chefs")
	fmt.Println(edit.CodeOf(err)+":", err)

	// What the confirmation dialog of a delete lists.
	fmt.Println(edit.Loss(acct, model.KindGroup, "chefs"))

	undo := cs.Inverse()
	_ = acct.Apply(undo)
	fmt.Println(undo.Summary, "->", acct.User("alice").Groups)
	// Output:
	// add-user-to-group: added user "alice" to group "chefs"
	// NoChange: user "alice" is already in group "chefs"
	// [membership of 1 user: alice]
	// undo: added user "alice" to group "chefs" -> []
}
