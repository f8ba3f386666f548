/**
 * Large manifests for memory tests and measurements (test/unit/plugin/lint-memory.test.ts,
 * bench/lint/lint-memory.ts): many small Jobs in one file, and one List holding them.
 */

/** A Job of a few lines with no restartPolicy: three findings each (the most results per byte). */
export function tinyJob(index: number): string {
  return `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j${index}\nspec:\n  template:\n    spec:\n      containers:\n      - name: c\n        image: b\n`;
}

/** Small Jobs as YAML documents (`---` before each), as many as fit in `bytes`; and how many. */
export function tinyJobsStream(bytes: number): { readonly text: string; readonly jobs: number } {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; ; i++) {
    const document = `---\n${tinyJob(i)}`;
    if (size + document.length > bytes) break;
    parts.push(document);
    size += document.length;
  }
  return { text: parts.join(''), jobs: parts.length };
}

/** One `kind: List` document of small Jobs, as large as fits in `bytes`. */
export function tinyJobsList(bytes: number): string {
  const parts = ['apiVersion: v1\nkind: List\nitems:\n'];
  let size = parts[0]!.length;
  for (let i = 0; ; i++) {
    const item = `- ${tinyJob(i).trimEnd().replaceAll('\n', '\n  ')}\n`;
    if (size + item.length > bytes) break;
    parts.push(item);
    size += item.length;
  }
  return parts.join('');
}
