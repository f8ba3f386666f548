/**
 * Renders the Helm chart manifests/helm/job-x from the kustomize tree (manifests/base, the
 * cert-manager overlay's certificates, the service-monitor component) so the two cannot drift:
 * every template under templates/ except _helpers.tpl, and values.yaml, are generated here.
 * `--check` fails when a committed file is out of date (npm run check:generated runs it).
 *
 * Each object is read from its kustomize source, and the fields a value controls are replaced by
 * placeholders that become Helm template expressions after the YAML is written: a scalar
 * placeholder becomes `{{ expr }}`, a block placeholder the `toYaml ... | nindent` of a value.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';

const ROOT = join(import.meta.dirname, '..');
const BASE = join(ROOT, 'manifests', 'base');
const CHART = join(ROOT, 'manifests', 'helm', 'job-x');
const NAMESPACE = 'job-x-system';
const HEADER = '# Generated from manifests/ by scripts/generate-helm-chart.ts. DO NOT EDIT.\n';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const placeholders: { token: string; text: string; block: boolean }[] = [];
/** `{{ expr }}` in place of a scalar. */
const scalar = (expr: string): string => {
  const token = `@@H${placeholders.length}@@`;
  placeholders.push({ token, text: `{{ ${expr} }}`, block: false });
  return token;
};
/** The YAML of a value in place of a mapping or list (`toYaml`, indented under its key). */
const block = (expr: string): string => {
  const token = `@@H${placeholders.length}@@`;
  placeholders.push({ token, text: expr, block: true });
  return token;
};

function documents(file: string): Json[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((d) => d.toJS() as Json | null)
    .filter((d): d is Json => d !== null);
}

/** Every string naming the install namespace becomes the release's namespace. */
function releaseNamespace(value: unknown): unknown {
  if (typeof value === 'string') return value.replaceAll(NAMESPACE, '{{ .Release.Namespace }}');
  if (Array.isArray(value)) return value.map(releaseNamespace);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, releaseNamespace(v)]));
  return value;
}

function withLabels(object: Json): Json {
  object.metadata.labels = {
    ...(object.metadata.labels ?? {}),
    'app.kubernetes.io/part-of': 'job-x',
    'app.kubernetes.io/managed-by': scalar('.Release.Service'),
    'helm.sh/chart': scalar('printf "%s-%s" .Chart.Name .Chart.Version'),
  };
  return object;
}

function render(objects: Json[]): string {
  let text = objects.map((o) => stringify(releaseNamespace(withLabels(o)), { lineWidth: 0 })).join('---\n');
  for (const { token, text: expr, block: isBlock } of placeholders) {
    if (isBlock) {
      text = text.replace(
        new RegExp(`^( *)(- )?([^\\n]*?): (['"]?)${token}\\4$`, 'm'),
        (_m, indent: string, dash = '', key) => {
          const depth = indent.length + (dash ? 2 : 0) + 2;
          return `${indent}${dash}${key}:\n${' '.repeat(depth)}{{- toYaml (${expr}) | nindent ${depth} }}`;
        },
      );
    } else text = text.replace(new RegExp(`(['"]?)${token}\\1`, 'g'), expr);
  }
  return text;
}

function deployment(object: Json): Json {
  object.spec.replicas = scalar('.Values.replicas');
  const container = object.spec.template.spec.containers[0];
  container.image = scalar('printf "%s:%s" .Values.image.repository .Values.image.tag | quote');
  container.args = container.args.map((arg: string) =>
    arg.startsWith('--metrics-port=') ? scalar('printf "--metrics-port=%v" .Values.metricsPort | quote') : arg,
  );
  for (const port of container.ports) if (port.name === 'metrics') port.containerPort = scalar('.Values.metricsPort');
  container.resources = block('.Values.resources');
  return object;
}

function webhookConfiguration(object: Json, which: 'validating' | 'mutating'): Json {
  for (const hook of object.webhooks) {
    hook.failurePolicy = scalar(`.Values.${which}.failurePolicy`);
    hook.timeoutSeconds = scalar(`.Values.${which}.timeoutSeconds`);
    hook.clientConfig.caBundle = scalar('include "job-x.caBundle" .');
    for (const expression of hook.namespaceSelector.matchExpressions)
      if (expression.key === 'kubernetes.io/metadata.name')
        expression.values = scalar(
          `concat (list ${(expression.values as string[]).map((v) => (v === NAMESPACE ? '.Release.Namespace' : JSON.stringify(v))).join(' ')}) .Values.exemptNamespaces | toJson`,
        );
  }
  object.metadata.annotations = block('include "job-x.caAnnotations" . | fromYaml');
  return object;
}

