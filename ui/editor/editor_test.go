package editor

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"iamtui/lint"
	"iamtui/model/policy"
)

const typoPolicy = `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": "s3:GetObjects",
            "Resource": "*"
        }
    ]
}`

// step is one input to the editor: a key name, text to type, or a paste.
type step struct {
	keys  []string
	typed string
	paste string
}

func k(names ...string) step { return step{keys: names} }
func ty(s string) step       { return step{typed: s} }

func run(m Model, steps ...step) Model {
	for _, s := range steps {
		m = keys(m, s.keys...)
		if s.typed != "" {
			m = typeKeys(m, s.typed)
		}
		if s.paste != "" {
			m, _ = m.Update(tea.PasteMsg{Content: s.paste})
		}
	}
	return m
}

func TestUpdateEditsText(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		noPair   bool
		steps    []step
		want     string
		line     int // cursor, 1-based
		col      int
		readOnly bool
	}{
		{name: "typing inserts at the cursor", text: "ab", steps: []step{k("right"), ty("X")}, want: "aXb", line: 1, col: 3},
		{name: "backspace joins lines", text: "ab\ncd", steps: []step{k("down", "home", "backspace")}, want: "abcd", line: 1, col: 3},
		{name: "delete at line end joins lines", text: "ab\ncd", steps: []step{k("end", "delete")}, want: "abcd", line: 1, col: 3},
		{name: "enter keeps the indentation", text: "    \"a\": 1,", steps: []step{k("end", "enter"), ty("x")}, want: "    \"a\": 1,\n    x", line: 2, col: 6},
		{name: "enter after a brace indents one more", text: "{", steps: []step{k("end", "enter")}, want: "{\n    ", line: 2, col: 5},
		{name: "enter between braces puts the closer on its own line", text: "", steps: []step{ty("{"), k("enter")}, want: "{\n    \n}", line: 2, col: 5},
		{name: "detected two-space indent", text: "{\n  \"a\": [", steps: []step{k("ctrl+end", "enter")}, want: "{\n  \"a\": [\n    ", line: 3, col: 5},
		{name: "brackets and quotes pair", text: "", steps: []step{ty(`{"a": [`)}, want: `{"a": []}`, line: 1, col: 8},
		{name: "typing the closer steps over it", text: "", steps: []step{ty(`{"Version": "2012-10-17"}`)}, want: `{"Version": "2012-10-17"}`, line: 1, col: 26},
		{name: "no pairing before a word", text: "abc", steps: []step{ty(`"`)}, want: `"abc`, line: 1, col: 2},
		{name: "backspace removes an empty pair", text: "", steps: []step{ty("["), k("backspace")}, want: "", line: 1, col: 1},
		{name: "backspace in indentation goes to the previous stop", text: "      x", steps: []step{k("home", "backspace")}, want: "    x", line: 1, col: 5},
		{name: "electric closing brace outdents", text: "{\n    ", noPair: false, steps: []step{k("ctrl+end"), ty("}")}, want: "{\n}", line: 2, col: 2},
		{name: "tab inserts spaces to the next stop", text: "ab", steps: []step{k("right", "tab")}, want: "a   b", line: 1, col: 5},
		{name: "shift+tab outdents the line", text: "        x", steps: []step{k("end", "shift+tab")}, want: "    x", line: 1, col: 6},
		{name: "word moves and deletes", text: "alpha beta gamma", steps: []step{k("ctrl+right", "ctrl+right", "ctrl+w")}, want: "alpha  gamma", line: 1, col: 7},
		{name: "delete word right", text: "alpha beta", steps: []step{k("alt+d")}, want: " beta", line: 1, col: 1},
		{name: "ctrl+k deletes to line end", text: "abc\ndef", steps: []step{k("right", "ctrl+k")}, want: "a\ndef", line: 1, col: 2},
		{name: "ctrl+k at line end joins", text: "abc\ndef", steps: []step{k("end", "ctrl+k")}, want: "abcdef", line: 1, col: 4},
		{name: "ctrl+u deletes to line start", text: "abc", steps: []step{k("end", "ctrl+u")}, want: "", line: 1, col: 1},
		{name: "undo undoes a word at once", text: "", noPair: true, steps: []step{ty("hello world"), k("ctrl+z")}, want: "hello ", line: 1, col: 7},
		{name: "undo then redo", text: "", noPair: true, steps: []step{ty("hello"), k("ctrl+z", "ctrl+y")}, want: "hello", line: 1, col: 6},
		{name: "undo everything", text: "base", steps: []step{ty("x"), k("enter"), ty("y"), k("ctrl+z", "ctrl+z", "ctrl+z", "ctrl+z", "ctrl+z")}, want: "base", line: 1, col: 1},
		{name: "paste replaces the selection and keeps CRLF out", text: "abcdef", steps: []step{k("right", "shift+right", "shift+right"), {paste: "X\r\nY"}}, want: "aX\nYdef", line: 2, col: 2},
		{name: "typing replaces the selection", text: "abcdef", steps: []step{k("shift+end"), ty("z")}, want: "z", line: 1, col: 2},
		{name: "cut and paste", text: "abc def", steps: []step{k("shift+ctrl+right", "ctrl+x", "end", "ctrl+v")}, want: " defabc", line: 1, col: 8},
		{name: "select all and delete", text: "a\nb\nc", steps: []step{k("ctrl+a", "backspace")}, want: "", line: 1, col: 1},
		{name: "up and down keep the column", text: "abcdef\nab\nabcdef", steps: []step{k("end", "down", "down")}, want: "abcdef\nab\nabcdef", line: 3, col: 7},
		{name: "smart home goes to the first non-blank then column 1", text: "    abc", steps: []step{k("end", "home")}, want: "    abc", line: 1, col: 5},
		{name: "smart home twice", text: "    abc", steps: []step{k("end", "home", "home")}, want: "    abc", line: 1, col: 1},
		{name: "ctrl+end and ctrl+home", text: "a\nbc", steps: []step{k("ctrl+end")}, want: "a\nbc", line: 2, col: 3},
		{name: "format re-indents", text: `{"a":[1,2]}`, steps: []step{k("ctrl+t")}, want: "{\n    \"a\": [\n        1,\n        2\n    ]\n}", line: 1, col: 1},
		{name: "read-only ignores edits", text: "abc", readOnly: true, steps: []step{ty("x"), k("backspace", "enter", "ctrl+t"), {paste: "p"}}, want: "abc", line: 1, col: 1},
		{name: "wide characters move by character", text: "日本x", steps: []step{k("right", "right"), ty("!")}, want: "日本!x", line: 1, col: 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newTest(t, tt.text, func(c *Config) { c.NoAutoPair = tt.noPair; c.ReadOnly = tt.readOnly })
			m = run(m, tt.steps...)
			if got := m.Text(); got != tt.want {
				t.Errorf("text = %q, want %q", got, tt.want)
			}
			if c := m.Cursor(); c.Line != tt.line || c.Column != tt.col {
				t.Errorf("cursor = %d:%d, want %d:%d", c.Line, c.Column, tt.line, tt.col)
			}
			if c := m.Cursor(); !strings.HasPrefix(m.Text()[c.Offset:], string(m.lines[m.cur.row][m.cur.col:])) {
				t.Errorf("cursor offset %d does not match line %d column %d", c.Offset, c.Line, c.Column)
			}
		})
	}
}

