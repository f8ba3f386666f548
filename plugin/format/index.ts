export { type ColorMode } from './colors.ts';
export { type LintReport } from './lint-report.ts';
