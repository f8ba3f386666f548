import type { CommandContext } from '../command-context.ts';

/** lint's output formats; program.ts reads them without loading the linter. */
export const LINT_FORMATS = ['text', 'json', 'sarif', 'github', 'junit', 'tap'] as const;
export type LintFormat = (typeof LINT_FORMATS)[number];

/** The part of the command context lint writes to. */
export type LintIo = Pick<CommandContext, 'stdin' | 'stdout' | 'stderr' | 'color'>;
