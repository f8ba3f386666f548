import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

type YamlPackage = typeof Yaml;

/**
 * The `yaml` package, loaded on first use: most runs never need it (the fast reader reads their
 * manifests), and loading it cost every run about a tenth of its start-up. Synchronous, because
 * the reader that falls back to it is. In the CLI bundle (dist/cli/*.cjs) it is the copy bundled
 * next to it (vendor-yaml.cjs, see scripts/build-cli.ts); elsewhere the installed package.
 */
let loaded: YamlPackage | undefined;

export function yamlPackage(): YamlPackage {
  loaded ??= createRequire(import.meta.url)(
    import.meta.url.endsWith('.cjs') ? './vendor-yaml.cjs' : 'yaml',
  ) as YamlPackage;
  return loaded;
}
