// Package hugepages asks the operating system to back the Go heap with
// transparent huge pages before a command fills it.
//
// Loading and compiling a large account takes tens of megabytes of fresh
// heap. On Linux each 4 KiB page of it is a page fault the first time it
// is touched, and on the virtual machines this program runs on a fault
// costs several microseconds: about 12,000 of them were a third of the
// time of `iamtui eval --batch` on the large synthetic account. With
// transparent huge pages in "madvise" mode (the common default) the Go
// runtime does not ask for huge pages for its heap; Prepare does, for a
// region the heap is about to reuse, and the same load then takes about
// 2,500 faults.
package hugepages

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
