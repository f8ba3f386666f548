/**
 * Findings about a source itself (origin `parser`), found before any rule runs; they are not rules
 * of the registry. One table for docs/rules.md and the SARIF rule descriptors.
 */
export interface ParserFinding {
  readonly id: string;
  readonly severity: 'error' | 'warning';
  readonly description: string;
}

const table: readonly (readonly [id: string, description: string])[] = [
  [
    'yaml-syntax',
    'The file is not valid YAML or JSON (or nests too deeply, or expands too many aliases), or holds a control character kubectl refuses. A look-alike of YAML punctuation (a full-width colon, a no-break space, a typographic quote) is named with its place. The other documents of the file are still linted.',
  ],
  [
    'duplicate-key',
    'A mapping repeats a key. kubectl refuses such manifests; other YAML tools silently keep one of the values.',
  ],
  ['document-too-large', 'A document is larger than 3 MiB, the most the API server accepts in one request.'],
  [
    'file-too-large',
    'A file (or standard input, a FIFO, a device) is larger than 16 MiB; job-x reads no more of it (split it).',
  ],
  [
    'file-encoding',
    'The file is UTF-32, or UTF-16 without a byte order mark: kubectl reads UTF-8, and UTF-16 after a byte order mark only, and fails on it.',
  ],
  [
    'nested-list',
    'A List inside a List: kubectl fails on the whole document. The objects inside are linted anyway, with their `itemPath`.',
  ],
  [
    'document-not-object',
    'A document is a sequence holding Jobs or CronJobs: kubectl applies objects only (one per document, or in a `kind: List`).',
  ],
  [
    'render-failed',
    'A Helm chart or kustomize folder could not be rendered (helm template or kustomize failed, ran past its time limit or gave more than 16 MiB); its message is quoted. The other inputs are still linted.',
  ],
  [
    'look-alike-quote',
    'Warning: a plain value or key begins or ends with a typographic quote (“ ” ‘ ’), which YAML keeps as part of it.',
  ],
];

/** Each reported as an error, but look-alike-quote (the value is read; it may just be odd). */
export const PARSER_FINDINGS: readonly ParserFinding[] = table.map(([id, description]) => ({
  id,
  severity: id === 'look-alike-quote' ? 'warning' : 'error',
  description,
}));
