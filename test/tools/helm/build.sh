#!/usr/bin/env bash
# Builds the helm CLI (helm.sh/helm/v4/cmd/helm, the version pinned as a tool in go.mod here) into
# a cache outside the repo, keyed by the hash of go.mod and go.sum so that a version bump rebuilds
# it, and prints the binary's path:
#
#   ${JOBX_CACHE:-$HOME/.cache/job-x}/tools/helm-<hash>/helm
#
# go.sum must be complete: the build runs with -mod=readonly. Needs Go >= 1.26 on PATH or in
# /usr/local/go/bin, and the Go module proxy (or a module cache that already holds the modules).
# A cold build takes a few minutes (mostly downloading modules); a cached one prints the path at once.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
hash=$(cat "$here/go.mod" "$here/go.sum" "$here/build.sh" | sha256sum | cut -c1-16)
out=${JOBX_CACHE:-$HOME/.cache/job-x}/tools/helm-$hash
bin=$out/helm

if [[ ! -x $bin ]]; then
  export GOTOOLCHAIN=local CGO_ENABLED=0
  # Keep the caller's GOFLAGS from turning -mod=readonly off.
  export GOFLAGS=-buildvcs=false
  go=$(command -v go || true)
  [[ -n $go ]] || go=/usr/local/go/bin/go
  [[ -x $go ]] || { echo "build.sh: no Go toolchain found (need Go >= 1.26 on PATH)" >&2; exit 2; }
  version=$(awk '$1 == "helm.sh/helm/v4" { print $2; exit }' "$here/go.mod")
  [[ -n $version ]] || { echo "build.sh: helm.sh/helm/v4 is not required in $here/go.mod" >&2; exit 2; }
  echo "build.sh: building helm $version into $out" >&2
  mkdir -p "$out"
  # Through a temporary name, so that an interrupted or concurrent build leaves no partial binary.
  tmp=$(mktemp "$out/.build.XXXXXX")
  trap 'rm -f "$tmp"' EXIT
  # `helm version` prints the release it was built from, not the source tree's default "v4.3".
  ldflags="-s -w -X helm.sh/helm/v4/internal/version.version=$version"
  (cd "$here" && "$go" build -mod=readonly -trimpath -ldflags "$ldflags" -o "$tmp" helm.sh/helm/v4/cmd/helm)
  chmod +x "$tmp"
  mv -f "$tmp" "$bin"
  trap - EXIT
fi
printf '%s\n' "$bin"
