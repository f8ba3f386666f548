import { describe, expect, test } from '@jest/globals';
import { documentChunks } from '../../../../plugin/yaml/document-chunks.ts';
import { parseSource } from '../../../../plugin/yaml/source-parts.ts';
import { disagreement } from '../../../helpers/parsed-source-disagreement.ts';
import { seededRandom } from '../../../helpers/seeded-random.ts';

/**
 * A large source is read a run of documents at a time (document-chunks.ts). Cut wherever a cut is
 * allowed (a target of 1 character), a stream must read exactly as it reads whole: the same
 * values, problems, document numbers, empty documents and positions.
 */

const whole = (text: string) => parseSource(text, Number.POSITIVE_INFINITY);
const cutEverywhere = (text: string) => parseSource(text, 1);

const JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  template:
    spec:
      containers: [{name: c, image: busybox}]
      restartPolicy: Never
`;

/** Documents of every kind the readers meet, errors and forms the fast reader leaves alone included. */
const DOCUMENTS = [
  JOB,
  'a: 1\n',
  '- 1\n- 2\n',
  'apiVersion: v1\nkind: List\nitems:\n- kind: Job\n  apiVersion: batch/v1\n  metadata: {name: a}\n',
  'a: |\n  text\n\n',
  'a: >\n  folded\n',
  'a: "open quote\n',
  "a: 'open\n  quote\n",
  'a: [1, 2\n',
  'a: {b: 1\n',
  'a: &x {k: 1}\nb: *x\n',
  'a: !!str 1\n',
  'a: 1\na: 2\n',
  'a:\n\tb: 1\n',
  'a: b: c\n',
  'a: 1\r\nb: 2\r\n',
  'name\uff1a x\n',
  'a: \u201cquoted\u201d\n',
  'a: \u0001\n',
  '# just a comment\n',
  '',
  '{"a": 1}\n',
  '  indented: 1\n',
  'a: 1 # trailing\n# after\n',
];

/** What may come between two documents, markers of every kind and things that look like them. */
const SEPARATORS = [
  '---\n',
  '--- # c\n',
  '---\t\n',
  '---\r\n',
  '\n---\n',
  '# c\n---\n',
  '...\n---\n',
  '...\n# c\n\n---\n',
  '...\n',
  '...\nx: 1\n---\n',
  '%YAML 1.1\n---\n',
  '...\n%YAML 1.1\n---\n',
  '...\n%TAG ! tag:x,2000:\n---\n',
  '---\n\ufeff',
  '\ufeff---\n',
  '--- |\n  x\n---\n',
  '---\n---\n',
  '--- a: 1\n',
  '----\n',
  ' ---\n',
  '---x\n',
  '\n',
];

const PREFIXES = ['', '# head\n', '\n\n', '%YAML 1.1\n', '---\n', '# c\n---\n', '\ufeff---\n', '...\n'];

describe('reading a stream a run of documents at a time', () => {
  test('the chunks cover the text, each cut at the start of a `---` line', () => {
    const text = `a: 1\n${'---\nb: 2\n'.repeat(100)}`;
    const chunks = [...documentChunks(text, 20)];
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks[0]!.start).toBe(0);
    expect(chunks.at(-1)!.end).toBe(text.length);
    for (const [i, chunk] of chunks.entries()) {
      if (i > 0) expect(chunk.start).toBe(chunks[i - 1]!.end);
      if (i > 0) expect(text.slice(chunk.start, chunk.start + 4)).toBe('---\n');
    }
  });

  test('no cut where the stream, not a document, reads the lines before the `---`', () => {
    const cuts = (text: string) => [...documentChunks(text, 1)].map((chunk) => chunk.start);
    // At the start of the stream, after a `...` end marker, after a directive.
    expect(cuts('# c\n\n---\na: 1\n')).toEqual([0]);
    expect(cuts('a: 1\n...\n# c\n---\nb: 1\n')).toEqual([0]);
    expect(cuts('a: 1\n...\n%YAML 1.1\n---\nb: 1\n')).toEqual([0]);
    // After a document's content, even past comments: a cut.
    expect(cuts('a: 1\n# c\n---\nb: 1\n---\n')).toEqual([0, 9, 18]);
  });

  test.each(DOCUMENTS.flatMap((doc) => SEPARATORS.map((separator) => [doc, separator])))(
    'a stream of %j separated by %j reads the same cut up',
    (doc, separator) => {
      const text = `${doc}${separator}${JOB}${separator}${doc}${separator}${doc}`;
      expect([text, disagreement(cutEverywhere(text), whole(text))]).toEqual([text, undefined]);
    },
  );

  test('random streams of documents, separators and edits read the same cut up', () => {
    // Seeded: the same streams every run.
    const random = seededRandom(20261206);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const EDITS = [
      '\\"',
      "''",
      '\x01',
      '\uff1a',
      '---\n',
      '...\n',
      '# c\n',
      '%YAML 1.1\n',
      '"',
      "'",
      '[',
      '{',
      '|\n',
      ' ',
      '\t',
      '\ufeff',
      ': ',
    ];
    let cut = 0;
    for (let round = 0; round < 600; round++) {
      let text = pick(PREFIXES);
      for (let documents = 1 + Math.floor(random() * 5); documents > 0; documents--)
        text += pick(DOCUMENTS) + pick(SEPARATORS);
      for (let edits = Math.floor(random() * 3); edits > 0; edits--) {
        const at = Math.floor(random() * (text.length + 1));
        text = text.slice(0, at) + pick(EDITS) + text.slice(at);
      }
      if ([...documentChunks(text, 1)].length > 1) cut++;
      expect([text, disagreement(cutEverywhere(text), whole(text))]).toEqual([text, undefined]);
    }
    // Most streams are cut somewhere (a quote left open forbids cuts before its closing one).
    expect(cut).toBeGreaterThan(250);
  });

  test('positions after a syntax error are the lines of the text (the yaml package loses some line breaks in errors)', () => {
    const text = '# head\n- 1\n----\n 2\n ---\na: !!str 1\n---\r\n  indented: 1\n';
    for (const parsed of [whole(text), cutEverywhere(text)]) {
      expect(parsed.problems).toEqual([expect.objectContaining({ document: 0, line: 3, column: 1 })]);
      expect(parsed.objects.map((object) => [object.document, object.locate('indented')])).toEqual([
        [1, { line: 8, column: 3 }],
      ]);
    }
  });

  test('a stream of JSON objects is read an object at a time, positions in the whole text', () => {
    const text = `{"kind": "Job"}\n  {"a":\n 1}{"b": [1,\n2]}`;
    const parsed = parseSource(text, 1);
    expect(parsed.objects.map((object) => object.document)).toEqual([0, 1, 2]);
    expect(parsed.objects[2]!.locate('b[1]')).toEqual({ line: 4, column: 1 });
    expect(parsed.objects[1]!.locate('a')).toEqual({ line: 2, column: 4 });
  });
});
