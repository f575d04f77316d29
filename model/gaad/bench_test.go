package gaad

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// AccountFile returns a synthetic account of the given size: the one
// generated in /tmp/acct when present, else one generated now with
// ../shared/tools/gen-account.py into the temporary directory (kept for
// the next run); it skips when neither is possible.
func accountFile(tb testing.TB, size string) []byte {
	tb.Helper()
	for _, p := range []string{filepath.Join("/tmp/acct", size+".json"), filepath.Join(os.TempDir(), "iamtui-gaad-"+size+".json")} {
		if data, err := os.ReadFile(p); err == nil {
			return data
		}
	}
	gen := sharedFile(tb, "tools", "gen-account.py")
	python, err := exec.LookPath("python3")
	if err != nil {
		tb.Skip("python3 is not installed")
	}
	out, err := exec.Command(python, gen, "--size", size).Output()
	if err != nil {
		tb.Skipf("gen-account.py --size %s: %v", size, err)
	}
	dst := filepath.Join(os.TempDir(), "iamtui-gaad-"+size+".json")
	if err := os.WriteFile(dst+".tmp", out, 0o600); err == nil {
		os.Rename(dst+".tmp", dst)
	}
	return out
}

// Targets (2 cores): large ≤ ~1 s, huge ≤ ~4 s, leaving the rest of the
// import's 2 s and 8 s to storage.
func BenchmarkDecode(b *testing.B) {
	for _, size := range []string{"large", "huge"} {
		b.Run(size, func(b *testing.B) {
			data := accountFile(b, size)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := Decode(data, DecodeOptions{Source: size}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkEncode(b *testing.B) {
	data := accountFile(b, "large")
	a, _, err := Decode(data, DecodeOptions{Source: "large"})
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := Encode(&buf, a); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}

// The generated accounts decode and round-trip too (the samples are small).
func TestLargeAccountRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	a, warnings, err := Decode(accountFile(t, "large"), DecodeOptions{Source: "large.json"})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Users) != 5000 || len(a.Roles) != 1000 || len(a.Policies) != 1505 || len(warnings) != 0 {
		t.Errorf("%d users, %d roles, %d policies, warnings %v", len(a.Users), len(a.Roles), len(a.Policies), warnings)
	}
	roundTrip(t, a)
}
