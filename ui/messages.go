package ui

import (
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"
)

// loggedMessage is a status message as it was shown.
type loggedMessage struct {
	at    time.Time
	text  string // sanitised, as the status bar had it
	isErr bool
}

// maxMessages is how many status messages :messages keeps.
const maxMessages = 100

// logMessage keeps a status message for :messages, so that one the status
// bar had to cut, or that expired before it was read, can be read whole.
func (m *Model) logMessage(s string, isErr bool) {
	if s == "" || s == welcome {
		return
	}
	if n := len(m.messages); n > 0 && m.messages[n-1].text == s && m.messages[n-1].isErr == isErr {
		return
	}
	if len(m.messages) == maxMessages {
		m.messages = append(m.messages[:0], m.messages[1:]...)
	}
	m.messages = append(m.messages, loggedMessage{at: m.ctx.Now(), text: s, isErr: isErr})
}

// showMessages lists the recent status messages, newest first, whole.
func (m *Model) showMessages() tea.Cmd {
	if len(m.messages) == 0 {
		return status("No messages yet.")
	}
	body := make([]string, 0, len(m.messages))
	for i := len(m.messages) - 1; i >= 0; i-- {
		lm := m.messages[i]
		sign := " "
		if lm.isErr {
			sign = "✖"
		}
		body = append(body, fmt.Sprintf("%s %s  %s", lm.at.Local().Format("15:04:05"), sign, lm.text))
	}
	m.dialog = &choiceDialog{ctx: m.ctx, title: fmt.Sprintf("Messages (%d, newest first)", len(m.messages)), body: body,
		choices: []choice{{key: "esc", label: "Close", run: func() tea.Cmd { return nil }}}}
	return nil
}
