// `diagnose NAME --save FILE` and `diagnose -f FILE`: a snapshot saved from a (local, fake) API
// server serving a recorded scenario, read back offline; `kubectl get job,pods,events` Lists; and
// the clear errors a file that is no snapshot gets. The commands run in this process through
// main(argv, context).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { stringify } from 'yaml';
import { runJobX, startFakeApiServer, statusBody, type FakeApiServer } from '../../../helpers/fake-api-server.ts';
import { loadSnapshot } from '../../../helpers/snapshot-fixtures.ts';

const recorded = loadSnapshot('backoff-limit-exceeded');
const namespace = recorded.job.metadata.namespace!;
const jobUid = recorded.job.metadata.uid!;
const dir = mkdtempSync(join(tmpdir(), 'job-x-diagnose-file-'));
let server: FakeApiServer;

const run = (args: string[], stdin = '') => runJobX(args, { KUBECONFIG: server.kubeconfig }, stdin);

beforeAll(async () => {
  server = await startFakeApiServer(namespace, (url, send) => {
    if (url.pathname === `/apis/batch/v1/namespaces/${namespace}/jobs/pi`) return send(200, recorded.job);
    if (url.pathname === `/api/v1/namespaces/${namespace}/pods`)
      return send(200, { kind: 'PodList', apiVersion: 'v1', metadata: {}, items: recorded.pods });
    if (url.pathname.endsWith('/log')) return send(200, 'computing\nError: out of digits\n', 'text/plain');
    if (url.pathname === `/api/v1/namespaces/${namespace}/events`) {
      // The two lists the fetch asks for: the Job's Events (by uid), the pods' Warning Events.
      const byUid = url.searchParams.get('fieldSelector') === `involvedObject.uid=${jobUid}`;
      const items = recorded.events.filter((e) =>
        byUid ? e.involvedObject?.uid === jobUid : e.involvedObject?.kind === 'Pod' && e.type === 'Warning',
      );
      return send(200, { kind: 'EventList', apiVersion: 'v1', metadata: {}, items });
    }
    return send(404, statusBody(404, 'NotFound'));
  });
});
afterAll(() => server.close());

describe('diagnose NAME --save FILE, then diagnose -f FILE', () => {
  test.each(['snapshot.json', 'snapshot.yaml'])(
    '%s: the same diagnosis offline, at the time of the fetch',
    async (name) => {
      const file = join(dir, name);
      const live = await run(['diagnose', 'pi', '-o', 'json', '--save', file]);
      expect(live.code).toBe(0);
      const saved = readFileSync(file, 'utf8');
      expect(saved).toContain(name.endsWith('.json') ? '"kind": "Snapshot"' : 'kind: Snapshot');
      const offline = await run(['diagnose', '-f', file, '-o', 'json']);
      expect(offline).toEqual({ code: 0, stdout: live.stdout, stderr: '' });
      // The log tail went into the file too.
      expect(JSON.parse(offline.stdout)).toMatchObject({ logTail: { lines: ['computing', 'Error: out of digits'] } });
    },
  );

  test('--save does not go with -f; cronjob/NAME -f FILE needs a CronJob snapshot', async () => {
    expect((await run(['diagnose', '-f', 'x.json', '--save', 'y.json'])).code).toBe(2);
    const file = join(dir, 'job-only.json');
    expect((await run(['diagnose', 'pi', '--save', file])).code).toBe(0);
    expect(await run(['diagnose', 'cronjob/nightly', '-f', file])).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: ${file} holds the snapshot of a Job, not of cronjob/nightly: leave the name out\n`,
    });
  });
});

describe('diagnose -f with a kubectl List', () => {
  const list = {
    apiVersion: 'v1',
    kind: 'List',
    items: [
      { apiVersion: 'batch/v1', kind: 'Job', ...recorded.job },
      { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'other', uid: 'other-uid', namespace } },
      ...recorded.pods.map((pod) => ({ apiVersion: 'v1', kind: 'Pod', ...pod })),
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'stranger', ownerReferences: [{ controller: true, uid: 'x' }] },
      },
      ...recorded.events.map((event) => ({ apiVersion: 'v1', kind: 'Event', ...event })),
    ],
  };

  test('NAME picks the Job; its own pods and Events are read, from YAML or JSON and from standard input', async () => {
    const yamlFile = join(dir, 'list.yaml');
    writeFileSync(yamlFile, stringify(list));
    const fromYaml = await run(['diagnose', 'pi', '-f', yamlFile, '-o', 'json']);
    expect(fromYaml.code).toBe(0);
    expect(fromYaml.stderr).toMatch(/^note: .*list\.yaml is a List, which records no fetch time/);
    const output = JSON.parse(fromYaml.stdout) as { state: string; attempts: { pod: string }[] };
    expect(output.state).toBe('Failed');
    expect(output.attempts.map((a) => a.pod).sort()).toEqual(recorded.pods.map((p) => p.metadata.name).sort());
    const fromStdin = await run(['diagnose', 'job/pi', '-f', '-', '-o', 'json'], JSON.stringify(list));
    expect(JSON.parse(fromStdin.stdout)).toMatchObject({ state: 'Failed' });
  });

  test('several Jobs and no NAME, or a NAME it does not hold: a usage error naming them', async () => {
    const file = join(dir, 'list.json');
    writeFileSync(file, JSON.stringify(list));
    expect(await run(['diagnose', '-f', file])).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: ${file} holds 2 Jobs: pi, other\nName the one to diagnose: kubectl job-x diagnose NAME -f FILE.\n`,
    });
    expect((await run(['diagnose', 'nope', '-f', file])).stderr).toMatch(
      /holds no Job named "nope" \(its Jobs: pi, other\)/,
    );
  });
});