func TestDiagnosticsFollowTheText(t *testing.T) {
	m := newTest(t, typoPolicy)
	d := m.Diagnostics()
	if len(d) != 1 {
		t.Fatalf("diagnostics = %+v, want one", d)
	}
	f := d[0]
	if f.Code != "INVALID_ACTION" || f.Suggestion != "s3:GetObject" || f.Pos.Line != 6 || f.Pos.Column != 23 {
		t.Fatalf("finding = %s %q at %d:%d, want INVALID_ACTION s3:GetObject at 6:23", f.Code, f.Suggestion, f.Pos.Line, f.Pos.Column)
	}
	if !m.Valid() {
		t.Fatal("a lint error must not make the document invalid")
	}
	// f8 goes to the finding, the status line explains it, alt+enter fixes it.
	m = keys(m, "f8")
	if c := m.Cursor(); c.Line != 6 || c.Column != 23 {
		t.Fatalf("f8 moved to %d:%d, want 6:23", c.Line, c.Column)
	}
	if v := plain(m); !strings.Contains(v, "alt+enter → s3:GetObject │ ERROR the action s3:GetObjects does not exist") {
		t.Fatalf("status line does not explain the finding:\n%s", v)
	}
	m = keys(m, "alt+enter")
	if !strings.Contains(m.Text(), `"s3:GetObject",`) || len(m.Diagnostics()) != 0 {
		t.Fatalf("quick fix: text %q, diagnostics %+v", m.Text(), m.Diagnostics())
	}
	// Breaking the JSON gives a parser error with its position.
	m = keys(m, "ctrl+end", "backspace")
	if m.Valid() {
		t.Fatal("a truncated document is valid")
	}
	d = m.Diagnostics()
	if len(d) == 0 || d[0].Category != lint.Error || d[0].Pos.Line != 10 {
		t.Fatalf("parser error = %+v", d)
	}
}

