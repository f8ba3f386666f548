import { execFileSync } from 'node:child_process';
import type { BuildOptions } from 'esbuild';

/**
 * How the CLI and the webhook are bundled (scripts/build-cli.ts): CommonJS for Node 22+,
 * whitespace and syntax minified, names kept. bench/kube/client-node-cost.ts bundles with the same
 * options, so the sizes it compares are the ones a build would give.
 */
export const BUNDLE_OPTIONS: BuildOptions = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node22',
  minifyWhitespace: true,
  minifySyntax: true,
};

/**
 * The commit the bundles are built from, for `kubectl job-x version` (esbuild `define` of
 * JOBX_COMMIT, edge/version.ts): `-dirty` when tracked files have uncommitted changes, `unknown`
 * outside a git checkout (a build from the npm tarball).
 */
export function gitCommit(root: string): string {
  const git = (...args: string[]): string | undefined => {
    try {
      return execFileSync('git', ['-C', root, ...args], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
    } catch {
      return undefined;
    }
  };
  const head = git('rev-parse', 'HEAD');
  if (head === undefined) return 'unknown';
  return git('status', '--porcelain', '--untracked-files=no') === '' ? head : `${head}-dirty`;
}
