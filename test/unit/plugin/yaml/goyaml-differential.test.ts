import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from '@jest/globals';
import { stringify } from 'yaml';
import { kubectlNumberText, yamlToJsonNumberText } from '../../../../kubernetes/index.ts';
import type { ParsedSource } from '../../../../plugin/yaml/parsed-source.ts';
import { parseSource } from '../../../../plugin/yaml/source-parts.ts';
import { parseWithYamlPackage } from '../../../../plugin/yaml/yaml-full-parser.ts';
import { loadCorpus, manifestOf } from '../../../helpers/corpus.ts';
import {
  oracleBinary,
  ORACLE_BUILD_TIMEOUT_MS,
  readAsKubectl,
  type KubectlReading,
} from '../../../helpers/goyaml-oracle.ts';
import { seedExamples } from '../../../helpers/seed-examples.ts';

/**
 * Differential test against kubectl's own reader: every text goes through job-x's YAML readers
 * (the fast one with its fallback, and the full parser alone) and through the Go oracle
 * (test/tools/goyaml-to-json: sigs.k8s.io/yaml over go-yaml v2 and apimachinery's decoding, at the
 * pinned Kubernetes versions), and the JSON kubectl would send must be the same, number texts
 * included: the API server decides integer ranges by them.
 */

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');

/** job-x's decoded value in the oracle's form: numbers as the text kubectl would send. */
function asKubectlJson(value: unknown, container?: object, key?: string | number): unknown {
  if (typeof value === 'number') return { $number: kubectlNumberText(container ?? {}, key ?? '', value) };
  if (Array.isArray(value)) return value.map((item, i) => asKubectlJson(item, value, i));
  if (typeof value === 'object' && value !== null) {
    if (value instanceof Date) return { $date: value.toISOString() };
    const object = value as Record<string, unknown>;
    return Object.fromEntries(Object.keys(object).map((k) => [k, asKubectlJson(object[k], object, k)]));
  }
  return value;
}

/** What a reader of job-x made of a text, in the oracle's terms (an error is only "refused"). */
function jobxReading(parsed: ParsedSource): { documents: unknown[]; refused: boolean } {
  return {
    documents: parsed.objects.filter((o) => o.item === undefined).map((o) => asKubectlJson(o.value)),
    refused: parsed.problems.length > 0,
  };
}

function kubectlReading(reading: KubectlReading): { documents: unknown[]; refused: boolean } {
  return { documents: reading.documents, refused: reading.error !== undefined };
}

/** Every text on which a reader disagrees with kubectl, with both readings. */
function disagreements(texts: readonly string[]): string[] {
  const oracle = readAsKubectl(texts);
  const found: string[] = [];
  texts.forEach((text, i) => {
    const expected = kubectlReading(oracle[i]!);
    for (const [reader, parse] of [
      ['fast', parseSource],
      ['full', parseWithYamlPackage],
    ] as const) {
      const parsed = parse(text);
      const actual = jobxReading(parsed);
      // A refused text is compared by the verdict (kubectl stops at it, job-x reports it), and by
      // the message where job-x words it as kubectl does (not for the yaml package's syntax errors).
      const message = parsed.problems[0]?.message ?? '';
      const kubectlWords = /^(error converting YAML to JSON: (json|unsupported)|yaml: cannot decode)/.test(message);
      const same = expected.refused
        ? actual.refused && (!kubectlWords || (oracle[i]!.error ?? '').includes(message))
        : !actual.refused &&
          JSON.stringify(sortKeys(actual.documents)) === JSON.stringify(sortKeys(expected.documents));
      if (!same)
        found.push(
          `${reader} ${JSON.stringify(text)}\n  job-x:   ${JSON.stringify(actual)}\n  kubectl: ${JSON.stringify(expected)}${oracle[i]!.error ? ` (${oracle[i]!.error})` : ''}`,
        );
    }
  });
  return found;
}

