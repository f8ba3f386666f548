import type { ColorMode, LintWriter, WriteText } from '../format/index.ts';
import type { LintFormat, LintIo } from './lint-formats.ts';

export interface WriterChoice {
  readonly output: LintFormat;
  /** Each finding's remediation and docs URL (text; the structured formats always carry them). */
  readonly fixHints: boolean;
  readonly color: ColorMode;
}

/** The writer of an output format, its module loaded only when that format is asked for. */
export async function createLintWriter(choice: WriterChoice, io: LintIo, write: WriteText): Promise<LintWriter> {
  switch (choice.output) {
    case 'json':
      return (await import('../format/format-lint-json.ts')).lintJsonWriter(write);
    case 'sarif': {
      const [{ lintSarifWriter }, { RULES }, { VERSION, HOMEPAGE, RULES_DOC_URL }] = await Promise.all([
        import('../format/format-lint-sarif.ts'),
        import('../../policy/index.ts'),
        import('../../edge/version.ts'),
      ]);
      return lintSarifWriter(write, RULES, { version: VERSION, informationUri: HOMEPAGE, rulesDocUri: RULES_DOC_URL });
    }
    case 'github':
      return (await import('../format/format-lint-github.ts')).lintGithubWriter(write);
    case 'junit':
      return (await import('../format/format-lint-junit.ts')).lintJunitWriter(write);
    case 'tap':
      return (await import('../format/format-lint-tap.ts')).lintTapWriter(write);
    case 'text': {
      const [{ lintTextWriter }, { createColors }] = await Promise.all([
        import('../format/format-lint-text.ts'),
        import('../format/colors.ts'),
      ]);
      return lintTextWriter(write, createColors(io.color(choice.color)), { fixHints: choice.fixHints });
    }
  }
}
