//go:build !linux

package loadheap

func madviseHuge([]byte) {}
