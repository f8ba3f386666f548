#!/usr/bin/env bash
# Makes the job-x webhook's serving certificate without cert-manager, for
# manifests/overlays/self-signed: a private CA and a certificate for the webhook's Service, signed
# by it. Needs only openssl.
#
#   manifests/scripts/generate-certs.sh [--out DIR] [--namespace NS] [--service NAME] [--days N] [--new-ca]
#
# Writes, in DIR (default: manifests/overlays/self-signed/generated, git-ignored):
#   ca.crt ca.key      the CA (10 years). Kept and reused on later runs while it is valid for
#                      more than 30 days, so that renewing the serving certificate leaves the
#                      webhook configurations' caBundle unchanged. --new-ca makes a new one.
#   tls.crt tls.key    the serving certificate (default 365 days) for NAME.NS.svc and
#                      NAME.NS.svc.cluster.local (defaults: job-x-webhook, job-x-system).
# Keys are EC P-256, readable only by you. Then: kubectl apply -k manifests/overlays/self-signed
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=$here/../overlays/self-signed/generated
namespace=job-x-system
service=job-x-webhook
days=365
new_ca=false

usage() { sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; }
while (($#)); do
  case $1 in
    --out) out=${2:?--out needs a folder}; shift 2 ;;
    --namespace) namespace=${2:?--namespace needs a name}; shift 2 ;;
    --service) service=${2:?--service needs a name}; shift 2 ;;
    --days) days=${2:?--days needs a number}; shift 2 ;;
    --new-ca) new_ca=true; shift ;;
    -h | --help) usage; exit 0 ;;
    *) printf 'generate-certs: unknown argument %s\n' "$1" >&2; usage; exit 2 ;;
  esac
done
[[ $days =~ ^[1-9][0-9]*$ ]] || { printf 'generate-certs: --days must be a positive number\n' >&2; exit 2; }
command -v openssl >/dev/null || { printf 'generate-certs: openssl is not installed\n' >&2; exit 2; }

umask 077
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ca_usable() {
  [[ -s $out/ca.crt && -s $out/ca.key ]] || return 1
  # Valid for 30 more days, and the key belongs to the certificate.
  openssl x509 -in "$out/ca.crt" -noout -checkend $((30 * 86400)) >/dev/null 2>&1 || return 1
  [[ $(openssl x509 -in "$out/ca.crt" -noout -pubkey 2>/dev/null) == "$(openssl pkey -in "$out/ca.key" -pubout 2>/dev/null)" ]]
}

if $new_ca || ! ca_usable; then
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$tmp/ca.key" 2>/dev/null
  openssl req -x509 -new -key "$tmp/ca.key" -subj "/CN=job-x-webhook-ca" -days 3650 -sha256 \
    -addext 'basicConstraints=critical,CA:TRUE,pathlen:0' \
    -addext 'keyUsage=critical,keyCertSign,cRLSign' \
    -out "$tmp/ca.crt"
  mv -f "$tmp/ca.key" "$out/ca.key"
  mv -f "$tmp/ca.crt" "$out/ca.crt"
  printf 'generate-certs: new CA in %s/ca.crt\n' "$out" >&2
else
  printf 'generate-certs: reusing the CA in %s/ca.crt\n' "$out" >&2
fi

fqdn=$service.$namespace.svc
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$tmp/tls.key" 2>/dev/null
openssl req -new -key "$tmp/tls.key" -subj "/CN=$fqdn" -out "$tmp/tls.csr"
cat >"$tmp/tls.ext" <<EOF
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
subjectAltName=DNS:$fqdn,DNS:$fqdn.cluster.local,DNS:$service.$namespace
EOF
openssl x509 -req -in "$tmp/tls.csr" -CA "$out/ca.crt" -CAkey "$out/ca.key" -days "$days" -sha256 \
  -set_serial "0x$(openssl rand -hex 16)" -extfile "$tmp/tls.ext" -out "$tmp/tls.crt" 2>/dev/null
openssl verify -CAfile "$out/ca.crt" "$tmp/tls.crt" >/dev/null
mv -f "$tmp/tls.key" "$out/tls.key"
mv -f "$tmp/tls.crt" "$out/tls.crt"
printf 'generate-certs: serving certificate for %s (%s days) in %s/tls.crt\n' "$fqdn" "$days" "$out" >&2
