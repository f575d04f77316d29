//go:build !linux

package hugepages

func madviseHuge([]byte) {}
