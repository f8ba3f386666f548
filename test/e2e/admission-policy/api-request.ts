// Raw requests to the testbed's API server for the admission-policy differential test: the status,
// the body and every warning, which the typed client would not all give back.
import { request } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

export interface ApiAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly warnings: string[];
}

export type ApiMethod = 'POST' | 'PATCH' | 'GET' | 'DELETE';

/** One request; PATCH bodies are JSON merge patches. */
export async function apiRequest(
  kubeconfig: KubeConfig,
  method: ApiMethod,
  path: string,
  body?: unknown,
): Promise<ApiAnswer> {
  const cluster = kubeconfig.getCurrentCluster();
  if (!cluster) throw new Error('kubeconfig has no current cluster');
  const options: Parameters<typeof request>[1] = {
    method,
    headers: {
      accept: 'application/json',
      'content-type': method === 'PATCH' ? 'application/merge-patch+json' : 'application/json',
    },
  };
  await kubeconfig.applyToHTTPSOptions(options);
  return new Promise((resolve, reject) => {
    const req = request(new URL(`${cluster.server}${path}`), options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: Record<string, unknown>;
        try {
          parsed = JSON.parse(text) as Record<string, unknown>;
        } catch {
          parsed = { message: text };
        }
        const header = res.headers.warning;
        const warnings = (Array.isArray(header) ? header : header ? header.split(/,(?=\s*299 )/) : []).map((w) =>
          w
            .replace(/^\s*299 - "?/, '')
            .replace(/"$/, '')
            .replace(/\\"/g, '"'),
        );
        resolve({ status: res.statusCode ?? 0, body: parsed, warnings });
      });
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** The collection path of a Job or a CronJob in a namespace. */
export function collectionPath(namespace: string, kind: string): string {
  return `/apis/batch/v1/namespaces/${namespace}/${kind === 'CronJob' ? 'cronjobs' : 'jobs'}`;
}