describe('diagnose -f with what is not a snapshot: exit 2 and one clear line', () => {
  const cases: [string, string, RegExp][] = [
    ['missing.json', '', /^error: cannot read .*missing\.json: no such file\n$/],
    ['broken.json', '{"kind": "Snapshot", ', /^error: .*broken\.json is not valid JSON: /],
    ['broken.yaml', 'kind: [Snapshot\n', /^error: .*broken\.yaml is neither JSON nor valid YAML: /],
    ['other.json', '{"apiVersion": "v1", "kind": "ConfigMap"}', /^error: .*other\.json holds no batch\/v1 Job\n/],
    [
      'future.json',
      '{"apiVersion": "job-x.dev/v9", "kind": "Snapshot"}',
      /^error: .*future\.json: a Snapshot of apiVersion "job-x.dev\/v9"; this job-x reads job-x.dev\/v1alpha1\n$/,
    ],
    [
      'undated.json',
      '{"apiVersion": "job-x.dev/v1alpha1", "kind": "Snapshot", "fetchedAt": {"toString": 1}, "job": {}}',
      /^error: .*undated\.json: fetchedAt must be the RFC 3339 time the snapshot was taken, not \{"toString":1\}\n$/,
    ],
    [
      'jobless.json',
      '{"apiVersion": "job-x.dev/v1alpha1", "kind": "Snapshot", "fetchedAt": "2026-01-01T00:00:00Z", "job": "pi"}',
      /^error: .*jobless\.json: the Snapshot holds no Job \(its job is "pi"\)\n$/,
    ],
    ['deep.json', `${'['.repeat(5000)}${']'.repeat(5000)}`, /^error: .*deep\.json nests deeper than 256 levels/],
    [
      'aliases.yaml',
      `a: &a [x, x, x]\nb: &b [*a, *a, *a, *a]\nc: [${Array(200).fill('*b').join(', ')}]\n`,
      /^error: cannot read .*aliases\.yaml: /,
    ],
  ];
  test.each(cases)('%s', async (name, text, message) => {
    const file = join(dir, name);
    if (text !== '') writeFileSync(file, text);
    const result = await run(['diagnose', '-f', file]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
  });

  test('a Snapshot whose lists hold things that are not objects: read, with a note (escaped) saying what was skipped', async () => {
    const file = join(dir, 'partial\u001b[31m.json');
    writeFileSync(
      file,
      JSON.stringify({
        apiVersion: 'job-x.dev/v1alpha1',
        kind: 'Snapshot',
        fetchedAt: recorded.now,
        job: recorded.job,
        pods: [...recorded.pods, 'pod', 7],
        events: { toString: 'x' },
        logs: [{ pod: 'p', container: 'c', lines: ['a', 1, '\u001b[2Jb'] }],
      }),
    );
    const result = await run(['diagnose', '-f', file, '-o', 'json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      `note: ${dir}/partial\\u001b[31m.json: skipped 2 of 4 pods that are not readable\n` +
        `note: ${dir}/partial\\u001b[31m.json: events is not a list ({"toString":"x"}); read as empty\n`,
    );
    expect(JSON.parse(result.stdout)).toMatchObject({ state: 'Failed', logTail: { lines: ['a', '\u001b[2Jb'] } });
  });
});
