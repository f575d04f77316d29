// Package evalpanel is the "can X do Y on Z" panel of the terminal UI: a
// self-contained Bubble Tea v2 component (soft-serve style) that asks the
// evaluator on every keystroke and shows the answer the way AWS decides it.
//
// Fields: principal (completion over users and roles, role sessions
// arn:aws:sts::ACCT:assumed-role/ROLE/SESSION, and the principals outside
// the database that trust and resource policies name: Config.Outsiders,
// OutsidersOf), action (completion from the
// catalog, with access levels), resource (completion from known ARNs and from the ARN patterns of
// the action's resource types) and context keys (KEY = VALUE rows, added
// with ctrl+n and removed with ctrl+r; aws:CurrentTime and aws:EpochTime
// start filled with now and stay editable; alt+m adds every key the
// decision reported missing). Under each field, the evaluator's warnings in
// the CLI's words (evaluator.RequestWarnings and its parts): an action AWS
// does not have with the nearest one, a resource that is neither an ARN
// nor *, a context key that is no condition key, a value of the wrong type.
//
// The answer: the decision large and coloured with a symbol so it reads
// without colour (✔ ALLOWED, ✖ DENIED, ⊘ DENIED), and why in the
// evaluator's words, as the CLI writes them ("(implicit deny: " +
// Result.Reason() + ")"); a principal outside the database (another
// account, its users, roles and sessions, a service, anonymous) is flagged
// "outsider" with what it stands for, and when its account is not in the
// database the identity step says it is unknown and the banner that the
// account must allow too; the step of
// AWS's evaluation flowchart that decided, marked in the flowchart
// (explicit deny → SCP/RCP → resource-based policy → identity-based
// policies → permissions boundary → session policy → implicit deny); the
// deciding statement highlighted in its policy's text (a read-only
// iamtui/ui/editor) with the policy's name, type, line and column (alt+n /
// alt+p cycle when several decided); MissingContextValues; and, from the
// evaluator's Explain, the near misses of an implicit deny ("condition
// aws:MultiFactorAuthPresent: request has false, statement wants true"),
// whose nearest statement is then shown in the text.
//
// ctrl+t switches to "who can do Y on Z" (the evaluator's WhoCanReport): a
// public grant first and loud ("⚠ PUBLIC: ANYONE may …"), the users and
// roles allowed, each with its deciding statement, then the principals
// outside the database that the resource's own policy lets in, each with
// what it stands for, the granting statement, its conditions ("if …") and
// the keys the request did not give; last, which context keys the request
// lacked and who suitable values of them would allow (alt+m adds them).
// Enter on an entry asks the "can" question for it.
//
// # API
//
//	p := evalpanel.New(evalpanel.Config{
//		Engine:    evalpanel.FromEngine(func() *evaluator.Engine { return app.engine }),
//		Catalog:   cat,
//		Account:   "111122223333",             // resolves names typed as principals
//		Resources: func() []string { ... },    // known ARNs for completion (optional)
//	})
//	p.SetSize(w, h); p.Focus()
//	cmd := p.Prefill("alice", "s3:GetObject", "arn:aws:s3:::reports/q1.csv")
//	p, cmd = p.Update(msg)                      // value semantics
//	s := p.View()                               // exactly h lines of w cells
//
// Component contract: Init() tea.Cmd; Update(tea.Msg) (Model, tea.Cmd);
// View() string; SetSize(w, h int); Focus(); Blur(); Focused() bool;
// KeyMap() KeyMap (help.KeyMap); SetKeyMap(KeyMap); Styles() Styles;
// SetStyles(Styles) (DefaultStyles(isDark); Styles.Editor styles the policy
// text).
//
// Other methods: Prefill(principal, action, resource string) tea.Cmd (empty
// arguments leave a field alone); SetContext([]evaluator.ContextValue)
// tea.Cmd; SetAccount(id string) tea.Cmd; Refresh() tea.Cmd (evaluate again
// after the host recompiled its engine: Config.Engine is called on every
// evaluation, so the panel always uses the current one); Mode() Mode and
// SetMode(CanMode | WhoCanMode) tea.Cmd; Request() evaluator.Request;
// Result() (*evaluator.Result, error); Explanation() *evaluator.Explanation;
// WhoCan() (entries, busy, err); WhoCanReport() *evaluator.WhoCanReport.
//
// Engine is an interface (Evaluate, Explain, WhoCanReport, Principals,
// ResolvePrincipal) that *evaluator.Engine implements; FromEngine adapts a
// getter that may return a nil *evaluator.Engine.
//
// Messages the panel emits: CloseMsg{} (esc with no suggestions open: the
// host closes the panel) and OpenPolicyMsg{PolicyID, PolicyName,
// PolicyType, Sid, Index, Start, End} (ctrl+o: open the deciding policy,
// e.g. in the editor at the statement).
//
// # Speed
//
// Evaluate runs synchronously on every keystroke (microseconds). Explain and
// WhoCanReport run as tea.Cmds, debounced (Config.ExplainDelay, WhoCanDelay), and
// their answers are dropped when the question changed meanwhile, so typing
// never waits for them. See BenchmarkKeystroke.
package evalpanel
