package cli

import (
	"fmt"

	"iamtui/catalog"
)

// extraCommands lists the commands beyond the database basics.
func extraCommands() []*Command { return []*Command{lintCommand(), actionsCommand()} }

// versionDetails lists the data the binary carries, with its dates.
func versionDetails() []string {
	cat, err := catalog.Load()
	if err != nil {
		return []string{fmt.Sprintf("action catalog: unavailable: %v", err)}
	}
	return []string{fmt.Sprintf("action catalog: %s, data of %s: %d services, %d actions",
		cat.Source(), cat.DataDate().UTC().Format("2006-01-02"), len(cat.Services()), cat.NumActions())}
}
