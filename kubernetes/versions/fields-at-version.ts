import { GATED_FIELDS, NOT_SERVED, type KubeMinor } from './version-tables.generated.ts';

/** A field written in a manifest that the target version does not serve. */
export interface UnservedField {
  /** The field's path as the API server prints it (`spec.template.spec.containers[0].restartPolicyRules`). */
  readonly path: string;
  /** The first minor that serves it. */
  readonly since: KubeMinor;
}

/** A field the target version serves but drops on create, its feature gate being off by default. */
export interface IgnoredField {
  readonly path: string;
  readonly gate: string;
  /** The upstream function that drops it (with its file). */
  readonly droppedBy: string;
}

export interface FieldsAtVersion {
  readonly unserved: UnservedField[];
  readonly ignored: IgnoredField[];
}

/**
 * The fields of a Job or CronJob as written that `minor` does not serve or drops in silence, from
 * the generated tables (scripts/generate-kube-versions.ts). Read by own properties only: the
 * object is decoded input.
 */
export function fieldsAtVersion(raw: unknown, kind: 'Job' | 'CronJob', minor: KubeMinor): FieldsAtVersion {
  const unserved: UnservedField[] = [];
  for (const [pattern, since] of NOT_SERVED[minor]?.[kind] ?? [])
    for (const path of presentPaths(raw, pattern)) unserved.push({ path, since });
  const ignored: IgnoredField[] = [];
  for (const { gate, paths, droppedBy, defaults } of GATED_FIELDS) {
    if (defaults[minor] !== false) continue;
    for (const jobPath of paths) {
      const pattern = kind === 'CronJob' ? jobPath.replace(/^spec\./, 'spec.jobTemplate.spec.') : jobPath;
      for (const path of presentPaths(raw, pattern)) ignored.push({ path, gate, droppedBy });
    }
  }
  return { unserved, ignored };
}

/** The concrete paths of the fields a pattern (`a.b[*].c`) names that the object has (not null). */
export function presentPaths(raw: unknown, pattern: string): string[] {
  const steps = pattern.split(/\.|(?=\[\*\])/).filter((step) => step !== '');
  const found: string[] = [];
  const visit = (value: unknown, at: number, path: string): void => {
    if (value === null || value === undefined) return;
    if (at === steps.length) {
      found.push(path);
      return;
    }
    const step = steps[at]!;
    if (step === '[*]') {
      if (Array.isArray(value)) value.forEach((item, i) => visit(item, at + 1, `${path}[${i}]`));
      return;
    }
    if (typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, step)) return;
    visit((value as Record<string, unknown>)[step], at + 1, path === '' ? step : `${path}.${step}`);
  };
  visit(raw, 0, '');
  return found;
}
