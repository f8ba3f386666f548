// Turns the shipped webhook configurations (manifests/base, built by `kubectl kustomize`) into the
// testbed's: the same rules, selectors, failure policies, timeouts and match conditions; only the
// clientConfig changes, from the in-cluster Service to the webhook process on loopback. So what
// the end-to-end tests exercise is what users deploy.
//
//   kubectl kustomize manifests/base | node registration.ts --instance NAME --url https://127.0.0.1:PORT \
//     --ca-file CA.crt [--namespace-label KEY=VALUE] [--failure-policy Fail|Ignore]
//
// Prints a v1 List with the ValidatingWebhookConfiguration and the MutatingWebhookConfiguration
// (JSON) for `kubectl apply -f -`. Used by webhook-up.sh; exits 2 on bad arguments or input.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseAllDocuments } from 'yaml';

/** Label on the testbed's configurations: webhook-down.sh deletes them by it. */
export const INSTANCE_LABEL = 'job-x.dev/testbed-webhook';

const KINDS = ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration'] as const;

interface Options {
  instance: string;
  url: string;
  caBundle: string;
  namespaceLabel?: { key: string; value: string };
  failurePolicy?: 'Fail' | 'Ignore';
}

type Json = Record<string, unknown>;

function fail(message: string): never {
  process.stderr.write(`registration: ${message}\n`);
  process.exit(2);
}

function asObject(value: unknown, what: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${what} is not an object`);
  return value as Json;
}

/** `job-x` for the default instance, `job-x-<instance>` otherwise (names must not collide). */
export function configurationName(base: string, instance: string): string {
  return instance === 'default' ? base : `${base}-${instance}`;
}

/** `validate.jobs.job-x.dev` → `validate-<instance>.jobs.job-x.dev`, so API server metrics tell instances apart. */
export function webhookName(base: string, instance: string): string {
  if (instance === 'default') return base;
  const dot = base.indexOf('.');
  return `${base.slice(0, dot)}-${instance}${base.slice(dot)}`;
}

export function toTestbedRegistration(config: Json, options: Options): Json {
  const metadata = asObject(config.metadata, 'metadata');
  const webhooks = config.webhooks;
  if (!Array.isArray(webhooks) || webhooks.length === 0) fail(`${String(config.kind)} has no webhooks`);
  return {
    apiVersion: config.apiVersion,
    kind: config.kind,
    metadata: {
      name: configurationName(String(metadata.name), options.instance),
      labels: { ...asObject(metadata.labels ?? {}, 'metadata.labels'), [INSTANCE_LABEL]: options.instance },
    },
    webhooks: webhooks.map((entry: unknown, i) => {
      const webhook = asObject(entry, `webhooks[${i}]`);
      const clientConfig = asObject(webhook.clientConfig, `webhooks[${i}].clientConfig`);
      const service = asObject(clientConfig.service, `webhooks[${i}].clientConfig.service`);
      const selector = asObject(webhook.namespaceSelector ?? {}, `webhooks[${i}].namespaceSelector`);
      const namespaceSelector = options.namespaceLabel
        ? {
            ...selector,
            matchLabels: {
              ...asObject(selector.matchLabels ?? {}, 'matchLabels'),
              [options.namespaceLabel.key]: options.namespaceLabel.value,
            },
          }
        : selector;
      return {
        ...webhook,
        name: webhookName(String(webhook.name), options.instance),
        clientConfig: { url: `${options.url}${String(service.path ?? '/')}`, caBundle: options.caBundle },
        namespaceSelector,
        ...(options.failurePolicy ? { failurePolicy: options.failurePolicy } : {}),
      };
    }),
  };
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      instance: { type: 'string' },
      url: { type: 'string' },
      'ca-file': { type: 'string' },
      'namespace-label': { type: 'string' },
      'failure-policy': { type: 'string' },
    },
  });
  if (!values.instance || !/^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$/.test(values.instance)) {
    fail('--instance must be a DNS label of at most 40 characters');
  }
  if (!values.url || !/^https:\/\/[^/]+$/.test(values.url)) fail('--url must be https://HOST:PORT (no path)');
  if (!values['ca-file']) fail('--ca-file is required');
  const options: Options = {
    instance: values.instance,
    url: values.url,
    caBundle: readFileSync(values['ca-file']).toString('base64'),
  };
  const label = values['namespace-label'];
  if (label) {
    const match = /^([^=]+)=(.*)$/.exec(label);
    if (!match) fail('--namespace-label must be KEY=VALUE');
    options.namespaceLabel = { key: match[1]!, value: match[2]! };
  }
  const policy = values['failure-policy'];
  if (policy) {
    if (policy !== 'Fail' && policy !== 'Ignore') fail('--failure-policy must be Fail or Ignore');
    options.failurePolicy = policy;
  }
  return options;
}

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  const documents = parseAllDocuments(readFileSync(0, 'utf8'));
  const items: Json[] = [];
  for (const doc of Array.isArray(documents) ? documents : [documents]) {
    if (doc.errors.length > 0) fail(`kustomize output: ${doc.errors[0]!.message}`);
    const object = doc.toJS() as unknown;
    if (typeof object !== 'object' || object === null) continue;
    const kind = (object as Json).kind;
    if (KINDS.includes(kind as (typeof KINDS)[number])) items.push(toTestbedRegistration(object as Json, options));
  }
  for (const kind of KINDS) {
    if (!items.some((item) => item.kind === kind)) fail(`no ${kind} in the manifests`);
  }
  process.stdout.write(`${JSON.stringify({ apiVersion: 'v1', kind: 'List', items }, null, 2)}\n`);
}

if (import.meta.main) main();
