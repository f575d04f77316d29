package ui

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"iamtui/catalog"
	"iamtui/lint"
)

// Whole flows through a running program (teatest): keys in, screen out.

var (
	catOnce sync.Once
	cat     *catalog.Catalog
	catErr  error
)

func testCatalog(t *testing.T) *catalog.Catalog {
	t.Helper()
	catOnce.Do(func() { cat, catErr = catalog.Load() })
	if catErr != nil {
		t.Fatal(catErr)
	}
	return cat
}

func startFlow(t *testing.T) (*teatest.TestModel, *memStore) {
	t.Helper()
	c := testCatalog(t)
	m, store := newTestModel(t, 120, 40, func(o *Options) {
		o.Catalog, o.Linter = c, lint.New(c)
	})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(120, 40),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	t.Cleanup(func() { _ = tm.Quit() })
	return tm, store
}

// waitScreen waits until the output shows every string.
func waitScreen(t *testing.T, tm *teatest.TestModel, wants ...string) {
	t.Helper()
	var seen bytes.Buffer
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		seen.Reset()
		seen.Write(b)
		s := ansi.Strip(string(b))
		for _, w := range wants {
			if !strings.Contains(s, w) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

func sendKeys(tm *teatest.TestModel, ks ...string) {
	for _, k := range ks {
		tm.Send(keyPress(k))
	}
}

func TestFlowCreateUserAndPutInGroup(t *testing.T) {
	tm, store := startFlow(t)
	waitScreen(t, tm, "Users 5")
	sendKeys(tm, "n")
	waitScreen(t, tm, "New user")
	tm.Type("sous-chef-sam")
	sendKeys(tm, "enter", "enter")
	waitScreen(t, tm, `Created user "sous-chef-sam"`)
	sendKeys(tm, "m")
	waitScreen(t, tm, "Add sous-chef-sam to group")
	tm.Type("wait")
	sendKeys(tm, "enter")
	waitScreen(t, tm, `Added user "sous-chef-sam" to group "Waiters"`)
	sendKeys(tm, "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	u := store.world.Account(acct).User("sous-chef-sam")
	if u == nil || len(u.Groups) != 1 || u.Groups[0] != "Waiters" {
		t.Fatalf("stored user %+v", u)
	}
}

const typoPolicy = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "NoWineOnDuty",
      "Effect": "Deny",
      "Action": "s3:GetObjects",
      "Resource": "arn:aws:s3:::restaurant-storage-room/wine-cellar/*"
    }
  ]
}`

func TestFlowEditPolicyWithTypoAndFixIt(t *testing.T) {
	tm, store := startFlow(t)
	waitScreen(t, tm, "Users 5")
	// Chefs → its inline policy NoWineOnDuty → the editor.
	sendKeys(tm, "2", "enter")
	waitScreen(t, tm, "Members (3)")
	sendKeys(tm, "j", "j", "j", "j") // members (3), then the attached policy, then the inline one
	sendKeys(tm, "enter")
	waitScreen(t, tm, "inline NoWineOnDuty", "ctrl+s")
	// Replace the text with one that is not JSON: it cannot be saved.
	sendKeys(tm, "ctrl+a")
	tm.Send(tea.PasteMsg{Content: `{"Version": "2012-10-17", "Statement": [`})
	sendKeys(tm, "ctrl+s")
	waitScreen(t, tm, "ERROR")
	time.Sleep(100 * time.Millisecond)
	if doc := storedInline(store); doc != noWineDoc {
		t.Fatalf("an invalid document was saved:\n%s", doc)
	}
	// Now a document with a typo in an action: found as you type, with
	// the nearest name, and fixed with the suggested fix.
	sendKeys(tm, "ctrl+a")
	tm.Send(tea.PasteMsg{Content: typoPolicy})
	waitScreen(t, tm, "s3:GetObjects does not exist", "did you mean s3:GetObject")
	sendKeys(tm, "f8", "alt+enter")
	waitScreen(t, tm, "no problems")
	sendKeys(tm, "ctrl+s")
	deadline := time.Now().Add(10 * time.Second)
	for {
		doc := storedInline(store)
		if strings.Contains(doc, `"s3:GetObject"`) && !strings.Contains(doc, "GetObjects") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the fixed document was not saved; the store has:\n%s", doc)
		}
		time.Sleep(20 * time.Millisecond)
	}
	_ = tm.Quit()
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

func storedInline(s *memStore) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.world.Account(acct).Group("Chefs").InlinePolicies {
		if p.Name == "NoWineOnDuty" {
			return p.Document.Text
		}
	}
	return ""
}

func TestFlowCanXDoYShowsTheDecidingStatement(t *testing.T) {
	tm, _ := startFlow(t)
	waitScreen(t, tm, "Users 5")
	sendKeys(tm, "j", "c") // head-chef-hana
	waitScreen(t, tm, "head-chef-hana")
	tm.Type("s3:GetObject")
	sendKeys(tm, "esc") // close the completion list
	sendKeys(tm, "tab")
	tm.Type("arn:aws:s3:::restaurant-storage-room/wine-cellar/chateau-1982.json")
	waitScreen(t, tm, "✖ DENIED", "NoWineOnDuty")
	sendKeys(tm, "ctrl+c") // ctrl+c in a text field is the field's; q is text too
	_ = tm.Quit()
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}
