package ui

import (
	"strings"
	"testing"

	"iamtui/model"
	"iamtui/model/edit"
	"iamtui/model/policy"
)

const bucketARN = "arn:aws:s3:::restaurant-storage-room"

// openDoc opens the editor on a document as e would.
func openDoc(t *testing.T, m *Model, target docTarget) *editorPage {
	t.Helper()
	text, _ := m.docText(target)
	runCmd(t, m, m.openEditor(target, displayText(text), ""), 0)
	p, ok := m.top().(*editorPage)
	if !ok {
		t.Fatalf("no editor on top: %T", m.top())
	}
	return p
}

func TestEditorSaveNoticesSomeoneElsesChange(t *testing.T) {
	inline := docTarget{kind: docInline, owner: ref{refGroup, "Chefs"}, name: "NoWineOnDuty", account: acct}
	trust := docTarget{kind: docTrust, owner: ref{refRole, "Dishwasher"}, account: acct}
	kitchen := model.PolicyARN(acct, "/", "KitchenAccess")
	managed := docTarget{kind: docManaged, owner: ref{refPolicy, kitchen}, name: "v2", account: acct}
	resource := docTarget{kind: docResource, owner: ref{refResource, bucketARN}, account: acct}
	theirs := strings.Replace(noWineDoc, "wine-cellar", "champagne", 1)
	theirTrust := strings.Replace(ec2TrustDoc, "ec2.amazonaws.com", "lambda.amazonaws.com", 1)
	theirBucket := strings.Replace(bucketDoc, "expired", "rotten", 1)

	// Each case changes the document elsewhere; whether the UI has
	// reloaded since (poll) or not, the save must notice.
	tests := []struct {
		name    string
		target  docTarget
		mine    func(text string) string
		other   func(t *testing.T, s *memStore)
		poll    bool     // the UI reloads (DataVersion changed) before the save
		want    []string // in the dialog
		answer  string
		then    string                   // a key for the dialog the answer opens, if any
		stored  func(s *memStore) string // the stored text in the end
		expect  string                   // "mine" or "theirs"
		drafted bool                     // a copy of mine is kept as a draft
	}{
		{
			name: "inline policy, reloaded, keep editing", target: inline, poll: true,
			other: func(t *testing.T, s *memStore) {
				cs, err := testEditor().PutInlinePolicy(s.world.Account(acct), model.KindGroup, "Chefs", "NoWineOnDuty", theirs)
				if err != nil {
					t.Fatal(err)
				}
				s.external(t, cs)
			},
			want:   []string{`inline policy "NoWineOnDuty" of group Chefs`, "first difference is on line 8", "champagne"},
			answer: "esc",
			stored: func(s *memStore) string { return s.world.Account(acct).Group("Chefs").InlinePolicies[0].Document.Text },
			expect: "theirs",
		},
		{
			name: "inline policy, reloaded, overwrite", target: inline, poll: true,
			other: func(t *testing.T, s *memStore) {
				cs, _ := testEditor().PutInlinePolicy(s.world.Account(acct), model.KindGroup, "Chefs", "NoWineOnDuty", theirs)
				s.external(t, cs)
			},
			want:   []string{"Someone else changed"},
			answer: "o",
			stored: func(s *memStore) string { return s.world.Account(acct).Group("Chefs").InlinePolicies[0].Document.Text },
			expect: "mine",
		},
		{
			name: "inline policy, reloaded, reload theirs keeps mine as a draft", target: inline, poll: true,
			other: func(t *testing.T, s *memStore) {
				cs, _ := testEditor().PutInlinePolicy(s.world.Account(acct), model.KindGroup, "Chefs", "NoWineOnDuty", theirs)
				s.external(t, cs)
			},
			want:    []string{"Someone else changed"},
			answer:  "r",
			stored:  func(s *memStore) string { return s.world.Account(acct).Group("Chefs").InlinePolicies[0].Document.Text },
			expect:  "theirs",
			drafted: true,
		},
		{
			name: "inline policy, not reloaded yet: storage refuses, then the save asks", target: inline,
			other: func(t *testing.T, s *memStore) {
				cs, _ := testEditor().PutInlinePolicy(s.world.Account(acct), model.KindGroup, "Chefs", "NoWineOnDuty", theirs)
				s.external(t, cs)
			},
			want:   []string{"Someone else changed"},
			answer: "esc",
			stored: func(s *memStore) string { return s.world.Account(acct).Group("Chefs").InlinePolicies[0].Document.Text },
			expect: "theirs",
		},
		{
			name: "trust policy", target: trust, poll: true,
			other: func(t *testing.T, s *memStore) {
				cs, err := testEditor().UpdateTrustPolicy(s.world.Account(acct), "Dishwasher", theirTrust)
				if err != nil {
					t.Fatal(err)
				}
				s.external(t, cs)
			},
			want:   []string{"the trust policy of role Dishwasher", "lambda.amazonaws.com"},
			answer: "esc",
			stored: func(s *memStore) string { return s.world.Account(acct).Role("Dishwasher").TrustPolicy.Text },
			expect: "theirs",
		},
		{
			name: "managed policy: a new default version", target: managed, poll: true,
			other: func(t *testing.T, s *memStore) {
				cs, err := testEditor().CreatePolicyVersion(s.world.Account(acct), kitchen, strings.Replace(kitchenDoc, "PutObject", "DeleteObject", 1), edit.VersionOptions{SetAsDefault: true})
				if err != nil {
					t.Fatal(err)
				}
				s.external(t, cs)
			},
			want:   []string{`policy "KitchenAccess"`, "default version is now v3 (it was v2)"},
			answer: "esc",
			stored: func(s *memStore) string { return s.world.Account(acct).Policy(kitchen).Default().Document.Text },
			expect: "theirs",
		},
		{
			name: "managed policy, overwrite: the version dialog follows", target: managed, poll: true,
			other: func(t *testing.T, s *memStore) {
				cs, err := testEditor().CreatePolicyVersion(s.world.Account(acct), kitchen, strings.Replace(kitchenDoc, "PutObject", "DeleteObject", 1), edit.VersionOptions{SetAsDefault: true})
				if err != nil {
					t.Fatal(err)
				}
				s.external(t, cs)
			},
			want:   []string{"default version is now v3"},
			answer: "o",
			then:   "d",
			stored: func(s *memStore) string { return s.world.Account(acct).Policy(kitchen).Default().Document.Text },
			expect: "mine",
		},
		{
			name: "resource policy put by the command line, not reloaded yet", target: resource,
			other: func(t *testing.T, s *memStore) {
				old := bucketDoc
				rp := &model.ResourcePolicy{ResourceARN: bucketARN, AccountID: acct, Document: mustDoc(t, theirBucket, policy.Resource)}
				if _, err := s.PutResourcePolicyIf(t.Context(), rp, &old); err != nil {
					t.Fatal(err)
				}
			},
			want:   []string{"the resource policy of " + bucketARN, "rotten"},
			answer: "esc",
			stored: func(s *memStore) string { return s.world.ResourcePolicies[0].Document.Text },
			expect: "theirs",
		},
		{
			name: "resource policy, overwrite", target: resource, poll: true,
			other: func(t *testing.T, s *memStore) {
				old := bucketDoc
				rp := &model.ResourcePolicy{ResourceARN: bucketARN, AccountID: acct, Document: mustDoc(t, theirBucket, policy.Resource)}
				if _, err := s.PutResourcePolicyIf(t.Context(), rp, &old); err != nil {
					t.Fatal(err)
				}
			},
			want:   []string{"rotten"},
			answer: "o",
			stored: func(s *memStore) string { return s.world.ResourcePolicies[0].Document.Text },
			expect: "mine",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, s := newTestModel(t, 120, 40)
			p := openDoc(t, m, tt.target)
			mine := strings.Replace(p.ed.Text(), `"Version"`, `"Id": "mine", "Version"`, 1)
			p.ed.SetText(mine)
			tt.other(t, s)
			if tt.poll {
				send(t, m, versionTickMsg{})
				if !p.stale {
					t.Error("the editor with unsaved changes was not marked stale on reload")
				}
			}
			press(t, m, "ctrl+s")
			if !tt.poll {
				// The store refused the save made on the old world; the
				// UI reloaded; the next save asks.
				if !m.statusErr {
					t.Errorf("no error after a refused save: %q", m.status)
				}
				press(t, m, "ctrl+s")
			}
			d, ok := m.dialog.(*choiceDialog)
			if !ok {
				t.Fatalf("the save did not ask (dialog %T); status %q\n%s", m.dialog, m.status, screen(m))
			}
			mustContain(t, strings.Join(d.body, "\n"), tt.want...)
			if d.choices[d.focus].key != "esc" {
				t.Errorf("the focused answer is %q, want keep editing", d.choices[d.focus].label)
			}
			press(t, m, tt.answer)
			if tt.then != "" {
				next, ok := m.dialog.(*choiceDialog)
				if !ok || next == d {
					t.Fatalf("answer %q opened no further dialog (dialog %T)", tt.answer, m.dialog)
				}
				press(t, m, tt.then)
			}
			if m.dialog != nil {
				t.Errorf("a dialog is still open: %T", m.dialog)
			}
			got := tt.stored(s)
			switch tt.expect {
			case "mine":
				if !strings.Contains(got, `"Id": "mine"`) {
					t.Errorf("overwrite did not store mine:\n%s", got)
				}
			case "theirs":
				if strings.Contains(got, `"Id": "mine"`) {
					t.Errorf("mine overwrote theirs:\n%s", got)
				}
			}
			copies := 0
			for k, dr := range s.drafts {
				if strings.HasPrefix(k, copyPrefix) && dr.Text == mine {
					copies++
				}
			}
			if tt.drafted != (copies == 1) {
				t.Errorf("%d kept copies, want drafted=%v", copies, tt.drafted)
			}
			if tt.answer == "r" {
				np, ok := m.top().(*editorPage)
				if !ok || np.ed.Text() != displayText(got) || np.ed.Modified() {
					t.Errorf("after reload the editor does not show the stored text unmodified")
				}
			}
			if tt.answer == "esc" {
				if np, ok := m.top().(*editorPage); !ok || np.ed.Text() != mine {
					t.Error("keep editing lost the text")
				}
			}
		})
	}
}

