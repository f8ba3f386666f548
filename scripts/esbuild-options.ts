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
