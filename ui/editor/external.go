package editor

import (
	"fmt"
	"os"
	"os/exec"
	"strings"

	tea "charm.land/bubbletea/v2"
)

// externalCommand is the editor ctrl+e runs: the configured one, $VISUAL,
// $EDITOR, then vi.
func (m Model) externalCommand() []string {
	for _, c := range []string{m.extEditor, os.Getenv("VISUAL"), os.Getenv("EDITOR")} {
		if f := strings.Fields(c); len(f) > 0 {
			return f
		}
	}
	return []string{"vi"}
}

// openExternal writes the text to a private temporary file and runs the
// external editor on it; externalDone loads the result.
func (m Model) openExternal() (Model, tea.Cmd) {
	if m.readOnly {
		m.status, m.statusErr = "read-only: open it elsewhere to edit", true
		return m, nil
	}
	f, err := os.CreateTemp("", "iamtui-*.json") // CreateTemp makes it 0600
	if err != nil {
		m.status, m.statusErr = fmt.Sprintf("cannot open $EDITOR: %v", err), true
		return m, nil
	}
	path := f.Name()
	_, werr := f.WriteString(m.text)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		os.Remove(path)
		m.status, m.statusErr = fmt.Sprintf("cannot open $EDITOR: writing %s: %v", path, werr), true
		return m, nil
	}
	argv := m.externalCommand()
	c := exec.Command(argv[0], append(argv[1:], path)...)
	sh := m.sh
	return m, tea.ExecProcess(c, func(err error) tea.Msg {
		defer os.Remove(path)
		if err != nil {
			return externalDoneMsg{sh: sh, err: fmt.Errorf("%s: %w", argv[0], err)}
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return externalDoneMsg{sh: sh, err: fmt.Errorf("reading %s back: %w", path, err)}
		}
		return externalDoneMsg{sh: sh, text: string(b)}
	})
}

// externalDone takes the text back from the external editor as one undo
// step.
func (m Model) externalDone(msg externalDoneMsg) (Model, tea.Cmd) {
	if msg.err != nil {
		m.status, m.statusErr = "external editor: "+msg.err.Error(), true
		return m, nil
	}
	text := joinLines(splitLines(msg.text))
	// Editors end files with a newline; the policy did not have one.
	if !strings.HasSuffix(m.text, "\n") {
		text = strings.TrimSuffix(text, "\n")
	}
	if text == m.text {
		m.status = "no change in the external editor"
		return m, nil
	}
	m.SetText(text)
	m.status = "loaded from the external editor (ctrl+z undoes)"
	return m, m.afterChangeCmd()
}
