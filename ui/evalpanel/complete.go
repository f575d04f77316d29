package evalpanel

import (
	"sort"
	"strings"

	tea "charm.land/bubbletea/v2"

	"iamtui/catalog"
	"iamtui/evaluator"
)

const (
	popupRows  = 8
	popupLimit = 100
)

type item struct {
	text, detail string
	// keepOpen: accepting it leaves the popup open (a service prefix).
	keepOpen bool
}

type popup struct {
	open     bool
	items    []item
	sel, top int
}

func (p *popup) move(n int) {
	if len(p.items) == 0 {
		return
	}
	p.sel = max(0, min(p.sel+n, len(p.items)-1))
	if p.sel < p.top {
		p.top = p.sel
	}
	if p.sel >= p.top+popupRows {
		p.top = p.sel - popupRows + 1
	}
}

// princEntry is a principal with its lower-cased names, for matching.
type princEntry struct {
	info            evaluator.PrincipalInfo
	lowName, lowARN string
}

type condEntry struct {
	name, lower, typ string
}

// principalsOf caches the engine's principals with lower-cased names; the
// cache follows the engine (its slice), so a recompile refreshes it.
func (m *Model) principalsOf(eng Engine) []princEntry {
	ps := eng.Principals()
	if len(ps) == 0 {
		return nil
	}
	if m.sh.princKey == &ps[0] && m.sh.princN == len(ps) {
		return m.sh.princ
	}
	out := make([]princEntry, len(ps))
	for i, p := range ps {
		out[i] = princEntry{info: p, lowName: strings.ToLower(p.Name), lowARN: strings.ToLower(p.ARN)}
	}
	m.sh.princKey, m.sh.princN, m.sh.princ = &ps[0], len(ps), out
	return out
}

// principalItems: names starting with the text first, then names or ARNs
// containing it; for roles, their session ARN form when the text asks for
// sessions.
func (m *Model) principalItems(text string) []item {
	eng := m.engine()
	if eng == nil {
		return nil
	}
	low := strings.ToLower(strings.TrimSpace(text))
	sessions := strings.Contains(low, "assumed-role") || strings.HasPrefix(low, "arn:aws:sts")
	var first, second []item
	for _, p := range m.principalsOf(eng) {
		if len(first) >= popupLimit {
			break
		}
		hit, pre := false, false
		switch {
		case low == "":
			hit = true
		case strings.HasPrefix(p.lowName, low) || strings.HasPrefix(p.lowARN, low):
			hit, pre = true, true
		case strings.Contains(p.lowName, low) || strings.Contains(p.lowARN, low):
			hit = true
		}
		if sessions {
			if p.info.Kind != "role" {
				continue
			}
			// After "assumed-role/", what is typed filters by role name.
			ok := strings.HasPrefix(strings.ToLower(sessionARN(p.info)), low)
			if i := strings.Index(low, "assumed-role/"); i >= 0 {
				want, _, _ := strings.Cut(low[i+len("assumed-role/"):], "/")
				ok = strings.Contains(p.lowName, want)
			}
			if ok {
				first = append(first, item{text: sessionARN(p.info), detail: "session of role " + p.info.Name})
			}
			continue
		}
		if !hit {
			continue
		}
		it := item{text: p.info.ARN, detail: p.info.Kind + " " + p.info.Name}
		if pre {
			first = append(first, it)
			if p.info.Kind == "role" && low != "" {
				first = append(first, item{text: sessionARN(p.info), detail: "session of role " + p.info.Name})
			}
		} else if len(second) < popupLimit {
			second = append(second, it)
		}
	}
	if !sessions && m.outsiders != nil {
		// Principals outside the database that policies name: the
		// evaluator answers for them on the resource side.
		for _, o := range m.outsiders() {
			lp := strings.ToLower(o.Principal)
			it := item{text: o.Principal, detail: "outsider: " + o.About}
			switch {
			case low == "" || strings.HasPrefix(lp, low):
				first = append(first, it)
			case strings.Contains(lp, low) || strings.Contains(strings.ToLower(o.About), low):
				second = append(second, it)
			}
		}
	}
	out := append(first, second...)
	if len(out) > popupLimit {
		out = out[:popupLimit]
	}
	return out
}

// sessionARN is the assumed-role ARN of a session of role p, with a
// placeholder session name to edit.
func sessionARN(p evaluator.PrincipalInfo) string {
	return "arn:aws:sts::" + p.AccountID + ":assumed-role/" + p.Name + "/session"
}

func (m *Model) actionItems(text string) []item {
	if m.cat == nil {
		return nil
	}
	names, guess := m.cat.Suggest(text, popupLimit)
	out := make([]item, 0, len(names))
	for i, n := range names {
		it := item{text: n}
		if guess && i == 0 {
			it.detail = "did you mean"
		} else if strings.HasSuffix(n, ":") {
			it.detail, it.keepOpen = "service", true
		} else if a, ok := m.cat.Action(n); ok {
			it.detail = a.AccessLevel
		}
		out = append(out, it)
	}
	return out
}

