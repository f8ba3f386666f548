/**
 * Bundles the CLI into dist/cli and the webhook server into dist/webhook (part of `npm run build`,
 * after tsc). Loading the few hundred
 * modules of job-x, commander, yaml and ajv one by one was most of a short run's start-up time;
 * bin/kubectl-job_x.js loads dist/cli/main.cjs instead, and lint-pool.ts starts
 * dist/cli/lint-worker.cjs for worker threads.
 *
 * - CommonJS, loaded with require(): an ES module graph costs more to load, and importing Node's
 *   built-in modules as ES modules evaluates all their lazy parts.
 * - The yaml and ajv packages are bundled apart (vendor-*.cjs) and loaded only when needed: the
 *   full YAML parser for what the fast reader leaves to it (see edge/yaml-package.ts), ajv
 *   for --policy. Bundled into main.cjs they cost every run a tenth of its start-up.
 * - @kubernetes/client-node (proxies and auth providers only) is vendor-client-node.cjs, loaded
 *   only by the runs that need it.
 * - The webhook (bin/job-x-webhook.js) loads dist/webhook/server.cjs, express included; it reuses
 *   the plugin's policy loader, so it gets its own copies of the vendor bundles next to it.
 * - Whitespace and syntax are minified, names are not (stack traces of internal errors stay
 *   readable; keeping names while mangling them slowed linting down).
 */
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import { BUNDLE_OPTIONS, gitCommit } from './esbuild-options.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist', 'cli');
const WEBHOOK_OUT = join(ROOT, 'dist', 'webhook');
const VENDOR = { yaml: './vendor-yaml.cjs', ajv: './vendor-ajv.cjs' };

const common: BuildOptions = {
  ...BUNDLE_OPTIONS,
  absWorkingDir: ROOT,
  // Source maps only when asked for (`node scripts/build-cli.ts --sourcemap`): the npm package ships none.
  sourcemap: process.argv.includes('--sourcemap'),
  logLevel: 'warning',
  define: { JOBX_COMMIT: JSON.stringify(gitCommit(ROOT)) },
};

// ES module sources: import.meta.url names the bundle file instead.
const esmInCjs: BuildOptions = {
  define: { ...common.define, 'import.meta.url': '__jobxImportMetaUrl' },
  banner: { js: "const __jobxImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  // Imports of the packages become require() of their bundles next to this one.
  alias: VENDOR,
  external: Object.values(VENDOR),
};

const vendorBundles = (outDir: string) =>
  Object.entries(VENDOR).map(([name, file]) =>
    build({
      ...common,
      stdin: { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: ROOT, loader: 'js' },
      outfile: join(outDir, file),
    }),
  );

/**
 * client-node, for proxies and auth-provider plugins only (plugin/kube/load-client-node.ts): names
 * minified too, since the package ships it and few runs load it. The npm package then needs no
 * runtime dependency at all.
 */
const clientNodeBundle = () =>
  build({
    ...common,
    minify: true,
    stdin: { contents: "module.exports = require('@kubernetes/client-node');", resolveDir: ROOT, loader: 'js' },
    outfile: join(OUT, 'vendor-client-node.cjs'),
  });

rmSync(OUT, { recursive: true, force: true });
// dist/webhook also holds tsc's output: remove only the bundle's own files.
for (const file of ['server.cjs', 'server.cjs.map', ...Object.values(VENDOR).flatMap((f) => [f, `${f}.map`])])
  rmSync(join(WEBHOOK_OUT, file), { force: true });
await Promise.all([
  build({
    ...common,
    entryPoints: { main: 'plugin/main.ts', 'lint-worker': 'plugin/lint/lint-worker.ts' },
    outdir: OUT,
    outExtension: { '.js': '.cjs' },
    ...esmInCjs,
  }),
  ...vendorBundles(OUT),
  clientNodeBundle(),
  build({
    ...common,
    entryPoints: { server: 'webhook/main.ts' },
    outdir: WEBHOOK_OUT,
    outExtension: { '.js': '.cjs' },
    ...esmInCjs,
  }),
  ...vendorBundles(WEBHOOK_OUT),
]);
