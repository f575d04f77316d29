package hugepages

import (
	"runtime"
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
