#!/usr/bin/env bash
# npm run testbed:up — builds what is missing (build.sh) and starts, on loopback, etcd,
# kube-apiserver, kube-controller-manager and the node simulator (node-simulator/); waits until
# they are ready and writes an admin kubeconfig to .testbed/kubeconfig. Idempotent: a healthy running testbed is left alone; a stale
# or crashed one is cleaned up and started afresh.
#
# Environment:
#   TESTBED_DIR                  state folder (default: .testbed at the repo root)
#   TESTBED_TIMEOUT              seconds to wait for each component to be ready (default 120); a
#                                component that dies or is not ready in time is started once more
#   TESTBED_APISERVER_ARGS       extra kube-apiserver flags (word-split)
#   TESTBED_KCM_ARGS             extra kube-controller-manager flags (word-split)
#   JOBX_CACHE                   binary cache root (see build.sh)
set -euo pipefail

# shellcheck source=lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

pki=$TESTBED_DIR/pki

# Controllers a Job needs in a real cluster. Names are the canonical ones
# (kube-controller-manager --help lists them).
kcm_controllers=(
  job-controller                           # creates and tracks the pods of a Job
  cronjob-controller                       # job-x also handles CronJobs
  ttl-after-finished-controller            # spec.ttlSecondsAfterFinished
  garbage-collector-controller             # ownerReferences: Job deletion cascades to pods
  pod-garbage-collector-controller         # pods orphaned by deleted (simulated) nodes
  namespace-controller                     # lets test namespaces actually go away
  serviceaccount-controller                # "default" ServiceAccount in every namespace
  serviceaccount-token-controller          # tokens; the ServiceAccount admission plugin stays on
  root-ca-certificate-publisher-controller # kube-root-ca.crt ConfigMap for projected token volumes
)

# ---------------------------------------------------------------------------------------------
healthy() {
  local c
  for c in etcd kube-apiserver kube-controller-manager; do component_running "$c" || return 1; done
  [[ -f $TESTBED_DIR/kubeconfig && -f $TESTBED_DIR/ports ]] || return 1
  # shellcheck disable=SC1091
  source "$TESTBED_DIR/ports"
  apiserver_get /readyz >/dev/null 2>&1 || return 1
  kcm_healthy || return 1
  component_running node-simulator && [[ -f $(node_simulator_ready_file) ]] || return 1
}

apiserver_get() {
  curl -fsS --max-time 5 --cacert "$pki/ca.crt" --cert "$pki/admin.crt" --key "$pki/admin.key" \
    "https://127.0.0.1:$APISERVER_PORT$1"
}

kcm_healthy() {
  # The controller manager serves a self-signed certificate of its own; /healthz is always allowed.
  [[ $(curl -fsSk --max-time 5 "https://127.0.0.1:$KCM_PORT/healthz" 2>/dev/null) == ok ]]
}

# ---------------------------------------------------------------------------------------------
# PKI: one CA; the API server's serving certificate; client certificates for the admin
# (O=system:masters) and the controller manager; a front-proxy CA and client (aggregation layer);
# the service-account signing key pair (RSA 2048, as kubeadm does). openssl output: logs/pki.log.

# new_cert NAME SUBJECT EXTENSIONS [ISSUER]: EC P-256 key and certificate NAME.{key,crt} signed by
# ISSUER (default: ca); self-signed when ISSUER is NAME.
new_cert() {
  local name=$1 subj=$2 ext=$3 issuer=${4:-ca}
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$pki/$name.key" 2>>"$TESTBED_DIR/logs/pki.log"
  openssl req -new -key "$pki/$name.key" -subj "$subj" -out "$pki/$name.csr"
  printf '%s\n' "$ext" >"$pki/$name.ext"
  if [[ $name == "$issuer" ]]; then
    openssl x509 -req -in "$pki/$name.csr" -key "$pki/$name.key" -days 3650 \
      -set_serial "0x$(openssl rand -hex 16)" -extfile "$pki/$name.ext" -out "$pki/$name.crt" 2>>"$TESTBED_DIR/logs/pki.log"
  else
    openssl x509 -req -in "$pki/$name.csr" -CA "$pki/$issuer.crt" -CAkey "$pki/$issuer.key" -days 365 \
      -set_serial "0x$(openssl rand -hex 16)" -extfile "$pki/$name.ext" -out "$pki/$name.crt" 2>>"$TESTBED_DIR/logs/pki.log"
  fi
  rm -f "$pki/$name.csr" "$pki/$name.ext"
}

