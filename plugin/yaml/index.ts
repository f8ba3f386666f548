export { parseSource, readSourceParts } from './source-parts.ts';
export { type ParsedSource } from './parsed-source.ts';
