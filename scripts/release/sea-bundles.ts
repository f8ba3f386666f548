/**
 * The bundles inside the single-file executables (scripts/release/release.ts): one CommonJS file
 * per executable, everything included, since an executable's main script can require() Node's
 * own modules only. Same esbuild options as the npm package's bundles (scripts/build-cli.ts), but
 * the yaml and ajv packages are bundled in instead of sitting next to it as vendor-*.cjs, and two
 * modules that find files next to the bundle are swapped for versions that read the executable's
 * assets (scripts/release/sea/): edge/yaml-package.ts and plugin/lint/lint-worker-script.ts.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { BUNDLE_OPTIONS } from '../esbuild-options.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SEA_SOURCES = join(ROOT, 'scripts', 'release', 'sea');

/** Module (path from the root) → its executable's version in scripts/release/sea/. */
const SWAPS: Record<string, string> = {
  'edge/yaml-package.ts': 'yaml-package.ts',
  'plugin/lint/lint-worker-script.ts': 'lint-worker-script.ts',
  'plugin/kube/load-client-node.ts': 'load-client-node.ts',
};

/** Loads the swapped modules' executable versions; records which swaps matched in `seen`. */
const swapModules = (seen: Set<string>): Plugin => ({
  name: 'job-x-sea-swaps',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      const relative = args.path.slice(ROOT.length + 1).replaceAll('\\', '/');
      const swap = SWAPS[relative];
      if (swap === undefined) return undefined;
      seen.add(relative);
      return { contents: readFileSync(join(SEA_SOURCES, swap), 'utf8'), loader: 'ts', resolveDir: SEA_SOURCES };
    });
  },
});

export interface SeaBundles {
  /** The CLI's main script, its assets (the lint worker, client-node) and the webhook's main script. */
  readonly cli: string;
  readonly lintWorker: string;
  readonly clientNode: string;
  readonly webhook: string;
}

/** Builds the three bundles into outDir; `commit` is what `kubectl job-x version` prints. */
export async function buildSeaBundles(outDir: string, commit: string): Promise<SeaBundles> {
  const seen = new Set<string>();
  const options = {
    ...BUNDLE_OPTIONS,
    absWorkingDir: ROOT,
    sourcemap: false,
    logLevel: 'warning' as const,
    define: { JOBX_COMMIT: JSON.stringify(commit), 'import.meta.url': '__jobxImportMetaUrl' },
    banner: { js: "const __jobxImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    plugins: [swapModules(seen)],
  };
  const bundles: SeaBundles = {
    cli: join(outDir, 'kubectl-job_x.cjs'),
    lintWorker: join(outDir, 'lint-worker.cjs'),
    clientNode: join(outDir, 'client-node.cjs'),
    webhook: join(outDir, 'job-x-webhook.cjs'),
  };
  await Promise.all([
    build({ ...options, entryPoints: ['scripts/release/sea/cli-entry.ts'], outfile: bundles.cli }),
    build({ ...options, entryPoints: ['plugin/lint/lint-worker.ts'], outfile: bundles.lintWorker }),
    // Names minified too: an asset is held in memory by every run, used by few (20 MB of peak
    // memory for the 6.5 MB bundle minified as the others are).
    build({
      ...options,
      minify: true,
      stdin: { contents: "module.exports = require('@kubernetes/client-node');", resolveDir: ROOT, loader: 'js' },
      outfile: bundles.clientNode,
    }),
    build({ ...options, entryPoints: ['scripts/release/sea/webhook-entry.ts'], outfile: bundles.webhook }),
  ]);
  // A swap that matched nothing means that a module moved: the executable would look for files.
  const missing = Object.keys(SWAPS).filter((path) => !seen.has(path));
  if (missing.length > 0) throw new Error(`sea-bundles: modules to swap not found: ${missing.join(', ')}`);
  return bundles;
}
