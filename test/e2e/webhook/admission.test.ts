// The job-x webhook in front of the testbed's real API server, with the shipped policy
// (policy/default-policy.json) and the shipped registrations (manifests/base, only clientConfig
// pointed at loopback; see test/testbed/webhook-up.sh). Every assertion is on what the testbed's
// own kubectl prints and its exit code, or on what the API server stored.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { REPO_ROOT } from '../helpers/cluster.ts';
import { deleteNamespace } from '../helpers/namespace.ts';
import { waitFor } from '../helpers/wait.ts';
import {
  createWebhookNamespace,
  newInstanceName,
  startWebhook,
  stopWebhook,
  webhookLogTail,
  type WebhookInstance,
} from './instance.ts';
import { kubectlRun, show, type RunResult } from './run.ts';

// Named before it starts, so that afterAll cleans up even after a failed start.
const instance = newInstanceName('admission');
let webhook: WebhookInstance;
const namespaces: string[] = [];

beforeAll(async () => {
  webhook = await startWebhook(instance);
});

afterAll(async () => {
  await stopWebhook(instance);
  await Promise.all(namespaces.map((ns) => deleteNamespace(ns)));
});

/** A namespace this test file's webhook sees (labelled for its instance) or, with `watched: false`, does not. */
async function namespace(hint: string, watched = true): Promise<string> {
  const ns = await createWebhookNamespace(hint, watched ? webhook.namespaceLabels : {});
  namespaces.push(ns);
  return ns;
}

function job(name: string, spec: Record<string, unknown> = {}, podSpec: Record<string, unknown> = {}) {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: {
      ...spec,
      template: {
        spec: {
          restartPolicy: 'Never',
          containers: [{ name: 'main', image: 'busybox:1.36', command: ['true'] }],
          ...podSpec,
        },
      },
    },
  };
}

/** exit-code-out-of-range is "deny" in the shipped policy: 300 can never be a Linux exit code. */
const OUT_OF_RANGE_POLICY = { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [1, 300] } }] };

function cronJob(name: string, jobSpec: Record<string, unknown> = {}) {
  const { spec } = job('x', jobSpec);
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name },
    spec: { schedule: '*/5 * * * *', jobTemplate: { spec } },
  };
}

/** kubectl with the manifest on stdin; the result keeps stdout, stderr and the exit code. */
function kubectlWith(args: string[], manifest: unknown): Promise<RunResult> {
  return kubectlRun([...args, '-f', '-'], JSON.stringify(manifest));
}

/** `Warning: ` lines of kubectl's stderr, without the prefix. */
function warnings(result: RunResult): string[] {
  return result.stderr
    .split('\n')
    .filter((line) => line.startsWith('Warning: '))
    .map((line) => line.slice('Warning: '.length));
}

/** Everything a failed expectation needs: kubectl's output and the end of the webhook's log. */
function context(result: RunResult): string {
  return `${show(result)}\n${webhookLogTail(webhook.instance)}`;
}

