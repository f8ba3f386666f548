// What the commands write to stderr (notes, warnings, errors and their hints) quotes names, files
// and the cluster's words: all of it is escaped like the text outputs, so that a name or a
// server's message cannot start a line of its own (`::error::` in a CI log), recolour the
// terminal or retitle it. The commands run in this process through main(argv, context), against
// a local API server that answers with hostile names and messages.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { runJobX, startFakeApiServer, statusBody, type FakeApiServer } from '../../helpers/fake-api-server.ts';

/** An OSC title change, a bell, a newline that starts a GitHub Actions command, and a colour. */
const EVIL = 'pi\u001b]0;owned\u0007\n::error::injected\u001b[31m';
const EVIL_ESCAPED = 'pi\\u001b]0;owned\\u0007\\n::error::injected\\u001b[31m';
const UID = 'cj-0b7c0f3a';

/** stderr as a terminal or a CI log would take it: no control character but the lines' own ends. */
function expectSafe(stderr: string): void {
  // eslint-disable-next-line no-control-regex -- asserting there are none
  expect(stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  expect(stderr.split('\n').filter((line) => line.startsWith('::'))).toEqual([]);
}

let server: FakeApiServer;
let kubeconfig: string;

beforeAll(async () => {
  const job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: EVIL, namespace: 'ns1', uid: 'job-uid', ownerReferences: [{ controller: true, uid: UID }] },
    spec: { completions: 2, completionMode: 'Indexed', template: { spec: { containers: [{ name: 'c' }] } } },
    status: {},
  };
  server = await startFakeApiServer('ns1', ({ pathname: path }, send) => {
    if (path === '/apis/batch/v1/namespaces/ns1/cronjobs/nightly')
      return send(200, { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly', uid: UID } });
    if (path === '/apis/batch/v1/namespaces/ns1/jobs')
      return send(200, { kind: 'PartialObjectMetadataList', items: [{ metadata: job.metadata }] });
    if (path === `/apis/batch/v1/namespaces/ns1/jobs/${encodeURIComponent(EVIL)}`) return send(200, job);
    if (path === '/apis/batch/v1/namespaces/ns1/jobs/guarded')
      return send(403, statusBody(403, 'Forbidden', `a webhook authorizer said: ${EVIL}`));
    if (path === '/api/v1/namespaces/ns1/events')
      return send(
        403,
        statusBody(
          403,
          'Forbidden',
          `events is forbidden: User "${EVIL}" cannot list resource "events" in API group "" in the namespace "ns1"`,
        ),
      );
    return send(200, { kind: 'List', apiVersion: 'v1', metadata: {}, items: [] });
  });
  kubeconfig = server.kubeconfig;
});
afterAll(() => server.close());

describe('notes and warnings on stderr are escaped', () => {
  test('diagnose cronjob/NAME: the note naming its latest Job, and the warning that Events are forbidden', async () => {
    const { code, stderr } = await runJobX(['diagnose', 'cronjob/nightly'], { KUBECONFIG: kubeconfig });
    expect(code).toBe(0);
    expect(stderr).toContain(`note: cronjob/nightly → its most recent Job, job/${EVIL_ESCAPED}\n`);
    expect(stderr).toContain(`warning: forbidden: user "${EVIL_ESCAPED}" cannot list events`);
    expectSafe(stderr);
  });

  test('index-status cronjob/NAME: the note naming its latest Job', async () => {
    const { code, stderr } = await runJobX(['index-status', 'cronjob/nightly'], { KUBECONFIG: kubeconfig });
    expect(code).toBe(0);
    expect(stderr).toContain(`note: cronjob/nightly: showing its most recent Job, ${EVIL_ESCAPED}\n`);
    expectSafe(stderr);
  });

  test('explain -f: the note on an object it skips', async () => {
    const manifest =
      'apiVersion: batch/v1\nkind: Job\nmetadata: {name: pi}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: pi, image: perl}]\n' +
      `---\napiVersion: v1\nkind: ${JSON.stringify(EVIL)}\nmetadata: {name: ${JSON.stringify(EVIL)}}\n`;
    const { code, stderr } = await runJobX(['explain', '-f', '-'], {}, manifest);
    expect(code).toBe(0);
    expect(stderr).toContain(`note: skipped ${EVIL_ESCAPED} "${EVIL_ESCAPED}" (<stdin>, document 2)`);
    expectSafe(stderr);
  });
});

describe('errors: the message escaped whole, the hint on lines of its own', () => {
  test("a 403 with the server's own words: they stay on the hint's line", async () => {
    const { code, stderr } = await runJobX(['diagnose', 'guarded'], { KUBECONFIG: kubeconfig });
    expect(code).toBe(2);
    expect(stderr).toBe(
      'error: forbidden: you cannot get jobs in namespace "ns1".\n' +
        'Ask a cluster admin for a Role that allows it; check with: kubectl auth can-i get jobs -n ns1\n' +
        `(the API server said: a webhook authorizer said: ${EVIL_ESCAPED})\n`,
    );
  });

  test('a path with a newline in the message does not start a line', async () => {
    const { code, stderr } = await runJobX(['diagnose', 'pi', '--kubeconfig', `/nonexistent/${EVIL}`]);
    expect(code).toBe(2);
    expect(stderr).toBe(`error: cannot read kubeconfig /nonexistent/${EVIL_ESCAPED} (--kubeconfig): no such file\n`);
  });

  test('the hint of job-x itself still has its own line', async () => {
    // KUBECONFIG is a list split at colons: a name without them.
    const { code, stderr } = await runJobX(['diagnose', 'pi'], { KUBECONFIG: '/nonexistent/no\u001b[31m\nconfig' });
    expect(code).toBe(2);
    expect(stderr).toBe(
      `error: no Kubernetes configuration found (looked at /nonexistent/no\\u001b[31m\\nconfig (KUBECONFIG), and not running inside a cluster).\n` +
        'Point --kubeconfig or KUBECONFIG at a kubeconfig file, or choose a context with --context.\n',
    );
  });
});
