import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import {
  BIN,
  DIGESTS_FILE,
  LINT_OUTPUT_CASES,
  prepareGeneratedInputs,
  runLintOutputCase,
  type LintOutputDigest,
} from '../../helpers/lint-output-cases.ts';

/**
 * Every format prints byte for byte what it printed before lint streamed its output (digests
 * recorded with the build of commit 2ba5226, which held every result and rendered the report at
 * the end): on the repository's inputs, 240 files linted on worker threads, a file read in parts, standard input and several paths with -q. Uses dist/ (npm run build).
 */

const recorded = JSON.parse(readFileSync(DIGESTS_FILE, 'utf8')) as Record<string, LintOutputDigest>;
let generated: string;

beforeAll(() => {
  generated = mkdtempSync(join(tmpdir(), 'job-x-lint-output-'));
  prepareGeneratedInputs(generated);
});
afterAll(() => rmSync(generated, { recursive: true, force: true }));

describe('lint output is unchanged', () => {
  test('every case has a recorded digest', () => {
    expect(Object.keys(recorded).sort()).toEqual(LINT_OUTPUT_CASES.map((testCase) => testCase.name).sort());
  });

  test.each(LINT_OUTPUT_CASES.map((testCase) => [testCase.name, testCase] as const))(
    '%s',
    (name, testCase) => {
      expect(runLintOutputCase(BIN, generated, testCase)).toEqual(recorded[name]);
    },
    60_000,
  );
});
