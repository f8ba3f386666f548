import { spawn, type ChildProcess } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { request as httpsRequest, Agent, type RequestOptions } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';

/** The real executable, as the container runs it (npm run build makes dist/webhook). */
export const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'job-x-webhook.js');

export { makeCertificate, type Certificate } from '../../helpers/self-signed-certificate.ts';

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'job-x-webhook-'));
}

export interface Webhook {
  readonly child: ChildProcess;
  readonly port: number;
  /** Log lines so far, parsed. */
  readonly logs: Record<string, unknown>[];
  readonly stderr: () => string;
  /** Resolves with the exit code. */
  readonly exited: Promise<number | null>;
  waitForLog(
    predicate: (line: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
}

export async function waitUntil(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface Launch {
  /** Node's own flags, before the script. */
  readonly nodeFlags?: readonly string[];
  /** Wraps the command line, e.g. to start it inside a memory cgroup. */
  readonly wrap?: (command: string, args: readonly string[]) => [string, string[]];
}

/** Starts the webhook on a free port and waits for its "listening" line. */
export async function startWebhook(args: string[], env: NodeJS.ProcessEnv = {}, launch: Launch = {}): Promise<Webhook> {
  const commandLine = [...(launch.nodeFlags ?? []), BIN, '--port', '0', '--host', '127.0.0.1', ...args];
  const [command, commandArgs] = launch.wrap
    ? launch.wrap(process.execPath, commandLine)
    : [process.execPath, commandLine];
  const child = spawn(command, commandArgs, {
    env: { ...process.env, JOBX_POLICY: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    let newline: number;
    while ((newline = stdout.indexOf('\n')) >= 0) {
      logs.push(JSON.parse(stdout.slice(0, newline)) as Record<string, unknown>);
      stdout = stdout.slice(newline + 1);
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let done = false;
  void exited.then(() => (done = true));
  const waitForLog = async (predicate: (line: Record<string, unknown>) => boolean, timeoutMs = 10_000) => {
    await waitUntil(() => logs.some(predicate) || done, timeoutMs, 'a log line');
    const line = logs.find(predicate);
    if (!line) throw new Error(`the webhook exited before the expected log line; stderr: ${stderr}`);
    return line;
  };
  const listening = await waitForLog((line) => line.msg === 'listening');
  return { child, port: listening.port as number, logs, stderr: () => stderr, exited, waitForLog };
}

export interface HttpAnswer {
  /** Whether the request went over a connection kept alive from an earlier one. */
  readonly reusedSocket: boolean;
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

export interface Client {
  request(method: string, path: string, body?: string | Buffer, headers?: Record<string, string>): Promise<HttpAnswer>;
  /** Starts a POST and sends `head` of its body; the returned function sends the rest. */
  startSlowPost(path: string, body: string, headBytes: number): { finish: () => Promise<HttpAnswer> };
  close(): void;
}

/** An HTTPS client trusting only `ca`, reusing connections like the API server does. */
export function httpsClient(port: number, ca: string): Client {
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  const options = (method: string, path: string, headers: Record<string, string>): RequestOptions => ({
    host: '127.0.0.1',
    servername: 'localhost',
    port,
    method,
    path,
    ca,
    agent,
    headers,
  });
  const collect =
    (resolve: (answer: HttpAnswer) => void, reject: (error: Error) => void, req: ClientRequest) =>
    (res: IncomingMessage) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        resolve({ reusedSocket: req.reusedSocket, status: res.statusCode!, headers: res.headers, body }),
      );
      res.on('error', reject);
    };
  return {
    request(method, path, body, headers = {}) {
      return new Promise((resolve, reject) => {
        const req = httpsRequest(
          options(
            method,
            path,
            body === undefined ? headers : { 'content-length': String(Buffer.byteLength(body)), ...headers },
          ),
        );
        req.on('response', collect(resolve, reject, req));
        req.on('error', reject);
        req.end(body);
      });
    },
    startSlowPost(path, body, headBytes) {
      const bytes = Buffer.from(body);
      const req = httpsRequest(
        options('POST', path, { 'content-type': 'application/json', 'content-length': String(bytes.length) }),
      );
      const answer = new Promise<HttpAnswer>((resolve, reject) => {
        req.on('response', collect(resolve, reject, req));
        req.on('error', reject);
      });
      // Settled by finish(); until then a failure must not count as unhandled.
      answer.catch(() => undefined);
      req.write(bytes.subarray(0, headBytes));
      return {
        finish: () => {
          req.end(bytes.subarray(headBytes));
          return answer;
        },
      };
    },
    close: () => agent.destroy(),
  };
}

/** The SHA-256 fingerprint of the certificate a new TLS connection is served. */
export function servedFingerprint(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, servername: 'localhost', rejectUnauthorized: false }, () => {
      const fingerprint = socket.getPeerCertificate().fingerprint256;
      socket.end();
      resolve(fingerprint);
    });
    socket.on('error', reject);
  });
}

export function fingerprintOf(pem: string): string {
  return new X509Certificate(pem).fingerprint256;
}
