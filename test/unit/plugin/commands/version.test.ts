// `kubectl job-x version`: the design's contract ({version, commit, kubernetes, node}), the
// commit embedded by the build (dist/ is built before the unit tests), the Kubernetes version kept
// in step with the testbed's.
import { expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KUBERNETES_VERSION, VERSION } from '../../../../edge/index.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');
const BIN = join(ROOT, 'bin', 'kubectl-job_x.js');
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, 'version', ...args], { encoding: 'utf8' });

test('the Kubernetes version is the testbed and the rules, and the version is package.json', () => {
  const goMod = readFileSync(join(ROOT, 'test', 'testbed', 'k8s', 'go.mod'), 'utf8');
  expect(/^\s*k8s\.io\/kubernetes v(\S+)/m.exec(goMod)?.[1]).toBe(KUBERNETES_VERSION);
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  expect(VERSION).toBe(pkg.version);
});

test('-o json: version, the git commit the bundle was built from, Kubernetes, Node.js', () => {
  const result = run('-o', 'json');
  expect(result.status).toBe(0);
  const info = JSON.parse(result.stdout) as Record<string, string>;
  expect(Object.keys(info)).toEqual(['version', 'commit', 'kubernetes', 'node']);
  expect(info).toMatchObject({ version: VERSION, kubernetes: KUBERNETES_VERSION, node: process.version });
  expect(info.commit).toMatch(/^[0-9a-f]{40}(-dirty)?$/);
});

test('-o yaml and text say the same', () => {
  const json = JSON.parse(run('-o', 'json').stdout) as Record<string, string>;
  expect(run('-o', 'yaml').stdout).toBe(
    `version: ${json.version}\ncommit: ${json.commit}\nkubernetes: ${json.kubernetes}\nnode: ${json.node}\n`,
  );
  expect(run().stdout).toBe(
    `job-x version: v${json.version}\nGit commit: ${json.commit}\nKubernetes rules mirror: v${json.kubernetes}\nNode.js: ${json.node}\n`,
  );
  expect(run('-o', 'xml').status).toBe(2);
});