/** The oracle's keys come sorted (Go sorts map keys); job-x's come in document order: compare both sorted. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === 'object' && value !== null) {
    const object = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(object)
        .sort()
        .map((k) => [k, sortKeys(object[k])]),
    );
  }
  return value;
}

// ------------------------------------------------------------------ the scalar table

const WORDS = [
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'yEs', 'true', 'True', 'TRUE', 'tRue', 'on', 'On', 'ON', 'oN'],
  ...['n', 'N', 'no', 'No', 'NO', 'nO', 'false', 'False', 'FALSE', 'fALSE', 'off', 'Off', 'OFF', 'oFF'],
  ...['~', 'null', 'Null', 'NULL', 'nULL', 'nil', 'Nil', 'none', 'None'],
  ...['nan', 'NaN', 'NAN', 'inf', 'Inf', 'INF', 'infinity', 'Infinity'],
];

/** Spellings of numbers; each also comes with a `+` and a `-` in front. */
const NUMBER_BODIES = [
  ...['0', '1', '7', '8', '9', '10', '00', '010', '017', '08', '09', '0999', '1_000', '1__0', '1_', '0_7', '0_'],
  ...['0x1F', '0X1f', '0x', '0xg', '0x_FF', '0x1F.5', '0o17', '0O17', '0o8', '0o', '0o_7', '0o17_'],
  ...['0b101', '0B101', '0b', '0b2', '0b_1', '0b-1', '0b+1', '0b-0b1'],
  ...['1.5', '1.', '.5', '1.0', '0.0', '00.5', '1e3', '1E3', '1e+3', '1e-3', '1.5e3', '1.e3', '.5e3', '1e'],
  ...['1e+', '.e3', '1_0.5', '1.5_5', '1e1_0', '._5', '1.5e400', '1e400', '.5e400', '1e-400', '0.1', '0.0001'],
  ...['0.00001', '1e21', '1e20', '123456789.5', '2.5e-7', '6.8523015e+5', '1.5.5', '1.23456789012345678'],
  ...['3.4028235e38', '1e39', '1e3e3', '1,000', '5e-324', '1.7976931348623157e308', '1.8e308', '0e999999'],
  ...['1:20', '190:20:30', '1:2:3.5', '12:30:00', '1:60', '1_0:2_0', '0x1F:2'],
  ...['.inf', '.Inf', '.INF', '.iNf', '.nan', '.NaN', '.NAN', '.Nan', '.infinity', '.', '..', '_', '._'],
  // Around int32, 2^53, int64 and uint64, in every base.
  ...['2147483647', '2147483648', '4294967296', '9007199254740991', '9007199254740992', '9007199254740993'],
  ...['9223372036854775295', '9223372036854775296', '9223372036854775807', '9223372036854775808'],
  ...['9223372036854776000', '18446744073709551615', '18446744073709551616', '99999999999999999999'],
  ...['123456789012345678901234567890', '9_223_372_036_854_775_807', '1152921504606846976'],
  ...['0x7FFFFFFFFFFFFFFF', '0x8000000000000000', '0xFFFFFFFFFFFFFFFF', '0x10000000000000000'],
  ...['0o777777777777777777777', '0o1777777777777777777777', '0o2000000000000000000000'],
  ...['0777777777777777777777', '01777777777777777777777', '02000000000000000000000', '0999999999999999999999'],
  ...[`0b${'1'.repeat(63)}`, `0b${'1'.repeat(64)}`, `0b1${'0'.repeat(64)}`, `0b-1${'0'.repeat(63)}`],
];

const OTHERS = [
  ...['2001-12-14', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10', '2001-12-14T21:59:43Z'],
  ...['2001-13-45', '1999-1-1', '12345-01-01', '2001-12-14 21:59:43.10 -5', '2001-12-14T21:59:43'],
  ...['v1', '1a', 'a1', '-a', '--', '<', '<<<', '+', '1.2.3', '500m', '1Gi', '0.5Gi', 'yes!', 'Yes.', '12:30', '+-1'],
];

const SCALARS = [...WORDS, ...NUMBER_BODIES.flatMap((body) => [body, `+${body}`, `-${body}`]), ...OTHERS];

/** A plain scalar that is valid in flow collections too (no flow indicators). */
const flowSafe = (s: string): boolean => !/[,[\]{}]/.test(s);

/**
 * Documents holding the scalar in every place a manifest can: values, keys, items; plain and quoted.
 * (Never a whole document starting with `{`: kubectl reads those with encoding/json, not go-yaml.)
 */
function placements(s: string): string[] {
  const docs = [`v: ${s}\n`, `- ${s}\n`, `v: "${s}"\n`, `v: '${s}'\n`, `"${s}": v\n`, `k:\n  ${s}: v\n`];
  if (s !== '<<') docs.push(`${s}: v\n`);
  if (flowSafe(s)) docs.push(`f: {v: ${s}}\n`, `f: [${s}, ${s}]\n`, `f: {${s}: v}\n`, `f: {"a": ${s}}\n`);
  return docs;
}

/** Scalars in the other forms YAML has: tags, merges, aliases, multi-line and block scalars, odd keys. */
const FORMS = [
  ...['a: !!int "12"\n', 'a: !!int 0o17\n', 'a: !!int 1:20\n', 'a: !!int 1.5\n', 'a: !!float 1\n'],
  ...['a: !!float "1e3"\n', 'a: !!float 9223372036854775808\n', 'a: !!bool yes\n', 'a: !!bool "on"\n'],
  ...['a: !!bool 1\n', 'a: !!null ~\n', 'a: !!null 0\n', 'a: !!str 12\n', 'a: !!str yes\n', 'a: !custom 12\n'],
  ...['a: ! 12\n', 'a: !!timestamp 2001-12-14\n', 'a: !!binary aGVsbG8=\n', 'a: !!binary |\n  aGVs\n  bG8=\n'],
  ...['!!str 12: a\n', '!!int "12": a\n', '? 12\n: a\n', '? [1, 2]\n: a\n', 'a: {[1]: b}\n', '? {a: 1}\n: b\n'],
  ...['x: &k 12\n*k : a\n', 'x: &n 9223372036854775807\ny: *n\nz: [*n, *n]\n', 'x: &f .inf\ny: 1\n'],
  ...['base: &b {a: 1, b: 0o17}\nm:\n  <<: *b\n  b: 2\n', 'm:\n  <<: [{a: 1}, {a: 2, c: 1e3}]\n'],
  ...['a: 1\n  2\n', 'a: 0x\n  1F\n', 'a: |\n  12\nb: >-\n  0o17\n', 'a: "12"\nb: \'0o17\'\n'],
  ...['a: [1, .inf]\nb: .nan\n', 'a: {z: -.inf, b: .nan}\n', 'a:\n- 1\n- [2, 0b11, ~, yes]\n'],
  ...['a: 1\n---\nb: 0o17\n---\n', '---\n...\n---\na: 1_0\n', 'a: 9223372036854775807\nb: 18446744073709551615\n'],
];

// ------------------------------------------------------------------ whole manifests

/** A stringify replacer writing integers with the digits recorded for them (as bigints). */
function withExactIntegers(this: unknown, key: string, value: unknown): unknown {
  if (typeof value !== 'number' || typeof this !== 'object' || this === null) return value;
  const text = yamlToJsonNumberText(this, key, value);
  return /^-?\d+$/.test(text) ? BigInt(text) : value;
}

function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return yamlFilesUnder(path);
      return /\.ya?ml$/.test(name) ? [path] : [];
    });
}

