import { FieldPath } from './field-path.ts';
import { isObject } from './decoded-access.ts';

/**
 * The decoded types of the batch/v1 fields job-x reads. The API server decodes JSON into Go
 * structs before it validates anything: a value of the wrong type, an int32 out of range, or (with
 * kubectl's default `--validate=strict`) an unknown field is refused with 400 BadRequest.
 * Objects marked closed list every field of their Kubernetes 1.36 type, so unknown fields there
 * are reported; open objects (the pod spec, for one) are only partly described.
 */
export type FieldType =
  | 'int32'
  | 'int64'
  | 'string'
  | 'bool'
  | 'any'
  | { readonly object: Readonly<Record<string, FieldType>>; readonly closed: boolean }
  | { readonly array: FieldType }
  | { readonly map: FieldType };

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const stringMapType: FieldType = { map: 'string' };

const objectMeta: FieldType = {
  object: {
    name: 'string',
    generateName: 'string',
    namespace: 'string',
    labels: stringMapType,
    annotations: stringMapType,
  },
  closed: false,
};

const container: FieldType = {
  object: {
    name: 'string',
    image: 'string',
    imagePullPolicy: 'string',
    terminationMessagePolicy: 'string',
    command: { array: 'string' },
    args: { array: 'string' },
  },
  closed: false,
};

const podTemplate: FieldType = {
  object: {
    metadata: objectMeta,
    spec: {
      object: {
        containers: { array: container },
        initContainers: { array: container },
        restartPolicy: 'string',
        dnsPolicy: 'string',
        hostname: 'string',
        subdomain: 'string',
        serviceAccountName: 'string',
        nodeName: 'string',
        priorityClassName: 'string',
        nodeSelector: stringMapType,
        activeDeadlineSeconds: 'int64',
        terminationGracePeriodSeconds: 'int64',
      },
      closed: false,
    },
  },
  closed: true,
};

const labelSelector: FieldType = {
  object: {
    matchLabels: stringMapType,
    matchExpressions: {
      array: { object: { key: 'string', operator: 'string', values: { array: 'string' } }, closed: true },
    },
  },
  closed: true,
};

export const JOB_SPEC_TYPE: FieldType = {
  object: {
    parallelism: 'int32',
    completions: 'int32',
    activeDeadlineSeconds: 'int64',
    podFailurePolicy: {
      object: {
        rules: {
          array: {
            object: {
              action: 'string',
              onExitCodes: {
                object: { containerName: 'string', operator: 'string', values: { array: 'int32' } },
                closed: true,
              },
              onPodConditions: { array: { object: { type: 'string', status: 'string' }, closed: true } },
            },
            closed: true,
          },
        },
      },
      closed: true,
    },
    successPolicy: {
      object: { rules: { array: { object: { succeededIndexes: 'string', succeededCount: 'int32' }, closed: true } } },
      closed: true,
    },
    backoffLimit: 'int32',
    backoffLimitPerIndex: 'int32',
    maxFailedIndexes: 'int32',
    selector: labelSelector,
    manualSelector: 'bool',
    template: podTemplate,
    ttlSecondsAfterFinished: 'int32',
    completionMode: 'string',
    suspend: 'bool',
    podReplacementPolicy: 'string',
    managedBy: 'string',
  },
  closed: true,
};

export const JOB_TYPE: FieldType = {
  object: { apiVersion: 'string', kind: 'string', metadata: objectMeta, spec: JOB_SPEC_TYPE, status: 'any' },
  closed: true,
};

export const CRONJOB_TYPE: FieldType = {
  object: {
    apiVersion: 'string',
    kind: 'string',
    metadata: objectMeta,
    spec: {
      object: {
        schedule: 'string',
        timeZone: 'string',
        startingDeadlineSeconds: 'int64',
        concurrencyPolicy: 'string',
        suspend: 'bool',
        jobTemplate: { object: { metadata: objectMeta, spec: JOB_SPEC_TYPE }, closed: true },
        successfulJobsHistoryLimit: 'int32',
        failedJobsHistoryLimit: 'int32',
      },
      closed: true,
    },
    status: 'any',
  },
  closed: true,
};

export interface DecodeProblem {
  readonly kind: 'type' | 'unknown-field';
  readonly path: string;
  readonly message: string;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isInteger(value) ? 'number' : `number ${value}`;
  return typeof value;
}

function expectedName(type: FieldType): string {
  if (typeof type === 'string') return type;
  if ('object' in type) return 'object';
  if ('array' in type) return 'array';
  return 'map';
}

/** Walks a decoded document against a type; null is always accepted (Go decodes it as unset). */
export function decodeProblems(value: unknown, type: FieldType, path: FieldPath = FieldPath.root()): DecodeProblem[] {
  if (value === null || value === undefined || type === 'any') return [];
  const mismatch = (): DecodeProblem[] => [
    {
      kind: 'type',
      path: path.toString(),
      message: `cannot decode ${describe(value)} into a field of type ${expectedName(type)}`,
    },
  ];
  if (type === 'string') return typeof value === 'string' ? [] : mismatch();
  if (type === 'bool') return typeof value === 'boolean' ? [] : mismatch();
  if (type === 'int32' || type === 'int64') {
    if (typeof value !== 'number' || !Number.isInteger(value)) return mismatch();
    if (type === 'int32' && (value < INT32_MIN || value > INT32_MAX)) {
      return [
        { kind: 'type', path: path.toString(), message: `${value} overflows int32 (${INT32_MIN} to ${INT32_MAX})` },
      ];
    }
    return [];
  }
  if ('array' in type) {
    if (!Array.isArray(value)) return mismatch();
    return value.flatMap((item, i) => decodeProblems(item, type.array, path.index(i)));
  }
  if (!isObject(value)) return mismatch();
  if ('map' in type)
    return Object.entries(value).flatMap(([key, item]) => decodeProblems(item, type.map, path.key(key)));
  const problems: DecodeProblem[] = [];
  for (const [key, item] of Object.entries(value)) {
    // Own fields only: a key such as `constructor` or `toString` is unknown, not Object.prototype's.
    const fieldType = Object.hasOwn(type.object, key) ? type.object[key] : undefined;
    if (fieldType) problems.push(...decodeProblems(item, fieldType, path.child(key)));
    else if (type.closed)
      problems.push({
        kind: 'unknown-field',
        path: path.child(key).toString(),
        message: `unknown field "${path.child(key).toString()}"`,
      });
  }
  return problems;
}

const problemsByDocument = new WeakMap<object, DecodeProblem[]>();

/**
 * The decode problems of a whole Job or CronJob, computed once per document: the field-types and
 * unknown-fields rules both read them.
 */
export function documentDecodeProblems(document: Record<string, unknown>, kind: 'Job' | 'CronJob'): DecodeProblem[] {
  let problems = problemsByDocument.get(document);
  if (!problems) {
    problems = decodeProblems(document, kind === 'Job' ? JOB_TYPE : CRONJOB_TYPE);
    problemsByDocument.set(document, problems);
  }
  return problems;
}
