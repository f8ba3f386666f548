# shellcheck shell=bash
# Shared by up.sh and down.sh (sourced, not executed).
#
# State lives in $TESTBED_DIR (default: .testbed/ at the repo root):
#   pki/            CA, serving and client certificates, service-account key pair
#   etcd/           etcd data (throwaway)
#   logs/<c>.log    one log per component
#   pids/<c>.pid    one pid per running component
#   ports           the loopback ports picked at start (shell assignments)
#   kubeconfig      admin kubeconfig; written only once everything is ready
#
# Every component's command line mentions $TESTBED_DIR, which is how stop_component makes sure a
# pid still belongs to this testbed before signalling it.

testbed_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
testbed_root=$(cd "$testbed_here/../.." && pwd)
TESTBED_DIR=${TESTBED_DIR:-$testbed_root/.testbed}

# Stop order: the node simulator first (it talks to the API server), etcd last.
TESTBED_COMPONENTS=(node-simulator kube-controller-manager kube-apiserver etcd)

log() { printf 'testbed: %s\n' "$*" >&2; }

# True if pid $1 is alive and its command line refers to this testbed's state folder.
owned_pid_alive() {
  local pid=$1 cmdline
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  cmdline=$({ tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null) || return 1
  [[ $cmdline == *"$TESTBED_DIR"* ]]
}

# The pid recorded for component $1, or nothing.
component_pid() {
  local f=$TESTBED_DIR/pids/$1.pid
  [[ -f $f ]] && tr -dc '0-9' <"$f"
  return 0
}

component_running() {
  local pid
  pid=$(component_pid "$1")
  [[ -n $pid ]] && owned_pid_alive "$pid"
}

# SIGTERM, then SIGKILL after ${TESTBED_STOP_GRACE:-5} seconds.
stop_component() {
  local name=$1 pid i
  pid=$(component_pid "$name")
  if [[ -n $pid ]] && owned_pid_alive "$pid"; then
    log "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < ${TESTBED_STOP_GRACE:-5} * 10; i++)); do
      owned_pid_alive "$pid" || break
      sleep 0.1
    done
    if owned_pid_alive "$pid"; then
      log "$name did not stop on SIGTERM; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      for ((i = 0; i < 50; i++)); do
        owned_pid_alive "$pid" || break
        sleep 0.1
      done
    fi
  fi
  rm -f "$TESTBED_DIR/pids/$name.pid"
}

# Stops every component with a pid file: the known ones in order, then any other (e.g. a helper a
# later piece of work starts and records under pids/).
stop_all() {
  local name f
  for name in "${TESTBED_COMPONENTS[@]}"; do stop_component "$name"; done
  if [[ -d $TESTBED_DIR/pids ]]; then
    for f in "$TESTBED_DIR"/pids/*.pid; do
      [[ -e $f ]] || continue
      name=$(basename "$f" .pid)
      stop_component "$name"
    done
  fi
}

remove_state() {
  # Guard against an empty or odd TESTBED_DIR before rm -rf.
  [[ -n $TESTBED_DIR && $TESTBED_DIR != / && $(basename "$TESTBED_DIR") == .testbed* ]] || {
    log "refusing to remove unexpected state folder '$TESTBED_DIR'"
    return 1
  }
  rm -rf "$TESTBED_DIR"
}

# --- node simulator hook -------------------------------------------------------------------------
# The node simulator (TypeScript, under test/testbed/) is not written yet. When it is, start it
# from start_node_simulator in up.sh with start_component (so that it gets
# pids/node-simulator.pid and logs/node-simulator.log, and its command line mentions
# $TESTBED_DIR, e.g. through --kubeconfig "$TESTBED_DIR/kubeconfig"); stop_all already stops it
# first.
