import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { review, reviewText } from './fixtures.ts';
import {
  BIN,
  fingerprintOf,
  httpsClient,
  makeCertificate,
  servedFingerprint,
  startWebhook,
  tempDir,
  type Certificate,
  type Client,
  type Webhook,
} from './webhook-process.ts';

/**
 * The executable over real HTTPS: a server started on a free port with a throwaway certificate.
 * Needs `npm run build` (the bin loads dist/webhook/server.cjs), as the CLI tests do.
 */
let dir: string;
let cert: Certificate;
beforeAll(() => {
  dir = tempDir();
  cert = makeCertificate(dir, 'first');
});

const JSON_HEADERS = { 'content-type': 'application/json' };

describe('the webhook over HTTPS', () => {
  let webhook: Webhook;
  let client: Client;
  beforeAll(async () => {
    webhook = await startWebhook(['--tls-cert-file', cert.certFile, '--tls-private-key-file', cert.keyFile]);
    client = httpsClient(webhook.port, cert.pem);
  });
  afterAll(async () => {
    client.close();
    webhook.child.kill('SIGINT');
    expect(await webhook.exited).toBe(0);
  });

  test('the "listening" log line names the port, the certificate and the policy', () => {
    const listening = webhook.logs.find((l) => l.msg === 'listening')!;
    expect(listening).toEqual(
      expect.objectContaining({
        level: 'info',
        host: '127.0.0.1',
        port: webhook.port,
        tlsMinVersion: 'TLSv1.2',
        policy: 'built-in default',
      }),
    );
    expect(typeof listening.time).toBe('string');
    expect((listening.certificate as { fingerprint256: string }).fingerprint256).toBe(fingerprintOf(cert.pem));
  });

  test('POST /validate and /mutate answer AdmissionReviews', async () => {
    const denied = await client.request('POST', '/validate', reviewText('job-create-deny'), JSON_HEADERS);
    expect(denied.status).toBe(200);
    expect(denied.headers['content-type']).toBe('application/json');
    const body = JSON.parse(denied.body) as { response: { uid: string; allowed: boolean; status: { code: number } } };
    expect(body.response).toEqual(
      expect.objectContaining({ uid: review('job-create-deny').request.uid, allowed: false }),
    );
    expect(body.response.status.code).toBe(422);
    const mutated = JSON.parse(
      (
        await client.request('POST', '/mutate', reviewText('job-create-mutate'), {
          'content-type': 'application/json; charset=utf-8',
        })
      ).body,
    ) as { response: { patchType: string } };
    expect(mutated.response.patchType).toBe('JSONPatch');
  });

  test('a body of twice the API server limit (object and oldObject of 3 MB each) is accepted', async () => {
    const big = review('job-update-label');
    const filler = 'x'.repeat(3_000_000);
    for (const object of [big.request.object, big.request.oldObject])
      (object!.metadata as Record<string, unknown>).annotations = { 'example.com/blob': filler };
    const text = JSON.stringify(big);
    expect(text.length).toBeGreaterThan(6_000_000);
    const answer = await client.request('POST', '/validate', text, JSON_HEADERS);
    expect(answer.status).toBe(200);
    expect((JSON.parse(answer.body) as { response: { allowed: boolean } }).response.allowed).toBe(true);
  });

  test('415 unless the body is declared application/json', async () => {
    const cases: Record<string, string>[] = [
      { 'content-type': 'text/plain' },
      {},
      { 'content-type': 'application/json-patch+json' },
    ];
    for (const headers of cases) {
      const answer = await client.request('POST', '/validate', reviewText('job-create-clean'), headers);
      expect(answer.status).toBe(415);
      expect(JSON.parse(answer.body)).toEqual(
        expect.objectContaining({
          kind: 'Status',
          code: 415,
          reason: 'UnsupportedMediaType',
          message: expect.stringContaining('Content-Type must be application/json'),
        }),
      );
    }
  });

  test('400 with a clear message for a body that is not JSON, or not an AdmissionReview', async () => {
    const broken = await client.request(
      'POST',
      '/validate',
      '{"apiVersion": "admission.k8s.io/v1", "kind": ',
      JSON_HEADERS,
    );
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.body)).toEqual(
      expect.objectContaining({
        kind: 'Status',
        code: 400,
        reason: 'BadRequest',
        message: expect.stringMatching(/^the request body is not valid JSON: /),
      }),
    );
    expect(broken.body).not.toMatch(/\bat .*\(.*:\d+:\d+\)/);
    const notReview = await client.request('POST', '/mutate', '{"kind": "Pod"}', JSON_HEADERS);
    expect(notReview.status).toBe(400);
    expect(JSON.parse(notReview.body).message).toBe(
      'not an AdmissionReview: kind must be "AdmissionReview", got "Pod"',
    );
  });

  test('413 beyond 8 MiB, and the server goes on serving', async () => {
    const answer = await client.request('POST', '/validate', Buffer.alloc(8 * 1024 * 1024 + 1, 0x20), JSON_HEADERS);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual(expect.objectContaining({ code: 413, reason: 'RequestEntityTooLarge' }));
    expect((await client.request('GET', '/healthz')).status).toBe(200);
  });

  test('404 for other paths, 405 for other methods on the admission endpoints', async () => {
    expect((await client.request('GET', '/nope')).status).toBe(404);
    const wrongMethod = await client.request('GET', '/validate');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.allow).toBe('POST');
  });

  test('the endpoint label of /metrics stays in its known set, whatever path a 405 was asked for', async () => {
    // Routing is case-insensitive and ignores a trailing slash: these all reach the 405 handler.
    for (const [method, path] of [
      ['GET', '/VaLiDaTe'],
      ['PUT', '/validate/'],
      ['DELETE', '/MUTATE'],
      ['GET', '/mutate/?x=1'],
    ] as const) {
      const answer = await client.request(method, path);
      expect(answer.status).toBe(405);
    }
    const metrics = (await client.request('GET', '/metrics')).body;
    const endpoints = new Set(
      [...metrics.matchAll(/^jobx_webhook_requests_total\{endpoint="([^"]*)"/gm)].map((m) => m[1]),
    );
    expect(
      [...endpoints].filter((e) => !['validate', 'mutate', 'healthz', 'readyz', 'metrics', 'other'].includes(e!)),
    ).toEqual([]);
    expect(metrics).toMatch(/^jobx_webhook_requests_total\{endpoint="validate",result="method_not_allowed"\} [2-9]/m);
    expect(metrics).toMatch(/^jobx_webhook_requests_total\{endpoint="mutate",result="method_not_allowed"\} [2-9]/m);
  });

  test('arbitrary bytes never crash it: each gets a 400, then it still answers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 300 }), async (bytes) => {
        const answer = await client.request('POST', '/validate', Buffer.from(bytes), JSON_HEADERS);
        expect(answer.status).toBe(400);
        expect(JSON.parse(answer.body)).toEqual(expect.objectContaining({ kind: 'Status', code: 400 }));
      }),
      { seed: 7, numRuns: 100 },
    );
    expect((await client.request('POST', '/validate', reviewText('job-create-clean'), JSON_HEADERS)).status).toBe(200);
  });

  test('/healthz and /readyz answer 200 while serving', async () => {
    expect(await client.request('GET', '/healthz')).toEqual(expect.objectContaining({ status: 200, body: 'ok\n' }));
    expect(await client.request('GET', '/readyz')).toEqual(expect.objectContaining({ status: 200, body: 'ok\n' }));
  });

  test('/metrics: requests, findings, latency histogram, RSS and certificate expiry in Prometheus text format', async () => {
    await client.request('POST', '/validate', reviewText('job-create-deny'), JSON_HEADERS);
    await client.request('POST', '/mutate', reviewText('job-create-mutate'), JSON_HEADERS);
    const answer = await client.request('GET', '/metrics');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const value = (series: string): number =>
      Number(new RegExp(`^${series.replace(/[{}"[\]+.]/g, '\\$&')} (\\S+)$`, 'm').exec(answer.body)?.[1]);
    expect(value('jobx_webhook_requests_total{endpoint="validate",result="denied"}')).toBeGreaterThanOrEqual(2);
    expect(value('jobx_webhook_requests_total{endpoint="mutate",result="patched"}')).toBeGreaterThanOrEqual(2);
    expect(value('jobx_webhook_requests_total{endpoint="validate",result="unsupported_media_type"}')).toBe(3);
    expect(value('jobx_webhook_findings_total{rule="exit-code-out-of-range",action="deny"}')).toBeGreaterThanOrEqual(2);
    expect(value('jobx_webhook_defaults_applied_total{rule="require-ttl"}')).toBeGreaterThanOrEqual(2);
    expect(value('jobx_webhook_request_duration_seconds_bucket{endpoint="validate",le="+Inf"}')).toBe(
      value('jobx_webhook_request_duration_seconds_count{endpoint="validate"}'),
    );
    expect(value('jobx_webhook_request_duration_seconds_bucket{endpoint="validate",le="2.5"}')).toBeGreaterThan(0);
    // job-x's own time: one observation per admission request, as many as the whole request's.
    for (const endpoint of ['validate', 'mutate']) {
      const count = value(`jobx_webhook_handler_duration_seconds_count{endpoint="${endpoint}"}`);
      expect(count).toBe(value(`jobx_webhook_request_duration_seconds_count{endpoint="${endpoint}"}`));
      expect(value(`jobx_webhook_handler_duration_seconds_bucket{endpoint="${endpoint}",le="0.1"}`)).toBe(count);
      expect(value(`jobx_webhook_handler_duration_seconds_sum{endpoint="${endpoint}"}`)).toBeLessThanOrEqual(
        value(`jobx_webhook_request_duration_seconds_sum{endpoint="${endpoint}"}`),
      );
    }
    expect(value('process_resident_memory_bytes')).toBeGreaterThan(10 * 1024 * 1024);
    expect(value('jobx_webhook_ready')).toBe(1);
    expect(value('jobx_webhook_tls_certificate_expiry_timestamp_seconds')).toBeGreaterThan(Date.now() / 1000);
    expect(answer.body).toMatch(/^# TYPE jobx_webhook_request_duration_seconds histogram$/m);
    // Every sample line is `name{labels} value`.
    for (const line of answer.body.split('\n').filter((l) => l !== '' && !l.startsWith('#')))
      expect(line).toMatch(/^[a-z_][a-z0-9_]*(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? [-+0-9.eInfNa]+$/);
  });

  test('logs are JSON lines with the decision and identifiers, never the object', async () => {
    await client.request('POST', '/validate', reviewText('job-create-deny'), JSON_HEADERS);
    const line = await webhook.waitForLog(
      (l) => l.msg === 'admission' && l.uid === review('job-create-deny').request.uid,
    );
    expect(line).toEqual(
      expect.objectContaining({
        level: 'info',
        endpoint: 'validate',
        kind: 'Job',
        namespace: 'whk-fixtures',
        name: 'report-deny',
        operation: 'CREATE',
        dryRun: false,
        decision: 'denied',
        denied: ['active-deadline-zero', 'exit-code-out-of-range'],
        durationMs: expect.any(Number),
      }),
    );
    const everything = JSON.stringify(webhook.logs);
    expect(everything).not.toContain('registry.example.com/reports/build');
    expect(everything).not.toContain('team.example.com/owner');
  });

  test("an idle keep-alive connection outlives Node's 5 s default (the API server reuses them for 90 s)", async () => {
    const first = await client.request('GET', '/healthz');
    expect(first.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 6000));
    const second = await client.request('GET', '/healthz');
    expect(second.status).toBe(200);
    expect(second.reusedSocket).toBe(true);
    expect(second.headers['keep-alive']).toBe('timeout=95');
  }, 15_000);
});

