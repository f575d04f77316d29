package ui

import (
	"context"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"
)

// firstLoadWait is how long Run waits for the world before showing the
// first frame: long enough for a demo or a large account to arrive so the
// first frame shows real content, short enough that a huge file still
// gets a prompt "Loading…" frame well inside 150 ms.
const firstLoadWait = 100 * time.Millisecond

// Run shows the UI until the user quits. It loads the world in the
// background and waits a little for it, so the first frame usually shows
// content rather than a loading screen.
func Run(ctx context.Context, opts Options, progOpts ...tea.ProgramOption) error {
	if opts.World == nil && opts.Store != nil {
		type loaded struct {
			msg worldMsg
		}
		ch := make(chan loaded, 1)
		m0 := &Model{ctx: &Context{Store: opts.Store}, baseCtx: ctx}
		load := m0.loadWorld("start")
		go func() { ch <- loaded{load().(worldMsg)} }()
		select {
		case l := <-ch:
			if l.msg.err == nil {
				opts.World, opts.Version = l.msg.world, l.msg.version
			}
		case <-time.After(firstLoadWait):
			// Too slow for the first frame: show "Loading…" and let the
			// model take the result when it comes.
			pending := make(chan worldMsg, 1)
			go func() { pending <- (<-ch).msg }()
			opts.pending = pending
		}
	}
	m := New(opts).WithContext(ctx)
	p := tea.NewProgram(m, append([]tea.ProgramOption{tea.WithContext(ctx)}, progOpts...)...)
	if _, err := p.Run(); err != nil && ctx.Err() == nil {
		return fmt.Errorf("terminal UI: %w", err)
	}
	return nil
}
