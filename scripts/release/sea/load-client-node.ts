import type * as ClientNode from '@kubernetes/client-node';
import { getAsset } from 'node:sea';
import { dirname } from 'node:path';
import { compileFunction } from 'node:vm';

/**
 * plugin/kube/load-client-node.ts inside the single-file executable: @kubernetes/client-node,
 * bundled on its own (the asset `client-node.cjs`, scripts/release/sea-bundles.ts), compiled only
 * for the runs that need it (a proxy or an auth-provider), since there is no node_modules to load
 * it from. The bundle needs Node's own modules only, which this script's require() gives.
 */
declare const require: NodeJS.Require;
let loaded: typeof ClientNode | undefined;

export async function loadClientNode(): Promise<typeof ClientNode> {
  if (loaded) return loaded;
  const module = { exports: {} };
  const wrapper = compileFunction(
    getAsset('client-node.cjs', 'utf8'),
    ['exports', 'require', 'module', '__filename', '__dirname'],
    {
      filename: 'client-node.cjs',
    },
  );
  // The bundle's banner turns __filename into its import.meta.url: the executable's own path.
  wrapper(module.exports, require, module, process.execPath, dirname(process.execPath));
  loaded = module.exports as typeof ClientNode;
  return loaded;
}
