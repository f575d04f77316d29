package loadheap

import (
	"os"
	"runtime"
	"runtime/debug"
	"testing"
)

// Prepare must leave the heap as it found it (the block is freed) and be
// safe to call again; its effect, fewer page faults, is measured by the
// batch benchmark, not asserted here.
func TestPrepareFreesItsBlock(t *testing.T) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	Prepare(64 << 20)
	Prepare(64 << 20) // once per process: nothing more
	runtime.ReadMemStats(&after)
	if grown := int64(after.HeapAlloc) - int64(before.HeapAlloc); grown > 16<<20 {
		t.Fatalf("the heap grew by %d MiB: the block was not freed", grown>>20)
	}
	b := make([]byte, 32<<20) // the freed range is usable
	b[len(b)-1] = 1
}

// PauseGC turns collections off and resume puts back what was there,
// nested calls included.
func TestPauseGCNestsAndRestores(t *testing.T) {
	if os.Getenv("GOGC") != "" {
		t.Skip("GOGC is set: PauseGC leaves the user's choice alone")
	}
	percent := debug.SetGCPercent(-1)
	debug.SetGCPercent(percent)
	limit := debug.SetMemoryLimit(-1)

	outer := PauseGC(64 << 20)
	if p := debug.SetGCPercent(-1); p != -1 {
		t.Errorf("GC percent %d during a pause", p)
	}
	if l := debug.SetMemoryLimit(-1); l != min(limit, 512<<20) {
		t.Errorf("memory limit %d during a pause, want %d", l, min(limit, 512<<20))
	}
	inner := PauseGC(1 << 30)
	if l := debug.SetMemoryLimit(-1); l != min(limit, 512<<20) {
		t.Errorf("a nested pause raised the memory limit to %d", l)
	}
	inner()
	if p := debug.SetGCPercent(-1); p != -1 {
		t.Errorf("the inner resume turned collections back on (%d)", p)
	}
	outer()
	if p := debug.SetGCPercent(percent); p != percent {
		t.Errorf("GC percent %d after resume, want %d", p, percent)
	}
	if l := debug.SetMemoryLimit(-1); l != limit {
		t.Errorf("memory limit %d after resume, want %d", l, limit)
	}
}