// resourceItems are the known ARNs containing the text, then the ARN
// patterns of the action's resource types cut at their first placeholder
// ("arn:aws:s3:::" for an object).
func (m *Model) resourceItems(text string) []item {
	low := strings.ToLower(strings.TrimSpace(text))
	var out []item
	seen := map[string]bool{}
	if m.cat != nil {
		if rts, ok := m.cat.ResourceTypesFor(strings.TrimSpace(m.action.Value())); ok {
			// Required resource types first, then the simplest patterns
			// (fewest placeholders): an object before an access point's
			// object.
			rts = append([]catalog.ActionResource(nil), rts...)
			holes := func(r catalog.ActionResource) int {
				if len(r.ARNPatterns) == 0 {
					return 0
				}
				return strings.Count(r.ARNPatterns[0], "${")
			}
			sort.SliceStable(rts, func(i, j int) bool {
				if rts[i].Required != rts[j].Required {
					return rts[i].Required
				}
				return holes(rts[i]) < holes(rts[j])
			})
			for _, rt := range rts {
				for _, pat := range rt.ARNPatterns {
					p := strings.ReplaceAll(pat, "${Partition}", "aws")
					if i := strings.Index(p, "${"); i >= 0 {
						p = p[:i]
					}
					if p == "" || seen[p] || !strings.HasPrefix(strings.ToLower(p), low) && !strings.HasPrefix(low, strings.ToLower(p)) {
						continue
					}
					if strings.HasPrefix(low, strings.ToLower(p)) && low != strings.ToLower(p) {
						continue
					}
					seen[p] = true
					out = append(out, item{text: p, detail: rt.Name + " ARN", keepOpen: true})
				}
			}
		}
	}
	if m.resources != nil {
		for _, r := range m.resources() {
			if len(out) >= popupLimit {
				break
			}
			if !seen[r] && (low == "" || strings.Contains(strings.ToLower(r), low)) {
				seen[r] = true
				out = append(out, item{text: r, detail: "known"})
			}
		}
	}
	return out
}

// condKeyItems: global keys and those of the action's service.
func (m *Model) condKeyItems(text string) []item {
	if m.cat == nil {
		return nil
	}
	if m.sh.condKeys == nil {
		seen := map[string]bool{}
		for _, k := range m.cat.GlobalConditionKeys() {
			l := strings.ToLower(k.Name)
			if !seen[l] {
				seen[l] = true
				m.sh.condKeys = append(m.sh.condKeys, condEntry{name: k.Name, lower: l, typ: k.Type})
			}
		}
		sort.Slice(m.sh.condKeys, func(i, j int) bool { return m.sh.condKeys[i].lower < m.sh.condKeys[j].lower })
	}
	keys := m.sh.condKeys
	if svc, _, ok := strings.Cut(strings.TrimSpace(m.action.Value()), ":"); ok {
		if s, ok := m.cat.Service(svc); ok {
			keys = append([]condEntry(nil), keys...)
			for _, k := range s.ConditionKeys {
				if !strings.HasPrefix(strings.ToLower(k.Name), "aws:") {
					keys = append(keys, condEntry{name: k.Name, lower: strings.ToLower(k.Name), typ: k.Type})
				}
			}
		}
	}
	low := strings.ToLower(strings.TrimSpace(text))
	var first, second []item
	for _, k := range keys {
		switch {
		case strings.HasPrefix(k.lower, low):
			first = append(first, item{text: k.name, detail: k.typ})
		case strings.Contains(k.lower, low):
			second = append(second, item{text: k.name, detail: k.typ})
		}
	}
	out := append(first, second...)
	if len(out) > popupLimit {
		out = out[:popupLimit]
	}
	return out
}

// valueItems offer true/false for Bool keys and now for the time keys.
func (m *Model) valueItems(row int, text string) []item {
	k := strings.TrimSpace(m.ctx[row].key.Value())
	var vals []string
	switch strings.ToLower(k) {
	case "aws:currenttime", "aws:epochtime":
		for _, cv := range evaluator.TimeContext(m.now()) {
			if strings.EqualFold(cv.Key, k) {
				vals = cv.Values
			}
		}
	default:
		if m.cat != nil {
			if ck, ok := m.cat.ConditionKey(k); ok && strings.HasSuffix(ck.Type, "Bool") {
				vals = []string{"true", "false"}
			}
		}
	}
	var out []item
	for _, v := range vals {
		if strings.HasPrefix(v, text) && v != text {
			out = append(out, item{text: v})
		}
	}
	return out
}

// refreshPopup recomputes the suggestions for the focused field; force
// opens them on an empty field (ctrl+space).
func (m *Model) refreshPopup(force bool) {
	m.popup.open = false
	f := m.focusedField()
	if f == nil {
		return
	}
	text := f.Value()
	if text == "" && !force {
		return
	}
	var items []item
	switch m.focus.kind {
	case fPrincipal:
		items = m.principalItems(text)
	case fAction:
		items = m.actionItems(text)
	case fResource:
		items = m.resourceItems(text)
	case fCtxKey:
		items = m.condKeyItems(text)
	case fCtxValue:
		items = m.valueItems(m.focus.row, text)
	}
	if len(items) == 0 || (!force && len(items) == 1 && items[0].text == text) {
		return
	}
	m.popup = popup{open: true, items: items}
}

// popupAlreadyTyped reports whether the focused field already holds the
// selected suggestion (ignoring case, as action names do).
func (m *Model) popupAlreadyTyped() bool {
	f := m.focusedField()
	if f == nil || m.popup.sel >= len(m.popup.items) {
		return false
	}
	it := m.popup.items[m.popup.sel]
	return !it.keepOpen && strings.EqualFold(strings.TrimSpace(f.Value()), it.text)
}

func (m *Model) acceptPopup() tea.Cmd {
	it := m.popup.items[m.popup.sel]
	m.popup.open = false
	f := m.focusedField()
	if f == nil {
		return nil
	}
	f.SetValue(it.text)
	if it.keepOpen {
		m.refreshPopup(true)
	}
	return m.changed()
}