gen_pki() {
  mkdir -p "$pki"
  chmod 700 "$pki"
  local leaf='basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid'
  new_cert ca "/CN=job-x-testbed-ca" 'basicConstraints=critical,CA:TRUE
keyUsage=critical,digitalSignature,keyCertSign,cRLSign
subjectKeyIdentifier=hash' ca
  new_cert apiserver "/CN=kube-apiserver" "$leaf
extendedKeyUsage=serverAuth
subjectAltName=IP:127.0.0.1,DNS:localhost,IP:10.0.0.1,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
  new_cert admin "/O=system:masters/CN=job-x-testbed-admin" "$leaf
extendedKeyUsage=clientAuth"
  new_cert kube-controller-manager "/CN=system:kube-controller-manager" "$leaf
extendedKeyUsage=clientAuth"
  # Aggregation layer (front proxy), as in a kubeadm cluster: without it the controller
  # manager's delegated authentication keeps logging a missing requestheader CA.
  new_cert front-proxy-ca "/CN=job-x-testbed-front-proxy-ca" 'basicConstraints=critical,CA:TRUE
keyUsage=critical,digitalSignature,keyCertSign,cRLSign
subjectKeyIdentifier=hash' front-proxy-ca
  new_cert front-proxy-client "/CN=front-proxy-client" "$leaf
extendedKeyUsage=clientAuth" front-proxy-ca
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$pki/sa.key" 2>>"$TESTBED_DIR/logs/pki.log"
  openssl pkey -in "$pki/sa.key" -pubout -out "$pki/sa.pub"
}