func TestUnmodifiedEditorFollowsTheStoredDocument(t *testing.T) {
	m, s := newTestModel(t, 120, 40)
	p := openDoc(t, m, docTarget{kind: docInline, owner: ref{refGroup, "Chefs"}, name: "NoWineOnDuty", account: acct})
	theirs := strings.Replace(noWineDoc, "wine-cellar", "champagne", 1)
	cs, _ := testEditor().PutInlinePolicy(s.world.Account(acct), model.KindGroup, "Chefs", "NoWineOnDuty", theirs)
	s.external(t, cs)
	send(t, m, versionTickMsg{})
	if p.ed.Text() != theirs || p.ed.Modified() || p.stale {
		t.Fatalf("the editor did not follow: stale %v, modified %v\n%s", p.stale, p.ed.Modified(), p.ed.Text())
	}
	// And a save from here is not a conflict.
	p.ed.SetText(strings.Replace(theirs, "champagne", "beer", 1))
	press(t, m, "ctrl+s")
	if m.dialog != nil {
		t.Fatalf("asked:\n%s", screen(m))
	}
	if got := s.world.Account(acct).Group("Chefs").InlinePolicies[0].Document.Text; !strings.Contains(got, "beer") {
		t.Errorf("stored %s", got)
	}
}

func TestReopeningAKeptCopy(t *testing.T) {
	m, s := newTestModel(t, 120, 40)
	target := docTarget{kind: docInline, owner: ref{refGroup, "Chefs"}, name: "NoWineOnDuty", account: acct}
	p := openDoc(t, m, target)
	runCmd(t, m, m.keepCopy(p, "my words"), 0)
	var key string
	for k := range s.drafts {
		key = k
	}
	if got, ok := parseDraftKey(key); !ok || got != target {
		t.Fatalf("parseDraftKey(%q) = %+v, %v", key, got, ok)
	}
	m.closeEditor(p)
	// On start a kept copy does not ask; it is mentioned.
	send(t, m, draftsMsg{drafts: []Draft{s.drafts[key]}})
	if m.dialog != nil {
		t.Fatalf("a kept copy asked on start:\n%s", screen(m))
	}
	mustContain(t, m.status, "1 kept copy", ":drafts")
	// :drafts lists it.
	send(t, m, draftsMsg{drafts: []Draft{s.drafts[key]}, asked: true})
	press(t, m, "enter")
	np, ok := m.top().(*editorPage)
	if !ok || np.ed.Text() != "my words" {
		t.Fatalf("the copy did not open: %T", m.top())
	}
	if _, ok := s.drafts[key]; ok {
		t.Error("the kept copy is still a draft once reopened")
	}
}

// The editor's footer offers the problem keys only when there are problems.
func TestEditorFooterProblemKeys(t *testing.T) {
	m, _ := newTestModel(t, 200, 40)
	p := openDoc(t, m, docTarget{kind: docInline, owner: ref{refGroup, "Chefs"}, name: "NoWineOnDuty", account: acct})
	if f := m.footerLine(200); strings.Contains(f, "next problem") {
		t.Errorf("a clean document's footer offers the problem keys: %s", f)
	}
	p.ed.SetText(strings.Replace(p.ed.Text(), `"Effect"`, `"Efect"`, 1))
	if f := m.footerLine(200); !strings.Contains(f, "next problem") {
		t.Errorf("a broken document's footer lacks the problem keys: %s", f)
	}
}
