#!/usr/bin/env bash
# npm run testbed:webhook — runs the job-x admission webhook from the working tree against the
# running testbed and registers it with the API server:
#   1. builds (npm run build) when the webhook bundle is missing or older than its sources;
#   2. makes a CA and a serving certificate for 127.0.0.1 (openssl) in .testbed/webhook/<instance>/;
#   3. starts bin/job-x-webhook.js in the background on loopback (pid in .testbed/pids/,
#      log in .testbed/logs/webhook-<instance>.log) and waits for its /readyz;
#   4. registers it through BOTH webhook configurations of manifests/base (kubectl kustomize):
#      same rules, namespaceSelector, failurePolicy, timeouts and match conditions as shipped;
#      only clientConfig becomes url: https://127.0.0.1:PORT/{validate,mutate} + caBundle;
#   5. with a probe namespace, waits until the API server really calls both hooks.
# Idempotent: running it again stops the previous process of the same instance and starts afresh.
# Stop with test/testbed/webhook-down.sh (npm run testbed:down stops every instance too).
#
# Environment:
#   JOBX_WEBHOOK_INSTANCE         instance name, a DNS label (default: default). Instances run side
#                                 by side; configurations are named job-x (default) or
#                                 job-x-<instance>, webhooks validate-<instance>.jobs.job-x.dev...
#   JOBX_WEBHOOK_PORT             loopback port (default: any free port)
#   JOBX_WEBHOOK_NAMESPACE_LABEL  KEY=VALUE: only namespaces carrying this label are sent to the
#                                 webhook (added to the shipped selector). Tests use it so that
#                                 they never affect anyone else's namespaces.
#   JOBX_WEBHOOK_FAILURE_POLICY   Fail|Ignore: replaces both hooks' failurePolicy
#   JOBX_WEBHOOK_PROBE_NAMESPACE  namespace the hooks match, where a server dry-run Job is created
#                                 until the API server's metrics show both hooks called (default:
#                                 "default" without JOBX_WEBHOOK_NAMESPACE_LABEL, else no probe)
#   JOBX_WEBHOOK_BUILD            auto (default) | always | never
#   JOBX_WEBHOOK_BIN              another job-x-webhook to run (default: bin/job-x-webhook.js of
#                                 this working tree); no build then
#   JOBX_WEBHOOK_TIMEOUT          seconds to wait for readiness and for the probe (default 60)
#   JOBX_POLICY                   policy file (default: the shipped policy/default-policy.json)
#   JOBX_WEBHOOK_MANIFESTS        kustomize (default): register from `kubectl kustomize manifests/base`;
#                                 helm: from `helm template manifests/helm/job-x` (helm built by
#                                 test/tools/helm/build.sh; JOBX_WEBHOOK_HELM_ARGS: more flags),
#                                 and the chart's policy ConfigMap is the policy unless JOBX_POLICY
#   JOBX_WEBHOOK_METRICS_PORT     when set (0: any free port): --metrics-port, as the manifests
#                                 run it; probes and /metrics then answer there over plain HTTP
#
# Writes .testbed/webhook/<instance>/env (shell assignments: PORT METRICS_PORT URL PID LOG VALIDATING_CONFIG
# MUTATING_CONFIG VALIDATING_WEBHOOK MUTATING_WEBHOOK CA_FILE) for tests and scripts.
set -euo pipefail

# shellcheck source=lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
# shellcheck source=webhook/webhook-lib.sh
source "$testbed_here/webhook/webhook-lib.sh"

timeout_s=${JOBX_WEBHOOK_TIMEOUT:-60}
label=${JOBX_WEBHOOK_NAMESPACE_LABEL:-}
failure_policy=${JOBX_WEBHOOK_FAILURE_POLICY:-}
probe_ns=${JOBX_WEBHOOK_PROBE_NAMESPACE-}
[[ -z $label && -z ${JOBX_WEBHOOK_PROBE_NAMESPACE+set} ]] && probe_ns=default
build_mode=${JOBX_WEBHOOK_BUILD:-auto}
webhook_bin=${JOBX_WEBHOOK_BIN:-}
if [[ -n $webhook_bin ]]; then
  webhook_bin=$(realpath "$webhook_bin")
  build_mode=never
else
  webhook_bin=$testbed_root/bin/job-x-webhook.js
fi
port=${JOBX_WEBHOOK_PORT:-0}

die() { log "webhook: $*"; exit 1; }

manifests=${JOBX_WEBHOOK_MANIFESTS:-kustomize}
[[ $manifests == kustomize || $manifests == helm ]] || die "JOBX_WEBHOOK_MANIFESTS must be kustomize or helm"
[[ $port =~ ^[0-9]+$ ]] || die "JOBX_WEBHOOK_PORT must be a number"
[[ $build_mode == auto || $build_mode == always || $build_mode == never ]] ||
  die "JOBX_WEBHOOK_BUILD must be auto, always or never"
[[ -z $failure_policy || $failure_policy == Fail || $failure_policy == Ignore ]] ||
  die "JOBX_WEBHOOK_FAILURE_POLICY must be Fail or Ignore"