func TestNextAndPreviousProblemWrapAround(t *testing.T) {
	text := `{
    "Statement": [
        {"Effect": "Allow", "Action": "s3:GetObjects", "Resource": "*"},
        {"Effect": "Allow", "Action": "ec2:DescribeInstancez", "Resource": "*"}
    ]
}`
	m := newTest(t, text)
	var lines []int
	for _, key := range []string{"f8", "f8", "f8", "f8", "shift+f8", "alt+p"} {
		m = keys(m, key)
		lines = append(lines, m.Cursor().Line)
	}
	got := lines[:]
	if len(m.Diagnostics()) != 3 {
		t.Fatalf("diagnostics: %+v", m.Diagnostics())
	}
	// Missing Version (line 1), then the two typos, then back to the start.
	want := []int{1, 3, 4, 1, 4, 3}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("lines visited = %v, want %v", got, want)
		}
	}
}

func TestSaveOnlyWhenTheTextParses(t *testing.T) {
	m := newTest(t, typoPolicy)
	m = keys(m, "ctrl+end", "backspace")
	m, cmd := m.Update(press("ctrl+s"))
	if cmd != nil {
		t.Fatalf("save of an invalid document sent %T", cmd())
	}
	if !strings.Contains(plain(m), "cannot save") {
		t.Fatalf("no explanation:\n%s", plain(m))
	}
	if c := m.Cursor(); c.Line != 10 {
		t.Fatalf("cursor not moved to the error: %+v", c)
	}
	m = typeKeys(m, "}\n")
	m, cmd = m.Update(press("ctrl+s"))
	if cmd == nil {
		t.Fatal("no SaveMsg for a valid document")
	}
	sm, ok := cmd().(SaveMsg)
	if !ok || sm.Text != m.Text() || sm.Key != "k" || len(sm.Findings) != 1 || sm.Close {
		t.Fatalf("SaveMsg = %+v", sm)
	}
	if !m.Modified() {
		t.Fatal("the editor must stay modified until MarkSaved")
	}
	m.MarkSaved(sm.Text)
	if m.Modified() {
		t.Fatal("still modified after MarkSaved")
	}
}

func TestEscWithUnsavedChangesAsks(t *testing.T) {
	cases := []struct {
		name   string
		answer string
		want   any
	}{
		{"save and close", "s", SaveMsg{}},
		{"discard", "d", CloseMsg{Key: "k", Discarded: true}},
		{"keep editing", "esc", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := newTest(t, `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}`)
			m = typeKeys(m, " ")
			m, cmd := m.Update(press("esc"))
			if cmd != nil {
				t.Fatal("esc on a modified document closed it")
			}
			if !strings.Contains(plain(m), "Unsaved changes") {
				t.Fatalf("no prompt:\n%s", plain(m))
			}
			m, cmd = m.Update(press(c.answer))
			var got any
			if cmd != nil {
				got = cmd()
			}
			switch want := c.want.(type) {
			case SaveMsg:
				sm, ok := got.(SaveMsg)
				if !ok || !sm.Close {
					t.Fatalf("got %#v, want a SaveMsg with Close", got)
				}
			case CloseMsg:
				if got != want {
					t.Fatalf("got %#v, want %#v", got, want)
				}
			case nil:
				if got != nil || m.confirming {
					t.Fatalf("got %#v, confirming %v", got, m.confirming)
				}
			}
		})
	}
	m := newTest(t, "{}")
	_, cmd := m.Update(press("esc"))
	if cmd == nil || cmd() != (CloseMsg{Key: "k"}) {
		t.Fatal("esc on an unmodified document must close it")
	}
}

