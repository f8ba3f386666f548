import { createRequire } from 'node:module';
import type * as ClientNode from '@kubernetes/client-node';

/**
 * @kubernetes/client-node, for the few runs that go through a proxy or an auth-provider: 4 MB of
 * JavaScript that every CLI start (lint included) would otherwise parse. In the CLI bundle
 * (dist/cli/*.cjs) it is the copy bundled next to it, vendor-client-node.cjs (scripts/build-cli.ts),
 * so the npm package needs no runtime dependency; from source, the installed package. The
 * single-file executable swaps this module for scripts/release/sea/load-client-node.ts.
 */
const CLIENT_NODE = ['@kubernetes', 'client-node'].join('/');

export async function loadClientNode(): Promise<typeof ClientNode> {
  if (import.meta.url.endsWith('.cjs'))
    return createRequire(import.meta.url)('./vendor-client-node.cjs') as typeof ClientNode;
  // A computed name: esbuild leaves the import alone instead of bundling the package in.
  return (await import(CLIENT_NODE)) as typeof ClientNode;
}