# ---------------------------------------------------------------------------------------------
# Free loopback ports, below the ephemeral range so outgoing connections do not take them.
picked_ports=()
free_port() {
  local p tries
  for ((tries = 0; tries < 200; tries++)); do
    p=$((20000 + RANDOM % 12000))
    [[ " ${picked_ports[*]} " == *" $p "* ]] && continue
    # Connection refused means nothing listens there.
    if ! (: <>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      picked_ports+=("$p")
      printf '%s\n' "$p"
      return 0
    fi
  done
  log "could not find a free loopback port"
  return 1
}

pick_ports() {
  picked_ports=()
  # free_port runs in a subshell, hence the explicit bookkeeping.
  ETCD_CLIENT_PORT=$(free_port) || return 1; picked_ports+=("$ETCD_CLIENT_PORT")
  ETCD_PEER_PORT=$(free_port) || return 1; picked_ports+=("$ETCD_PEER_PORT")
  APISERVER_PORT=$(free_port) || return 1; picked_ports+=("$APISERVER_PORT")
  KCM_PORT=$(free_port) || return 1; picked_ports+=("$KCM_PORT")
  cat >"$TESTBED_DIR/ports" <<EOF
ETCD_CLIENT_PORT=$ETCD_CLIENT_PORT
ETCD_PEER_PORT=$ETCD_PEER_PORT
APISERVER_PORT=$APISERVER_PORT
KCM_PORT=$KCM_PORT
EOF
}

# ---------------------------------------------------------------------------------------------
etcd_healthy() { [[ $(curl -fsS --max-time 2 "http://127.0.0.1:$ETCD_CLIENT_PORT/health") == *'"health":"true"'* ]]; }
apiserver_ready() { [[ $(apiserver_get /readyz) == ok ]]; }
default_sa_exists() { apiserver_get /api/v1/namespaces/default/serviceaccounts/default; }
# The default ServiceAccount appears once the serviceaccount controller has synced; pods cannot be
# created in "default" before that (ServiceAccount admission).
kcm_ready() { kcm_healthy && default_sa_exists; }

write_kcm_kubeconfig() {
  cat >"$TESTBED_DIR/kube-controller-manager.kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: testbed
  cluster:
    server: https://127.0.0.1:$APISERVER_PORT
    certificate-authority: $pki/ca.crt
users:
- name: kube-controller-manager
  user:
    client-certificate: $pki/kube-controller-manager.crt
    client-key: $pki/kube-controller-manager.key
contexts:
- name: testbed
  context: {cluster: testbed, user: kube-controller-manager}
current-context: testbed
EOF
}

write_admin_kubeconfig() {
  local tmp=$TESTBED_DIR/kubeconfig.tmp
  cat >"$tmp" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: job-x-testbed
  cluster:
    server: https://127.0.0.1:$APISERVER_PORT
    certificate-authority-data: $(base64 -w0 <"$pki/ca.crt")
users:
- name: job-x-testbed-admin
  user:
    client-certificate-data: $(base64 -w0 <"$pki/admin.crt")
    client-key-data: $(base64 -w0 <"$pki/admin.key")
contexts:
- name: job-x-testbed
  context: {cluster: job-x-testbed, user: job-x-testbed-admin, namespace: default}
current-context: job-x-testbed
EOF
  chmod 600 "$tmp"
  mv -f "$tmp" "$TESTBED_DIR/kubeconfig"
}

# --- node simulator hook ---------------------------------------------------------------------
# Started last, once the control plane is ready and the admin kubeconfig exists; stop_all (lib.sh)
# stops it first. TypeScript run directly by the repo's Node 24 (node_modules/.bin/node: the
# system node may be older and cannot strip types). It writes the ready file once its Nodes are
# registered and its pod watch is running.
node_simulator_ready_file() { printf '%s\n' "$TESTBED_DIR/node-simulator.ready"; }

node_simulator_ready() { [[ -f $(node_simulator_ready_file) ]]; }

start_node_simulator() {
  local node_bin=$testbed_root/node_modules/.bin/node
  [[ -x $node_bin ]] || node_bin=node
  rm -f "$(node_simulator_ready_file)"
  start_and_wait node-simulator node_simulator_ready -- "$node_bin" "$testbed_here/node-simulator/main.ts" \
    --kubeconfig "$TESTBED_DIR/kubeconfig" --ready-file "$(node_simulator_ready_file)"
}

# ---------------------------------------------------------------------------------------------
# One attempt at starting everything. Returns 0 on success, 1 on failure (failed_component and
# failure set).
start_all() {
  failed_component='' failure=''
  pick_ports || { failure='no free loopback ports'; return 1; }

  start_and_wait etcd etcd_healthy --fresh "$TESTBED_DIR/etcd" -- "$ETCD_BIN/etcd" \
    --name=testbed \
    --data-dir="$TESTBED_DIR/etcd" \
    --listen-client-urls="http://127.0.0.1:$ETCD_CLIENT_PORT" \
    --advertise-client-urls="http://127.0.0.1:$ETCD_CLIENT_PORT" \
    --listen-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-advertise-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster="testbed=http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster-state=new \
    --auto-compaction-retention=1 \
    --unsafe-no-fsync \
    --log-level=warn || return 1

  # --enable-aggregator-routing: a webhook's clientConfig.service (and an APIService) is reached
  # through the Service's EndpointSlices (an endpoint's address and port) instead of its ClusterIP,
  # which nothing routes here (no kube-proxy). The Helm install test (test/e2e/webhook/helm-release.ts)
  # publishes the webhook process as the endpoint of the chart's Service.
  # shellcheck disable=SC2086
  start_and_wait kube-apiserver apiserver_ready -- "$K8S_BIN/kube-apiserver" \
    --etcd-servers="http://127.0.0.1:$ETCD_CLIENT_PORT" \
    --bind-address=127.0.0.1 \
    --advertise-address=127.0.0.1 \
    --secure-port="$APISERVER_PORT" \
    --cert-dir="$TESTBED_DIR/kube-apiserver" \
    --tls-cert-file="$pki/apiserver.crt" \
    --tls-private-key-file="$pki/apiserver.key" \
    --client-ca-file="$pki/ca.crt" \
    --authorization-mode=Node,RBAC \
    --enable-admission-plugins=NodeRestriction \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local \
    --service-account-key-file="$pki/sa.pub" \
    --service-account-signing-key-file="$pki/sa.key" \
    --service-cluster-ip-range=10.0.0.0/24 \
    --requestheader-client-ca-file="$pki/front-proxy-ca.crt" \
    --requestheader-allowed-names=front-proxy-client \
    --requestheader-username-headers=X-Remote-User \
    --requestheader-group-headers=X-Remote-Group \
    --requestheader-extra-headers-prefix=X-Remote-Extra- \
    --proxy-client-cert-file="$pki/front-proxy-client.crt" \
    --proxy-client-key-file="$pki/front-proxy-client.key" \
    --endpoint-reconciler-type=none \
    --allow-privileged=true \
    --profiling=false \
    --enable-aggregator-routing=true \
    ${TESTBED_APISERVER_ARGS:-} || return 1

  write_kcm_kubeconfig
  local controllers
  controllers=$(IFS=,; printf '%s' "${kcm_controllers[*]}")
  # shellcheck disable=SC2086
  start_and_wait kube-controller-manager kcm_ready -- "$K8S_BIN/kube-controller-manager" \
    --kubeconfig="$TESTBED_DIR/kube-controller-manager.kubeconfig" \
    --authentication-kubeconfig="$TESTBED_DIR/kube-controller-manager.kubeconfig" \
    --authorization-kubeconfig="$TESTBED_DIR/kube-controller-manager.kubeconfig" \
    --bind-address=127.0.0.1 \
    --secure-port="$KCM_PORT" \
    --cert-dir="$TESTBED_DIR/kube-controller-manager" \
    --leader-elect=false \
    --controllers="$controllers" \
    --use-service-account-credentials=true \
    --service-account-private-key-file="$pki/sa.key" \
    --root-ca-file="$pki/ca.crt" \
    --profiling=false \
    ${TESTBED_KCM_ARGS:-} || return 1

  write_admin_kubeconfig
  start_node_simulator || return 1
}

# A testbed started by an older up.sh keeps running as it is (restarting it would break whoever
# uses it); say what it lacks instead.
warn_outdated_flags() {
  local cmdline
  cmdline=$({ tr '\0' ' ' <"/proc/$(component_pid kube-apiserver)/cmdline"; } 2>/dev/null) || return 0
  [[ $cmdline == *--enable-aggregator-routing=true* ]] ||
    log "warning: this testbed's kube-apiserver was started without --enable-aggregator-routing=true; the Helm install test (test/e2e/webhook/helm-install.test.ts) needs it: npm run testbed:down, then npm run testbed:up"
}

# ---------------------------------------------------------------------------------------------
main() {
  local started=$SECONDS attempt

  if [[ -d $TESTBED_DIR ]]; then
    if healthy; then
      log "already running and healthy (API server https://127.0.0.1:$APISERVER_PORT)"
      log "kubeconfig: $TESTBED_DIR/kubeconfig"
      warn_outdated_flags
      return 0
    fi
    log "found a stale testbed in $TESTBED_DIR; cleaning it up"
    stop_all
    remove_state
  fi

  "$testbed_here/build.sh" >/dev/null
  eval "$("$testbed_here/build.sh" --env)"

  mkdir -p "$TESTBED_DIR"/{logs,pids}
  # Anything that goes wrong from here on stops what was started.
  trap 'rc=$?; if ((rc != 0)); then log "start-up interrupted; stopping what was started"; stop_all; fi' EXIT
  trap 'exit 130' INT TERM
  gen_pki

  for attempt in 1 2 3; do
    if start_all; then
      trap - EXIT
      log "ready in $((SECONDS - started))s: Kubernetes $K8S_VERSION, etcd $ETCD_VERSION"
      log "API server https://127.0.0.1:$APISERVER_PORT; logs in $TESTBED_DIR/logs"
      log "kubeconfig: $TESTBED_DIR/kubeconfig"
      return 0
    fi
    # A port taken by someone else between picking and binding: try again with other ports.
    if ((attempt < 3)) && [[ -n $failed_component ]] &&
      grep -qi 'address already in use' "$TESTBED_DIR/logs/$failed_component.log" 2>/dev/null; then
      log "$failed_component could not bind its port; retrying with other ports"
      stop_all
      rm -rf "$TESTBED_DIR/etcd" "$TESTBED_DIR/kubeconfig"
      continue
    fi
    break
  done

  trap - EXIT
  report_failure
  stop_all
  # Keep only the logs; the next up (or down) removes them.
  find "$TESTBED_DIR" -mindepth 1 -maxdepth 1 ! -name logs -exec rm -rf {} +
  log "stopped what was started; logs kept in $TESTBED_DIR/logs (npm run testbed:down removes them)"
  return 1
}

main "$@"
