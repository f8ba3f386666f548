// The command context: the one place the CLI reads its streams, environment and terminal, and
// how every live command gets its kube client, width and colour from it. The commands run here in
// this process through main(argv, context), against a tiny local API server, with a context whose
// environment differs from this process's: whatever a command reads must come from the context.
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import {
  colorEnabled,
  createCommandContext,
  textWidth,
  type CommandContext,
  type Environment,
} from '../../../plugin/command-context.ts';
import { main } from '../../../plugin/main.ts';

const ESC = '\u001b[';

describe('colour', () => {
  test('--color never and always win over everything', () => {
    expect(colorEnabled('never', true, {})).toBe(false);
    expect(colorEnabled('always', false, { NO_COLOR: '1', TERM: 'dumb' })).toBe(true);
  });

  test('auto: a terminal only, and neither a non-empty NO_COLOR nor TERM=dumb', () => {
    expect(colorEnabled('auto', true, {})).toBe(true);
    expect(colorEnabled('auto', false, {})).toBe(false);
    expect(colorEnabled('auto', true, { NO_COLOR: '1' })).toBe(false);
    // no-color.org: an empty NO_COLOR does not count.
    expect(colorEnabled('auto', true, { NO_COLOR: '' })).toBe(true);
    expect(colorEnabled('auto', true, { TERM: 'dumb' })).toBe(false);
  });
});

describe('width', () => {
  test("a terminal's width, within the view's bounds", () => {
    expect(textWidth({ min: 60, max: 120 }, { isTTY: true, columns: 100 })).toBe(100);
    expect(textWidth({ min: 60, max: 120 }, { isTTY: true, columns: 30 })).toBe(60);
    expect(textWidth({ min: 60, max: 120 }, { isTTY: true, columns: 300 })).toBe(120);
    expect(textWidth({ min: 40 }, { isTTY: true, columns: 300 })).toBe(300);
  });

  test("off a terminal, or when the terminal does not say its width: the view's fallback, if any", () => {
    expect(textWidth({ min: 60, otherwise: 100 }, { columns: 200 })).toBe(100);
    expect(textWidth({ min: 60 }, { isTTY: false, columns: 200 })).toBeUndefined();
    expect(textWidth({ min: 60, otherwise: 80 }, { isTTY: true, columns: 0 })).toBe(80);
    expect(textWidth({ min: 60, otherwise: 80 }, { isTTY: true })).toBe(80);
  });
});

/** A context writing into strings, with the terminal and environment given. */
function fakeContext(options: { env?: Environment; tty?: boolean; columns?: number; stdin?: string } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const stdin = Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]) as Readable & {
    isTTY?: boolean;
  };
  const context: CommandContext = createCommandContext({
    stdin,
    stdout: { write: (text: string) => out.push(text), isTTY: options.tty ?? false, columns: options.columns },
    stderr: { write: (text: string) => err.push(text), isTTY: false },
    env: options.env ?? {},
  });
  return { context, stdout: () => out.join(''), stderr: () => err.join('') };
}

const run = (context: CommandContext, ...args: string[]) => main(['node', 'kubectl-job_x', ...args], context);

describe('main(argv, context): the commands write to the context, not to the process', () => {
  test('help and usage errors', async () => {
    const help = fakeContext();
    expect(await run(help.context, 'explain', '--help')).toBe(0);
    expect(help.stdout()).toContain('Usage: kubectl job-x explain [options] [name]');
    const usage = fakeContext();
    expect(await run(usage.context, 'diagnose', 'pi', '-o', 'wide')).toBe(2);
    expect(usage.stderr()).toContain("error: option '-o, --output <format>' argument 'wide' is invalid");
    expect(usage.stdout()).toBe('');
  });

  test('an error of the command goes to the context stderr', async () => {
    const ctx = fakeContext();
    expect(await run(ctx.context, 'diagnose', 'deployment/web')).toBe(2);
    expect(ctx.stderr()).toBe(
      'error: "deployment/web": job-x works on Jobs and CronJobs, not "deployment" (use NAME, job/NAME or cronjob/NAME)\n',
    );
  });

  const MANIFEST =
    'apiVersion: batch/v1\nkind: Job\nmetadata: {name: pi}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: pi, image: perl}]\n';

  test('explain -f - reads the context stdin; width and colour follow its terminal', async () => {
    const piped = fakeContext({ stdin: MANIFEST });
    expect(await run(piped.context, 'explain', '-f', '-')).toBe(0);
    const lines = piped.stdout().split('\n');
    expect(piped.stdout()).not.toContain(ESC);
    // Off a terminal explain wraps at 100 columns.
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(100);
    expect(Math.max(...lines.map((line) => line.length))).toBeGreaterThan(80);

    const terminal = fakeContext({ stdin: MANIFEST, tty: true, columns: 70 });
    expect(await run(terminal.context, 'explain', '-f', '-')).toBe(0);
    expect(terminal.stdout()).toContain(ESC);
    const plain = stripVTControlCharacters(terminal.stdout());
    expect(Math.max(...plain.split('\n').map((line) => line.length))).toBeLessThanOrEqual(70);

    const noColor = fakeContext({ stdin: MANIFEST, tty: true, columns: 70, env: { NO_COLOR: '1' } });
    expect(await run(noColor.context, 'explain', '-f', '-')).toBe(0);
    expect(noColor.stdout()).not.toContain(ESC);
  });

  test('lint takes its colour from the context too', async () => {
    const bad = MANIFEST.replace('Never', 'Always');
    const terminal = fakeContext({ stdin: bad, tty: true, columns: 100 });
    expect(await run(terminal.context, 'lint', '-')).toBe(1);
    expect(terminal.stdout()).toContain(ESC);
    const noColor = fakeContext({ stdin: bad, tty: true, env: { NO_COLOR: 'yes' } });
    expect(await run(noColor.context, 'lint', '-')).toBe(1);
    expect(noColor.stdout()).not.toContain(ESC);
  });
});

