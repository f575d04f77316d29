package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"iamtui/storage"
)

// The journal is shared by every process using the file: its newest entry
// may be this window's edit, another window's, or the import that made the
// database. u undoes this window's own changes at once; anything else is
// named and asked about first, the safe answer focused, because undoing an
// import deletes a whole account and nothing redoes an undo.

// onUndoPeek decides what u does with the entry an undo would undo.
func (m *Model) onUndoPeek(msg undoPeekMsg) tea.Cmd {
	switch {
	case errors.Is(msg.err, storage.ErrNothingToUndo):
		m.setStatus("Nothing to undo.", false)
		return nil
	case msg.err != nil:
		m.setStatus("undo: "+safe(msg.err.Error()), true)
		return nil
	}
	e := msg.entry
	if m.mine[e.ID] {
		return m.undoEntry(e.ID)
	}
	m.dialog = &confirmDialog{ctx: m.ctx, title: "Undo a change made elsewhere?", yes: "Undo",
		body:  describeForeignEntry(e),
		onYes: func() tea.Cmd { return m.undoEntry(e.ID) }}
	return nil
}

// accountSummary is the Before/After of an import or an account deletion in
// the journal.
type accountSummary struct {
	Account                        string
	Source                         string
	Users, Groups, Roles, Policies int
}

func (s accountSummary) counts() string {
	return fmt.Sprintf("%s, %s, %s, %s", plural(s.Users, "user"), plural(s.Groups, "group"), plural(s.Roles, "role"), plural(s.Policies, "policy"))
}

// describeForeignEntry says what undoing a journal entry this window did not
// make would do: what the change was, when, and what undoing it costs.
func describeForeignEntry(e storage.JournalEntry) []string {
	when := e.Time.Local().Format("2006-01-02 15:04:05")
	body := []string{"The newest change in the database was not made in this window:", ""}
	op := strings.ReplaceAll(e.Operation, "-", " ")
	body = append(body, "  "+safe(op)+" · "+when+accountNote(e.Account))
	if e.Summary != "" {
		body = append(body, "  "+safe(upperFirst(e.Summary)))
	}
	body = append(body, "")
	var before, after *accountSummary
	switch e.Operation {
	case "import":
		_ = json.Unmarshal(e.Before, &before)
		_ = json.Unmarshal(e.After, &after)
		switch {
		case before == nil && after != nil:
			body = append(body, fmt.Sprintf("There was no account %s before this import: undoing it removes the account from the database (%s).",
				safe(after.Account), after.counts()))
		case before != nil && after != nil:
			body = append(body, fmt.Sprintf("Undoing it replaces account %s (%s) with the account as it was before the import (%s).",
				safe(after.Account), after.counts(), before.counts()))
		}
	case "delete-account":
		_ = json.Unmarshal(e.Before, &before)
		if before != nil {
			body = append(body, fmt.Sprintf("Undoing it brings account %s back (%s).", safe(before.Account), before.counts()))
		}
	default:
		body = append(body, "Undoing it reverts that change, whoever made it.")
	}
	return append(body, "", "Nothing redoes an undo. Undo it?")
}

func accountNote(id string) string {
	if id == "" {
		return ""
	}
	return " · account " + safe(id)
}