func TestDraftIsSentAfterTheTextRests(t *testing.T) {
	m := newTest(t, "{}", func(c *Config) { c.DraftDelay = time.Millisecond })
	m, cmd1 := m.Update(press("x"))
	m, cmd2 := m.Update(press("y"))
	if cmd1 == nil || cmd2 == nil {
		t.Fatal("edits must schedule a draft")
	}
	// The first tick is stale (the text changed since): nothing is sent.
	m, out := m.Update(cmd1())
	if out != nil {
		t.Fatalf("stale tick sent %#v", out())
	}
	_, out = m.Update(cmd2())
	if out == nil {
		t.Fatal("no draft after the text rested")
	}
	if d := out().(DraftMsg); d.Text != "xy{}" || !d.Modified || d.Key != "k" {
		t.Fatalf("draft = %+v", d)
	}
}

func TestDraftIsRestored(t *testing.T) {
	m := newTest(t, "{}", func(c *Config) { c.Draft = "{ }" })
	if m.Text() != "{ }" || !m.Modified() {
		t.Fatalf("text %q modified %v", m.Text(), m.Modified())
	}
	if !strings.Contains(plain(m), "restored an unsaved draft") {
		t.Fatalf("no notice:\n%s", plain(m))
	}
	m = keys(m, "ctrl+z")
	if m.Text() != "{}" {
		t.Fatalf("undo of the restore gave %q", m.Text())
	}
}

func TestCompletion(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		steps  []step
		first  string // first item offered; "" for no popup
		accept bool
		want   string
	}{
		{name: "actions of a service", text: `{"Statement": [{"Action": "s3:GetOb"}]}`, steps: []step{k("ctrl+end", "left", "left", "left", "left"), ty("j")},
			first: "s3:GetObject", accept: true, want: `{"Statement": [{"Action": "s3:GetObject"}]}`},
		{name: "action in an array", text: `{"Statement": {"NotAction": ["iam:PassRol"]}}`, steps: []step{k("ctrl+end", "left", "left", "left", "left"), ty("e")},
			first: "iam:PassRole", accept: true, want: `{"Statement": {"NotAction": ["iam:PassRole"]}}`},
		{name: "services before a colon", text: `{"Statement": {"Action": ""}}`, steps: []step{k("ctrl+end", "left", "left", "left"), ty("dynamod")},
			first: "dynamodb:", accept: true, want: `{"Statement": {"Action": "dynamodb:"}}`},
		{name: "condition keys", text: `{"Statement": {"Condition": {"Bool": {"": "true"}}}}`, steps: []step{k("ctrl+end"), k("left", "left", "left", "left", "left", "left", "left", "left", "left", "left", "left", "left", "left"), ty("aws:MultiF")},
			first: "aws:MultiFactorAuthAge", accept: false},
		{name: "operators", text: `{"Statement": {"Condition": {"": {}}}}`, steps: []step{k("ctrl+end", "left", "left", "left", "left", "left", "left", "left", "left"), ty("StringEq")},
			first: "StringEquals", accept: true, want: `{"Statement": {"Condition": {"StringEquals": {}}}}`},
		{name: "effect", text: `{"Statement": {"Effect": ""}}`, steps: []step{k("ctrl+end", "left", "left", "left"), ty("D")},
			first: "Deny", accept: true, want: `{"Statement": {"Effect": "Deny"}}`},
		{name: "statement elements", text: `{"Statement": {"": 1}}`, steps: []step{k("ctrl+end", "left", "left", "left", "left", "left", "left"), ty("Res")},
			first: "Resource", accept: true, want: `{"Statement": {"Resource": 1}}`},
		{name: "nothing in a resource", text: `{"Statement": {"Resource": "arn"}}`, steps: []step{k("ctrl+end", "left", "left", "left"), ty(":")}, first: ""},
		{name: "nothing outside strings", text: `{"Statement": {"Action": 1}}`, steps: []step{k("ctrl+end", "left", "left"), ty("2")}, first: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newTest(t, tt.text)
			m = run(m, tt.steps...)
			if tt.first == "" {
				if m.popup.open {
					t.Fatalf("popup open with %v", m.popup.items[0])
				}
				return
			}
			if !m.popup.open {
				t.Fatalf("no popup; text %q", m.Text())
			}
			if got := m.popup.items[0].text; got != tt.first {
				t.Fatalf("first item = %q, want %q", got, tt.first)
			}
			if !strings.Contains(plain(m), tt.first) {
				t.Fatalf("popup not drawn:\n%s", plain(m))
			}
			if tt.accept {
				m = keys(m, "tab")
				if m.Text() != tt.want {
					t.Fatalf("accepted: %q, want %q", m.Text(), tt.want)
				}
			}
		})
	}
}

