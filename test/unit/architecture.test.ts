// The layout is enforced by ESLint (eslint-rules/architecture.js, wired in eslint.config.js), which
// `npm test` runs. These tests lint deliberately wrong imports with the repository's own config, so
// a rule that stops firing, or a config that stops applying it, fails the suite.
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ESLint } from 'eslint';

const REPO_ROOT = join(import.meta.dirname, '..', '..');

// The files linted here do not exist, so the two rules that need the TypeScript project (the
// String() checks) are left out; every other rule of the config applies as in `npm test`.
const eslint = new ESLint({
  cwd: REPO_ROOT,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: { '@typescript-eslint/no-base-to-string': 'off', '@typescript-eslint/restrict-template-expressions': 'off' },
  },
});

/** The rule ids ESLint reports for `code` placed at `file` (which need not exist). */
async function ruleIdsFor(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(REPO_ROOT, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

describe('layers: arrows point down (plugin|webhook → edge → policy → kubernetes)', () => {
  it.each([
    ['webhook/zz.ts', "import { lint } from '../plugin/commands/index.ts';\nexport const x = lint;\n"],
    [
      'plugin/zz.ts',
      "import { handleAdmission } from '../webhook/admission/index.ts';\nexport const x = handleAdmission;\n",
    ],
    ['edge/zz.ts', "import { KubeError } from '../plugin/kube/index.ts';\nexport const x = KubeError;\n"],
    ['policy/zz.ts', "import { VERSION } from '../edge/index.ts';\nexport const x = VERSION;\n"],
    ['kubernetes/zz.ts', "import { RULES } from '../policy/index.ts';\nexport const x = RULES;\n"],
    ['kubernetes/job-controller/zz.ts', "export { evaluate } from '../../policy/index.ts';\n"],
  ])('%s importing upwards or sideways is an error', async (file, code) => {
    expect(await ruleIdsFor(file, code)).toContain('job-x/layers');
  });

  it.each([
    ['plugin/zz.ts', "import { VERSION } from '../edge/index.ts';\nexport const x = VERSION;\n"],
    ['webhook/zz.ts', "import { RULES } from '../policy/index.ts';\nexport const x = RULES;\n"],
    ['policy/zz.ts', "import { isObject } from '../kubernetes/index.ts';\nexport const x = isObject;\n"],
  ])('%s importing downwards through an index is fine', async (file, code) => {
    expect(await ruleIdsFor(file, code)).toEqual([]);
  });
});

describe('public-index: a folder is entered through its index.ts', () => {
  it.each([
    ['plugin/zz.ts', "import { evaluate } from '../policy/engine.ts';\nexport const x = evaluate;\n"],
    [
      'policy/rules/zz.ts',
      "import { isObject } from '../../kubernetes/decoded-access.ts';\nexport const x = isObject;\n",
    ],
    ['plugin/commands/zz.ts', "import { diagnose } from '../diagnose/diagnose.ts';\nexport const x = diagnose;\n"],
    ['kubernetes/zz.ts', "export { backoffSchedule } from './job-controller/backoff.ts';\n"],
    [
      'webhook/server/zz.ts',
      "import { handleAdmission } from '../admission/handle.ts';\nexport const x = handleAdmission;\n",
    ],
  ])('%s reaching into another folder is an error', async (file, code) => {
    expect(await ruleIdsFor(file, code)).toContain('job-x/public-index');
  });

  it.each([
    ['plugin/diagnose/zz.ts', "import { toMillis } from '../../kubernetes/index.ts';\nexport const x = toMillis;\n"],
    ['plugin/diagnose/zz.ts', "import type { JobSnapshot } from '../job-snapshot.ts';\nexport type X = JobSnapshot;\n"],
    [
      'kubernetes/job-controller/zz.ts',
      "import { isObject } from '../decoded-access.ts';\nexport const x = isObject;\n",
    ],
    ['plugin/zz.ts', "export async function load() {\n  return import('./commands/lint.ts');\n}\n"],
  ])('%s importing a sibling, an ancestor folder, an index or lazily is fine', async (file, code) => {
    expect(await ruleIdsFor(file, code)).toEqual([]);
  });
});

describe('the pure core', () => {
  it.each(['kubernetes/zz.ts', 'policy/zz.ts'])('%s may not do IO', async (file) => {
    const code = "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n";
    expect(await ruleIdsFor(file, code)).toContain('@typescript-eslint/no-restricted-imports');
  });
});
