#!/usr/bin/env bash
# Builds the goyaml-to-json oracle (main.go here) into a cache outside the repo, keyed by the hash
# of its sources so that an edit or a version bump rebuilds it, and prints the binary's path:
#
#   ${JOBX_CACHE:-$HOME/.cache/job-x}/tools/goyaml-to-json-<hash>/goyaml-to-json
#
# The module versions are the ones pinned in go.mod (go.sum must be complete: the build runs with
# -mod=readonly). Needs Go >= 1.26 on PATH or in /usr/local/go/bin, and the Go module proxy (or a
# module cache that already holds the modules).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
hash=$(cat "$here/go.mod" "$here/go.sum" "$here/main.go" | sha256sum | cut -c1-16)
out=${JOBX_CACHE:-$HOME/.cache/job-x}/tools/goyaml-to-json-$hash
bin=$out/goyaml-to-json

if [[ ! -x $bin ]]; then
  export GOTOOLCHAIN=local CGO_ENABLED=0
  # Keep the caller's GOFLAGS from turning -mod=readonly off.
  export GOFLAGS=-buildvcs=false
  go=$(command -v go || true)
  [[ -n $go ]] || go=/usr/local/go/bin/go
  [[ -x $go ]] || { echo "build.sh: no Go toolchain found (need Go >= 1.26 on PATH)" >&2; exit 2; }
  echo "build.sh: building goyaml-to-json into $out" >&2
  mkdir -p "$out"
  # Through a temporary name, so that an interrupted or concurrent build leaves no partial binary.
  tmp=$(mktemp "$out/.build.XXXXXX")
  trap 'rm -f "$tmp"' EXIT
  (cd "$here" && "$go" build -mod=readonly -trimpath -ldflags "-s -w" -o "$tmp" .)
  chmod +x "$tmp"
  mv -f "$tmp" "$bin"
  trap - EXIT
fi
printf '%s\n' "$bin"
