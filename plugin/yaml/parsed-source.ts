/**
 * What reading a source gives the linter, whichever YAML reader produced it: the objects to lint
 * (with a way to locate a field), and the problems of documents that could not be read.
 */

/** kube-apiserver refuses request bodies above 3 MiB (--max-request-body-bytes). */
export const MAX_DOCUMENT_BYTES = 3 * 1024 * 1024;

export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

export interface SourceProblem extends SourcePosition {
  readonly ruleId: 'yaml-syntax' | 'duplicate-key' | 'document-too-large' | 'nested-list' | 'look-alike-quote';
  readonly message: string;
  /** Absent: an error. A warning does not stop the document from being read. */
  readonly severity?: 'warning';
}

/** One object to lint: a document, or one item of a `kind: List` document. */
export interface SourceObject {
  /** 0-based index of the YAML document in the stream. */
  readonly document: number;
  /** 0-based index in the List's items, for objects that came from a List. */
  readonly item?: number;
  /** For an object of a List inside a List: the item indexes from the outer List in (item is the first). */
  readonly itemPath?: readonly number[];
  readonly value: unknown;
  /** Maps a printed field path to its position; falls back to the nearest existing parent. */
  locate(path: string): SourcePosition;
}

export interface ParsedSource {
  readonly objects: SourceObject[];
  /** Syntax errors and other problems of a document (warnings too), with its index. */
  readonly problems: (SourceProblem & { readonly document: number })[];
  /** Documents that were empty (only comments or `---`). */
  readonly emptyDocuments: number;
  /** Documents read, empty ones and those with problems included. */
  readonly documents: number;
}

/** The segments of a printed field path: `spec.rules[0]`, `labels[batch.kubernetes.io/job-name]`. */
export const PATH_SEGMENT = /([^.[\]]+)|\[([^\]]*)\]/g;

export const DOCUMENT_TOO_LARGE_MESSAGE = `document is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB, the most the API server accepts in one request`;

export function duplicateKeyMessage(key: string): string {
  return `mapping key ${JSON.stringify(key)} already defined; kubectl refuses duplicate keys`;
}
