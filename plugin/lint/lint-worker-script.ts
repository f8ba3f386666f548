/**
 * Where a lint worker thread's code comes from: the script next to this module (lint-worker.ts
 * when running from source, lint-worker.js compiled by tsc, lint-worker.cjs in the CLI bundle).
 * The single-file executable swaps this module for scripts/release/sea/lint-worker-script.ts, whose
 * worker code is an asset inside the executable: there is no file next to it.
 */
export function lintWorkerScript(): { readonly script: URL | string; readonly eval: boolean } {
  return {
    script: new URL(`./lint-worker.${/\.(ts|cjs)$/.exec(import.meta.url)?.[1] ?? 'js'}`, import.meta.url),
    eval: false,
  };
}
