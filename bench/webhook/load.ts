/**
 * One autocannon run for bench-webhook.ts, in a process of its own (so it can be pinned to a CPU
 * apart from the server under test): reads its options as JSON from argv[2], prints the result as
 * JSON on stdout.
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

export interface LoadOptions {
  readonly url: string;
  readonly caFile: string;
  readonly bodyFile: string;
  readonly connections: number;
  readonly duration: number;
  /** Requests per second over all connections; unset = as fast as the server answers. */
  readonly overallRate?: number;
}

export interface LoadResult {
  readonly requestsPerSecond: number;
  readonly total: number;
  readonly latencyMs: {
    readonly p50: number;
    readonly p90: number;
    readonly p99: number;
    readonly max: number;
    readonly mean: number;
  };
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
}

const options = JSON.parse(process.argv[2] ?? '{}') as LoadOptions;
const result = await autocannon({
  url: options.url,
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: readFileSync(options.bodyFile),
  connections: options.connections,
  duration: options.duration,
  ...(options.overallRate ? { overallRate: options.overallRate } : {}),
  tlsOptions: { ca: readFileSync(options.caFile), servername: 'localhost' },
});
const output: LoadResult = {
  requestsPerSecond: result.requests.average,
  total: result.requests.total,
  latencyMs: {
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    mean: result.latency.mean,
  },
  errors: result.errors,
  timeouts: result.timeouts,
  non2xx: result.non2xx,
};
process.stdout.write(`${JSON.stringify(output)}\n`);
