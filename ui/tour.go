package ui

import (
	"fmt"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"iamtui/model/demo"
)

// tour offers the demo account's guided questions (:tour): each opens the
// can panel on one request, and the status bar says what the answer should
// be and why, so a student can compare it with the panel's.
func (m *Model) tour() tea.Cmd {
	if m.ctx.Account == nil || m.ctx.Account.ID != demo.AccountID {
		return statusErr("tour: the tour is about the demo account " + demo.AccountID + " (start iamtui on a new database to get it)")
	}
	if ok, why := m.evalAvailable(); !ok {
		return statusErr("tour: " + why)
	}
	qs := demo.Tour()
	items := make([]pickItem, len(qs))
	for i, q := range qs {
		who := q.Principal[strings.LastIndexAny(q.Principal, ":/")+1:]
		if strings.HasSuffix(q.Principal, ":root") {
			who = "root"
		}
		what := q.Resource[strings.LastIndexAny(q.Resource, ":/")+1:]
		items[i] = pickItem{
			label: safe(fmt.Sprintf("%2d. may %s %s %s?", i+1, who, q.Action, what)),
			note:  "answer hidden until asked",
			value: strconv.Itoa(i),
		}
	}
	m.dialog = newPicker(m.ctx, fmt.Sprintf("Tour of the restaurant: %d questions, enter asks one", len(qs)), items,
		func(it pickItem) (tea.Cmd, error) {
			i, _ := strconv.Atoi(it.value)
			q := qs[i]
			cmd := m.openEval(false)
			prefill := m.eval.panel.Prefill(q.Principal, q.Action, q.Resource)
			m.setStatus(fmt.Sprintf("Tour %d/%d: expected %s: %s.", i+1, len(qs), decisionWords(q.Want), q.Why), false)
			return tea.Batch(cmd, prefill), nil
		})
	return nil
}

// decisionWords is AWS's EvalDecision as the panel's banner says it.
func decisionWords(d string) string {
	switch d {
	case "allowed":
		return "allowed"
	case "explicitDeny":
		return "explicit deny"
	case "implicitDeny":
		return "implicit deny"
	}
	return d
}
