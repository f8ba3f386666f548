// Records what the testbed's kubectl does with each manifest of test/fixtures/kubectl-reading/
// (encodings, Lists, apiVersion and kind spellings, look-alike characters): the exit code and
// the output of `kubectl apply --dry-run=server -f FILE`, into test/fixtures/kubectl-reading.json.
// test/unit/plugin/lint-kubectl-reading.test.ts holds lint to what kubectl did.
//
//   TESTBED_DIR=/work/testbed-shared node scripts/record-kubectl-reading.ts
import { execFile } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { KUBECONFIG, kubectlPath, REPO_ROOT } from '../test/e2e/helpers/cluster.ts';

const DIR = join(REPO_ROOT, 'test', 'fixtures', 'kubectl-reading');
const OUT = join(REPO_ROOT, 'test', 'fixtures', 'kubectl-reading.json');

interface Recorded {
  readonly exitCode: number;
  readonly output: string[];
}

async function record(file: string): Promise<Recorded> {
  const args = ['--kubeconfig', KUBECONFIG, 'apply', '--dry-run=server', '-f', file];
  try {
    const { stdout, stderr } = await promisify(execFile)(kubectlPath(), args, { encoding: 'utf8' });
    return { exitCode: 0, output: lines(stdout + stderr, file) };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { exitCode: code, output: lines(stdout + stderr, file) };
  }
}

const lines = (text: string, file: string): string[] =>
  text
    .replaceAll(file, 'FILE')
    .split('\n')
    .filter((line) => line !== '');

const version = JSON.parse(
  (await promisify(execFile)(kubectlPath(), ['version', '--client', '-o', 'json'], { encoding: 'utf8' })).stdout,
) as { clientVersion: { gitVersion: string } };
const cases: Record<string, Recorded> = {};
for (const name of readdirSync(DIR).sort()) cases[name] = await record(join(DIR, name));
const fixture = {
  kubectl: version.clientVersion.gitVersion,
  command: 'kubectl apply --dry-run=server -f FILE',
  cases,
};
writeFileSync(OUT, `${JSON.stringify(fixture, null, 2)}\n`);
console.log(`recorded ${Object.keys(cases).length} cases into ${OUT}`);
