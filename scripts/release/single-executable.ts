/**
 * One Node.js single executable application: a runtime from scripts/release/node-runtimes.ts with
 * a blob injected by postject (Node 24 has no `--build-sea`; it came in 25.5). The blob is written
 * by a linux-x64 runtime of the same Node version (`--experimental-sea-config`). The V8 code cache
 * is platform-specific, so only the host's own platform (linux/amd64) gets it.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'postject';

/** The sentinel that Node's binary carries (src/node_sea.cc). */
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

export interface BlobRequest {
  /** The bundled main script and the assets (name → file) the executable reads with node:sea. */
  readonly main: string;
  readonly assets?: Readonly<Record<string, string>>;
  readonly codeCache: boolean;
  /** The linux-x64 runtime of the target's Node version. */
  readonly writer: string;
  readonly out: string;
}

/** Writes the preparation blob; returns its path. */
export function writeBlob(request: BlobRequest): string {
  const config = `${request.out}.sea-config.json`;
  writeFileSync(
    config,
    JSON.stringify({
      main: request.main,
      output: request.out,
      disableExperimentalSEAWarning: true,
      useCodeCache: request.codeCache,
      useSnapshot: false,
      assets: request.assets ?? {},
    }),
  );
  execFileSync(request.writer, ['--experimental-sea-config', config], { stdio: ['ignore', 'ignore', 'inherit'] });
  return request.out;
}

/** Copies the runtime to `out` and injects the blob (Mach-O: into the NODE_SEA segment). */
export async function makeExecutable(runtime: string, blob: string, out: string, macho: boolean): Promise<void> {
  copyFileSync(runtime, out);
  chmodSync(out, 0o755);
  await inject(out, 'NODE_SEA_BLOB', readFileSync(blob), {
    sentinelFuse: SEA_FUSE,
    ...(macho ? { machoSegmentName: 'NODE_SEA' } : {}),
  });
}

export const blobPath = (dir: string, name: string): string => join(dir, `${name}.blob`);
