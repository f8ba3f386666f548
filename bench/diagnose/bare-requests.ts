// What the API server's own serving time allows: the requests `diagnose` sends (as JOBX_KUBE_TRACE
// logged them), replayed over one keep-alive agent with their answers read and thrown away, nothing
// parsed, in diagnose's order: the Job's GET, then each list's pages one after another (a page's
// continue token is in the page before it) with the lists side by side, then the log request. The
// time of this replay, against `kubectl describe job` in the same run, is the floor of the ratio.
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

export interface BareReplay {
  wallMs: number;
  requests: number;
}

/** `GET /path?query 200 in …` lines → the requests, grouped: gets before lists, lists, gets after. */
export async function replayBare(kubeConfig: KubeConfig, traced: readonly string[]): Promise<BareReplay> {
  const options: https.RequestOptions = {};
  await kubeConfig.applyToHTTPSOptions(options);
  const agent = new https.Agent({ keepAlive: true, ca: options.ca, cert: options.cert, key: options.key });
  const server = new URL(kubeConfig.getCurrentCluster()!.server);
  const paths = traced.map((line) => line.split(' ')[1]!);
  const isList = (path: string) => /[?&]limit=/.test(path);
  const firstList = paths.findIndex(isList);
  const before = paths.slice(0, Math.max(0, firstList));
  const after = paths.slice(paths.findLastIndex(isList) + 1);
  // One list per path without its continue token; its later pages follow the tokens the server sends now.
  const lists = [...new Set(paths.filter(isList).map((p) => p.replace(/&continue=[^&]*/, '')))];
  let requests = 0;
  const get = (path: string) =>
    new Promise<Buffer>((resolve, reject) => {
      requests++;
      https
        .get(new URL(path, server), { agent, headers: { Accept: 'application/json' } }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve(Buffer.concat(chunks)));
          response.on('error', reject);
        })
        .on('error', reject);
    });
  const listAll = async (path: string) => {
    let token: string | undefined;
    do {
      const body = await get(token ? `${path}&continue=${encodeURIComponent(token)}` : path);
      // The token is in the list's metadata, written before the items: read the head only.
      token = /"continue":"([^"]*)"/.exec(body.subarray(0, 4096).toString('utf8'))?.[1] || undefined;
    } while (token);
  };
  const started = process.hrtime.bigint();
  for (const path of before) await get(path);
  await Promise.all(lists.map(listAll));
  for (const path of after) await get(path);
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  agent.destroy();
  return { wallMs, requests };
}
