import { request } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { kubectlNumberText } from '../../../kubernetes/index.ts';

/** What the API server answered to a dry-run create. */
export interface DryRunAnswer {
  readonly status: number;
  /** (field, reason without the FieldValue prefix) of a 422's details.causes. */
  readonly causes: { field: string; type: string }[];
  readonly warnings: string[];
  readonly message: string;
  /** The object as the server would store it (a 2xx), or its Status. */
  readonly body: unknown;
}

const RESOURCE: Record<string, string> = { Job: 'jobs', CronJob: 'cronjobs' };

/**
 * POSTs a manifest with `dryRun=All&fieldValidation=Strict` — what `kubectl create --dry-run=server`
 * sends with kubectl's default `--validate=strict` — and returns the server's verdict.
 */
export async function dryRunCreate(
  kubeconfig: KubeConfig,
  namespace: string,
  manifest: Record<string, unknown>,
): Promise<DryRunAnswer> {
  const cluster = kubeconfig.getCurrentCluster();
  if (!cluster) throw new Error('kubeconfig has no current cluster');
  const kind = String(manifest.kind);
  const apiVersion = String(manifest.apiVersion);
  const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  const url = new URL(
    `${cluster.server}${base}/namespaces/${namespace}/${RESOURCE[kind] ?? 'jobs'}?dryRun=All&fieldValidation=Strict`,
  );
  const options: Parameters<typeof request>[1] = {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
  };
  await kubeconfig.applyToHTTPSOptions(options);
  const body = kubectlJson(manifest);
  return new Promise((resolve, reject) => {
    const req = request(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const parsed = parseStatus(text);
        const warningHeader = res.headers.warning;
        const warnings = (
          Array.isArray(warningHeader) ? warningHeader : warningHeader ? warningHeader.split(/,(?=\s*299 )/) : []
        ).map((w) => w.replace(/^\s*299 - "?/, '').replace(/"$/, ''));
        resolve({
          status: res.statusCode ?? 0,
          causes: (parsed.details?.causes ?? []).map((c) => ({
            field: c.field ?? '',
            type: (c.reason ?? '').replace(/^FieldValue/, ''),
          })),
          warnings,
          message: parsed.message ?? '',
          body: parsed,
        });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * The manifest's JSON as kubectl sends it: integers that fit int64 with their exact digits, and the
 * keys of every object sorted (kubectl holds the object as Go maps, which encoding/json sorts), so
 * the API server meets the errors in the order it meets kubectl's.
 */
function kubectlJson(manifest: Record<string, unknown>): string {
  const write = (value: unknown, container: object | undefined, key: string | number): string => {
    if (typeof value === 'number') return container ? kubectlNumberText(container, key, value) : String(value);
    if (Array.isArray(value)) return `[${value.map((item, i) => write(item, value, i)).join(',')}]`;
    if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
    const object = value as Record<string, unknown>;
    const members = Object.keys(object)
      .sort()
      .filter((k) => object[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${write(object[k], object, k)}`);
    return `{${members.join(',')}}`;
  };
  return write(manifest, undefined, '');
}

interface Status {
  message?: string;
  details?: { causes?: { field?: string; reason?: string }[] };
}

/** The body of an error is a metav1.Status; anything else (an HTML proxy page) is kept as the message. */
function parseStatus(text: string): Status {
  try {
    return JSON.parse(text) as Status;
  } catch {
    return { message: text };
  }
}
