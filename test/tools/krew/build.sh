#!/usr/bin/env bash
# Builds krew (sigs.k8s.io/krew/cmd/krew at the version pinned in go.mod) into a cache outside the
# repo, keyed by the hash of go.mod, go.sum and tools.go, and prints the binary's path:
#
#   ${JOBX_CACHE:-$HOME/.cache/job-x}/tools/krew-<hash>/kubectl-krew
#
# Named kubectl-krew so that a PATH holding its folder gives `kubectl krew`. The release test
# (test/release/) installs the plugin with it. Same pattern as test/tools/goyaml-to-json/build.sh.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
hash=$(cat "$here/go.mod" "$here/go.sum" "$here/tools.go" | sha256sum | cut -c1-16)
out=${JOBX_CACHE:-$HOME/.cache/job-x}/tools/krew-$hash
bin=$out/kubectl-krew

if [[ ! -x $bin ]]; then
  export GOTOOLCHAIN=local CGO_ENABLED=0
  export GOFLAGS=-buildvcs=false
  go=$(command -v go || true)
  [[ -n $go ]] || go=/usr/local/go/bin/go
  [[ -x $go ]] || { echo "build.sh: no Go toolchain found (need Go >= 1.26 on PATH)" >&2; exit 2; }
  echo "build.sh: building krew into $out" >&2
  mkdir -p "$out"
  tmp=$(mktemp "$out/.build.XXXXXX")
  trap 'rm -f "$tmp"' EXIT
  (cd "$here" && "$go" build -mod=readonly -trimpath -ldflags "-s -w" -o "$tmp" sigs.k8s.io/krew/cmd/krew)
  chmod +x "$tmp"
  mv -f "$tmp" "$bin"
  trap - EXIT
fi
printf '%s\n' "$bin"