/** Each generated template file: name → objects, and an optional condition around them. */
function templates(): Map<string, string> {
  const out = new Map<string, string>();
  const add = (name: string, objects: Json[], condition?: string): void => {
    const body = render(objects);
    // The header inside the condition: a comment alone would render as an empty document.
    out.set(name, condition ? `{{- if ${condition} }}\n${HEADER}${body}{{- end }}\n` : `${HEADER}${body}`);
  };
  const kustomization = documents(join(BASE, 'kustomization.yaml'))[0]!;
  for (const file of kustomization.resources as string[]) {
    const objects = documents(join(BASE, file));
    if (file === 'namespace.yaml') continue; // helm install --namespace job-x-system --create-namespace
    if (file === 'deployment.yaml') add(file, objects.map(deployment));
    else if (file === 'validating-webhook.yaml')
      add(
        file,
        objects.map((o) => webhookConfiguration(o, 'validating')),
      );
    else if (file === 'mutating-webhook.yaml')
      add(
        file,
        objects.map((o) => webhookConfiguration(o, 'mutating')),
      );
    else if (file === 'network-policy.yaml') {
      for (const o of objects)
        for (const rule of o.spec.ingress)
          for (const from of rule.from ?? [])
            from.namespaceSelector = block('.Values.networkPolicy.prometheusNamespaceSelector');
      add(file, objects, '.Values.networkPolicy.enabled');
    } else add(file, objects);
  }
  add('policy-configmap.yaml', [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'job-x-policy' },
      data: { 'policy.json': scalar('.Values.policy | toPrettyJson | quote') },
    },
  ]);
  add(
    'service-monitor.yaml',
    documents(join(ROOT, 'manifests', 'components', 'service-monitor', 'service-monitor.yaml')),
    '.Values.serviceMonitor.enabled',
  );
  add(
    'certificates.yaml',
    documents(join(ROOT, 'manifests', 'overlays', 'cert-manager', 'certificates.yaml')),
    'eq .Values.certificates.source "cert-manager"',
  );
  return out;
}

function values(): string {
  const deploymentObject = documents(join(BASE, 'deployment.yaml'))[0]!;
  const validating = documents(join(BASE, 'validating-webhook.yaml'))[0]!.webhooks[0];
  const mutating = documents(join(BASE, 'mutating-webhook.yaml'))[0]!.webhooks[0];
  const networkPolicy = documents(join(BASE, 'network-policy.yaml'))[0]!;
  const [image, tag] = (deploymentObject.spec.template.spec.containers[0].image as string).split(':');
  const metricsPort = deploymentObject.spec.template.spec.containers[0].ports.find((p: Json) => p.name === 'metrics');
  const doc = {
    replicas: deploymentObject.spec.replicas,
    image: { repository: image, tag },
    resources: deploymentObject.spec.template.spec.containers[0].resources,
    metricsPort: metricsPort.containerPort,
    validating: { failurePolicy: validating.failurePolicy, timeoutSeconds: validating.timeoutSeconds },
    mutating: { failurePolicy: mutating.failurePolicy, timeoutSeconds: mutating.timeoutSeconds },
    exemptNamespaces: [],
    certificates: { source: 'cert-manager', helmCertificateDays: 3650 },
    networkPolicy: {
      enabled: true,
      prometheusNamespaceSelector: networkPolicy.spec.ingress.find((r: Json) => r.from).from[0].namespaceSelector,
    },
    serviceMonitor: { enabled: false },
    policy: JSON.parse(readFileSync(join(BASE, 'policy.json'), 'utf8')),
  };
  return `${HEADER}# replicas, image, resources, metricsPort, failure policies and timeouts come from manifests/base.
# certificates.source: cert-manager (needs cert-manager and its cainjector) or helm (a CA and a
#   serving certificate made by Helm at install, valid helmCertificateDays).
# exemptNamespaces: more namespaces the API server never sends to the webhook.
# policy: the job-x policy (schemas/policy.schema.json), inline; edited in place it reloads live.
${stringify(doc, { lineWidth: 0, version: '1.1' })}`;
}

const check = process.argv.includes('--check');
const files = new Map([
  ...[...templates()].map(([name, text]) => [join('templates', name), text] as const),
  ['values.yaml', values()],
]);
const stale: string[] = [];
for (const [name, text] of files) {
  const path = join(CHART, name);
  let current = '';
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    // missing: stale
  }
  if (current === text) continue;
  if (check) stale.push(path);
  else writeFileSync(path, text);
}
if (stale.length > 0) {
  console.error(`out of date (run npm run generate): ${stale.join(', ')}`);
  process.exitCode = 1;
}
