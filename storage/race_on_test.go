//go:build race

package storage

// raceEnabled: the race detector slows everything tenfold, so the process
// tests use the large account instead of the huge one under it.
const raceEnabled = true
