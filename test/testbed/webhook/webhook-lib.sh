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
