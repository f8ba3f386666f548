#!/usr/bin/env bash
# Builds kube-apiserver of the older Kubernetes release pinned in go.mod here (the oldest minor of
# lint's --kube-version tables) into a cache outside the repo, keyed by the hash of go.mod, go.sum
# and this script, and prints the binary's path:
#
#   ${JOBX_CACHE:-$HOME/.cache/job-x}/tools/kube-apiserver-v<K>-<hash>/kube-apiserver
#
# It is built as test/testbed/build.sh builds the pinned release (same ldflags, so that /version
# reports the release). go.sum must be complete: the build runs with -mod=readonly. A cold build
# takes several minutes of CPU (kube-apiserver is large); a cached one prints the path at once.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
version=$(awk '($1 == "require" && $2 == "k8s.io/kubernetes") { print $3; exit } ($1 == "k8s.io/kubernetes" && $2 ~ /^v/) { print $2; exit }' "$here/go.mod")
[[ -n $version ]] || { echo "build.sh: k8s.io/kubernetes is not required in $here/go.mod" >&2; exit 2; }
hash=$(cat "$here/go.mod" "$here/go.sum" "$here/build.sh" | sha256sum | cut -c1-16)
out=${JOBX_CACHE:-$HOME/.cache/job-x}/tools/kube-apiserver-$version-$hash
bin=$out/kube-apiserver

if [[ ! -x $bin ]]; then
  export GOTOOLCHAIN=local CGO_ENABLED=0
  # Keep the caller's GOFLAGS from turning -mod=readonly off.
  export GOFLAGS=-buildvcs=false
  go=$(command -v go || true)
  [[ -n $go ]] || go=/usr/local/go/bin/go
  [[ -x $go ]] || { echo "build.sh: no Go toolchain found (need Go >= 1.26 on PATH)" >&2; exit 2; }
  echo "build.sh: building kube-apiserver $version into $out" >&2
  minor=${version#v1.}; minor=${minor%%.*}
  ldflags="-s -w"
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ldflags+=" -X $pkg.gitVersion=$version -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor"
    ldflags+=" -X $pkg.gitTreeState=clean"
  done
  mkdir -p "$out"
  # Through a temporary name, so that an interrupted or concurrent build leaves no partial binary.
  tmp=$(mktemp "$out/.build.XXXXXX")
  trap 'rm -f "$tmp"' EXIT
  (cd "$here" && "$go" build -mod=readonly -trimpath -ldflags "$ldflags" -o "$tmp" k8s.io/kubernetes/cmd/kube-apiserver)
  chmod +x "$tmp"
  mv -f "$tmp" "$bin"
  trap - EXIT
fi
printf '%s\n' "$bin"
