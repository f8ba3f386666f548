export { type FileOutcome } from './lint-file.ts';
export { type ObjectResult, type SourceResult } from './lint-source.ts';
export { type Input } from './sources.ts';
