// The live views against an API server (a local fake, or a proxy in the way) whose answers have
// other shapes than Kubernetes objects: the fetch reads them into the Raw* shapes like a file, so
// diagnose, index-status and explain NAME answer (or fail with a clear error), never crash.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { runJobX, startFakeApiServer, type FakeApiServer } from '../../../helpers/fake-api-server.ts';
import { objectOf } from '../../../helpers/hostile-values.ts';
import { compileSchema, loadSchema } from '../../../helpers/output-schemas.ts';
import { loadSnapshot } from '../../../helpers/snapshot-fixtures.ts';

const recorded = loadSnapshot('indexed-mixed-running');
const namespace = recorded.job.metadata.namespace!;
let server: FakeApiServer;
/** What the fake server answers for the Job, its pods and its Events. */
let answers: { job: unknown; pods: unknown; events: unknown };

const run = (...args: string[]) => runJobX(args, { KUBECONFIG: server.kubeconfig });

beforeAll(async () => {
  server = await startFakeApiServer(namespace, ({ pathname: path }, send) => {
    if (path === `/apis/batch/v1/namespaces/${namespace}/jobs/${recorded.job.metadata.name}`)
      return send(200, answers.job);
    if (path === `/api/v1/namespaces/${namespace}/pods`) return send(200, answers.pods);
    if (path === `/api/v1/namespaces/${namespace}/events`) return send(200, answers.events);
    return send(200, {});
  });
});
afterAll(() => server.close());

describe('answers of other shapes', () => {
  test('items that are not objects, fields of the wrong type, toString-carrying values: read, not crashed on', async () => {
    const job = structuredClone(recorded.job) as unknown as Record<string, Record<string, unknown>>;
    job.status!.failed = '2';
    job.status!.conditions = 'Failed';
    job.metadata!.labels = objectOf([['constructor', objectOf([['toString', 1]])]]);
    answers = {
      job,
      pods: {
        kind: 'PodList',
        // A continue token that is no string must not be sent back as one.
        metadata: { continue: objectOf([['toString', 1]]) },
        items: ['pod', null, { metadata: 'm' }, { metadata: { ownerReferences: { uid: 1 } } }, ...recorded.pods],
      },
      events: { kind: 'EventList', items: [7, { message: objectOf([['toString', 'x']]) }, ...recorded.events] },
    };
    const diagnose = await run('diagnose', recorded.job.metadata.name!, '-o', 'json');
    expect(diagnose.stderr).toBe('');
    expect(diagnose.code).toBe(0);
    const validate = await compileSchema(loadSchema('diagnose-output'));
    expect(validate(JSON.parse(diagnose.stdout))).toBe(true);
    expect(JSON.parse(diagnose.stdout)).toMatchObject({ attempts: expect.arrayContaining([expect.anything()]) });

    const indexStatus = await run('index-status', recorded.job.metadata.name!, '-o', 'json');
    expect({ code: indexStatus.code, stderr: indexStatus.stderr }).toEqual({ code: 0, stderr: '' });
    const explain = await run('explain', recorded.job.metadata.name!, '-o', 'json');
    expect({ code: explain.code, stderr: explain.stderr }).toEqual({ code: 0, stderr: '' });
  });

  test('lists whose items are not a list, and a Job that is not an object: no crash', async () => {
    answers = { job: recorded.job, pods: { items: objectOf([['toString', 1]]) }, events: { items: 'none' } };
    expect((await run('diagnose', recorded.job.metadata.name!, '-o', 'json')).code).toBe(0);
    answers = { job: ['not', 'a', 'job'], pods: {}, events: {} };
    const notAJob = await run('diagnose', recorded.job.metadata.name!);
    expect(notAJob.code).toBe(2);
    expect(notAJob.stderr).toMatch(/^error: the server .* answered 200 to GET .* \(its answer is not an object\)\n$/);
  });
});
