/**
 * The Go types of the batch/v1 fields job-x reads, as the API server decodes them. The server
 * decodes the JSON body into these Go structs before it validates anything: a value of the wrong
 * type, an integer out of its Go type's range, or (with kubectl's default `--validate=strict`) an
 * unknown field is refused with 400 BadRequest, and encoding/json's message names the Go types
 * (decode-problems.ts). Objects marked closed list every field of their Kubernetes 1.36 type, so
 * unknown fields there are reported; open objects (the pod spec, for one) are only partly
 * described.
 */
export type FieldType =
  | 'int32'
  | 'int64'
  | 'string'
  | 'bool'
  | 'any'
  /** A named string type: its Go name (`v1.RestartPolicy`). */
  | { readonly string: string }
  /** A struct: its fields by JSON name, and its Go name (`v1.JobSpec`). */
  | { readonly object: Readonly<Record<string, FieldType>>; readonly closed: boolean; readonly go: string }
  | { readonly array: FieldType }
  | { readonly map: FieldType };

const stringMapType: FieldType = { map: 'string' };

const objectMeta: FieldType = {
  object: {
    name: 'string',
    generateName: 'string',
    namespace: 'string',
    labels: stringMapType,
    annotations: stringMapType,
    generation: 'int64',
    deletionGracePeriodSeconds: 'int64',
  },
  closed: false,
  go: 'v1.ObjectMeta',
};

const container: FieldType = {
  object: {
    name: 'string',
    image: 'string',
    imagePullPolicy: { string: 'v1.PullPolicy' },
    terminationMessagePolicy: { string: 'v1.TerminationMessagePolicy' },
    command: { array: 'string' },
    args: { array: 'string' },
    securityContext: {
      object: {
        runAsUser: 'int64',
        runAsGroup: 'int64',
        runAsNonRoot: 'bool',
        privileged: 'bool',
        allowPrivilegeEscalation: 'bool',
        readOnlyRootFilesystem: 'bool',
      },
      closed: false,
      go: 'v1.SecurityContext',
    },
  },
  closed: false,
  go: 'v1.Container',
};

const podTemplate: FieldType = {
  object: {
    metadata: objectMeta,
    spec: {
      object: {
        containers: { array: container },
        initContainers: { array: container },
        restartPolicy: { string: 'v1.RestartPolicy' },
        dnsPolicy: { string: 'v1.DNSPolicy' },
        hostname: 'string',
        subdomain: 'string',
        serviceAccountName: 'string',
        nodeName: 'string',
        priorityClassName: 'string',
        nodeSelector: stringMapType,
        activeDeadlineSeconds: 'int64',
        terminationGracePeriodSeconds: 'int64',
        securityContext: {
          object: {
            runAsUser: 'int64',
            runAsGroup: 'int64',
            runAsNonRoot: 'bool',
            fsGroup: 'int64',
            supplementalGroups: { array: 'int64' },
          },
          closed: false,
          go: 'v1.PodSecurityContext',
        },
      },
      closed: false,
      go: 'v1.PodSpec',
    },
  },
  closed: true,
  go: 'v1.PodTemplateSpec',
};

const labelSelector: FieldType = {
  object: {
    matchLabels: stringMapType,
    matchExpressions: {
      array: {
        object: { key: 'string', operator: { string: 'v1.LabelSelectorOperator' }, values: { array: 'string' } },
        closed: true,
        go: 'v1.LabelSelectorRequirement',
      },
    },
  },
  closed: true,
  go: 'v1.LabelSelector',
};

const podFailurePolicy: FieldType = {
  object: {
    rules: {
      array: {
        object: {
          action: { string: 'v1.PodFailurePolicyAction' },
          onExitCodes: {
            object: {
              containerName: 'string',
              operator: { string: 'v1.PodFailurePolicyOnExitCodesOperator' },
              values: { array: 'int32' },
            },
            closed: true,
            go: 'v1.PodFailurePolicyOnExitCodesRequirement',
          },
          onPodConditions: {
            array: {
              object: { type: { string: 'v1.PodConditionType' }, status: { string: 'v1.ConditionStatus' } },
              closed: true,
              go: 'v1.PodFailurePolicyOnPodConditionsPattern',
            },
          },
        },
        closed: true,
        go: 'v1.PodFailurePolicyRule',
      },
    },
  },
  closed: true,
  go: 'v1.PodFailurePolicy',
};

const successPolicy: FieldType = {
  object: {
    rules: {
      array: {
        object: { succeededIndexes: 'string', succeededCount: 'int32' },
        closed: true,
        go: 'v1.SuccessPolicyRule',
      },
    },
  },
  closed: true,
  go: 'v1.SuccessPolicy',
};

export const JOB_SPEC_TYPE: FieldType = {
  object: {
    parallelism: 'int32',
    completions: 'int32',
    activeDeadlineSeconds: 'int64',
    podFailurePolicy,
    successPolicy,
    backoffLimit: 'int32',
    backoffLimitPerIndex: 'int32',
    maxFailedIndexes: 'int32',
    selector: labelSelector,
    manualSelector: 'bool',
    template: podTemplate,
    ttlSecondsAfterFinished: 'int32',
    completionMode: { string: 'v1.CompletionMode' },
    suspend: 'bool',
    podReplacementPolicy: { string: 'v1.PodReplacementPolicy' },
    managedBy: 'string',
  },
  closed: true,
  go: 'v1.JobSpec',
};

/** The counters and index lists of a stored Job's status (`kubectl get job -o yaml` output). */
const jobStatus: FieldType = {
  object: {
    active: 'int32',
    succeeded: 'int32',
    failed: 'int32',
    terminating: 'int32',
    ready: 'int32',
    completedIndexes: 'string',
    failedIndexes: 'string',
  },
  closed: false,
  go: 'v1.JobStatus',
};

export const JOB_TYPE: FieldType = {
  object: { apiVersion: 'string', kind: 'string', metadata: objectMeta, spec: JOB_SPEC_TYPE, status: jobStatus },
  closed: true,
  go: 'v1.Job',
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
        concurrencyPolicy: { string: 'v1.ConcurrencyPolicy' },
        suspend: 'bool',
        jobTemplate: {
          object: { metadata: objectMeta, spec: JOB_SPEC_TYPE },
          closed: true,
          go: 'v1.JobTemplateSpec',
        },
        successfulJobsHistoryLimit: 'int32',
        failedJobsHistoryLimit: 'int32',
      },
      closed: true,
      go: 'v1.CronJobSpec',
    },
    status: 'any',
  },
  closed: true,
  go: 'v1.CronJob',
};

/** The type's name as Go's reflect prints it in encoding/json's errors. */
export function goTypeName(type: FieldType): string {
  if (typeof type === 'string') return type === 'any' ? 'interface {}' : type;
  if ('string' in type) return type.string;
  if ('object' in type) return type.go;
  if ('array' in type) return `[]${goTypeName(type.array)}`;
  return `map[string]${goTypeName(type.map)}`;
}
