import type { ScalarTag, Tags } from 'yaml';
import { resolvePlainKey, resolvePlainScalar, resolveTaggedScalar, UNSUPPORTED_SCALAR } from './go-yaml-scalars.ts';

/**
 * The `yaml` package's schema made to resolve scalars as go-yaml v2 does (go-yaml-scalars.ts), for
 * the full parser: plain keys and values, and the explicit core tags (`!!int`, `!!float`, `!!bool`,
 * `!!null`, `!!str`, `!!timestamp`, `!!binary`). What go-yaml would refuse is reported through
 * `onError`, so the document gets kubectl's message.
 */

/** What the resolvers met in one parse that needs a pass over the values afterwards. */
export interface ScalarFlags {
  /** A bigint (an integer that a number cannot print exactly): exact-numbers.ts settles it. */
  exactIntegers: boolean;
  /** `.inf` or `.nan`, which kubectl cannot turn into JSON. */
  nonFinite: boolean;
}

const EVERYTHING = /(?:)/;
const CORE = 'tag:yaml.org,2002:';
/** Kept from the `yaml` package's YAML 1.1 schema: collections, `!!str`, and merge keys (as go-yaml merges). */
const KEPT = new Set([`${CORE}map`, `${CORE}seq`, `${CORE}str`, `${CORE}merge`]);

/** customTags for parseAllDocuments: the tags job-x reads manifests with, reporting into `flags`. */
export function goYamlTags(flags: ScalarFlags): (tags: Tags) => Tags {
  const note = (value: unknown): unknown => {
    if (typeof value === 'bigint') flags.exactIntegers = true;
    else if (value !== value || value === Infinity || value === -Infinity) flags.nonFinite = true;
    return value;
  };
  // Tried in order on plain scalars: `default: 'key'` only at keys, after the merge key `<<`.
  const plainKey: ScalarTag = {
    tag: 'tag:job-x.dev,2026:go-yaml-key',
    default: 'key',
    test: EVERYTHING,
    resolve(source, onError) {
      const key = resolvePlainKey(source);
      if (typeof key === 'string') return key;
      // `<<` is the merge tag's (tried first); unreachable here.
      if (key === UNSUPPORTED_SCALAR) return source;
      onError(key.message);
      return source;
    },
  };
  const plainValue: ScalarTag = {
    tag: 'tag:job-x.dev,2026:go-yaml-value',
    default: true,
    test: EVERYTHING,
    resolve: (source) => note(resolvePlainScalar(source)),
  };
  const tagged = (name: 'int' | 'float' | 'bool' | 'null'): ScalarTag => ({
    tag: `${CORE}${name}`,
    resolve(source, onError) {
      const resolved = resolveTaggedScalar(source, name);
      if ('value' in resolved) return note(resolved.value);
      onError(resolved.error);
      return source;
    },
  });
  // go-yaml decodes a timestamp into a string for sigs.k8s.io/yaml (without checking the date here).
  const timestamp: ScalarTag = { tag: `${CORE}timestamp`, resolve: (source) => source };
  const binary: ScalarTag = { tag: `${CORE}binary`, resolve: decodeBinary };
  return (tags) => [
    ...tags.filter((tag) => typeof tag !== 'string' && KEPT.has(tag.tag)),
    plainKey,
    plainValue,
    tagged('int'),
    tagged('float'),
    tagged('bool'),
    tagged('null'),
    timestamp,
    binary,
  ];
}

/** go-yaml's `!!binary`: standard base64 (line breaks ignored), decoded into a string. */
function decodeBinary(source: string, onError: (message: string) => void): string {
  const base64 = source.replace(/[\r\n]/g, '');
  if (base64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) {
    onError('yaml: !!binary value contains invalid base64 data');
    return source;
  }
  return new TextDecoder().decode(Buffer.from(base64, 'base64'));
}
