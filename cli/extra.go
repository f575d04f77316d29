package cli

// extraCommands lists the commands of later features (evaluation, lint).
func extraCommands() []*Command { return []*Command{lintCommand()} }

// versionDetails lists the data dates the binary carries.
func versionDetails() []string { return nil }