[[ -z $label || $label == *=* ]] || die "JOBX_WEBHOOK_NAMESPACE_LABEL must be KEY=VALUE"
[[ -f $TESTBED_DIR/kubeconfig ]] || die "the testbed is not running (no $TESTBED_DIR/kubeconfig): npm run testbed:up"
kubectl_tb get --raw /readyz >/dev/null 2>&1 || die "the testbed's API server is not ready: npm run testbed:up"

# --- 1. build ---------------------------------------------------------------------------------
ensure_built() { webhook_ensure_built "$build_mode" || die "npm run build failed (log: $TESTBED_DIR/logs/webhook-build.log)"; }

# --- 2. certificates ----------------------------------------------------------------------------
# A CA per instance, kept across restarts (the caBundle stays the same); a fresh serving
# certificate for IP 127.0.0.1 at every start.
make_certs() {
  local ext
  mkdir -p "$instance_dir"
  chmod 700 "$instance_dir"
  if ! openssl x509 -in "$instance_dir/ca.crt" -noout -checkend 86400 >/dev/null 2>&1 || [[ ! -s $instance_dir/ca.key ]]; then
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$instance_dir/ca.key" 2>/dev/null
    openssl req -x509 -new -key "$instance_dir/ca.key" -subj "/CN=job-x-testbed-webhook-ca-$instance" -days 3650 \
      -addext 'basicConstraints=critical,CA:TRUE' -addext 'keyUsage=critical,keyCertSign,cRLSign' \
      -out "$instance_dir/ca.crt" 2>/dev/null
  fi
  ext="$instance_dir/tls.ext"
  printf '%s\n' 'basicConstraints=critical,CA:FALSE' 'keyUsage=critical,digitalSignature' \
    'extendedKeyUsage=serverAuth' 'subjectAltName=IP:127.0.0.1,DNS:localhost' >"$ext"
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$instance_dir/tls.key" 2>/dev/null
  openssl req -new -key "$instance_dir/tls.key" -subj "/CN=127.0.0.1" -out "$instance_dir/tls.csr" 2>/dev/null
  openssl x509 -req -in "$instance_dir/tls.csr" -CA "$instance_dir/ca.crt" -CAkey "$instance_dir/ca.key" -days 30 \
    -set_serial "0x$(openssl rand -hex 16)" -extfile "$ext" -out "$instance_dir/tls.crt" 2>/dev/null
  rm -f "$instance_dir/tls.csr" "$ext"
}

# --- 3. the process -------------------------------------------------------------------------------
listening_port() {
  # The server logs JSON lines; the one with "msg":"listening" carries the port it bound (the last
  # one: a start that failed and was retried leaves its own lines above).
  { grep '"msg":"listening"' "$log_file" | tail -n1 | grep -o '"port":[0-9]*' | head -n1 | cut -d: -f2; } 2>/dev/null || true
}

listening_metrics_port() {
  { grep '"msg":"listening"' "$log_file" | tail -n1 | grep -o '"metricsPort":[0-9]*' | head -n1 | cut -d: -f2; } 2>/dev/null || true
}

webhook_ready() {
  bound=$(listening_port)
  if [[ -n ${JOBX_WEBHOOK_METRICS_PORT:-} ]]; then
    metrics_bound=$(listening_metrics_port)
    [[ -n $bound && -n $metrics_bound ]] && curl -fsS --max-time 2 "http://127.0.0.1:$metrics_bound/readyz" >/dev/null 2>&1
    return
  fi
  [[ -n $bound ]] && curl -fsS --max-time 2 --cacert "$instance_dir/ca.crt" "https://127.0.0.1:$bound/readyz" >/dev/null 2>&1
}

start_webhook() {
  local node_bin=$testbed_root/node_modules/.bin/node args
  [[ -x $node_bin ]] || node_bin=node
  # No shutdown delay: the delay waits for a Service's endpoints to drop the pod; here the
  # registration is deleted before the process is stopped.
  args=(--tls-cert-file "$instance_dir/tls.crt" --tls-private-key-file "$instance_dir/tls.key"
    --host 127.0.0.1 --port "$port" --shutdown-delay 0)
  [[ -n ${JOBX_POLICY:-} ]] && args+=(--policy "$(realpath -s "$JOBX_POLICY")") # -s: a ConfigMap-style symlink stays the path watched
  [[ -n ${JOBX_WEBHOOK_METRICS_PORT:-} ]] && args+=(--metrics-port "$JOBX_WEBHOOK_METRICS_PORT")
  # For the watch of namespaces (started only for a policy with namespaceSelector or overrides);
  # in a cluster the pod's service account does this.
  args+=(--kubeconfig "$TESTBED_DIR/kubeconfig")
  # The certificate paths put $TESTBED_DIR on the command line: lib.sh's stop_component (and so
  # npm run testbed:down) recognises the process as the testbed's by it. start_and_wait records
  # how the process ended in its log, and starts it once more if it dies or is not ready in time.
  cd "$testbed_root"
  bound=''
  TESTBED_TIMEOUT=$timeout_s start_and_wait "$component" webhook_ready -- "$node_bin" "$webhook_bin" "${args[@]}" || {
    report_failure
    die "the webhook did not start (log: $log_file)"
  }
  port=$bound
}

