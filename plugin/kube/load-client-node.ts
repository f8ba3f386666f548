import type * as ClientNode from '@kubernetes/client-node';

/**
 * The package is loaded from node_modules at run time, not bundled into dist/cli: it is 6 MB of
 * JavaScript that every CLI start (lint included) would otherwise parse, for the few runs that go
 * through a proxy or an auth-provider. esbuild leaves an import of a computed name alone. The
 * single-file executable swaps this module for scripts/release/sea/load-client-node.ts, which
 * loads the package from a bundle inside the executable.
 */
const CLIENT_NODE = ['@kubernetes', 'client-node'].join('/');

export async function loadClientNode(): Promise<typeof ClientNode> {
  return (await import(CLIENT_NODE)) as typeof ClientNode;
}
