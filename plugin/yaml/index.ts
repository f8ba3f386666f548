export { parseSource, readSourceParts } from './source-parts.ts';
export { type ParsedSource, type SourceObject } from './parsed-source.ts';
