#!/usr/bin/env bash
# pre-commit (Debian's package) for the release test's hook check (test/release/pre-commit.test.ts):
# installed when missing, as root on CI and developer machines; prints its path.
set -euo pipefail
if ! command -v pre-commit >/dev/null; then
  echo "install.sh: installing pre-commit (apt-get)" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pre-commit >&2
fi
command -v pre-commit