describe('shutdown', () => {
  test('SIGTERM: /readyz turns 503, a request in flight completes, then exit 0', async () => {
    const webhook = await startWebhook([
      '--tls-cert-file',
      cert.certFile,
      '--tls-private-key-file',
      cert.keyFile,
      '--shutdown-delay',
      '1',
      '--shutdown-timeout',
      '10',
    ]);
    const slow = httpsClient(webhook.port, cert.pem);
    const other = httpsClient(webhook.port, cert.pem);
    const text = reviewText('job-create-deny');
    const inFlight = slow.startSlowPost('/validate', text, 100);
    await new Promise((resolve) => setTimeout(resolve, 100));
    webhook.child.kill('SIGTERM');
    await webhook.waitForLog((l) => l.msg === 'shutting down');
    const ready = await other.request('GET', '/readyz');
    expect(ready).toEqual(expect.objectContaining({ status: 503, body: 'shutting down\n' }));
    expect(ready.headers.connection).toBe('close');
    // Past the delay the listener is closed; the request that started before still completes.
    expect(await webhook.waitForLog((l) => l.msg === 'listener closed; draining')).toEqual(
      expect.objectContaining({ inflight: 1 }),
    );
    await expect(httpsClient(webhook.port, cert.pem).request('GET', '/healthz')).rejects.toThrow(/ECONNREFUSED/);
    const answer = await inFlight.finish();
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).response.uid).toBe(review('job-create-deny').request.uid);
    expect(await webhook.exited).toBe(0);
    expect(webhook.logs.at(-1)).toEqual(expect.objectContaining({ msg: 'stopped', signal: 'SIGTERM' }));
    slow.close();
    other.close();
  }, 20_000);

  test('the drain is bounded: a request that never finishes is cut after --shutdown-timeout, exit 1', async () => {
    const webhook = await startWebhook([
      '--tls-cert-file',
      cert.certFile,
      '--tls-private-key-file',
      cert.keyFile,
      '--shutdown-delay',
      '0',
      '--shutdown-timeout',
      '1',
    ]);
    const slow = httpsClient(webhook.port, cert.pem);
    const inFlight = slow.startSlowPost('/validate', reviewText('job-create-clean'), 10);
    await new Promise((resolve) => setTimeout(resolve, 100));
    webhook.child.kill('SIGTERM');
    expect(await webhook.exited).toBe(1);
    expect(webhook.logs.some((l) => l.msg === 'shutdown timed out with requests in flight; closing them')).toBe(true);
    await expect(inFlight.finish()).rejects.toThrow(/socket hang up|ECONNRESET|EPIPE/);
    slow.close();
  }, 20_000);
});