/**
 * Manifests with scalars swapped for spellings of the table (seeded: the same mutants every run):
 * a block value, a block key, or a flow item at a time, one to three edits per mutant.
 */
function mutants(bases: readonly string[], count: number): string[] {
  // mulberry32
  let seed = 20261206;
  const random = (): number => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const plain = SCALARS.filter((x) => !/^[-?:,[\]{}#&*!|>'"%@`]|: | #/.test(x) && x !== '<<');
  // `key: value` lines with a plain value, and the plain key of any mapping line.
  const VALUE = /^(\s*(?:- )?[A-Za-z0-9_./-]+: )([^\s"'[{|>&*!#][^#]*)$/;
  const KEY = /^(\s*(?:- )?)([A-Za-z][A-Za-z0-9_./-]*)(:(?: .*)?)$/;
  return Array.from({ length: count }, () => {
    const lines = pick(bases).split('\n');
    for (let edits = 1 + Math.floor(random() * 3); edits > 0; edits--) {
      const i = Math.floor(random() * lines.length);
      const line = lines[i]!;
      const value = VALUE.exec(line);
      const key = KEY.exec(line);
      if (value && random() < 0.7) lines[i] = `${value[1]}${pick(plain)}`;
      else if (key) lines[i] = `${key[1]}${pick(plain)}${key[3]}`;
    }
    return lines.join('\n');
  });
}

describe('job-x reads manifests as kubectl does (differential against go-yaml v2)', () => {
  beforeAll(() => {
    oracleBinary();
  }, ORACLE_BUILD_TIMEOUT_MS);

  test('every spelling of a scalar, in keys and values, plain and quoted', () => {
    const texts = SCALARS.flatMap(placements);
    expect(texts.length).toBeGreaterThan(3000);
    const found = disagreements(texts);
    expect({ count: found.length, first: found.slice(0, 40) }).toEqual({ count: 0, first: [] });
  });

  test('tags, merges, aliases, multi-line and block scalars, odd keys, several documents', () => {
    const found = disagreements(FORMS);
    expect({ count: found.length, first: found.slice(0, 40) }).toEqual({ count: 0, first: [] });
  });

  test('manifests with scalars swapped for other spellings (400 seeded mutants)', () => {
    const files = [join(ROOT, 'examples'), join(ROOT, 'test', 'e2e', 'manifests')].flatMap(yamlFilesUnder);
    const bases = files.map((f) => readFileSync(f, 'utf8'));
    const texts = mutants(bases, 400);
    expect(texts.filter((t) => !bases.includes(t)).length).toBeGreaterThan(350);
    const found = disagreements(texts);
    expect({ count: found.length, first: found.slice(0, 20) }).toEqual({ count: 0, first: [] });
  });

  test('whole manifests: the examples, the e2e manifests, the seed documents and the corpus cases', () => {
    const files = [join(ROOT, 'examples'), join(ROOT, 'test', 'e2e', 'manifests')].flatMap(yamlFilesUnder);
    const texts = [
      ...files.map((f) => readFileSync(f, 'utf8')),
      ...seedExamples().map((s) => s.text),
      ...loadCorpus().map((c) => stringify(manifestOf(c), withExactIntegers)),
    ];
    expect(texts.length).toBeGreaterThan(200);
    const found = disagreements(texts);
    expect({ count: found.length, first: found.slice(0, 20) }).toEqual({ count: 0, first: [] });
  });
});
