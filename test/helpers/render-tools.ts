import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The real renderers lint --render runs: helm built by test/tools/helm/build.sh, and the kubectl of
// the testbed (test/testbed/build.sh), both cached outside the repo after their first build. A
// test gives the CLI a PATH holding only the tools it wants, so that "not on PATH" is testable too.

const TOOLS = join(import.meta.dirname, '..', 'tools');
const TESTBED = join(import.meta.dirname, '..', 'testbed');

/** A cold build of helm takes about 5 minutes (modules downloaded); kubectl with the testbed's binaries, about 12. */
export const TOOL_BUILD_TIMEOUT_MS = 1_500_000;

let helm: string | undefined;
let kubectl: string | undefined;

/** The helm binary, built when the cache lacks it: call it in a beforeAll. */
export function helmBinary(): string {
  helm ??= execFileSync('bash', [join(TOOLS, 'helm', 'build.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
  return helm;
}

/** The testbed's kubectl (built with the control plane when missing): call it in a beforeAll. */
export function kubectlBinary(): string {
  if (kubectl !== undefined) return kubectl;
  const env = execFileSync('bash', [join(TESTBED, 'build.sh'), '--env'], { encoding: 'utf8' });
  const folder = /^K8S_BIN=(.*)$/m.exec(env)?.[1]?.replace(/^'(.*)'$/, '$1');
  if (folder === undefined) throw new Error(`test/testbed/build.sh --env gave no K8S_BIN:\n${env}`);
  const path = join(folder, 'kubectl');
  if (!existsSync(path)) execFileSync('bash', [join(TESTBED, 'build.sh')], { stdio: ['ignore', 'ignore', 'inherit'] });
  kubectl = path;
  return kubectl;
}

/** A folder for PATH that holds links to these executables only, by their names. */
export function pathWith(tools: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'job-x-path-'));
  for (const [name, target] of Object.entries(tools)) symlinkSync(target, join(dir, name));
  return dir;
}