describe('TLS certificate reload', () => {
  test('replaced files: new connections get the new certificate, a request in flight completes; a broken pair is refused', async () => {
    const live = { certFile: join(dir, 'live.crt'), keyFile: join(dir, 'live.key') };
    copyFileSync(cert.certFile, live.certFile);
    copyFileSync(cert.keyFile, live.keyFile);
    const webhook = await startWebhook([
      '--tls-cert-file',
      live.certFile,
      '--tls-private-key-file',
      live.keyFile,
      '--shutdown-delay',
      '0',
    ]);
    expect(await servedFingerprint(webhook.port)).toBe(fingerprintOf(cert.pem));
    const slow = httpsClient(webhook.port, cert.pem);
    const inFlight = slow.startSlowPost('/validate', reviewText('job-create-warn'), 50);

    // Swapped in the way kubelet and cert-manager do: written aside, renamed into place.
    const second = makeCertificate(dir, 'second');
    copyFileSync(second.keyFile, `${live.keyFile}.tmp`);
    copyFileSync(second.certFile, `${live.certFile}.tmp`);
    renameSync(`${live.keyFile}.tmp`, live.keyFile);
    renameSync(`${live.certFile}.tmp`, live.certFile);
    const reloaded = await webhook.waitForLog((l) => l.msg === 'tls certificate reloaded');
    expect(reloaded.fingerprint256).toBe(fingerprintOf(second.pem));
    expect(await servedFingerprint(webhook.port)).toBe(fingerprintOf(second.pem));
    const answer = await inFlight.finish();
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).response.uid).toBe(review('job-create-warn').request.uid);
    const fresh = httpsClient(webhook.port, second.pem);
    expect((await fresh.request('GET', '/readyz')).status).toBe(200);

    // A key that does not belong to the certificate: refused, the current one stays.
    writeFileSync(live.keyFile, readFileSync(makeCertificate(dir, 'third').keyFile));
    const failed = await webhook.waitForLog(
      (l) => l.msg === 'tls certificate reload failed; still serving the previous certificate',
    );
    expect(failed.error).toMatch(
      /--tls-private-key-file .* (is not the key of the certificate|is not an unencrypted PEM private key)/,
    );
    expect(await servedFingerprint(webhook.port)).toBe(fingerprintOf(second.pem));
    const metrics = (await fresh.request('GET', '/metrics')).body;
    expect(metrics).toMatch(/^jobx_webhook_tls_reloads_total\{result="success"\} 1$/m);
    expect(metrics).toMatch(/^jobx_webhook_tls_reloads_total\{result="failure"\} 1$/m);
    slow.close();
    fresh.close();
    webhook.child.kill('SIGTERM');
    expect(await webhook.exited).toBe(0);
  }, 20_000);
});

