import { expect, test } from '@jest/globals';
import { parse } from 'yaml';
import { formatStructured } from '../../../../plugin/format/format-structured.ts';
import { diagnose } from '../../../../plugin/diagnose/diagnose.ts';
import { loadSnapshot } from '../../../helpers/snapshot-fixtures.ts';

const output = diagnose(loadSnapshot('pod-failure-policy-failjob'));

test('-o json: the document, indented by two, one trailing newline', async () => {
  const text = await formatStructured(output, 'json');
  expect(text).toBe(`${JSON.stringify(output, null, 2)}\n`);
});

test('-o yaml: the same document, long lines never folded', async () => {
  const text = await formatStructured(output, 'yaml');
  expect(parse(text)).toEqual(JSON.parse(JSON.stringify(output)));
  const longest = Math.max(
    ...JSON.stringify(output)
      .match(/"[^"]{100,}"/g)!
      .map((s) => s.length),
  );
  expect(longest).toBeGreaterThan(100);
  expect(text.split('\n').some((line) => line.length > 100)).toBe(true);
});
