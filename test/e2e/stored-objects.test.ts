// Lint of an object exported from the cluster (`kubectl get job pi -o yaml | kubectl job-x lint -`)
// against what `kubectl create -f` of that exported file really does on the testbed: the API server
// rejects it exactly where lint says (a stored selector without manualSelector), and accepts the
// copy lint passes, including the one made as lint's message advises.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { PLACEHOLDER_UID } from '../../kubernetes/index.ts';
import { kubectl } from './helpers/cluster.ts';
import { jobX } from './helpers/job-x-cli.ts';
import { createNamespace, deleteNamespace } from './helpers/namespace.ts';
import {
  createOriginal,
  exportStored,
  manifestFile,
  STORED_ORIGINALS,
  withoutGeneratedSelector,
  type StoredOriginal,
} from './helpers/stored-objects.ts';
import { waitFor } from './helpers/wait.ts';

let ns: string;

beforeEach(async () => {
  ns = await createNamespace('stored-copy');
});

afterEach(async () => {
  await deleteNamespace(ns);
});

interface LintFinding {
  ruleId: string;
  severity: string;
  origin: string;
  path: string;
  message: string;
}

/** lint -o json of one text on standard input: the paths of its API server errors, and all messages. */
async function lintStdin(text: string): Promise<{ code: number; rejected: string[]; messages: string[] }> {
  const r = await jobX(['lint', '-o', 'json', '-'], { input: text, kubeconfig: null });
  expect(r.stderr).toBe('');
  const findings = (JSON.parse(r.stdout) as { results: { findings: LintFinding[] }[] }).results.flatMap(
    (x) => x.findings,
  );
  return {
    code: r.code,
    rejected: findings
      .filter((f) => f.origin === 'apiserver' && f.severity === 'error')
      .map((f) => f.path)
      .sort(),
    messages: findings.map((f) => f.message),
  };
}

/** `kubectl create -f FILE`: the paths of the causes it printed on failure, [] on success. */
async function kubectlCreate(text: string): Promise<{ created: boolean; causes: string[]; output: string }> {
  try {
    const output = await kubectl(['create', '-f', manifestFile('copy.yaml', text)]);
    return { created: true, causes: [], output };
  } catch (error) {
    const output = String((error as { stderr?: unknown }).stderr ?? error);
    const causes = [...output.matchAll(/^\* ([^:]+): /gm)].map((m) => m[1]!).sort();
    return { created: false, causes, output };
  }
}

/** Deletes the original and waits until it is gone, so the copy can take its name. */
async function deleteOriginal(original: StoredOriginal): Promise<void> {
  await kubectl(['delete', original.kind, original.name, '-n', ns, '--wait=true']);
  await waitFor(`${original.kind} ${original.name} gone`, async () => {
    const left = await kubectl(['get', original.kind, '-n', ns, '-o', 'name']);
    return left.includes(`/${original.name}\n`) ? undefined : true;
  });
}

describe('kubectl create -f of an exported object does what lint says', () => {
  test.each(STORED_ORIGINALS.map((o) => [o.id, o] as const))('%s', async (_, original) => {
    await createOriginal(ns, original);
    const exported = await exportStored(ns, original);
    const lint = await lintStdin(exported);
    for (const message of lint.messages) expect(message).not.toContain(PLACEHOLDER_UID);

    await deleteOriginal(original);
    const created = await kubectlCreate(exported);
    const context = `kubectl create: ${created.output}\nlint: ${lint.rejected.join(', ') || '(accepts)'}`;
    expect({ created: created.created, context }).toEqual({ created: lint.rejected.length === 0, context });
    expect({ causes: created.causes, context }).toEqual({ causes: lint.rejected, context });
    if (created.created) return;

    // The copy lint's message asks for: accepted by lint, created by the API server.
    const fixed = withoutGeneratedSelector(exported);
    expect((await lintStdin(fixed)).rejected).toEqual([]);
    const createdFixed = await kubectlCreate(fixed);
    expect({ created: createdFixed.created, output: createdFixed.output }).toEqual({
      created: true,
      output: expect.stringContaining('created') as unknown as string,
    });
  });
});
