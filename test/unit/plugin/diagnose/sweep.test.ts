// The sweep (`diagnose -n NS` / `-A` without a name) on the scenarios recorded on the testbed:
// which Jobs it keeps, its text, and the command against a fake API server serving them all
// (four list calls whatever the number of Jobs; -o json an array of diagnose outputs).
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { diagnose } from '../../../../plugin/diagnose/diagnose.ts';
import { sweep } from '../../../../plugin/diagnose/sweep.ts';
import { createColors } from '../../../../plugin/format/colors.ts';
import { formatSweepText } from '../../../../plugin/format/format-sweep-text.ts';
import { runJobX, startFakeApiServer, statusBody, type FakeApiServer } from '../../../helpers/fake-api-server.ts';
import { compileSchema, loadSchema } from '../../../helpers/output-schemas.ts';
import { loadSnapshot, snapshotScenarios } from '../../../helpers/snapshot-fixtures.ts';

const snapshots = snapshotScenarios().map((scenario) => ({ scenario, snapshot: loadSnapshot(scenario) }));

describe('which Jobs the sweep keeps', () => {
  test('Failed, Failing and Stuck Jobs, and those with counted failures; never a clean Complete or a suspended one', () => {
    const kept = new Set(sweep(snapshots.map((s) => s.snapshot)).map((o) => o.job.namespace));
    for (const { scenario, snapshot } of snapshots) {
      const output = diagnose(snapshot);
      const troubled = ['Failed', 'Failing', 'Stuck'].includes(output.state) || output.progress.failed > 0;
      expect([scenario, kept.has(snapshot.job.metadata.namespace!)]).toEqual([scenario, troubled]);
    }
    // Named cases, so that a sweep keeping nothing (or everything) cannot pass.
    const namespaceOf = (scenario: string) =>
      snapshots.find((s) => s.scenario === scenario)!.snapshot.job.metadata.namespace!;
    for (const scenario of ['backoff-limit-exceeded', 'unschedulable', 'image-pull-error', 'oom-failjob'])
      expect([scenario, kept.has(namespaceOf(scenario))]).toEqual([scenario, true]);
    for (const scenario of ['complete', 'suspended', 'ttl-finished'])
      expect([scenario, kept.has(namespaceOf(scenario))]).toEqual([scenario, false]);
  });

  test('--state picks the states asked for', () => {
    const complete = sweep(
      snapshots.map((s) => s.snapshot),
      new Set(['Complete']),
    );
    expect(complete.length).toBeGreaterThan(0);
    expect(complete.every((o) => o.state === 'Complete')).toBe(true);
  });

  test('text: a row per Job (namespace, name, state, reason, age, cause)', () => {
    const outputs = sweep(snapshots.map((s) => s.snapshot));
    expect(formatSweepText(outputs, snapshots.length, createColors(false), 160)).toMatchSnapshot();
  });
});

describe('diagnose -A / -n without a name, against a fake API server', () => {
  let server: FakeApiServer;
  const requests: URL[] = [];
  const all = snapshots.map((s) => s.snapshot);
  const list = (kind: string, items: unknown[]) => ({ kind: `${kind}List`, apiVersion: 'v1', metadata: {}, items });
  const inScope = <T extends { metadata?: { namespace?: string } }>(items: T[], namespace: string | undefined) =>
    namespace ? items.filter((i) => i.metadata?.namespace === namespace) : items;

  beforeAll(async () => {
    server = await startFakeApiServer('default', (url, send) => {
      requests.push(url);
      const match = /^\/apis?\/(?:batch\/)?v1\/(?:namespaces\/([^/]+)\/)?(jobs|pods|events)$/.exec(url.pathname);
      if (!match) return send(404, statusBody(404, 'NotFound'));
      const [, namespace, plural] = match;
      if (plural === 'jobs')
        return send(
          200,
          list(
            'Job',
            inScope(
              all.map((s) => s.job),
              namespace,
            ),
          ),
        );
      if (plural === 'pods')
        return send(
          200,
          list(
            'Pod',
            inScope(
              all.flatMap((s) => s.pods),
              namespace,
            ),
          ),
        );
      const selector = url.searchParams.get('fieldSelector') ?? '';
      const events = inScope(
        all.flatMap((s) => s.events),
        namespace,
      ).filter((e) =>
        selector === 'involvedObject.kind=Job'
          ? e.involvedObject?.kind === 'Job'
          : e.involvedObject?.kind === 'Pod' && e.type === 'Warning',
      );
      return send(200, list('Event', events));
    });
  });
  afterAll(() => server.close());
  const run = (...args: string[]) => runJobX(args, { KUBECONFIG: server.kubeconfig });

  test('-A -o json: an array of diagnose outputs, the same states as diagnose NAME, from four list calls', async () => {
    requests.length = 0;
    const result = await run('diagnose', '-A', '-o', 'json');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const outputs = JSON.parse(result.stdout) as {
      job: { namespace: string; name: string };
      state: string;
      reason: string | null;
    }[];
    const validate = await compileSchema(loadSchema('diagnose-output'));
    for (const output of outputs) expect(validate(output)).toBe(true);
    const expected = sweep(all).map((o) => [o.job.namespace, o.job.name, o.state, o.reason]);
    expect(outputs.map((o) => [o.job.namespace, o.job.name, o.state, o.reason])).toEqual(expected);
    expect(requests.map((u) => u.pathname).sort()).toEqual([
      '/api/v1/events',
      '/api/v1/events',
      '/api/v1/pods',
      '/apis/batch/v1/jobs',
    ]);
  });

  test('-n NAMESPACE: that namespace only; a clean one says so', async () => {
    requests.length = 0;
    const failed = await run('diagnose', '-n', 'fixture-backoff-limit-exceeded');
    expect(failed.code).toBe(0);
    expect(failed.stdout).toMatch(
      /^NAMESPACE +NAME +STATE +REASON +AGE +CAUSE\nfixture-backoff-limit-exceeded +\S+ +Failed +BackoffLimitExceeded /,
    );
    expect(requests.every((u) => u.pathname.includes('/namespaces/fixture-backoff-limit-exceeded/'))).toBe(true);
    const clean = await run('diagnose', '-n', 'fixture-complete');
    expect(clean).toMatchObject({ code: 0, stdout: '✔ no Job failed, failing or stuck (1 Job looked at)\n' });
  });

  test('--state: other states; a wrong one is a usage error; without -n/-A it needs a NAME', async () => {
    const complete = JSON.parse((await run('diagnose', '-A', '--state', 'complete', '-o', 'json')).stdout) as {
      state: string;
    }[];
    expect(complete.length).toBeGreaterThan(0);
    expect(new Set(complete.map((o) => o.state))).toEqual(new Set(['Complete']));
    expect(await run('diagnose', '-A', '--state', 'Broken')).toMatchObject({ code: 2 });
    expect((await run('diagnose', '--state', 'Failed')).stderr).toMatch(/--state chooses the Jobs of a sweep/);
  });
});
