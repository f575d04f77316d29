// Package loadheap tunes the Go heap for a bulk load: the tens of
// megabytes that loading and compiling a large account fill in a fresh
// process, on the way to the first evaluation or the UI's first lists.
//
// Two costs dominate such a load on the virtual machines this program
// runs on, more than the loading itself:
//
//   - Page faults. Each 4 KiB page of fresh heap faults the first time it
//     is touched, and a fault costs several microseconds here: about 12,000
//     of them were a third of `iamtui eval --batch` on the large synthetic
//     account. With transparent huge pages in "madvise" mode (the common
//     default) the Go runtime does not ask for huge pages for its heap;
//     Prepare does, and the same load takes about 2,500 faults.
//   - Collections. Nearly everything a load allocates stays live (the
//     world, then the compiled engine), so each collection during it marks
//     the same growing heap again for little garbage: a third of the UI's
//     time to its first lists. PauseGC turns them off for the load, under
//     a memory limit.
package loadheap

import (
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
)

var once sync.Once

// Prepare makes the next n bytes of heap the program allocates likely to
// come from huge pages, where the system supports them and leaves the
// choice to programs. It allocates n bytes (address space only: fresh
// memory is not touched), advises the kernel that the range may use huge
// pages, and frees it with a collection, so that the allocations that
// follow reuse the range. It costs a few milliseconds, once per process;
// later calls do nothing. Memory use is unchanged but for rounding to 2
// MiB pages. Elsewhere it does nothing.
func Prepare(n int) {
	once.Do(func() {
		if !advised() {
			return
		}
		// No collection while the block is live: it would run for
		// nothing, the block being the whole heap.
		old := debug.SetGCPercent(-1)
		b := make([]byte, n)
		madviseHuge(b)
		runtime.KeepAlive(b)
		b = nil //nolint:ineffassign,wastedassign // dropped before the collection that frees it
		debug.SetGCPercent(old)
		runtime.GC()
	})
}

// advised reports whether the kernel gives huge pages to the ranges a
// program advises it to ("madvise" mode). In "always" mode the heap has
// them without asking; in "never" mode asking does nothing.
func advised() bool {
	b, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	return err == nil && strings.Contains(string(b), "[madvise]")
}

// PauseGC turns garbage collection off until resume is called, for a load
// expected to fill about n bytes of heap. A memory limit of twice that (at
// least 512 MiB, and never above a limit already set) still collects if
// the load needs more. With GOGC set in the environment the user has
// chosen, and PauseGC does nothing. Calls nest.
func PauseGC(n int) (resume func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	percent := debug.SetGCPercent(-1)
	limit := debug.SetMemoryLimit(-1)
	debug.SetMemoryLimit(min(limit, max(2*int64(n), 512<<20)))
	return func() {
		debug.SetMemoryLimit(limit)
		debug.SetGCPercent(percent)
	}
}
