// Records the digest of what each run of test/helpers/lint-output-cases.ts prints (exit code,
// stdout's size and SHA-256, stderr) into test/fixtures/lint-output-digests.json.
// test/unit/plugin/lint-output-unchanged.test.ts holds lint to them: a change in how lint works
// inside (streaming, workers, reading in parts) must not change a byte of its output.
//
//   npm run build && node scripts/record-lint-output-digests.ts [--bin path/to/kubectl-job_x.js]
//
// Record again only when an output changes on purpose, and say which in the commit.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  BIN,
  DIGESTS_FILE,
  LINT_OUTPUT_CASES,
  prepareGeneratedInputs,
  runLintOutputCase,
  type LintOutputDigest,
} from '../test/helpers/lint-output-cases.ts';

const { values } = parseArgs({ options: { bin: { type: 'string', default: BIN } } });
const generated = mkdtempSync(join(tmpdir(), 'job-x-lint-output-'));
try {
  prepareGeneratedInputs(generated);
  const digests: Record<string, LintOutputDigest> = {};
  for (const testCase of LINT_OUTPUT_CASES) {
    digests[testCase.name] = runLintOutputCase(values.bin, generated, testCase);
    process.stdout.write(
      `${testCase.name}: exit ${digests[testCase.name]!.exitCode}, ${digests[testCase.name]!.stdoutBytes} bytes\n`,
    );
  }
  writeFileSync(DIGESTS_FILE, `${JSON.stringify(digests, null, 2)}\n`);
} finally {
  rmSync(generated, { recursive: true, force: true });
}