func TestCompletionShowsAccessLevelAndNavigates(t *testing.T) {
	m := newTest(t, `{"Statement": {"Action": "s3:PutObjec"}}`)
	m = run(m, k("ctrl+end", "left", "left", "left"), ty("t"))
	if !m.popup.open || m.popup.items[0].detail != "Write" {
		t.Fatalf("popup %+v", m.popup)
	}
	second := m.popup.items[1].text
	m = keys(m, "down", "enter")
	if !strings.Contains(m.Text(), `"`+second+`"`) {
		t.Fatalf("down+enter did not accept %q: %q", second, m.Text())
	}
	m = run(m, k("left"), ty("x"), k("esc"))
	if m.popup.open {
		t.Fatal("esc did not close the popup")
	}
}

func TestCursorStatement(t *testing.T) {
	text := `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": ["s3:List*", "s3:GetObject", "s3:PutObject"],
            "Resource": ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]
        },
        {
            "Effect": "Deny",
            "Action": "ec2:*",
            "NotResource": "arn:aws:ec2:*:*:instance/i-1"
        }
    ]
}`
	tests := []struct {
		line, col        int
		action, resource string
	}{
		{1, 1, "", ""},
		{5, 13, "s3:GetObject", "arn:aws:s3:::reports"},
		{6, 52, "s3:PutObject", "arn:aws:s3:::reports"},
		{7, 50, "s3:GetObject", "arn:aws:s3:::reports/*"},
		{11, 23, "ec2:*", ""},
		{10, 1, "ec2:AcceptAddressTransfer", ""},
	}
	m := newTest(t, text)
	for _, tt := range tests {
		m.SetCursor(tt.line, tt.col)
		a, r := m.CursorStatement()
		if tt.line == 10 && a != "" {
			// The first expansion of ec2:* depends on the catalog: any ec2
			// action will do.
			if !strings.HasPrefix(a, "ec2:") || strings.Contains(a, "*") {
				t.Errorf("at %d:%d action = %q, want a concrete ec2 action", tt.line, tt.col, a)
			}
			continue
		}
		if a != tt.action || r != tt.resource {
			t.Errorf("at %d:%d = (%q, %q), want (%q, %q)", tt.line, tt.col, a, r, tt.action, tt.resource)
		}
	}
}

func TestHighlightScrollsToTheSpan(t *testing.T) {
	var b strings.Builder
	b.WriteString("{\n  \"Statement\": [\n")
	for i := 0; i < 40; i++ {
		b.WriteString("    {\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"},\n")
	}
	b.WriteString("    {\"Effect\": \"Deny\", \"Action\": \"s3:*\", \"Resource\": \"*\"}\n  ]\n}")
	doc, err := policy.Parse(b.String(), policy.Identity)
	if err != nil {
		t.Fatal(err)
	}
	st := doc.Statements[40]
	m := newTest(t, b.String(), func(c *Config) { c.ReadOnly = true; c.Compact = true })
	m.SetSize(60, 10)
	m.Highlight(st.Start, st.End)
	v := plain(m)
	if !strings.Contains(v, `"Deny"`) {
		t.Fatalf("highlighted statement not visible:\n%s", v)
	}
	if lines := strings.Count(v, "\n") + 1; lines != 10 {
		t.Fatalf("compact view has %d lines, want 10", lines)
	}
}

func TestViewIsSanitised(t *testing.T) {
	m := newTest(t, "{\"Sid\": \"a\x1b]0;pwned\x07b\u202e\", \"x\": \"\x1b[2J\"}")
	v := m.View()
	for _, bad := range []string{"\x1b]0", "\x07", "\x1b[2J", "\u202e"} {
		if strings.Contains(v, bad) {
			t.Fatalf("view contains %q", bad)
		}
	}
	p := plain(m)
	if !strings.Contains(p, `\x1b]0;pwned\x07b\u202e`) {
		t.Fatalf("escapes not shown:\n%s", p)
	}
}

