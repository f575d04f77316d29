package ui

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"iamtui/model"
	"iamtui/model/policy"
	"iamtui/sanitize"
)

// paneKind names the five lists.
type paneKind int

const (
	paneUsers paneKind = iota
	paneGroups
	paneRoles
	panePolicies
	paneResources
	paneCount
)

func (k paneKind) String() string {
	return [...]string{"Users", "Groups", "Roles", "Policies", "Resources"}[k]
}

// noun is the lower-case plural for messages.
func (k paneKind) noun() string {
	return [...]string{"users", "groups", "roles", "managed policies", "resource policies"}[k]
}

// columns of each pane. Priorities decide what an 80-column terminal keeps.
func paneColumns(k paneKind) []column {
	switch k {
	case paneUsers:
		return []column{
			{title: "NAME", flex: true, prio: 100},
			{title: "PATH", max: 20, prio: 20},
			{title: "GROUPS", right: true, prio: 70},
			{title: "POLICIES", right: true, prio: 60},
			{title: "BOUNDARY", max: 26, prio: 50},
			{title: "TAGS", right: true, prio: 10},
			{title: "LAST USED", prio: 40},
			{title: "CREATED", prio: 5},
		}
	case paneGroups:
		return []column{
			{title: "NAME", flex: true, prio: 100},
			{title: "PATH", max: 20, prio: 20},
			{title: "MEMBERS", right: true, prio: 70},
			{title: "POLICIES", right: true, prio: 60},
			{title: "ATTACHED", max: 40, prio: 30},
			{title: "CREATED", prio: 5},
		}
	case paneRoles:
		return []column{
			{title: "NAME", flex: true, prio: 100},
			{title: "PATH", max: 20, prio: 20},
			{title: "TRUSTED BY", max: 34, prio: 65},
			{title: "POLICIES", right: true, prio: 60},
			{title: "BOUNDARY", max: 26, prio: 50},
			{title: "LAST USED", prio: 40},
			{title: "SESSION", right: true, prio: 8},
			{title: "CREATED", prio: 5},
		}
	case panePolicies:
		return []column{
			{title: "NAME", flex: true, prio: 100},
			{title: "TYPE", prio: 60},
			{title: "USED BY", right: true, prio: 70},
			{title: "LINT", prio: 45},
			{title: "VERSION", prio: 40},
			{title: "PATH", max: 20, prio: 15},
			{title: "UPDATED", prio: 30},
			{title: "DESCRIPTION", max: 40, prio: 5},
		}
	default:
		return []column{
			{title: "RESOURCE", flex: true, prio: 100},
			{title: "SERVICE", prio: 60},
			{title: "ACCOUNT", prio: 50},
			{title: "STATEMENTS", right: true, prio: 40},
			{title: "UPDATED", prio: 30},
		}
	}
}

func safe(s string) string { return sanitize.Line(s) }

