export { LINT_FORMATS, type LintFormat } from './lint.ts';
export { DIAGNOSE_FORMATS, type DiagnoseFlagValues, type DiagnoseFormat } from './diagnose.ts';
export { EXPLAIN_FORMATS, type ExplainFormat } from './explain.ts';
export { INDEX_STATUS_FORMATS, type IndexStatusFormat } from './index-status.ts';
export { EXPORT_FORMATS, type ExportFormat } from './export.ts';
export { VERSION_FORMATS, type VersionFormat } from './version.ts';
export { addRenderFlags, toRenderFlags, type RenderFlags } from './lint-render-flags.ts';
export { AUDIT_FORMATS, type AuditFormat } from './audit.ts';
