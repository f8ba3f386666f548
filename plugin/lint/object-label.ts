import type { ObjectResult } from './lint-source.ts';

/** `Job ns/name`, or `document 2` for a document that could not be read (unescaped: each format escapes it). */
export function objectLabel(result: ObjectResult): string {
  return result.kind
    ? `${result.kind} ${result.namespace ? `${result.namespace}/` : ''}${result.name ?? '(unnamed)'}`
    : `document ${result.document + 1}`;
}
