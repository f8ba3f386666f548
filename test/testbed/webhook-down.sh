#!/usr/bin/env bash
# Stops a job-x webhook started by webhook-up.sh (npm run testbed:webhook): deletes its two
# webhook configurations first (so the API server stops calling it), then stops the process and
# removes .testbed/webhook/<instance>/. Exit 0 when there is nothing to stop.
#
#   webhook-down.sh [--all] [--keep-registration]
#     --all                every instance (default: $JOBX_WEBHOOK_INSTANCE, else "default")
#     --keep-registration  stop only the process and keep its files: the configurations stay, so
#                          the API server's calls fail and failurePolicy decides (tests use this)
set -euo pipefail

# shellcheck source=lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
# shellcheck source=webhook/webhook-lib.sh
source "$testbed_here/webhook/webhook-lib.sh"

all=false keep=false
for arg in "$@"; do
  case $arg in
    --all) all=true ;;
    --keep-registration) keep=true ;;
    *) log "webhook-down: unknown argument $arg"; exit 2 ;;
  esac
done

instances=()
if $all; then
  for f in "$TESTBED_DIR"/pids/webhook-*.pid "$TESTBED_DIR"/webhook/*/; do
    [[ -e $f ]] || continue
    name=$(basename "$f" .pid); name=${name#webhook-}
    [[ " ${instances[*]} " == *" $name "* ]] || instances+=("$name")
  done
else
  instances=("${JOBX_WEBHOOK_INSTANCE:-default}")
fi

api_up=false
if ! $keep && [[ -f $TESTBED_DIR/kubeconfig ]] && kubectl_tb get --raw /readyz >/dev/null 2>&1; then api_up=true; fi

for name in "${instances[@]}"; do
  webhook_instance_vars "$name" || { log "webhook-down: invalid instance name $name"; exit 2; }
  if ! $keep && $api_up; then
    kubectl_tb delete validatingwebhookconfiguration,mutatingwebhookconfiguration \
      -l "job-x.dev/testbed-webhook=$instance" --ignore-not-found >/dev/null
  fi
  stop_component "$component"
  $keep || rm -rf "$instance_dir"
done
((${#instances[@]})) || log "webhook-down: no webhook instance to stop"
exit 0
