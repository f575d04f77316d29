package ui

import (
	"context"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"iamtui/internal/hugepages"
)

// loadHeap is about the heap the first load of a large account and its
// lists fill (5,000 users, 1,000 roles, 1,500 policies).
const loadHeap = 128 << 20

// Run shows the UI until the user quits. The world loads in the
// background while the terminal starts up: a small database is in before
// the first frame is drawn, so that frame shows content; a large one shows
// "Loading…" at once and its lists as soon as they are read.
func Run(ctx context.Context, opts Options, progOpts ...tea.ProgramOption) error {
	if opts.World == nil && opts.Store != nil {
		pending := make(chan worldMsg, 1)
		loader := &Model{ctx: &Context{Store: opts.Store}, baseCtx: ctx}
		load := loader.loadWorld("")
		go func() {
			hugepages.Prepare(loadHeap)
			pending <- load().(worldMsg)
		}()
		opts.pending = pending
	}
	m := New(opts).WithContext(ctx)
	p := tea.NewProgram(m, append([]tea.ProgramOption{tea.WithContext(ctx)}, progOpts...)...)
	_, err := p.Run()
	if opts.StartupReport != nil {
		opts.StartupReport(m.firstFrame, m.firstContent)
	}
	if err != nil && ctx.Err() == nil {
		return fmt.Errorf("terminal UI: %w", err)
	}
	return nil
}