function expectExit(result: RunResult, code: number): void {
  if (result.code !== code) throw new Error(`expected exit ${code}\n${context(result)}`);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- kubectl's JSON, read field by field
async function getJson(ns: string, resource: string): Promise<Record<string, any>> {
  const result = await kubectlRun(['get', '-n', ns, resource, '-o', 'json']);
  expectExit(result, 0);
  return JSON.parse(result.stdout);
}

const TTL_WARNING = '[require-ttl] set spec.ttlSecondsAfterFinished=86400 so the finished Job and its pods are deleted';

describe('job-x webhook on the testbed (shipped policy and registrations)', () => {
  test('the registration is the shipped one: only clientConfig, the names and the isolation label differ', async () => {
    const built = await kubectlRun(['kustomize', join(REPO_ROOT, 'manifests', 'base')]);
    expectExit(built, 0);
    const shipped = parseAllDocuments(built.stdout).map((doc) => doc.toJS() as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any
    const cases = [
      {
        kind: 'ValidatingWebhookConfiguration',
        live: webhook.validatingConfig,
        name: webhook.validatingWebhook,
        path: '/validate',
      },
      {
        kind: 'MutatingWebhookConfiguration',
        live: webhook.mutatingConfig,
        name: webhook.mutatingWebhook,
        path: '/mutate',
      },
    ];
    for (const { kind, live, name, path } of cases) {
      const expected = shipped.find((o) => o.kind === kind)!.webhooks[0];
      const actual = (await getJson('default', `${kind.toLowerCase()}/${live}`)).webhooks;
      expect(actual).toHaveLength(1);
      const { name: _name, clientConfig, namespaceSelector, ...rest } = actual[0];
      for (const [key, value] of Object.entries(expected)) {
        if (key === 'name' || key === 'clientConfig' || key === 'namespaceSelector') continue;
        expect({ [key]: rest[key] }).toEqual({ [key]: value });
      }
      expect(_name).toBe(name);
      expect(clientConfig.url).toBe(`https://127.0.0.1:${webhook.port}${path}`);
      expect(namespaceSelector).toEqual({ ...expected.namespaceSelector, matchLabels: webhook.namespaceLabels });
    }
  });

  test('a Job that breaks a deny rule is refused: kubectl prints the field path, the message and the rule id', async () => {
    const ns = await namespace('deny');

    const result = await kubectlWith(
      ['create', '-n', ns],
      job('bad-exit-code', { podFailurePolicy: OUT_OF_RANGE_POLICY }),
    );

    expectExit(result, 1);
    expect(result.stdout).toBe('');
    // A 422 Invalid with one cause per finding: kubectl prints it like the API server's own
    // validation errors, one line per field.
    expect(result.stderr).toMatch(
      /^The Job "bad-exit-code" is invalid: spec\.podFailurePolicy\.rules\[0\]\.onExitCodes\.values\[1\]: exit code 300 is outside 0-255 and can never match a Linux container\. .+ \(job-x rule exit-code-out-of-range\)$/m,
    );
    const after = await kubectlRun(['get', '-n', ns, 'job', 'bad-exit-code']);
    expect(after.code).toBe(1);
    expect(after.stderr).toContain('NotFound');
  });

  test('a warn-level finding comes back as a kubectl Warning: line and the Job is created', async () => {
    const ns = await namespace('warn');

    const result = await kubectlWith(
      ['create', '-n', ns],
      job('on-failure', { ttlSecondsAfterFinished: 600 }, { restartPolicy: 'OnFailure' }),
    );

    expectExit(result, 0);
    expect(result.stdout.trim()).toBe('job.batch/on-failure created');
    expect(warnings(result)).toEqual([
      '[restart-policy-on-failure] spec.template.spec.restartPolicy: OnFailure loses the logs of failed attempts when the Job fails; prefer Never',
    ]);
    expect((await getJson(ns, 'job/on-failure')).spec.template.spec.restartPolicy).toBe('OnFailure');
  });

  test('a plain Job gets ttlSecondsAfterFinished 86400 from the mutating hook, announced in a warning', async () => {
    const ns = await namespace('ttl');

    const result = await kubectlWith(['create', '-n', ns], job('plain'));

    expectExit(result, 0);
    // The validating hook sees the defaulted object: no require-ttl finding of its own.
    expect(warnings(result)).toEqual([TTL_WARNING]);
    expect((await getJson(ns, 'job/plain')).spec.ttlSecondsAfterFinished).toBe(86400);
  });

  test('a Job that sets its own TTL is left as it is, without warnings', async () => {
    const ns = await namespace('own-ttl');

    const result = await kubectlWith(['create', '-n', ns], job('own-ttl', { ttlSecondsAfterFinished: 120 }));

    expectExit(result, 0);
    expect(result.stderr).toBe('');
    expect((await getJson(ns, 'job/own-ttl')).spec.ttlSecondsAfterFinished).toBe(120);
  });

  test('kubectl apply --dry-run=server (sideEffects None) gives the same denial and the same warnings, and stores nothing', async () => {
    const ns = await namespace('dry-run');

    const denied = await kubectlWith(
      ['apply', '--dry-run=server', '-n', ns],
      job('bad-exit-code', { podFailurePolicy: OUT_OF_RANGE_POLICY }),
    );
    expectExit(denied, 1);
    expect(denied.stderr).toMatch(
      /^The Job "bad-exit-code" is invalid: spec\.podFailurePolicy\.rules\[0\]\.onExitCodes\.values\[1\]: exit code 300 is outside 0-255 .+ \(job-x rule exit-code-out-of-range\)$/m,
    );

    const warned = await kubectlWith(
      ['apply', '--dry-run=server', '-n', ns, '-o', 'json'],
      job('plain', {}, { restartPolicy: 'OnFailure' }),
    );
    expectExit(warned, 0);
    expect(warnings(warned).sort()).toEqual(
      [
        TTL_WARNING,
        '[restart-policy-on-failure] spec.template.spec.restartPolicy: OnFailure loses the logs of failed attempts when the Job fails; prefer Never',
      ].sort(),
    );
    // The dry-run answer is the object as it would be stored: with the default applied.
    expect(JSON.parse(warned.stdout).spec.ttlSecondsAfterFinished).toBe(86400);

    const stored = await kubectlRun(['get', '-n', ns, 'jobs', '-o', 'name']);
    expectExit(stored, 0);
    expect(stored.stdout).toBe('');
  });

  test('a CronJob whose jobTemplate breaks a deny rule is refused at CronJob create, with the jobTemplate path', async () => {
    const ns = await namespace('cronjob-deny');

    const result = await kubectlWith(
      ['create', '-n', ns],
      cronJob('bad-template', { podFailurePolicy: OUT_OF_RANGE_POLICY }),
    );

    expectExit(result, 1);
    expect(result.stderr).toMatch(
      /^The CronJob "bad-template" is invalid: spec\.jobTemplate\.spec\.podFailurePolicy\.rules\[0\]\.onExitCodes\.values\[1\]: exit code 300 is outside 0-255 .+ \(job-x rule exit-code-out-of-range\)$/m,
    );
    const after = await kubectlRun(['get', '-n', ns, 'cronjob', 'bad-template']);
    expect(after.stderr).toContain('NotFound');
  });

  test('an accepted CronJob: a Job created from it (kubectl create job --from) passes the webhook, without a TTL', async () => {
    const ns = await namespace('cronjob-ok');

    const created = await kubectlWith(['create', '-n', ns], cronJob('nightly'));
    expectExit(created, 0);
    expect(created.stderr).toBe('');

    const fromCron = await kubectlRun(['create', 'job', '-n', ns, '--from=cronjob/nightly', 'nightly-manual']);
    expectExit(fromCron, 0);
    expect(fromCron.stdout.trim()).toBe('job.batch/nightly-manual created');
    // Owned by the CronJob, whose history limits clean it up: require-ttl neither warns nor defaults.
    expect(fromCron.stderr).toBe('');
    const stored = await getJson(ns, 'job/nightly-manual');
    expect(stored.metadata.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'CronJob', name: 'nightly', controller: true }),
    ]);
    expect(stored.spec.ttlSecondsAfterFinished).toBeUndefined();
  });

  test('ratchet: an old violating Job can still be labelled and scaled; an update adding a new violation is refused', async () => {
    // Created where the webhook does not look, then the namespace gets the webhook's label: the
    // Job exists with a violation the webhook would deny today.
    const ns = await namespace('ratchet', false);
    const old = await kubectlWith(
      ['create', '-n', ns],
      job('legacy', { suspend: true, podFailurePolicy: OUT_OF_RANGE_POLICY }),
    );
    expectExit(old, 0);
    const labelled = await kubectlRun([
      'label',
      'namespace',
      ns,
      ...Object.entries(webhook.namespaceLabels).map(([k, v]) => `${k}=${v}`),
    ]);
    expectExit(labelled, 0);
    // The API server's namespace informer has to see the new label first: wait until a new
    // violating Job is refused there.
    await waitFor(
      `the webhook to judge namespace ${ns}`,
      async () => {
        const probe = await kubectlWith(
          ['create', '--dry-run=server', '-n', ns],
          job('probe', { podFailurePolicy: OUT_OF_RANGE_POLICY }),
        );
        return probe.code === 1 && probe.stderr.includes('(job-x rule exit-code-out-of-range)') ? true : undefined;
      },
      { timeoutMs: 30_000 },
    );

    const label = await kubectlRun(['label', 'job', '-n', ns, 'legacy', 'team=batch']);
    expectExit(label, 0);
    expect(label.stdout.trim()).toBe('job.batch/legacy labeled');
    expect(label.stderr).toBe('');

    const scale = await kubectlRun([
      'patch',
      'job',
      '-n',
      ns,
      'legacy',
      '--type=merge',
      '-p',
      '{"spec":{"parallelism":2}}',
    ]);
    expectExit(scale, 0);
    expect(scale.stdout.trim()).toBe('job.batch/legacy patched');

    const worse = await kubectlRun([
      'patch',
      'job',
      '-n',
      ns,
      'legacy',
      '--type=merge',
      '-p',
      '{"spec":{"activeDeadlineSeconds":0}}',
    ]);
    expectExit(worse, 1);
    expect(worse.stderr).toMatch(
      /^The Job "legacy" is invalid: spec\.activeDeadlineSeconds: a deadline of 0 seconds fails the Job .+ \(job-x rule active-deadline-zero\)$/m,
    );
    // The old finding is not reported again.
    expect(worse.stderr).not.toContain('exit-code-out-of-range');

    const stored = await getJson(ns, 'job/legacy');
    expect(stored.metadata.labels.team).toBe('batch');
    expect(stored.spec.parallelism).toBe(2);
    expect(stored.spec.activeDeadlineSeconds).toBeUndefined();
  });

  test('namespaces without the instance label are not sent to the webhook (the isolation these tests rely on)', async () => {
    const ns = await namespace('unwatched', false);

    const result = await kubectlWith(
      ['create', '--dry-run=server', '-n', ns],
      job('bad-exit-code', { podFailurePolicy: OUT_OF_RANGE_POLICY }),
    );

    expectExit(result, 0);
    expect(result.stderr).toBe('');
  });
});