# What the registration is made from: the kustomize base, or the Helm chart rendered as installed.
shipped_manifests() {
  if [[ $manifests == helm ]]; then
    local helm_bin
    helm_bin=$(bash "$testbed_root/test/tools/helm/build.sh")
    # shellcheck disable=SC2086 # JOBX_WEBHOOK_HELM_ARGS is a list of flags
    "$helm_bin" template job-x "$testbed_root/manifests/helm/job-x" --namespace job-x-system ${JOBX_WEBHOOK_HELM_ARGS:-}
  else
    kubectl_tb kustomize "$testbed_root/manifests/base"
  fi
}

# The chart's policy (its ConfigMap), for a Helm registration without JOBX_POLICY.
helm_policy() {
  # From the repository root: require("yaml") resolves from there.
  shipped_manifests | (cd "$testbed_root" && "$testbed_root/node_modules/.bin/node" -e '
    const { parseAllDocuments } = require("yaml");
    let text = ""; process.stdin.on("data", (c) => (text += c)).on("end", () => {
      const cm = parseAllDocuments(text).map((d) => d.toJS()).find((o) => o && o.kind === "ConfigMap" && o.metadata.name === "job-x-policy");
      process.stdout.write(cm.data["policy.json"]);
    });') >"$instance_dir/helm-policy.json"
  export JOBX_POLICY=$instance_dir/helm-policy.json
}

# --- 4. registration --------------------------------------------------------------------------------
register() {
  local reg=$instance_dir/registration.json args
  args=(--instance "$instance" --url "https://127.0.0.1:$port" --ca-file "$instance_dir/ca.crt")
  [[ -n $label ]] && args+=(--namespace-label "$label")
  [[ -n $failure_policy ]] && args+=(--failure-policy "$failure_policy")
  shipped_manifests |
    "$testbed_root/node_modules/.bin/node" "$testbed_here/webhook/registration.ts" "${args[@]}" >"$reg"
  # Server-side apply: a re-run with other settings (label, failure policy) replaces them exactly.
  kubectl_tb apply --server-side --force-conflicts --field-manager=job-x-testbed -f "$reg" >/dev/null
}

# --- 5. probe ---------------------------------------------------------------------------------------
# A new configuration takes the API server a moment to honour (its informer). Proof that it
# does: its admission metrics count a call of each hook after a dry-run create in the namespace.
hook_calls() {
  kubectl_tb get --raw /metrics |
    awk -v name="name=\"$1\"" '/^apiserver_admission_webhook_admission_duration_seconds_count\{/ && index($0, name) { n += $NF } END { print n + 0 }'
}

probe() {
  local deadline before_v before_m
  deadline=$((SECONDS + timeout_s))
  before_v=$(hook_calls "$validating_webhook")
  before_m=$(hook_calls "$mutating_webhook")
  while :; do
    kubectl_tb create --dry-run=server -n "$probe_ns" -f - >/dev/null 2>&1 <<EOF || true
apiVersion: batch/v1
kind: Job
metadata:
  generateName: job-x-webhook-probe-
spec:
  ttlSecondsAfterFinished: 60
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: probe
          image: busybox:1.36
EOF
    if (($(hook_calls "$validating_webhook") > before_v && $(hook_calls "$mutating_webhook") > before_m)); then return 0; fi
    ((SECONDS < deadline)) || die "the API server did not call the webhooks for namespace $probe_ns within ${timeout_s}s"
    sleep 0.5
  done
}

# ---------------------------------------------------------------------------------------------------
main() {
  local started=$SECONDS
  webhook_instance_vars "${JOBX_WEBHOOK_INSTANCE:-default}" || die "JOBX_WEBHOOK_INSTANCE must be a DNS label of at most 40 characters"
  ensure_built
  # Re-run: the previous process of this instance goes first (its port may be the one asked for).
  stop_component "$component"
  make_certs
  [[ $manifests == helm && -z ${JOBX_POLICY:-} ]] && helm_policy
  start_webhook
  register
  [[ -n $probe_ns ]] && probe
  cat >"$instance_dir/env" <<EOF
INSTANCE=$instance
PORT=$port
METRICS_PORT=${metrics_bound:-}
URL=https://127.0.0.1:$port
PID=$(component_pid "$component")
LOG=$log_file
CA_FILE=$instance_dir/ca.crt
VALIDATING_CONFIG=$validating_config
MUTATING_CONFIG=$mutating_config
VALIDATING_WEBHOOK=$validating_webhook
MUTATING_WEBHOOK=$mutating_webhook
EOF
  log "webhook: instance $instance ready in $((SECONDS - started))s on https://127.0.0.1:$port (log: $log_file)"
  log "webhook: registered ValidatingWebhookConfiguration/$validating_config and MutatingWebhookConfiguration/$mutating_config${label:+ for namespaces labelled $label}${failure_policy:+, failurePolicy $failure_policy}"
}

main "$@"
