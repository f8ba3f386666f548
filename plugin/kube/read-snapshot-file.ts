// `diagnose -f FILE`: the file's text (a saved Snapshot or a kubectl List, JSON or YAML), parsed
// and read into a JobSnapshot by snapshot-document.ts. Every problem is a UsageError naming the
// file: a file a user hands over must never end in a stack trace.
import { readStreamCapped, readTextCapped, UsageError, yamlPackage } from '../../edge/index.ts';
import { describeError, MAX_NESTING_DEPTH, nestsDeeperThan } from '../../kubernetes/index.ts';
import { toDiagnoseReading, type DiagnoseReading, type SnapshotSource } from './snapshot-document.ts';

/**
 * A snapshot of a 5,000-pod Job, saved without managedFields, is some 25 MiB; a kubectl List of
 * the same with them about twice that. Anything past this is not a snapshot.
 */
export const MAX_SNAPSHOT_BYTES = 256 * 1024 * 1024;
/** YAML aliases expanded at most this often (a "billion laughs" file stays small). */
const MAX_ALIAS_COUNT = 100;

export interface SnapshotFileOptions extends Omit<SnapshotSource, 'file'> {
  /** Standard input, for `-f -`. */
  readonly stdin: AsyncIterable<unknown>;
}

/** Reads `-f FILE` (`-`: standard input) into a JobSnapshot (and a CronJob, if saved with one). Throws UsageError. */
export async function readSnapshotFile(path: string, options: SnapshotFileOptions): Promise<DiagnoseReading> {
  const file = path === '-' ? 'standard input' : path;
  const text = await readText(path, options.stdin).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${file}: ${readProblem(error)}`);
  });
  if (text === undefined)
    throw new UsageError(
      `cannot read ${file}: larger than ${MAX_SNAPSHOT_BYTES / 1024 / 1024} MiB, more than a snapshot holds`,
    );
  const documents = parseDocuments(text.replace(/^\uFEFF/, ''), file);
  if (documents.some((document) => nestsDeeperThan(document)))
    throw new UsageError(`${file} nests deeper than ${MAX_NESTING_DEPTH} levels: it is not a snapshot`);
  return toDiagnoseReading(documents, { ...options, file });
}

function readText(path: string, stdin: AsyncIterable<unknown>): Promise<string | undefined> {
  return path === '-' ? readStreamCapped(stdin, MAX_SNAPSHOT_BYTES) : readTextCapped(path, MAX_SNAPSHOT_BYTES);
}

function readProblem(error: NodeJS.ErrnoException): string {
  if (error.code === 'ENOENT') return 'no such file';
  if (error.code === 'EISDIR') return 'it is a directory';
  return error.code ?? describeError(error);
}

/** JSON (what --save writes, and kubectl's -o json), else a YAML stream (kubectl's -o yaml). */
function parseDocuments(text: string, file: string): unknown[] {
  if (/^\s*[{[]/.test(text)) {
    try {
      return [JSON.parse(text)];
    } catch (error) {
      throw new UsageError(`${file} is not valid JSON: ${describeError(error)}`);
    }
  }
  const { parseAllDocuments } = yamlPackage();
  try {
    const documents = parseAllDocuments(text, { prettyErrors: false });
    const list = Array.isArray(documents) ? documents : [documents];
    const values: unknown[] = [];
    for (const document of list) {
      const error = document.errors[0];
      if (error) throw new UsageError(`${file} is neither JSON nor valid YAML: ${firstLine(error.message)}`);
      const value: unknown = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      if (value !== null && value !== undefined) values.push(value);
    }
    return values;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // The composer recurses: a file nested thousands deep overflows the stack (RangeError).
    const reason = error instanceof RangeError ? 'it nests too deep to read' : describeError(error);
    throw new UsageError(`cannot read ${file}: ${firstLine(reason)}`);
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
