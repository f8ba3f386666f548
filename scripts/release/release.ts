/**
 * `npm run release`: the single-file executables, their archives, sha256sums.txt and the krew
 * manifest (design.md, "releases"):
 *
 *   dist/release/kubectl-job_x_<version>_<os>_<arch>.tar.gz (.zip on windows): the plugin, its
 *     completion helper kubectl_complete-job_x and LICENSE;
 *   dist/release/job-x-webhook_<version>_linux_<arch>.tar.gz: the webhook (it runs on Linux);
 *   dist/release/sha256sums.txt, and plugins/job-x.yaml for krew.
 *
 * Reproducible: the archives' bytes depend on the commit only (the commit's time stamps every
 * entry; see archive.ts). Options: --only linux/amd64 (repeatable) builds those platforms alone;
 * --no-code-cache leaves the V8 code cache out (to measure what it gives); --no-webhook builds the
 * plugin alone (the release test).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { tarGz, zip, type ArchiveEntry } from './archive.ts';
import { completionHelper } from './completion-helper.ts';
import { krewManifest } from './krew-manifest.ts';
import { blobWriter, runtimeBinary, TARGETS, type Platform } from './node-runtimes.ts';
import { buildSeaBundles } from './sea-bundles.ts';
import { makeExecutable, writeBlob } from './single-executable.ts';
import { gitCommit } from '../esbuild-options.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(ROOT, 'dist', 'release');
const WORK = join(ROOT, 'dist', 'release-work');
const WEBHOOK_PLATFORMS: readonly Platform[] = ['linux/amd64', 'linux/arm64'];
const log = (line: string): void => void process.stderr.write(`${line}\n`);

const { values } = parseArgs({
  options: {
    only: { type: 'string', multiple: true },
    'no-code-cache': { type: 'boolean', default: false },
    'no-webhook': { type: 'boolean', default: false },
  },
});
const platforms = (Object.keys(TARGETS) as Platform[]).filter((p) => !values.only || values.only.includes(p));
const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const commit = gitCommit(ROOT);
const mtime = Number(
  process.env.SOURCE_DATE_EPOCH ?? execFileSync('git', ['-C', ROOT, 'log', '-1', '--format=%ct'], { encoding: 'utf8' }),
);
const license = readFileSync(join(ROOT, 'LICENSE'));

rmSync(OUT, { recursive: true, force: true });
rmSync(WORK, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
mkdirSync(WORK, { recursive: true });

log(`release: bundling job-x ${version} (${commit})`);
const bundles = await buildSeaBundles(WORK, commit);
const archives: { name: string; platform: Platform; data: Buffer }[] = [];

for (const platform of platforms) {
  const target = TARGETS[platform];
  const [os, arch] = platform.split('/') as [string, string];
  const exe = os === 'windows' ? '.exe' : '';
  // The code cache is V8's for the machine that writes it: only the host's platform gets it.
  const codeCache = platform === 'linux/amd64' && target.version === process.versions.node && !values['no-code-cache'];
  const writer = blobWriter(target, log);
  const runtime = runtimeBinary(target, log);
  const dir = join(WORK, `${os}_${arch}`);
  mkdirSync(dir, { recursive: true });
  log(`release: ${platform} (Node ${target.version}${codeCache ? ', code cache' : ''})`);
  type Executable = readonly [name: string, main: string, assets: Readonly<Record<string, string>>];
  const executables: Executable[] = [
    ['kubectl-job_x', bundles.cli, { 'lint-worker.cjs': bundles.lintWorker, 'client-node.cjs': bundles.clientNode }],
  ];
  if (WEBHOOK_PLATFORMS.includes(platform) && !values['no-webhook'])
    executables.push(['job-x-webhook', bundles.webhook, {}]);
  for (const [name, main, assets] of executables) {
    const blob = writeBlob({ main, assets, codeCache, writer, out: join(dir, `${name}.blob`) });
    const file = join(dir, name + exe);
    await makeExecutable(runtime, blob, file, os === 'darwin');
    const entries: ArchiveEntry[] = [
      { name: name + exe, data: readFileSync(file), mode: 0o755 },
      ...(name === 'kubectl-job_x' ? [completionHelper(os)] : []),
      { name: 'LICENSE', data: license, mode: 0o644 },
    ];
    const archive = `${name}_${version}_${os}_${arch}${os === 'windows' ? '.zip' : '.tar.gz'}`;
    const data = os === 'windows' ? zip(entries, mtime) : tarGz(entries, mtime);
    writeFileSync(join(OUT, archive), data);
    archives.push({ name: archive, platform, data });
    log(
      `release: ${archive} ${(data.length / 2 ** 20).toFixed(1)} MiB (binary ${(entries[0]!.data.length / 2 ** 20).toFixed(1)} MiB)`,
    );
  }
}

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');
writeFileSync(join(OUT, 'sha256sums.txt'), archives.map((a) => `${sha256(a.data)}  ${a.name}\n`).join(''));
const plugin = archives.filter((a) => a.name.startsWith('kubectl-job_x_'));
mkdirSync(join(ROOT, 'plugins'), { recursive: true });
writeFileSync(
  join(ROOT, 'plugins', 'job-x.yaml'),
  krewManifest(
    version,
    plugin.map((a) => ({ platform: a.platform, file: a.name, sha256: sha256(a.data) })),
  ),
);
rmSync(WORK, { recursive: true, force: true });
log(`release: ${archives.length} archives in dist/release, krew manifest plugins/job-x.yaml`);
