{{/*
The serving certificate when certificates.source is "helm": a CA and a certificate for the
Service's DNS names, made once per render (kept in a shared dict so the Secret and both webhook
configurations see the same CA). An upgrade keeps the certificate of the installed Secret.
*/}}
{{- define "job-x.helmCertificates" -}}
{{- if not (hasKey .Values "_jobxCertificates") -}}
{{- $service := printf "job-x-webhook.%s.svc" .Release.Namespace -}}
{{- $existing := lookup "v1" "Secret" .Release.Namespace "job-x-webhook-tls" -}}
{{- if and $existing (index $existing.data "ca.crt") -}}
{{- $_ := set .Values "_jobxCertificates" (dict "ca" (index $existing.data "ca.crt" | b64dec) "cert" (index $existing.data "tls.crt" | b64dec) "key" (index $existing.data "tls.key" | b64dec)) -}}
{{- else -}}
{{- $ca := genCA "job-x-webhook-ca" (int .Values.certificates.helmCertificateDays) -}}
{{- $cert := genSignedCert $service nil (list $service (printf "%s.cluster.local" $service)) (int .Values.certificates.helmCertificateDays) $ca -}}
{{- $_ := set .Values "_jobxCertificates" (dict "ca" $ca.Cert "cert" $cert.Cert "key" $cert.Key) -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* clientConfig.caBundle: the Helm-made CA, or empty for cert-manager's cainjector to fill. */}}
{{- define "job-x.caBundle" -}}
{{- if eq .Values.certificates.source "helm" -}}
{{- include "job-x.helmCertificates" . -}}
{{- .Values._jobxCertificates.ca | b64enc -}}
{{- else -}}
""
{{- end -}}
{{- end -}}

{{/* The webhook configurations' annotations: cert-manager's CA injection, or none. */}}
{{- define "job-x.caAnnotations" -}}
{{- if eq .Values.certificates.source "cert-manager" -}}
cert-manager.io/inject-ca-from: {{ .Release.Namespace }}/job-x-webhook
{{- end -}}
{{- end -}}
