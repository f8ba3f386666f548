# shellcheck shell=bash
# Shared by up.sh and down.sh (sourced, not executed).
#
# State lives in $TESTBED_DIR (default: .testbed/ at the repo root):
#   pki/            CA, serving and client certificates, service-account key pair
#   etcd/           etcd data (throwaway)
#   logs/<c>.log    one log per component: each start, the output, how it ended (exit status or signal)
#   pids/<c>.pid    one pid per running component; <c>.supervisor its supervisor (supervise.sh),
#                   <c>.exit how it ended
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

# SIGTERM, then SIGKILL after ${TESTBED_STOP_GRACE:-5} seconds; then waits (5 s at most) for its
# supervisor (start_component) to log how it ended, so that a new start never sees the old end.
stop_component() {
  local name=$1 pid supervisor i
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
  supervisor=$({ tr -dc '0-9' <"$TESTBED_DIR/pids/$name.supervisor"; } 2>/dev/null || true)
  for ((i = 0; i < 50; i++)); do
    owned_pid_alive "$supervisor" || break
    sleep 0.1
  done
  rm -f "$TESTBED_DIR/pids/$name".{pid,supervisor,exit}
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

# --- starting components ---------------------------------------------------------------------
# start_component NAME COMMAND...: runs COMMAND detached in its own session (so a Ctrl-C aimed at
# the caller does not reach it) under supervise.sh, which writes its pid to pids/NAME.pid and, when
# it ends, how (exit status or signal) to logs/NAME.log and pids/NAME.exit. Output is appended to
# logs/NAME.log after a line naming the start.
start_component() {
  local name=$1
  shift
  mkdir -p "$TESTBED_DIR/logs" "$TESTBED_DIR/pids"
  rm -f "$TESTBED_DIR/pids/$name".{pid,exit,supervisor}
  printf '%s testbed: starting %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$name" >>"$TESTBED_DIR/logs/$name.log"
  setsid bash "$testbed_here/supervise.sh" "$TESTBED_DIR" "$name" "$@" >>"$TESTBED_DIR/logs/$name.log" 2>&1 </dev/null &
}

# How component NAME ended ("exited with status 1", "killed by signal KILL"); empty while it runs
# or is still being started.
component_end() {
  local f=$TESTBED_DIR/pids/$1.exit
  [[ -f $f ]] && cat "$f"
  return 0
}

# wait_for NAME CHECK...: polls CHECK until it succeeds (0), the component ends or
# ${TESTBED_TIMEOUT:-120} seconds pass (1, with $failure saying which). A component counts as
# ended only once its supervisor has recorded how: until then it may still be starting.
wait_for() {
  local name=$1 timeout=${TESTBED_TIMEOUT:-120} end
  shift
  local deadline=$((SECONDS + timeout))
  while :; do
    end=$(component_end "$name")
    if [[ -n $end ]]; then
      failure="$name $end during start-up"
      return 1
    fi
    if "$@" >/dev/null 2>&1; then return 0; fi
    if ((SECONDS >= deadline)); then
      failure="$name was not ready within ${timeout}s"
      return 1
    fi
    sleep 0.25
  done
}

# start_and_wait NAME CHECK [--fresh DIR] -- COMMAND...: starts component NAME and waits until the
# function CHECK succeeds. A start that fails (the component ends, or is not ready in time) is
# stopped and tried once more, after removing DIR if given: on a loaded machine a start-up can
# fail once and pass the next time. Not when the port was taken (address already in use): the
# caller picks other ports. Returns 1 after the last failure, with $failed_component and $failure.
start_and_wait() {
  local name=$1 check=$2 fresh='' attempt
  shift 2
  if [[ ${1:-} == --fresh ]]; then
    fresh=$2
    shift 2
  fi
  [[ ${1:-} == -- ]] && shift
  mkdir -p "$TESTBED_DIR/logs"
  : >"$TESTBED_DIR/logs/$name.log"
  for attempt in 1 2; do
    if [[ -n $fresh ]]; then rm -rf "$fresh"; fi
    start_component "$name" "$@"
    if wait_for "$name" "$check"; then return 0; fi
    failed_component=$name
    stop_component "$name"
    if grep -qi 'address already in use' "$TESTBED_DIR/logs/$name.log" 2>/dev/null; then return 1; fi
    if ((attempt == 1)); then log "$failure; starting it once more"; fi
  done
  return 1
}

# Prints why start-up failed: the cause, then the last lines of the failing component's log
# (each start and how it ended are in it).
report_failure() {
  log "FAILED: $failure"
  if [[ -n ${failed_component:-} ]]; then
    log "last lines of $TESTBED_DIR/logs/$failed_component.log:"
    tail -n 40 "$TESTBED_DIR/logs/$failed_component.log" | sed 's/^/    /' >&2 || true
  fi
}
