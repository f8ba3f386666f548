export { type FileOutcome } from './lint-file.ts';
export { type ObjectResult, type SourceResult } from './lint-source.ts';
export { type LintSink } from './lint-sink.ts';
export { type Input } from './sources.ts';
export { type FilePath } from './file-names.ts';
export { type ReadOptions } from './read-source.ts';
export { PARSER_FINDINGS, type ParserFinding } from './parser-findings.ts';
export { objectLabel } from './object-label.ts';
export { type RenderSettings, type RenderedFrom } from './render/index.ts';
