#!/usr/bin/env bash
# Builds the kubeconform release pinned in kubeconform/go.mod from the Go module proxy into a
# version-keyed cache outside the repo, only when it is missing:
#
#   ${JOBX_CACHE:-$HOME/.cache/job-x}/bench/kubeconform-<version>/kubeconform
#
# go.sum must be complete: the build runs with -mod=readonly. Prints the binary's path on stdout
# (progress goes to stderr). Delete the binary to force a rebuild.
#
# Usage: build-kubeconform.sh
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
module=github.com/yannh/kubeconform

[[ $# -eq 0 ]] || { echo "usage: build-kubeconform.sh" >&2; exit 2; }

version=$(awk -v m="$module" '($1 == "require" && $2 == m) { print $3; exit } ($1 == m && $2 ~ /^v/) { print $2; exit }' "$here/kubeconform/go.mod")
[[ -n $version ]] || { echo "build-kubeconform.sh: $module is not required in $here/kubeconform/go.mod" >&2; exit 2; }

out=${JOBX_CACHE:-$HOME/.cache/job-x}/bench/kubeconform-$version
bin=$out/kubeconform

if [[ -x $bin ]]; then
  echo "build-kubeconform.sh: kubeconform $version already built in $out" >&2
  printf '%s\n' "$bin"
  exit 0
fi

export GOTOOLCHAIN=local CGO_ENABLED=0
# Keep the caller's GOFLAGS from turning -mod=readonly off.
export GOFLAGS=-buildvcs=false
go=$(command -v go || true)
[[ -n $go ]] || go=/usr/local/go/bin/go
[[ -x $go ]] || { echo "build-kubeconform.sh: no Go toolchain found (need Go >= 1.26 on PATH)" >&2; exit 2; }

echo "build-kubeconform.sh: building kubeconform $version into $out" >&2
mkdir -p "$out"
# Through a temporary file so that an interrupted build leaves nothing behind.
tmp=$(mktemp "$out/.kubeconform.XXXXXX")
# shellcheck disable=SC2064
trap "rm -f '$tmp'" EXIT
# -X main.version: what release builds (goreleaser) set, so `kubeconform -v` prints the version.
(cd "$here/kubeconform" && "$go" build -mod=readonly -trimpath -ldflags "-s -w -X main.version=$version" -o "$tmp" "$module/cmd/kubeconform")
mv -f "$tmp" "$bin"
trap - EXIT
printf '%s\n' "$bin"
