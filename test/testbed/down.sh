#!/usr/bin/env bash
# npm run testbed:down — stops every testbed component (SIGTERM, then SIGKILL after
# ${TESTBED_STOP_GRACE:-5}s) and removes the state folder (.testbed/ at the repo root).
# Safe to run after a crash and when nothing is running (exit 0).
set -euo pipefail

# shellcheck source=lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

if [[ ! -e $TESTBED_DIR ]]; then
  log "nothing to stop ($TESTBED_DIR does not exist)"
  exit 0
fi
# The node simulator, once it exists, is stopped by stop_all too (first, from its pid file).
stop_all
remove_state
log "stopped; removed $TESTBED_DIR"
