import { getAsset } from 'node:sea';

/**
 * plugin/lint/lint-worker-script.ts inside the single-file executable: the lint worker is the
 * asset `lint-worker.cjs` (scripts/release/sea-bundles.ts), run as code (`eval`) since there is no
 * file to start it from. It needs no module but Node's own: the bundle holds all the rest.
 */
export function lintWorkerScript(): { readonly script: URL | string; readonly eval: boolean } {
  return { script: getAsset('lint-worker.cjs', 'utf8'), eval: true };
}
