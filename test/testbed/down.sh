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
# Webhooks started by webhook-up.sh (npm run testbed:webhook) first; their registrations go with
# the API server's data.
"$testbed_here/webhook-down.sh" --all --keep-registration || true
# stop_all stops the node simulator first (pids/node-simulator.pid), then the control plane.
stop_all
remove_state
log "stopped; removed $TESTBED_DIR"
