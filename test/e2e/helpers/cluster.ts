// Access to the testbed (test/testbed/README.md) for end-to-end tests and fixture recording.
// Plain TypeScript, no Jest: scripts/record-fixtures.ts uses it too.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BatchV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';

export const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
export const TESTBED_DIR = process.env.TESTBED_DIR ?? join(REPO_ROOT, '.testbed');
export const KUBECONFIG = join(TESTBED_DIR, 'kubeconfig');

export interface Cluster {
  kubeConfig: KubeConfig;
  core: CoreV1Api;
  batch: BatchV1Api;
}

let cached: Cluster | undefined;

export function cluster(): Cluster {
  if (cached) return cached;
  if (!existsSync(KUBECONFIG)) {
    throw new Error(`no testbed kubeconfig at ${KUBECONFIG}: start it with npm run testbed:up`);
  }
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(KUBECONFIG);
  cached = { kubeConfig, core: kubeConfig.makeApiClient(CoreV1Api), batch: kubeConfig.makeApiClient(BatchV1Api) };
  return cached;
}

let kubectlBinary: string | undefined;

/** The kubectl built with the testbed (same version as the API server), not the one on PATH. */
export function kubectlPath(): string {
  if (kubectlBinary) return kubectlBinary;
  const env = execFileSync('bash', [join(REPO_ROOT, 'test', 'testbed', 'build.sh'), '--env'], { encoding: 'utf8' });
  const bin = /^K8S_BIN=(.*)$/m.exec(env)?.[1]?.replace(/^'(.*)'$/, '$1');
  if (!bin) throw new Error(`build.sh --env did not print K8S_BIN:\n${env}`);
  kubectlBinary = join(bin, 'kubectl');
  return kubectlBinary;
}

/** Runs the testbed's kubectl against the testbed; resolves to stdout. */
export async function kubectl(args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(kubectlPath(), ['--kubeconfig', KUBECONFIG, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}
