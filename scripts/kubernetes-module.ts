/**
 * Where the sources of the pinned Kubernetes are: its version (the testbed's go.mod pins it) and
 * the k8s.io/kubernetes module in the Go module cache (downloaded from the Go module proxy when
 * missing), which holds the OpenAPI document (api/openapi-spec/swagger.json).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO_ROOT = join(import.meta.dirname, '..');
/** The testbed's Go module: it requires k8s.io/kubernetes and its staging modules at one version. */
export const TESTBED_MODULE = join(REPO_ROOT, 'test', 'testbed', 'k8s');

export function goBinary(): string {
  return spawnSync('go', ['version'], { encoding: 'utf8' }).status === 0 ? 'go' : '/usr/local/go/bin/go';
}

/** Go's environment for reproducible runs: this toolchain, no caller's GOFLAGS. */
export function goEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-buildvcs=false' };
}

/** The pinned k8s.io/kubernetes version (`v1.36.4`). */
export function kubernetesVersion(): string {
  const goMod = readFileSync(join(TESTBED_MODULE, 'go.mod'), 'utf8');
  const match = /^\s*(?:require\s+)?k8s\.io\/kubernetes\s+(v\S+)/m.exec(goMod);
  if (!match?.[1]) throw new Error('cannot find the k8s.io/kubernetes version in test/testbed/k8s/go.mod');
  return match[1];
}

/** The OpenAPI v2 document of the pinned release, from the Go module cache. */
export function swaggerPath(version: string): string {
  const info = JSON.parse(
    execFileSync(goBinary(), ['mod', 'download', '-json', `k8s.io/kubernetes@${version}`], {
      cwd: tmpdir(),
      env: goEnv(),
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    }),
  ) as { Dir?: string; Error?: string };
  if (!info.Dir) throw new Error(`go mod download k8s.io/kubernetes@${version}: ${info.Error ?? 'no Dir'}`);
  return join(info.Dir, 'api', 'openapi-spec', 'swagger.json');
}
