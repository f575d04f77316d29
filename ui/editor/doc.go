// Package editor is the inline JSON policy editor of the terminal UI: a
// self-contained Bubble Tea v2 component (soft-serve style) that the host
// embeds in a pane or an overlay.
//
// It edits one policy document with line numbers and JSON syntax
// highlighting (keys, strings, numbers, punctuation; Effect Allow and Deny
// coloured), validates it as you type with the one parser
// (iamtui/model/policy) and the linter (iamtui/lint), underlines the
// offending element of every finding and lists the findings below the text,
// completes actions from the catalog inside Action/NotAction values and
// condition keys inside Condition, and never lets an invalid document be
// saved. Every string it prints goes through iamtui/sanitize.
//
// # API
//
//	m := editor.New(editor.Config{
//		Kind:     policy.Identity,           // decides what the parser accepts
//		Title:    "alice / inline S3Read",
//		Text:     savedText,                 // the stored text; "modified" compares with it
//		Catalog:  cat,                       // completion (nil: none)
//		Linter:   lint.New(cat),             // live lint (nil: parser errors only)
//		LintOptions: lint.Options{NoSizeQuota: true},
//		ReadOnly: false,
//		DraftKey: "inline:111122223333:user:alice:S3Read", // echoed in every message
//		Draft:    draftText,                 // optional: reopen an unsaved draft
//	})
//	m.SetSize(w, h)
//	m.Focus()
//	cmd := m.Init()
//	m, cmd = m.Update(msg)                   // value semantics: keep the returned Model
//	s := m.View()                            // exactly h lines of at most w cells
//
// Component contract: Init() tea.Cmd; Update(tea.Msg) (Model, tea.Cmd);
// View() string; SetSize(w, h int); Focus(); Blur(); Focused() bool;
// KeyMap() KeyMap (implements help.KeyMap: ShortHelp, FullHelp; bindings
// the document cannot use, such as editing keys when read-only, are
// disabled so help hides them); SetKeyMap(KeyMap); Styles / SetStyles
// (Styles is a struct of lipgloss styles; DefaultStyles(isDark) gives the
// defaults, and the host maps its theme tokens onto the fields).
//
// Accessors: Text() string; Title() string; Key() string (the DraftKey);
// Modified() bool; Valid() bool (the text parses); Document()
// *policy.Document (the parse of the current text, nil when invalid);
// Diagnostics() []lint.Finding (parser error and lint findings of the
// current text, in text order); Cursor() policy.Pos (1-based line and
// column in characters, byte offset); SetCursor(line, col int);
// CursorStatement() (action, resource string) (the action and resource of
// the statement under the cursor, to prefill the can-X-do-Y panel: the value
// under the cursor when it is on one, else the statement's first concrete
// action and first resource); Highlight(start, end policy.Pos) (marks a
// span, e.g. the deciding statement, and scrolls to it; ClearHighlight()
// removes it); SetText(text string) (replaces the text, undoably, e.g. after
// a reload); MarkSaved(text string) (the host stored text: the editor is no
// longer modified unless the user typed since); SetStatus(msg string, isErr
// bool) (a one-line message, e.g. a storage error); ReadOnly() bool.
//
// Messages the editor emits (as tea.Cmd results; every one carries Key so a
// host with several editors can route them):
//
//   - SaveMsg{Key, Title, Text, Findings, Close}: ctrl+s on a document that
//     parses. Lint findings do not block a save (they are passed along and
//     the editor warns); a parser error does, with the error shown and the
//     cursor moved to it. The editor does not consider itself saved until
//     the host calls MarkSaved(text). Close is set when the save came from
//     the "unsaved changes" prompt: close the editor once stored.
//   - DraftMsg{Key, Title, Text}: debounced (Config.DraftDelay, default
//     300 ms) after every change, so the host can persist drafts
//     (storage.SaveDraft). Not sent for read-only editors.
//   - CloseMsg{Key, Discarded}: Esc on an unmodified document, or "discard"
//     in the unsaved-changes prompt (Discarded true: the host should delete
//     the draft). Esc with unsaved changes shows an inline prompt instead
//     (s save and close, d discard, esc keep editing).
//
// ctrl+e writes the text to a private temporary file, runs $VISUAL or
// $EDITOR (Config.ExternalEditor overrides; default vi) through
// tea.ExecProcess and loads the file back when it exits (one undo step).
//
// # Keys (DefaultKeyMap)
//
// Movement: arrows; home/end; ctrl+home/ctrl+end (alt+</alt+>); pgup/pgdown;
// ctrl+left/ctrl+right and alt+left/alt+right (alt+b/alt+f) by word.
// Selection: shift+arrows, shift+home/end, ctrl+shift+left/right, ctrl+a all;
// ctrl+c copy, ctrl+x cut (both also set the terminal clipboard with OSC52),
// ctrl+v paste the editor's clipboard; terminal pastes arrive as tea.PasteMsg.
// Editing: enter (auto-indent), tab/shift+tab indent/outdent (spaces),
// backspace/delete, ctrl+w/alt+backspace delete word, alt+d/ctrl+delete
// delete word forward, ctrl+k delete to end of line, ctrl+u to start of line,
// ctrl+z undo, ctrl+y/ctrl+shift+z redo, ctrl+t format (re-indent the JSON).
// Brackets and quotes pair as you type (Config.NoAutoPair turns it off).
// Completion: appears inside Action/NotAction strings, condition keys and
// operators, element names and Effect values; ctrl+space opens it; up/down
// choose, tab/enter accept, esc closes.
// Problems: f8/alt+n next, shift+f8/alt+p previous, alt+enter applies the
// suggestion of the finding under the cursor (s3:GetObjects → s3:GetObject).
// Document: ctrl+s save, ctrl+e $EDITOR, esc close.
//
// # Performance
//
// The text is held as immutable lines (copy on write), so an undo step is a
// copy of line headers; a keystroke re-parses and re-lints the whole text
// (immediately: ~0.3 ms for 6,000 characters) and View renders only the
// visible lines. See BenchmarkKeystroke and BenchmarkValidate.
package editor
