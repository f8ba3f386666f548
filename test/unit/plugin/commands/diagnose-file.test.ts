// `diagnose NAME --save FILE` and `diagnose -f FILE`: a snapshot saved from a (local, fake) API
// server serving a recorded scenario, read back offline; `kubectl get job,pods,events` Lists; and
// the clear errors a file that is no snapshot gets. The commands run in this process through
// main(argv, context).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { parse, stringify } from 'yaml';
import { runJobX, startFakeApiServer, statusBody, type FakeApiServer } from '../../../helpers/fake-api-server.ts';
import { loadSnapshot } from '../../../helpers/snapshot-fixtures.ts';

const recorded = loadSnapshot('backoff-limit-exceeded');
const namespace = recorded.job.metadata.namespace!;
const jobUid = recorded.job.metadata.uid!;
const dir = mkdtempSync(join(tmpdir(), 'job-x-diagnose-file-'));
let server: FakeApiServer;

/** A diagnosis without recreate.command (which names the cluster's Job or the -f file). */
function withoutRecreateCommand(json: string): unknown {
  const output = JSON.parse(json);
  if (output.recreate) delete output.recreate.command;
  return output;
}

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
      expect(offline).toMatchObject({ code: 0, stderr: '' });
      // The same, but the re-create command reads the file, not the cluster the Job may be gone from.
      expect(JSON.parse(offline.stdout).recreate.command).toBe(
        `kubectl job-x diagnose -f ${file} --recreate-manifest | kubectl create -f -`,
      );
      expect(withoutRecreateCommand(offline.stdout)).toEqual(withoutRecreateCommand(live.stdout));
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

describe('diagnose NAME --logs N', () => {
  test('the tails of the last N failed attempts, saved with --save and shown again by -f', async () => {
    const file = join(dir, 'logs.json');
    const live = await run(['diagnose', 'pi', '-o', 'json', '--logs', '3', '--save', file]);
    expect(live.code).toBe(0);
    const output = JSON.parse(live.stdout);
    // The recording has two failed pods: both tails, most recent first.
    expect(output.logTails.map((t: { pod: string }) => t.pod)).toEqual(['pi-hlvbr', 'pi-26lv8']);
    expect(output.logTails[1]).toEqual({
      pod: 'pi-26lv8',
      container: 'pi',
      previous: false,
      finishedAt: '2026-11-23T16:05:35Z',
      lines: ['computing', 'Error: out of digits'],
    });
    expect(output.logTail).toEqual({ pod: 'pi-hlvbr', container: 'pi', lines: ['computing', 'Error: out of digits'] });
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved.logs.map((t: { pod: string }) => t.pod)).toEqual(['pi-hlvbr', 'pi-26lv8']);
    const offline = await run(['diagnose', '-f', file, '-o', 'json']);
    expect(offline).toMatchObject({ code: 0, stderr: '' });
    expect(withoutRecreateCommand(offline.stdout)).toEqual(withoutRecreateCommand(live.stdout));
    // --logs 1 with -f: the most recent tail only.
    const one = JSON.parse((await run(['diagnose', '-f', file, '-o', 'json', '--logs', '1'])).stdout);
    expect(one.logTails.map((t: { pod: string }) => t.pod)).toEqual(['pi-hlvbr']);
    const text = (await run(['diagnose', '-f', file, '--color', 'never'])).stdout;
    expect(text).toContain('Last log lines of the last 2 failed runs');
    expect(text).toMatch(/\n {2}pod pi-26lv8, container pi, failed \S+ ago\n {2}│ computing\n/);
  });

  test('by default one tail, as before', async () => {
    const output = JSON.parse((await run(['diagnose', 'pi', '-o', 'json'])).stdout);
    expect(output.logTails.map((t: { pod: string }) => t.pod)).toEqual(['pi-hlvbr']);
  });

  test('more than 50, or with the sweep: a usage error', async () => {
    const many = await run(['diagnose', 'pi', '--logs', '51']);
    expect(many.code).toBe(2);
    expect(many.stderr).toMatch(/^error: --logs 51: at most 50 log tails/);
    const sweep = await run(['diagnose', '-n', namespace, '--logs', '2']);
    expect(sweep.code).toBe(2);
    expect(sweep.stderr).toMatch(/^error: --logs N reads the logs of one Job/);
    expect((await run(['diagnose', 'pi', '--logs', 'two'])).code).toBe(2);
  });
});

describe('diagnose NAME --recreate-manifest', () => {
  test('only the manifest, as YAML for kubectl create -f -, or as JSON with -o json', async () => {
    const yaml = await run(['diagnose', 'pi', '--recreate-manifest']);
    expect(yaml).toMatchObject({ code: 0, stderr: '' });
    const manifest = parse(yaml.stdout);
    expect(manifest).toMatchObject({ apiVersion: 'batch/v1', kind: 'Job', metadata: { generateName: 'pi-rerun-' } });
    expect(manifest.status).toBeUndefined();
    expect(manifest.metadata.uid).toBeUndefined();
    // The suggested FailJob rule on exit 1 is applied.
    expect(manifest.spec.podFailurePolicy.rules[0]).toMatchObject({ action: 'FailJob', onExitCodes: { values: [1] } });
    const json = await run(['diagnose', 'pi', '--recreate-manifest', '-o', 'json']);
    expect(JSON.parse(json.stdout)).toEqual(manifest);
    const diagnosis = JSON.parse((await run(['diagnose', 'pi', '-o', 'json'])).stdout);
    expect(diagnosis.recreate.manifest).toEqual(manifest);
  });

  test('from a file; a Job that needs no new one, and the sweep, are usage errors', async () => {
    const complete = loadSnapshot('complete');
    const file = join(dir, 'complete.json');
    writeFileSync(
      file,
      JSON.stringify({
        apiVersion: 'job-x.dev/v1alpha1',
        kind: 'Snapshot',
        fetchedAt: complete.now,
        ...complete,
        logs: [],
      }),
    );
    const result = await run(['diagnose', '-f', file, '--recreate-manifest']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: job\/pi is Complete and needs no new Job/);
    const saved = join(dir, 'failed.json');
    await run(['diagnose', 'pi', '--save', saved]);
    const offline = await run(['diagnose', '-f', saved, '--recreate-manifest']);
    expect(offline.code).toBe(0);
    expect(parse(offline.stdout)).toMatchObject({ kind: 'Job', metadata: { generateName: 'pi-rerun-' } });
    const sweep = await run(['diagnose', '-n', namespace, '--recreate-manifest']);
    expect(sweep.code).toBe(2);
    expect(sweep.stderr).toMatch(/^error: --recreate-manifest re-creates one Job/);
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
