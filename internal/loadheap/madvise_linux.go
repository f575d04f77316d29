package loadheap

import "syscall"

// madviseHuge advises huge pages for b's range. A failure only loses the
// speed-up.
func madviseHuge(b []byte) {
	_ = syscall.Madvise(b, syscall.MADV_HUGEPAGE)
}
