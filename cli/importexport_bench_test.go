package cli

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"iamtui/model/gaad"
	"iamtui/storage"
)

// BenchmarkImport measures what 'iamtui import' does with a synthetic
// account: decode the GAAD file, then store it in a new database in one
// transaction. Targets (issue 2, 2 cores): large ≤ 2 s, huge ≤ 8 s. The
// accounts come from /tmp/acct (see model/gaad's benchmarks to generate
// them); the benchmark skips without them.
func BenchmarkImport(b *testing.B) {
	for _, size := range []string{"large", "huge"} {
		b.Run(size, func(b *testing.B) {
			path := filepath.Join("/tmp/acct", size+".json")
			data, err := os.ReadFile(path)
			if err != nil {
				b.Skipf("%s: %v (generate it with ../shared/tools/gen-account.py --size %s)", path, err, size)
			}
			ctx := context.Background()
			dir := b.TempDir()
			b.SetBytes(int64(len(data)))
			for i := 0; b.Loop(); i++ {
				b.StopTimer()
				dbPath := filepath.Join(dir, size+".db")
				for _, suffix := range []string{"", "-wal", "-shm"} {
					os.Remove(dbPath + suffix)
				}
				b.StartTimer()
				acct, _, err := gaad.Decode(data, gaad.DecodeOptions{Source: path})
				if err != nil {
					b.Fatal(err)
				}
				db, err := storage.Open(dbPath, storage.Options{})
				if err != nil {
					b.Fatal(err)
				}
				if err := db.ReplaceAccount(ctx, acct, path); err != nil {
					b.Fatal(err)
				}
				if err := db.Close(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
