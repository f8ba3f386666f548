import type * as Yaml from 'yaml';

/**
 * edge/yaml-package.ts inside the single-file executable: the yaml package is bundled in (there is
 * no vendor-yaml.cjs next to an executable), still loaded on first use. esbuild turns this
 * require() into the bundled module's lazy initialiser.
 */
declare const require: (id: 'yaml') => typeof Yaml;
let loaded: typeof Yaml | undefined;

export function yamlPackage(): typeof Yaml {
  loaded ??= require('yaml');
  return loaded;
}
