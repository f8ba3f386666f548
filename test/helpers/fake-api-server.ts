// A tiny local API server for the live commands' tests, with a kubeconfig that points at it, and
// the CLI run in this process through main(argv, context) with the streams captured.
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createCommandContext } from '../../plugin/command-context.ts';
import { main } from '../../plugin/main.ts';

export type Handler = (url: URL, send: (status: number, body: unknown, type?: string) => void) => void;

export interface FakeApiServer {
  /** A kubeconfig whose current context is this server, with `namespace` as its namespace. */
  readonly kubeconfig: string;
  close(): Promise<void>;
}

export interface FakeApiServerOptions {
  /** The Date header of every answer (RFC 3339): the server's clock, which a fetched snapshot takes as "now". */
  readonly date?: string;
}

export async function startFakeApiServer(
  namespace: string,
  handler: Handler,
  options: FakeApiServerOptions = {},
): Promise<FakeApiServer> {
  const date = options.date === undefined ? {} : { Date: new Date(options.date).toUTCString() };
  const server = http.createServer((request, response) => {
    handler(new URL(request.url ?? '/', 'http://x'), (status, body, type = 'application/json') => {
      response.writeHead(status, { 'Content-Type': type, ...date });
      response.end(typeof body === 'string' ? body : JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const kubeconfig = join(mkdtempSync(join(tmpdir(), 'job-x-fake-api-')), 'config');
  writeFileSync(
    kubeconfig,
    `current-context: c\ncontexts: [{name: c, context: {cluster: c, user: u, namespace: ${namespace}}}]\nclusters: [{name: c, cluster: {server: "http://127.0.0.1:${port}"}}]\nusers: [{name: u, user: {token: t}}]\n`,
  );
  return {
    kubeconfig,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A Kubernetes Status error answer. */
export function statusBody(code: number, reason: string, message = ''): Record<string, unknown> {
  return { kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message };
}

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `kubectl job-x ARGS` in this process, with this environment (HOME is a directory that does not exist) and stdin. */
export async function runJobX(args: readonly string[], env: Record<string, string> = {}, stdin = ''): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const context = createCommandContext({
    stdin: Readable.from([Buffer.from(stdin)]),
    stdout: { write: (text: string) => out.push(text), isTTY: false },
    stderr: { write: (text: string) => err.push(text), isTTY: false },
    env: { HOME: '/nonexistent', ...env },
  });
  const code = await main(['node', 'kubectl-job_x', ...args], context);
  return { code, stdout: out.join(''), stderr: err.join('') };
}
