package catalog

import _ "embed"

// The catalog is generated from one pinned npm version so builds and CI never
// need npm; bump the version here and run `go generate ./catalog/`.
//go:generate sh gen.sh 0.21.202609261

// embedded is the gzip'd catalog file (layout in internal/catfmt). A string,
// not a []byte, so nothing can modify it.
//
//go:embed catalog.bin.gz
var embedded string
