package ui

import (
	"context"
	"fmt"
	"os"

	tea "charm.land/bubbletea/v2"

	"iamtui/internal/loadheap"
)

// loadHeap guesses the heap the first load of the database at path and
// its lists fill: about sixteen times the file (the large synthetic
// account's 7.8 MB make about 120 MB), at least 128 MiB. Too much costs
// address space, never memory.
func loadHeap(path string) int {
	const least = 128 << 20
	st, err := os.Stat(path)
	if err != nil {
		return least
	}
	return int(min(max(16*st.Size(), least), 4<<30))
}

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
			// Fewer page faults and no collections while the world
			// loads: a third of the time to the first lists otherwise.
			heap := loadHeap(opts.Store.Path())
			loadheap.Prepare(heap)
			resume := loadheap.PauseGC(heap)
			msg := load().(worldMsg)
			resume()
			pending <- msg
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