func TestViewFitsTheSize(t *testing.T) {
	long := `{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::` + strings.Repeat("very-long-bucket-name-", 10) + `/*"}}`
	for _, size := range [][2]int{{80, 24}, {120, 36}, {40, 10}, {20, 5}, {250, 70}} {
		m := newTest(t, long+"\n\t日本語\x01")
		m.SetSize(size[0], size[1])
		m = keys(m, "ctrl+end")
		lines := strings.Split(plain(m), "\n")
		if len(lines) != size[1] {
			t.Fatalf("%v: %d lines", size, len(lines))
		}
		for i, l := range lines {
			if w := stringWidth(l); w != size[0] {
				t.Fatalf("%v: line %d is %d wide: %q", size, i, w, l)
			}
		}
	}
}

func TestKeyMapHelpIsComplete(t *testing.T) {
	km := DefaultKeyMap()
	for _, col := range km.FullHelp() {
		for _, b := range col {
			if b.Help().Key == "" || b.Help().Desc == "" || len(b.Keys()) == 0 {
				t.Errorf("binding %v has no help", b.Keys())
			}
		}
	}
	m := newTest(t, "{}", func(c *Config) { c.ReadOnly = true })
	if m.KeyMap().Save.Enabled() || m.KeyMap().Undo.Enabled() {
		t.Fatal("editing keys enabled in a read-only editor")
	}
	if !m.KeyMap().Up.Enabled() || !m.KeyMap().Copy.Enabled() {
		t.Fatal("movement or copy disabled in a read-only editor")
	}
}

func TestExternalEditorResultIsOneUndoStep(t *testing.T) {
	m := newTest(t, "{}")
	m, _ = m.Update(externalDoneMsg{sh: m.sh, text: "{\"a\": 1}\n"})
	if m.Text() != `{"a": 1}` {
		t.Fatalf("text = %q (the editor's trailing newline must go)", m.Text())
	}
	m = keys(m, "ctrl+z")
	if m.Text() != "{}" {
		t.Fatalf("undo = %q", m.Text())
	}
	other := newTest(t, "{}")
	m, _ = m.Update(externalDoneMsg{sh: other.sh, text: "nope"})
	if m.Text() != "{}" {
		t.Fatal("a message for another editor was applied")
	}
}

func TestCompletionMovesWithCtrlJAndCtrlK(t *testing.T) {
	m := newTest(t, `{"Statement": {"Action": "s3:PutObjec"}}`)
	m = run(m, k("ctrl+end", "left", "left", "left"), ty("t"))
	if !m.popup.open || len(m.popup.items) < 3 {
		t.Fatalf("popup %+v", m.popup)
	}
	m = keys(m, "ctrl+j", "ctrl+j")
	if m.popup.sel != 2 {
		t.Errorf("ctrl+j twice: %d", m.popup.sel)
	}
	before := m.Text()
	m = keys(m, "ctrl+k")
	if m.popup.sel != 1 || m.Text() != before {
		t.Errorf("ctrl+k in the popup: sel %d, text changed %v", m.popup.sel, m.Text() != before)
	}
}

func TestHeaderNamesTheKindOnce(t *testing.T) {
	for _, tt := range []struct {
		title string
		kind  policy.Kind
		want  string
	}{
		{"QaRole · trust policy", policy.Trust, "QaRole · trust policy"},
		{"arn:aws:s3:::menu · resource policy", policy.Resource, "arn:aws:s3:::menu · resource policy"},
		{"alice · inline S3Read", policy.Identity, "alice · inline S3Read · identity policy"},
	} {
		m := newTest(t, `{}`, func(c *Config) { c.Title, c.Kind = tt.title, tt.kind })
		if h := plainStr(m.headerView()); !strings.HasPrefix(h, tt.want+" ") {
			t.Errorf("header %q, want %q", h, tt.want)
		}
	}
}

func TestNoKeyHintsLeavesTheStatusLineBlank(t *testing.T) {
	m := newTest(t, `{"Version": "2012-10-17", "Statement": []}`, func(c *Config) { c.NoKeyHints = true })
	if s := strings.TrimSpace(plainStr(m.statusView())); s != "" {
		t.Errorf("status line %q", s)
	}
}
