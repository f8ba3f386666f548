import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { ConfigError } from '../../edge/index.ts';
import type { ObjectResult } from './lint-source.ts';
import { objectLabel } from './object-label.ts';

/**
 * A baseline (`--baseline FILE`, `--write-baseline`): findings recorded once, which then no longer
 * fail the run, as ESLint's suppressions file and detekt's baseline. A finding is matched by its
 * file (relative to the baseline's folder, so the file holds wherever lint runs), its object
 * (kind, namespace, name), rule and field path, never by line: edits elsewhere in the file keep
 * the match. Entries count findings, so a second identical finding is new.
 */
export interface BaselineEntry {
  readonly file: string;
  readonly object: string;
  readonly ruleId: string;
  readonly path: string;
  readonly count: number;
}

interface BaselineFile {
  readonly apiVersion: 'job-x.dev/v1alpha1';
  readonly kind: 'Baseline';
  readonly findings: BaselineEntry[];
}

export class Baseline {
  readonly path: string;
  private readonly dir: string;
  private readonly cwd: string;
  /** Matches left, by key. */
  private readonly left = new Map<string, number>();
  private readonly entries = new Map<string, Omit<BaselineEntry, 'count'>>();
  private readonly recorded = new Map<string, number>();

  private constructor(path: string, cwd: string, entries: readonly BaselineEntry[]) {
    this.path = path;
    this.dir = dirname(resolve(cwd, path));
    this.cwd = cwd;
    for (const entry of entries) {
      const key = keyOf(entry);
      this.entries.set(key, { file: entry.file, object: entry.object, ruleId: entry.ruleId, path: entry.path });
      this.left.set(key, (this.left.get(key) ?? 0) + entry.count);
    }
  }

  /** The baseline in a file; an empty one when the file does not exist and is about to be written. */
  static read(path: string, cwd: string, writing: boolean): Baseline {
    let text: string;
    try {
      text = readFileSync(resolve(cwd, path), 'utf8');
    } catch (error) {
      if (writing && (error as NodeJS.ErrnoException).code === 'ENOENT') return new Baseline(path, cwd, []);
      throw new ConfigError(`cannot read baseline ${path}: ${(error as Error).message}`, {
        hint: ['hint: lint --baseline FILE --write-baseline records the current findings in FILE'],
      });
    }
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      throw new ConfigError(`baseline ${path} is not JSON (lint --write-baseline writes it)`);
    }
    if (!isBaselineFile(document))
      throw new ConfigError(`baseline ${path} is not a job-x baseline (kind: Baseline, findings: [...])`);
    return new Baseline(path, cwd, writing ? [] : document.findings);
  }

  /** The result without the findings the baseline holds (each entry matches as many findings as it counts). */
  filter(result: ObjectResult): ObjectResult {
    const file = this.fileKey(result.file);
    const object = objectLabel(result);
    const findings = result.findings.filter((finding) => {
      const key = keyOf({ file, object, ruleId: finding.ruleId, path: finding.path });
      const n = this.left.get(key) ?? 0;
      if (n === 0) return true;
      this.left.set(key, n - 1);
      return false;
    });
    return findings.length === result.findings.length ? result : { ...result, findings };
  }

  /** With --write-baseline: every finding goes into the file. */
  record(result: ObjectResult): void {
    const file = this.fileKey(result.file);
    const object = objectLabel(result);
    for (const finding of result.findings) {
      const entry = { file, object, ruleId: finding.ruleId, path: finding.path };
      const key = keyOf(entry);
      this.entries.set(key, entry);
      this.recorded.set(key, (this.recorded.get(key) ?? 0) + 1);
    }
  }

  /** Entries that matched nothing this run (fixed, renamed or moved). */
  stale(): BaselineEntry[] {
    return [...this.left].filter(([, n]) => n > 0).map(([key, count]) => ({ ...this.entries.get(key)!, count }));
  }

  /** Writes what record() saw; returns the number of findings written. */
  write(): number {
    const findings = [...this.recorded]
      .map(([key, count]) => ({ ...this.entries.get(key)!, count }))
      .sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
    const document: BaselineFile = { apiVersion: 'job-x.dev/v1alpha1', kind: 'Baseline', findings };
    writeFileSync(resolve(this.cwd, this.path), `${JSON.stringify(document, null, 2)}\n`);
    return findings.reduce((sum, entry) => sum + entry.count, 0);
  }

  private fileKey(file: string): string {
    if (file === '<stdin>') return file;
    const rel = relative(this.dir, resolve(this.cwd, file));
    return isAbsolute(rel) ? rel : rel.split(sep).join('/');
  }
}

const keyOf = (entry: Pick<BaselineEntry, 'file' | 'object' | 'ruleId' | 'path'>): string =>
  JSON.stringify([entry.file, entry.object, entry.ruleId, entry.path]);

function isBaselineFile(value: unknown): value is BaselineFile {
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, 'findings')) return false;
  const { kind, findings } = value as { kind?: unknown; findings?: unknown };
  return (
    kind === 'Baseline' &&
    Array.isArray(findings) &&
    findings.every(
      (entry: unknown) =>
        typeof entry === 'object' &&
        entry !== null &&
        ['file', 'object', 'ruleId', 'path'].every(
          (key) => typeof (entry as Record<string, unknown>)[key] === 'string',
        ) &&
        Number.isInteger((entry as { count?: unknown }).count) &&
        ((entry as { count: number }).count ?? 0) > 0,
    )
  );
}