describe('live commands get their kube client from the context', () => {
  let server: http.Server;
  let kubeconfig: string;
  const requests: string[] = [];
  const job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'frames', namespace: 'ns1', uid: '0b7c0f3a-5a51-4bb5-9f6f-3ad4b0c0ffee' },
    spec: {
      completions: 400,
      parallelism: 2,
      completionMode: 'Indexed',
      backoffLimit: 6,
      podReplacementPolicy: 'TerminatingOrFailed',
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': '0b7c0f3a-5a51-4bb5-9f6f-3ad4b0c0ffee' } },
      template: {
        metadata: { labels: { 'batch.kubernetes.io/controller-uid': '0b7c0f3a-5a51-4bb5-9f6f-3ad4b0c0ffee' } },
        spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] },
      },
    },
    status: { completedIndexes: '0,2', succeeded: 2, active: 0 },
  };

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      requests.push(request.url ?? '');
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      response.writeHead(200, { 'Content-Type': 'application/json' });
      if (path === '/apis/batch/v1/namespaces/ns1/jobs/frames') response.end(JSON.stringify(job));
      else response.end(JSON.stringify({ apiVersion: 'v1', kind: 'PodList', metadata: {}, items: [] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const dir = mkdtempSync(join(tmpdir(), 'job-x-context-'));
    kubeconfig = join(dir, 'config');
    writeFileSync(
      kubeconfig,
      `current-context: c\ncontexts: [{name: c, context: {cluster: c, user: u, namespace: ns1}}]\nclusters: [{name: c, cluster: {server: "http://127.0.0.1:${port}"}}]\nusers: [{name: u, user: {token: t}}]\n`,
    );
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  // This process has no KUBECONFIG for the server above: only the context's environment names it.
  test.each([
    ['explain', ['explain', 'frames', '-o', 'json'], { name: 'frames', pattern: 'Indexed' }],
    ['index-status', ['index-status', 'frames', '-o', 'json'], { completions: 400 }],
    ['diagnose', ['diagnose', 'frames', '-o', 'json'], { job: { name: 'frames', namespace: 'ns1' } }],
  ])('%s reads KUBECONFIG and JOBX_KUBE_TRACE from the context', async (_name, args, expected) => {
    expect(process.env.KUBECONFIG).not.toBe(kubeconfig);
    const ctx = fakeContext({ env: { KUBECONFIG: kubeconfig, JOBX_KUBE_TRACE: '1', HOME: '/nonexistent' } });
    requests.length = 0;
    expect(await run(ctx.context, ...args)).toBe(0);
    expect(requests[0]).toBe('/apis/batch/v1/namespaces/ns1/jobs/frames');
    expect(ctx.stderr()).toMatch(/^job-x: GET \/apis\/batch\/v1\/namespaces\/ns1\/jobs\/frames 200 in \d+ ms/m);
    expect(JSON.parse(ctx.stdout())).toMatchObject(expected);
  });

  test('index-status fits its grid to the context terminal', async () => {
    const wide = fakeContext({ env: { KUBECONFIG: kubeconfig }, tty: true, columns: 100 });
    expect(await run(wide.context, 'index-status', 'frames', '--color', 'never')).toBe(0);
    const narrow = fakeContext({ env: { KUBECONFIG: kubeconfig }, tty: true, columns: 45 });
    expect(await run(narrow.context, 'index-status', 'frames', '--color', 'never')).toBe(0);
    // The grid's second row starts at the number of cells that fit on one line.
    const secondRow = (text: string) => /^ +(\d+) {2}/m.exec(text.split('\n').slice(9).join('\n'))?.[1];
    expect(secondRow(wide.stdout())).toBe('50');
    expect(secondRow(narrow.stdout())).toBe('30');
  });
});