describe('configuration errors stop it before it listens (exit 2, "error: ..." naming the problem)', () => {
  // A server that wrongly started would be killed by the timeout and show up as code null.
  const run = (args: string[], env: NodeJS.ProcessEnv = {}) => {
    const result = spawnSync(process.execPath, [BIN, '--port', '0', '--host', '127.0.0.1', ...args], {
      encoding: 'utf8',
      timeout: 10_000,
      env: { ...process.env, JOBX_POLICY: '', ...env },
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  test('a policy with a bad level names the key', () => {
    const policy = join(dir, 'loud.yaml');
    writeFileSync(policy, 'apiVersion: job-x.dev/v1alpha1\nkind: Policy\nrules:\n  require-ttl: loud\n');
    const result = run(['--tls-cert-file', cert.certFile, '--tls-private-key-file', cert.keyFile, '--policy', policy]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `error: policy file ${policy}: rules.require-ttl: must be equal to one of the allowed values: ["off","info","warn","warning","deny","error"]\n`,
    );
    expect(result.stdout).not.toContain('listening');
  });

  test('JOBX_POLICY is read when --policy is absent', () => {
    const policy = join(dir, 'unknown-rule.yaml');
    writeFileSync(policy, 'apiVersion: job-x.dev/v1alpha1\nkind: Policy\nrules:\n  no-such-rule: deny\n');
    const result = run(['--tls-cert-file', cert.certFile, '--tls-private-key-file', cert.keyFile], {
      JOBX_POLICY: policy,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `error: policy file ${policy}: rules.no-such-rule: unknown rule (see docs/rules.md for the list)\n`,
    );
  });

  test('certificate problems name the flag and the file', () => {
    const missing = run(['--tls-cert-file', join(dir, 'absent.crt'), '--tls-private-key-file', cert.keyFile]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`error: cannot read --tls-cert-file ${join(dir, 'absent.crt')}: no such file\n`);
    const other = makeCertificate(dir, 'mismatch');
    const mismatched = run(['--tls-cert-file', cert.certFile, '--tls-private-key-file', other.keyFile]);
    expect(mismatched.code).toBe(2);
    expect(mismatched.stderr).toBe(
      `error: --tls-private-key-file ${other.keyFile} is not the key of the certificate in --tls-cert-file ${cert.certFile}\n`,
    );
    const notPem = run(['--tls-cert-file', cert.keyFile, '--tls-private-key-file', cert.keyFile]);
    expect(notPem.code).toBe(2);
    expect(notPem.stderr).toMatch(/^error: --tls-cert-file \S+ is not a PEM certificate: /);
    const none = run(['--tls-private-key-file', cert.keyFile]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^error: --tls-cert-file is required/);
  });

  test('a bad flag value', () => {
    const result = run([
      '--tls-cert-file',
      cert.certFile,
      '--tls-private-key-file',
      cert.keyFile,
      '--shutdown-delay',
      'soon',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: option '--shutdown-delay <seconds>' argument 'soon' is invalid/);
  });
});

test('--help and --version', () => {
  const help = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
  expect(help.status).toBe(0);
  for (const flag of [
    '--tls-cert-file <path>',
    '--tls-private-key-file <path>',
    '--port <port>',
    '--host <address>',
    '--policy <file>',
  ])
    expect(help.stdout).toContain(flag);
  const version = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' });
  expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
});

describe('--metrics-port: probes and /metrics on a plain-HTTP port of their own', () => {
  test('the HTTPS port serves admission only; the metrics port serves probes and metrics only', async () => {
    const webhook = await startWebhook([
      '--tls-cert-file',
      cert.certFile,
      '--tls-private-key-file',
      cert.keyFile,
      '--metrics-port',
      '0',
      '--shutdown-delay',
      '0',
    ]);
    const metricsPort = (await webhook.waitForLog((l) => l.msg === 'listening')).metricsPort as number;
    expect(metricsPort).toBeGreaterThan(0);
    const client = httpsClient(webhook.port, cert.pem);
    expect((await client.request('POST', '/validate', reviewText('job-create-warn'), JSON_HEADERS)).status).toBe(200);
    for (const path of ['/healthz', '/readyz', '/metrics'])
      expect((await client.request('GET', path)).status).toBe(404);
    const plain = async (path: string, method = 'GET') => {
      const response = await fetch(`http://127.0.0.1:${metricsPort}${path}`, { method });
      return { status: response.status, body: await response.text() };
    };
    expect(await plain('/healthz')).toEqual({ status: 200, body: 'ok\n' });
    expect((await plain('/readyz')).status).toBe(200);
    const metrics = await plain('/metrics');
    expect(metrics.body).toMatch(/^jobx_webhook_requests_total\{endpoint="validate",result="allowed"\} 1$/m);
    // The process metrics users expect.
    for (const name of [
      'process_cpu_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_heap_size_used_bytes',
      'nodejs_eventloop_lag_p99_seconds',
      'nodejs_active_handles_total',
    ])
      expect(metrics.body).toMatch(new RegExp(`^${name} [0-9.e+-]+$`, 'm'));
    expect((await plain('/validate', 'POST')).status).toBe(404);
    client.close();
    webhook.child.kill('SIGTERM');
    expect(await webhook.exited).toBe(0);
  }, 20_000);
});
