#!/usr/bin/env bash
# Builds the testbed's control-plane binaries from the Go module proxy into a version-keyed cache
# outside the repo, skipping whatever is already there:
#
#   ${JOBX_CACHE:-$HOME/.cache/job-x}/testbed/k8s-v<K>/{kube-apiserver,kube-controller-manager,kubectl}
#   ${JOBX_CACHE:-$HOME/.cache/job-x}/testbed/etcd-v<E>/etcd
#
# The versions are the ones pinned in k8s/go.mod and etcd/go.mod (go.sum must be complete:
# builds run with -mod=readonly).
#
# Usage:
#   build.sh          build what is missing, then print the binary paths
#   build.sh --env    print K8S_VERSION, ETCD_VERSION, K8S_BIN and ETCD_BIN (folders) as
#                     shell assignments, without building; eval "$(build.sh --env)"
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache=${JOBX_CACHE:-$HOME/.cache/job-x}/testbed

# The version of module $2 as required in go.mod $1 (single-line or block form).
pinned() {
  local v
  v=$(awk -v m="$2" '($1 == "require" && $2 == m) { print $3; exit } ($1 == m && $2 ~ /^v/) { print $2; exit }' "$1")
  [[ -n $v ]] || { echo "build.sh: $2 is not required in $1" >&2; exit 2; }
  printf '%s\n' "$v"
}

k8s_version=$(pinned "$here/k8s/go.mod" k8s.io/kubernetes)
etcd_version=$(pinned "$here/etcd/go.mod" go.etcd.io/etcd/server/v3)
k8s_bin=$cache/k8s-$k8s_version
etcd_bin=$cache/etcd-$etcd_version

if [[ ${1:-} == --env ]]; then
  printf 'K8S_VERSION=%q\nETCD_VERSION=%q\nK8S_BIN=%q\nETCD_BIN=%q\n' \
    "$k8s_version" "$etcd_version" "$k8s_bin" "$etcd_bin"
  exit 0
elif [[ $# -gt 0 ]]; then
  echo "usage: build.sh [--env]" >&2
  exit 2
fi

export GOTOOLCHAIN=local CGO_ENABLED=0
# Keep the caller's GOFLAGS from turning -mod=readonly off.
export GOFLAGS=-buildvcs=false
go=$(command -v go || true)
[[ -n $go ]] || go=/usr/local/go/bin/go
[[ -x $go ]] || { echo "build.sh: no Go toolchain found (need Go >= 1.26 on PATH)" >&2; exit 2; }

# Builds the packages $3... of module dir $1 into folder $2 (binaries named after the package's
# last element), through a temporary folder so that an interrupted build leaves nothing behind.
build() {
  local dir=$1 out=$2 ldflags=$3; shift 3
  local tmp
  mkdir -p "$out"
  tmp=$(mktemp -d "$out/.build.XXXXXX")
  # shellcheck disable=SC2064
  trap "rm -rf '$tmp'" EXIT
  (cd "$dir" && "$go" build -mod=readonly -trimpath -ldflags "$ldflags" -o "$tmp/" "$@")
  for f in "$tmp"/*; do mv -f "$f" "$out/"; done
  rm -rf "$tmp"
  trap - EXIT
}

missing_k8s=()
for cmd in kube-apiserver kube-controller-manager kubectl; do
  [[ -x $k8s_bin/$cmd ]] || missing_k8s+=("$cmd")
done
if ((${#missing_k8s[@]})); then
  echo "build.sh: building ${missing_k8s[*]} $k8s_version into $k8s_bin" >&2
  minor=${k8s_version#v1.}; minor=${minor%%.*}
  ldflags="-s -w"
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ldflags+=" -X $pkg.gitVersion=$k8s_version -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor"
    ldflags+=" -X $pkg.gitTreeState=clean"
  done
  pkgs=()
  for cmd in "${missing_k8s[@]}"; do pkgs+=("k8s.io/kubernetes/cmd/$cmd"); done
  build "$here/k8s" "$k8s_bin" "$ldflags" "${pkgs[@]}"
else
  echo "build.sh: Kubernetes $k8s_version binaries already built in $k8s_bin" >&2
fi

if [[ ! -x $etcd_bin/etcd ]]; then
  echo "build.sh: building etcd $etcd_version into $etcd_bin" >&2
  # Built with an explicit file name: the default would be "server" (the element before /v3).
  mkdir -p "$etcd_bin"
  tmp=$(mktemp "$etcd_bin/.etcd.XXXXXX")
  # shellcheck disable=SC2064
  trap "rm -f '$tmp'" EXIT
  (cd "$here/etcd" && "$go" build -mod=readonly -trimpath -ldflags "-s -w" -o "$tmp" go.etcd.io/etcd/server/v3)
  mv -f "$tmp" "$etcd_bin/etcd"
  trap - EXIT
else
  echo "build.sh: etcd $etcd_version already built in $etcd_bin" >&2
fi

for f in "$k8s_bin"/kube-apiserver "$k8s_bin"/kube-controller-manager "$k8s_bin"/kubectl "$etcd_bin"/etcd; do
  printf '%s\n' "$f"
done
