import { describe, expect, test } from '@jest/globals';
import { parseYamlStream } from '../../../../plugin/yaml/yaml-documents.ts';
import { parseWithYamlPackage } from '../../../../plugin/yaml/yaml-full-parser.ts';
import { readYamlFast } from '../../../../plugin/yaml/yaml-fast-reader.ts';
import { oversizedDocument } from '../../../../plugin/yaml/large-documents.ts';
import { disagreement } from '../../../helpers/parsed-source-disagreement.ts';
import { seededRandom } from '../../../helpers/seeded-random.ts';

/**
 * A source larger than a document may be is measured by the fast reader, keeping no values, and
 * only its documents within the limit are read whole (yaml-documents.ts readLargeStream). It must
 * report exactly what the full parser reports: which documents are too large and where, the
 * others read as usual. The limit is made small here (the API server's is 3 MiB), so that small
 * texts cross it, by a character or by many.
 */

const LIMIT = 150;

const DOCUMENTS = [
  'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n',
  'apiVersion: v1\nkind: List\nitems:\n- {kind: Job, apiVersion: batch/v1, metadata: {name: a}}\n- kind: Job\n  apiVersion: batch/v1\n',
  'a: 1\n',
  '- 1\n- [2, 3]\n',
  '{"a": {"b": [1, 2, 3]}, "c": "d"}\n',
  'a: &x {k: 1}\nb: *x\n',
  'a: 1\nb: 2\na: 3\n',
  '  indented: 1\n  more: 2\n',
  'a: |\n  text\n  more text\n\n',
  '# a comment only\n',
  '',
  'big: 9223372036854775807\n',
];
const SEPARATORS = ['---\n', '--- # c\n', '# c\n---\n', '\n---\n', '---\n\n# c\n'];
const PREFIXES = ['', '---\n', '# head\n', '\n\n', '# head\n---\n'];

function stream(random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  let text = pick(PREFIXES);
  for (let documents = 1 + Math.floor(random() * 4); documents > 0; documents--) {
    let document = pick(DOCUMENTS);
    // Some documents grown past the limit, some to just below or above it.
    const grow = Math.floor(random() * 4);
    if (grow === 1 && document.startsWith('a: 1')) document += `pad: ${'x'.repeat(LIMIT - 10)}\n`;
    if (grow === 2 && document.startsWith('- 1')) document += '- item\n'.repeat(20 + Math.floor(random() * 10));
    if (grow === 3 && document.startsWith('apiVersion: v1'))
      document += '- {kind: Job}\n'.repeat(5 + Math.floor(random() * 6));
    text += document + pick(SEPARATORS);
  }
  return random() < 0.3 ? text.replaceAll('\n', '\r\n') : text;
}

describe('documents over the size limit', () => {
  test('random streams: the measured reading reports what the full parser reports', () => {
    const random = seededRandom(20261207);
    let tooLarge = 0;
    let fast = 0;
    for (let round = 0; round < 1500; round++) {
      const text = stream(random);
      if (text.length <= LIMIT) continue;
      if (readYamlFast(text, { keep: () => false })) fast++;
      const full = parseWithYamlPackage(text, LIMIT);
      tooLarge += full.problems.filter((problem) => problem.ruleId === 'document-too-large').length;
      expect([text, disagreement(parseYamlStream(text, LIMIT), full)]).toEqual([text, undefined]);
    }
    // The measured reading was taken for most streams, and the limit was crossed often.
    expect(fast).toBeGreaterThan(450);
    expect(tooLarge).toBeGreaterThan(250);
  });

  test('a document of exactly the limit is not too large; one character more is', () => {
    const body = (size: number) => `---\na: ${'x'.repeat(size - 8)}\n`;
    for (const size of [LIMIT - 1, LIMIT, LIMIT + 1]) {
      const text = `${body(size)}${body(size)}`;
      expect(body(size)).toHaveLength(size);
      const parsed = parseYamlStream(text, LIMIT);
      expect(disagreement(parsed, parseWithYamlPackage(text, LIMIT))).toBeUndefined();
      expect(parsed.problems.length).toBe(size > LIMIT ? 2 : 0);
    }
  });

  test('a document over the limit keeps no values: a 200,000-item List is measured, not built', () => {
    const items = Array.from({ length: 200_000 }, (_, i) => `- {kind: Job, metadata: {name: j${i}}}`).join('\n');
    const stream = readYamlFast(`kind: List\nitems:\n${items}\n`, { keep: () => false });
    expect(stream?.documents[0]?.value).toEqual({ kind: true, items: true });
  });

  describe('one document clearly over the limit that the fast reader does not read', () => {
    // 70 KiB: past the margin (64 KiB) over the small limit.
    const items = Array.from({ length: 2500 }, (_, i) => `- {kind: Job, name: j${i}}`).join('\n');
    const list = (head: string) => `# exported\n${head}kind: List\nitems:\n${items}\n`;

    test.each([
      ['a tab in a value', list('note: "a\tb"\n')],
      ['a tag', list('data: !!binary aGk=\n')],
      ['after a --- line', `---\n${list('note: "\t"\n')}`],
      ['a control character', list('note: "\u0007"\n')],
    ])('%s: reported as the full parser reports it, without its document model', (_, text) => {
      // The fast reader does not read it (a control character it would read, but it is not given the text).
      expect(readYamlFast(text) === undefined || text.includes('\u0007')).toBe(true);
      const judged = oversizedDocument(text, LIMIT);
      expect(judged).toBeDefined();
      expect(disagreement(judged!, parseWithYamlPackage(text, LIMIT))).toBeUndefined();
      expect(disagreement(parseYamlStream(text, LIMIT), parseWithYamlPackage(text, LIMIT))).toBeUndefined();
    });

    test('a syntax error in it is not looked for: the document is reported too large', () => {
      const text = list('broken: [1, 2\n');
      expect(parseWithYamlPackage(text, LIMIT).problems).toEqual([expect.objectContaining({ ruleId: 'yaml-syntax' })]);
      expect(parseYamlStream(text, LIMIT).problems).toEqual([
        expect.objectContaining({ ruleId: 'document-too-large', line: 2, column: 1 }),
      ]);
    });

    test('several documents, or one near the limit, are left to the full parser', () => {
      expect(oversizedDocument(`${list('a: "\t"\n')}---\nb: 1\n`, LIMIT)).toBeUndefined();
      expect(oversizedDocument(`${list('a: "\t"\n')}...\n`, LIMIT)).toBeUndefined();
      expect(oversizedDocument(list('a: "\t"\n'), list('').length)).toBeUndefined();
    });
  });
});
