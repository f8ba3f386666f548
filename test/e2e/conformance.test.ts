import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { evaluate, isApiServerRejection, resolvePolicy, RULES, toJobView } from '../../policy/index.ts';
import { loadCorpus, manifestOf } from '../helpers/corpus.ts';
import { KUBECONFIG } from './helpers/cluster.ts';
import { dryRunCreate } from './conformance/dry-run-create.ts';

/**
 * Lint conformance: every create-time case of the corpus goes to the testbed's real
 * kube-apiserver with server-side dry run. The test fails where lint's verdict (rejected or not)
 * differs from the server's, or where a path the server rejects is not among lint's apiserver
 * errors. The corpus expectations are checked against the server too, so they cannot rot.
 */
const NAMESPACE = `conformance-${process.pid}`;
const policy = resolvePolicy(RULES, undefined);
const corpus = loadCorpus();
const kubeconfig = new KubeConfig();

beforeAll(async () => {
  kubeconfig.loadFromString(readFileSync(KUBECONFIG, 'utf8'));
  await kubeconfig.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: NAMESPACE } } });
});

afterAll(async () => {
  await kubeconfig
    .makeApiClient(CoreV1Api)
    .deleteNamespace({ name: NAMESPACE })
    .catch(() => undefined);
});

describe('lint agrees with the real API server on every corpus case', () => {
  test.each(corpus.map((c) => [`${c.file}: ${c.name}`, c] as const))('%s', async (_, c) => {
    const manifest = manifestOf(c);
    const answer = await dryRunCreate(kubeconfig, NAMESPACE, manifest);
    const lintErrors = evaluate(toJobView(manifest), policy, 'lint').filter(isApiServerRejection);
    const serverRejects = answer.status >= 300;
    const context = `server ${answer.status}: ${answer.message}\nlint: ${lintErrors.map((f) => `${f.path} ${f.type ?? ''} ${f.ruleId}`).join('; ') || '(accepts)'}`;

    expect({ serverRejects, context }).toEqual({ serverRejects: lintErrors.length > 0, context });
    const lintPaths = new Set(lintErrors.map((f) => f.path));
    for (const cause of answer.causes)
      expect({ missing: cause.field, context, present: lintPaths.has(cause.field) }).toEqual({
        missing: cause.field,
        context,
        present: true,
      });

    // The corpus itself must still describe the server exactly.
    if (c.refused) {
      expect([400, 404]).toContain(answer.status);
      if (c.refused.message !== undefined) expect(answer.message).toContain(c.refused.message);
    } else {
      const key = (p: string, t: string) => `${p} ${t}`;
      expect([...new Set(answer.causes.map((x) => key(x.field, x.type)))].sort()).toEqual(
        [...new Set(c.errors.map((e) => key(e.path, e.type)))].sort(),
      );
      for (const warning of c.warnings ?? []) expect(answer.warnings.join('\n')).toContain(warning);
    }
    // The pod template's port keeps the server's messages too: each of lint's errors appears in
    // the server's answer as `path: message`.
    if (c.file.startsWith('pod-template-') && answer.status === 422) {
      const missing = lintErrors.map((f) => `${f.path}: ${f.message}`).filter((text) => !answer.message.includes(text));
      expect({ missing, context }).toEqual({ missing: [], context });
    }
  });
});
