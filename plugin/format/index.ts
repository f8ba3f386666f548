export { type ColorMode } from './colors.ts';
export { escapeText } from '../escape-text.ts';
export { type LintReport, type LintTotals, type LintWriter, type WriteText } from './lint-report.ts';
export { plural } from './plural.ts';
export { renderTable } from './text-table.ts';
