# shellcheck shell=bash
# Shared by webhook-up.sh and webhook-down.sh (sourced after lib.sh).

eval "$("$testbed_here/build.sh" --env)"

# The testbed's own kubectl (same version as the API server), as admin.
kubectl_tb() { "$K8S_BIN/kubectl" --kubeconfig "$TESTBED_DIR/kubeconfig" --request-timeout=20s "$@"; }

# webhook_instance_vars NAME: the names one webhook instance uses (false for an invalid NAME).
webhook_instance_vars() {
  instance=$1
  [[ $instance =~ ^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$ ]] || return 1
  component=webhook-$instance
  instance_dir=$TESTBED_DIR/webhook/$instance
  log_file=$TESTBED_DIR/logs/$component.log
  if [[ $instance == default ]]; then
    validating_config=job-x mutating_config=job-x
    validating_webhook=validate.jobs.job-x.dev mutating_webhook=mutate.jobs.job-x.dev
  else
    validating_config=job-x-$instance mutating_config=job-x-$instance
    validating_webhook=validate-$instance.jobs.job-x.dev mutating_webhook=mutate-$instance.jobs.job-x.dev
  fi
}

# True when `npm run build` has to run: the webhook bundle is missing or older than a source file.
webhook_bundle_stale() {
  local bundle=$testbed_root/dist/webhook/server.cjs
  [[ -f $bundle ]] || return 0
  # The bundle also holds the policy-file reader and errors from plugin/.
  [[ -n $(find "$testbed_root"/{webhook,policy,schemas,plugin} "$testbed_root/bin/job-x-webhook.js" \
    -newer "$bundle" -type f -print -quit 2>/dev/null) ]]
}

# webhook_ensure_built [auto|always|never]: runs `npm run build` when asked (auto: when the bundle
# is stale). Several callers (parallel test files) may get here at once: one builds, the others
# wait. False when the build fails (its log: logs/webhook-build.log).
webhook_ensure_built() {
  local mode=${1:-auto}
  mkdir -p "$TESTBED_DIR/webhook" "$TESTBED_DIR/logs"
  (
    flock 9
    case $mode in
      never) return 0 ;;
      always) ;;
      auto) webhook_bundle_stale || return 0 ;;
      *) log "webhook: the build mode must be auto, always or never"; return 1 ;;
    esac
    log "webhook: building (npm run build)"
    (cd "$testbed_root" && npm run build >"$TESTBED_DIR/logs/webhook-build.log" 2>&1) || {
      tail -n 30 "$TESTBED_DIR/logs/webhook-build.log" | sed 's/^/    /' >&2
      return 1
    }
  ) 9>"$TESTBED_DIR/webhook/build.lock"
}
