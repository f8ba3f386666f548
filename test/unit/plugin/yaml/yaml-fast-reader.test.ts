import { describe, expect, test } from '@jest/globals';
import { parseSource } from '../../../../plugin/yaml/source-parts.ts';
import { readYamlFast } from '../../../../plugin/yaml/yaml-fast-reader.ts';
import { parseWithYamlPackage } from '../../../../plugin/yaml/yaml-full-parser.ts';
import { seededRandom } from '../../../helpers/seeded-random.ts';
import { disagreement } from '../../../helpers/parsed-source-disagreement.ts';

/**
 * The fast reader must give exactly what the full parser (the yaml package) gives — values, key
 * order, problems, document indexes and the position of every field path — or give up.
 */

const JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: pi
  labels: {app: pi, "app.kubernetes.io/name": pi}
spec:
  ttlSecondsAfterFinished: 600
  template:
    spec:
      containers:
      - name: pi
        image: perl:5.34.0
        command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]
        args:
          - --flag
          - -1
      restartPolicy: Never
`;

/** Read by the fast reader, exactly as by the full parser. */
const ACCEPTED: Record<string, string> = {
  'a Job': JOB,
  JSON: JSON.stringify(
    {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'j' },
      spec: { parallelism: -1, list: [1, 'two', null, true, 1.5, { a: [] }] },
    },
    null,
    2,
  ),
  'compact JSON': '{"a":1,"b":[true,false,null],"c":{"d":"e"}}',
  CRLF: JOB.replace(/\n/g, '\r\n'),
  'no final line break': JOB.trimEnd(),
  'indented root': '  a: 1\n  b:\n    c: 2\n',
  'comments everywhere':
    '# head\na: 1 # one\n# between\nb:\n  # inside\n  c: 2\n\n  d: [1, # in flow\n    2]\n# tail\n',
  'sequences in every style':
    'a:\n- 1\n- - 2\n  - 3\n-   k: v\n    j: w\nb:\n  - x\n  -\n    y: z\nc: []\nd: [[1, 2], {e: f}]\n',
  'keys of every kind':
    '"quoted": 1\n\'single\': 2\nyes: 3\n10: 4\n0x1F: 5\n1.5: 6\nkey with spaces: 7\n"": 8\n__proto__: 9\nk : 10\n',
  'scalars of every kind':
    'a: yes\nb: 0644\nc: 1_000\nd: 0o17\ne: ~\nf: \'it\'\'s\'\ng: "tab\\tnew\\nline\\u00e9\\x41"\nh: http://x:8080/a#b\ni: a#b\nj: -1\nk: 190:20:30\nl:\nm: ""\nn: 2001-12-14\no: 1e3\n',
  'int64s that a number cannot print':
    'a: 9223372036854775807\nb: [-9223372036854775808, 9007199254740993]\nc: &x 0x7FFFFFFFFFFFFFFF\nd: *x\n',
  'multi-line scalars':
    'a: one\n  two\n\n  three\nb: "one\n  two \\\n  three"\nc: \'one\n\n  two\'\nd:\n  - long\n    text\n',
  'block scalars':
    'a: |\n  line 1\n    more\n\n  line 3\nb: >\n  folded\n  text\n\n   indented\n  end\nc: |-\n  strip\n\nd: |+\n  keep\n\n\ne: >-\n  x\n  y\nf: [1]\n',
  'block scalar then a more-indented blank line': 'a: |\n  x\n     \nb: 1\n',
  documents: '---\n# only a comment\n---\na: 1\n--- # c\n- 1\n---\n---\n{"b": 2}\n',
  'a List':
    'apiVersion: v1\nkind: List\nitems:\n- apiVersion: batch/v1\n  kind: Job\n  metadata: {name: a}\n- &b\n  apiVersion: v1\n  kind: Service\n- *b\n',
  'anchors and aliases':
    'a: &x {k: 1}\nb: *x\nc: &s scalar\nd: [*s, &t 2, *t]\ne:\n  - &m\n    n: 1\n  - *m\nf: &l\n- 1\ng: *l\n',
  'duplicate keys': 'a: 1\nb:\n  c: 1\n  c: 2\na: 2\n',
  'duplicate keys in a later, outer mapping': 'x:\n  p:\n    q: 1\n    q: 2\n  p: 3\n',
  'duplicate keys in flow': 'a: {b: 1, b: 2}\nc: [{d: 1, d: 2}]\n',
  'duplicate keys of different spellings': 'a:\n  1: x\n  "1": y\nb:\n  true: x\n  yes: y\n',
  'a duplicate in one document of several': 'a: 1\n---\nb: 1\nb: 2\n---\nc: 1\n',
};

/** Forms the fast reader leaves to the full parser (which then decides, as before). */
const GIVEN_UP: Record<string, string> = {
  'a tag': 'a: !!str 1\n',
  'a custom tag': 'a: !thing x\n',
  'a merge key': 'a: &x {k: 1}\nb:\n  <<: *x\n',
  'an explicit key': '? a\n: 1\n',
  'a directive': '%YAML 1.1\n---\na: 1\n',
  'a tab': 'a:\n\tb: 1\n',
  'an infinity (kubectl refuses the document)': 'a: .inf\n',
  'a NaN in flow': 'a: [.nan]\n',
  'a uint64 key (kubectl refuses it)': '9223372036854775808: 1\n',
  'an empty sequence item': 'a:\n- \n- 1\n',
  'a document end marker': 'a: 1\n...\n',
  'a syntax error': 'a: [1, 2\n',
  'a mapping in a plain scalar': 'a: b: c\n',
  'bad indentation': 'a:\n  b: 1\n c: 2\n',
  'an unknown alias': 'a: *nope\n',
  'a recursive alias': 'a: &x [*x]\n',
  'a redefined anchor': 'a: &x 1\nb: &x 2\nc: *x\n',
  'an alias to a node holding aliases': 'a: &x 1\nb: &y [*x]\nc: *y\n',
  'many aliases': `a: &x 1\nb: [${Array(60).fill('*x').join(', ')}]\n`,
  'a null key': '~: 1\n',
  'a lone CR': 'a: 1\rb: 2\n',
  'a byte order mark': '\ufeffa: 1\n',
  'a comment without a blank before it in flow': '{"a": 1\n# c\n}\n',
  'deep nesting': `a: ${'['.repeat(500)}${']'.repeat(500)}\n`,
};

describe('the fast YAML reader', () => {
  test.each(Object.entries(ACCEPTED))('reads %s as the full parser does', (_, text) => {
    expect(readYamlFast(text)).toBeDefined();
    expect(disagreement(parseSource(text), parseWithYamlPackage(text))).toBeUndefined();
  });

  test.each(Object.entries(GIVEN_UP))('leaves %s to the full parser', (_, text) => {
    expect(readYamlFast(text)).toBeUndefined();
    expect(disagreement(parseSource(text), parseWithYamlPackage(text))).toBeUndefined();
  });

  test('a List whose items are an alias is left to the full parser (it places every item at the document start)', () => {
    const text = 'x: &i [{kind: Job}]\napiVersion: v1\nkind: List\nitems: *i\n';
    expect(disagreement(parseSource(text), parseWithYamlPackage(text))).toBeUndefined();
  });

  test('duplicate keys: the first repeated key of the first mapping, as the full parser reports it', () => {
    expect(parseSource(ACCEPTED['duplicate keys in a later, outer mapping']!).problems).toEqual([
      expect.objectContaining({ ruleId: 'duplicate-key', message: expect.stringContaining('"p"'), line: 5, column: 3 }),
    ]);
  });

  test('aliases share the anchored value, and positions are not followed through them', () => {
    const [object] = parseSource('a: &x\n  k: 1\nb: *x\n').objects;
    const value = object!.value as { a: object; b: object };
    expect(value.b).toBe(value.a);
    expect(object!.locate('b.k')).toEqual({ line: 3, column: 1 });
    expect(object!.locate('a.k')).toEqual({ line: 2, column: 3 });
  });

  test('a 50,000-key mapping is located in linear time', () => {
    const keys = Array.from({ length: 50_000 }, (_, i) => `  k${i}: ${i}`).join('\n');
    const [object] = parseSource(`spec:\n${keys}\n`).objects;
    for (let i = 0; i < 50_000; i += 1) expect(object!.locate(`spec.k${i}`).line).toBe(i + 2);
  });

  test('random edits of manifests: whatever the fast reader accepts, it reads as the full parser does', () => {
    // Seeded: the same edits every run.
    const random = seededRandom(20260703);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const INSERTS = [
      ' ',
      '  ',
      '\n',
      ':',
      ': ',
      '- ',
      '#',
      ' #',
      '"',
      "'",
      '[',
      ']',
      '{',
      '}',
      ',',
      '|',
      '>-',
      '&a ',
      '*a',
      '!',
      '?',
      '~',
      'yes',
      '0x1F',
      '\\',
      '---\n',
      '\r\n',
    ];
    const bases = [JOB, ...Object.values(ACCEPTED).slice(5, 16)];
    let accepted = 0;
    for (let round = 0; round < 400; round++) {
      const lines = pick(bases).split('\n');
      for (let edits = 1 + Math.floor(random() * 3); edits > 0; edits--) {
        const i = Math.floor(random() * lines.length);
        const line = lines[i]!;
        const at = Math.floor(random() * (line.length + 1));
        switch (Math.floor(random() * 6)) {
          case 0:
            lines[i] = line.slice(0, at) + line.slice(at + 1);
            break;
          case 1:
          case 2:
            lines[i] = line.slice(0, at) + pick(INSERTS) + line.slice(at);
            break;
          case 3:
            lines[i] = ` ${line}`;
            break;
          case 4:
            lines.splice(i, 0, line);
            break;
          default:
            lines.splice(i, 1);
        }
      }
      const text = lines.join('\n');
      if (readYamlFast(text) === undefined) continue;
      accepted++;
      expect([text, disagreement(parseSource(text), parseWithYamlPackage(text))]).toEqual([text, undefined]);
    }
    // Most edits still give YAML the fast reader reads.
    expect(accepted).toBeGreaterThan(100);
  });
});
