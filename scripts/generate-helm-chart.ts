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

type Placeholder =
  | { token: string; kind: 'scalar' | 'block'; text: string }
  | { token: string; kind: 'lines'; lines: (indent: string) => string };
const placeholders: Placeholder[] = [];
const nextToken = (): string => `@@H${placeholders.length}@@`;
/** `{{ expr }}` in place of a scalar. */
const scalar = (expr: string): string => {
  const token = nextToken();
  placeholders.push({ token, kind: 'scalar', text: `{{ ${expr} }}` });
  return token;
};
/** The YAML of a value in place of a mapping or list (`toYaml`, indented under its key). */
const block = (expr: string): string => {
  const token = nextToken();
  placeholders.push({ token, kind: 'block', text: expr });
  return token;
};
/**
 * Template lines in place of a list item (`- token`) or of a mapping key (`token: null`), given
 * the indentation there: `with` blocks that render nothing when their value is empty.
 */
const lines = (make: (indent: string) => string): string => {
  const token = nextToken();
  placeholders.push({ token, kind: 'lines', lines: make });
  return token;
};

/** Cluster-scoped objects are named after the release, so that two releases can share a cluster. */
const CLUSTER_SCOPED = new Set([
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'ClusterRole',
  'ClusterRoleBinding',
]);
const releaseNamed = (name: string): string => name.replace(/^job-x/, '{{ .Release.Name }}');

/**
 * The objects of a kustomize source, read as kubectl and kustomize read them: YAML 1.1, where
 * `defaultMode: 0440` is octal (288). YAML 1.2 would read decimal 440, which is mode 0670.
 */
function documents(file: string): Json[] {
  return parseAllDocuments(readFileSync(file, 'utf8'), { version: '1.1' })
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
  if (CLUSTER_SCOPED.has(object.kind)) {
    object.metadata.name = releaseNamed(object.metadata.name);
    if (object.kind === 'ClusterRoleBinding') object.roleRef.name = releaseNamed(object.roleRef.name);
  }
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
  for (const placeholder of placeholders) {
    const { token } = placeholder;
    if (placeholder.kind === 'lines') {
      text = text.replace(new RegExp(`^( *)(?:- )?(['"]?)${token}\\2(?:: null)?$`, 'm'), (_m, indent: string) =>
        placeholder.lines(indent),
      );
    } else if (placeholder.kind === 'block') {
      text = text.replace(
        new RegExp(`^( *)(- )?([^\\n]*?): (['"]?)${token}\\4$`, 'm'),
        (_m, indent: string, dash = '', key) => {
          const depth = indent.length + (dash ? 2 : 0) + 2;
          return `${indent}${dash}${key}:\n${' '.repeat(depth)}{{- toYaml (${placeholder.text}) | nindent ${depth} }}`;
        },
      );
    } else text = text.replace(new RegExp(`(['"]?)${token}\\1`, 'g'), placeholder.text);
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
    // The value namespaceSelector narrows the scope further: its expressions are added to the
    // shipped ones, its matchLabels (none shipped) set.
    hook.namespaceSelector.matchExpressions.push(
      lines(
        (i) =>
          `${i}{{- with .Values.namespaceSelector.matchExpressions }}\n${i}{{- toYaml . | nindent ${i.length} }}\n${i}{{- end }}`,
      ),
    );
    hook.namespaceSelector[
      lines(
        (i) =>
          `${i}{{- with .Values.namespaceSelector.matchLabels }}\n${i}matchLabels:\n${i}  {{- toYaml . | nindent ${i.length + 2} }}\n${i}{{- end }}`,
      )
    ] = null;
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
    namespaceSelector: { matchLabels: {}, matchExpressions: [] },
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
# namespaceSelector: only namespaces whose labels also match are sent (e.g. an opt-in label).
# Cluster-scoped objects are named after the release (helm install job-x: "job-x", as kustomize).
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
