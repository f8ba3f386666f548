import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { manifestOf } from '../helpers/corpus.ts';
import { loadPodLevelCorpus, podLevelErrors } from '../helpers/pod-level-validation.ts';
import { KUBECONFIG } from './helpers/cluster.ts';
import { dryRunCreate } from './conformance/dry-run-create.ts';

/**
 * The pod-level corpus against the testbed's real kube-apiserver: the case's expected causes are
 * exactly the server's (path, type) set, and the ported pod-level validators give that set too.
 * (Lint's own verdict on these cases, part of test/corpus/create, is checked by conformance.test.ts;
 * this test adds the messages of the ported validators.)
 */
const NAMESPACE = `pod-level-${process.pid}`;
const corpus = loadPodLevelCorpus();
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

const key = (path: string, type: string): string => `${path} ${type}`;

describe('the pod-level corpus describes the real API server, and the ported validators agree', () => {
  test.each(corpus.map((c) => [`${c.file}: ${c.name}`, c] as const))('%s', async (_, c) => {
    const answer = await dryRunCreate(kubeconfig, NAMESPACE, manifestOf(c));
    const server = [...new Set(answer.causes.map((x) => key(x.field, x.type)))].sort();
    const context = `server ${answer.status}: ${answer.message}`;
    expect({ server, context }).toEqual({
      server: [...new Set(c.errors.map((e) => key(e.path, e.type)))].sort(),
      context,
    });
    expect(answer.status >= 300).toBe(c.errors.length > 0);
    const errors = podLevelErrors(c);
    const ported = [...new Set(errors.map((e) => key(e.path, e.type)))].sort();
    expect({ ported, context }).toEqual({ ported: server, context });
    // Messages too: every ported error appears in the server's answer as `path: message`.
    const missing = errors.map((e) => `${e.path}: ${e.message}`).filter((text) => !answer.message.includes(text));
    expect({ missing, context }).toEqual({ missing: [], context });
  });
});