func day(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.UTC().Format("2006-01-02")
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func count(n int) string { return strconv.Itoa(n) }

func tagText(tags []model.Tag) string {
	var b strings.Builder
	for _, t := range tags {
		b.WriteString(t.Key)
		b.WriteByte('=')
		b.WriteString(t.Value)
		b.WriteByte(' ')
	}
	return b.String()
}

// buildRows turns an account into the rows of one pane.
func buildRows(k paneKind, c *Context) []row {
	w, a, ix := c.World, c.Account, c.Index
	switch k {
	case paneUsers:
		rows := make([]row, len(a.Users))
		for i, u := range a.Users {
			last := "—" // unknown: the export does not say whether there is a password
			if !u.PasswordLastUsed.IsZero() {
				last = day(u.PasswordLastUsed)
			}
			boundary := "—"
			if u.PermissionsBoundary != "" {
				boundary = safe(ix.PolicyName(u.PermissionsBoundary))
			}
			rows[i] = row{
				key: strings.ToLower(u.Name),
				cells: []string{safe(u.Name), safe(u.Path), count(len(u.Groups)),
					count(len(u.AttachedPolicies) + len(u.InlinePolicies)), boundary, count(len(u.Tags)), last, day(u.CreateDate)},
				search:  strings.ToLower(u.Path + " " + u.ARN + " " + strings.Join(u.Groups, " ") + " " + tagText(u.Tags) + " " + boundaryName(ix, u.PermissionsBoundary)),
				created: unix(u.CreateDate), used: unix(u.PasswordLastUsed),
				count: len(u.AttachedPolicies) + len(u.InlinePolicies),
			}
		}
		return rows
	case paneGroups:
		rows := make([]row, len(a.Groups))
		for i, g := range a.Groups {
			names := make([]string, len(g.AttachedPolicies))
			for j, p := range g.AttachedPolicies {
				names[j] = ix.PolicyName(p)
			}
			rows[i] = row{
				key: strings.ToLower(g.Name),
				cells: []string{safe(g.Name), safe(g.Path), count(len(ix.Members(g.Name))),
					count(len(g.AttachedPolicies) + len(g.InlinePolicies)), orDash(safe(strings.Join(names, ", "))), day(g.CreateDate)},
				search:  strings.ToLower(g.Path + " " + g.ARN + " " + strings.Join(names, " ")),
				created: unix(g.CreateDate), count: len(g.AttachedPolicies) + len(g.InlinePolicies),
			}
		}
		return rows
	case paneRoles:
		rows := make([]row, len(a.Roles))
		for i, r := range a.Roles {
			last := "never"
			if !r.LastUsed.IsZero() {
				last = day(r.LastUsed)
			}
			boundary := "—"
			if r.PermissionsBoundary != "" {
				boundary = safe(ix.PolicyName(r.PermissionsBoundary))
			}
			session := 3600
			if r.MaxSessionDuration > 0 {
				session = r.MaxSessionDuration
			}
			trust := trustSummary(r.TrustPolicy, a.ID)
			rows[i] = row{
				key: strings.ToLower(r.Name),
				cells: []string{safe(r.Name), safe(r.Path), orDash(safe(trust)),
					count(len(r.AttachedPolicies) + len(r.InlinePolicies)), boundary, last, duration(session), day(r.CreateDate)},
				search:  strings.ToLower(r.Path + " " + r.ARN + " " + trust + " " + r.Description + " " + tagText(r.Tags) + " " + boundaryName(ix, r.PermissionsBoundary)),
				created: unix(r.CreateDate), used: unix(r.LastUsed),
				count: len(r.AttachedPolicies) + len(r.InlinePolicies),
			}
		}
		return rows
	case panePolicies:
		rows := make([]row, len(a.Policies))
		for i, p := range a.Policies {
			typ := "customer"
			if p.AWSManaged() {
				typ = "AWS"
			}
			ver, findings := "—", ""
			if d := p.Default(); d != nil {
				ver = safe(d.ID)
				if len(p.Versions) > 1 {
					ver = "default " + ver + " · " + count(len(p.Versions)) + " versions"
				}
				// Known once the background lint is in; blank until then.
				if fs, ok := c.cachedFindings(d.Document); ok {
					findings = findingMark(fs)
				}
			}
			rows[i] = row{
				key: p.ARN,
				cells: []string{safe(p.Name), typ, count(ix.Attachments(p.ARN).Count()), findings, ver, safe(p.Path),
					day(p.UpdateDate), orDash(safe(p.Description))},
				search:  strings.ToLower(p.Path + " " + p.ARN + " " + p.Description + " " + tagText(p.Tags)),
				faint:   p.AWSManaged(),
				created: unix(p.CreateDate), used: unix(p.UpdateDate), count: ix.Attachments(p.ARN).Count(),
			}
		}
		return rows
	default:
		// This account's resources, by ARN; other accounts' show with
		// theirs (A switches), counted in the pane's title.
		rps := make([]*model.ResourcePolicy, 0, len(w.ResourcePolicies))
		for _, rp := range w.ResourcePolicies {
			if rp.AccountID == a.ID {
				rps = append(rps, rp)
			}
		}
		sort.SliceStable(rps, func(i, j int) bool { return rps[i].ResourceARN < rps[j].ResourceARN })
		rows := make([]row, len(rps))
		for i, rp := range rps {
			n := 0
			if rp.Document != nil {
				n = len(rp.Document.Statements)
			}
			rows[i] = row{
				key:     rp.ResourceARN,
				cells:   []string{safe(rp.ResourceARN), safe(arnService(rp.ResourceARN)), orDash(safe(rp.AccountID)), count(n), day(rp.UpdateDate)},
				search:  strings.ToLower(rp.ResourceARN + " " + rp.AccountID),
				created: unix(rp.UpdateDate), count: n,
			}
		}
		return rows
	}
}

func unix(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

func boundaryName(ix *index, arn string) string {
	if arn == "" {
		return ""
	}
	return "boundary " + ix.PolicyName(arn)
}

// sortOrders are the orders o cycles through on a pane, with their names.
func sortOrders(k paneKind) []sortBy {
	switch k {
	case paneUsers, paneRoles:
		return []sortBy{sortAccount, sortName, sortCreated, sortUsed, sortCount}
	case paneGroups, panePolicies:
		return []sortBy{sortAccount, sortName, sortCreated, sortCount}
	}
	return []sortBy{sortAccount, sortName, sortCreated}
}

// sortName names an order on a pane, for its title.
func sortLabel(k paneKind, o sortBy) string {
	switch o {
	case sortName:
		return "name"
	case sortCreated:
		if k == paneResources {
			return "updated"
		}
		return "created"
	case sortUsed:
		if k == panePolicies {
			return "updated"
		}
		return "last used"
	case sortCount:
		if k == panePolicies {
			return "used by"
		}
		return "policies"
	}
	return "account order"
}

func duration(secs int) string {
	if secs%3600 == 0 {
		return count(secs/3600) + "h"
	}
	return count(secs/60) + "m"
}

// arnService is the service part of an ARN ("s3" in arn:aws:s3:::bucket).
func arnService(arn string) string {
	parts := strings.SplitN(arn, ":", 4)
	if len(parts) < 3 {
		return ""
	}
	return parts[2]
}

// trustSummary names who may assume a role, shortest form first:
// services, this account's users and roles by path/name, other accounts by id.
func trustSummary(doc *policy.Document, account string) string {
	if doc == nil {
		return ""
	}
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, st := range doc.Statements {
		if st.Effect != policy.Allow || st.Principal == nil {
			continue
		}
		p := st.Principal
		if p.Wildcard {
			add("*")
		}
		for _, v := range p.Service.Strings() {
			add(v)
		}
		for _, v := range p.AWS.Strings() {
			add(shortPrincipal(v, account))
		}
		for _, v := range p.Federated.Strings() {
			add(v)
		}
	}
	return strings.Join(out, ", ")
}

// shortPrincipal shows arn:aws:iam::111122223333:user/alice as user/alice
// within the account, and keeps other accounts' ARNs whole.
func shortPrincipal(v, account string) string {
	prefix := "arn:aws:iam::" + account + ":"
	if strings.HasPrefix(v, prefix) {
		rest := v[len(prefix):]
		if rest == "root" {
			return "account " + account
		}
		return rest
	}
	if len(v) == 12 && strings.Trim(v, "0123456789") == "" {
		return "account " + v
	}
	return v
}
