import type { ColorMode } from '../format/index.ts';
import type { KubeClient, KubeFlags } from '../kube/index.ts';
import type { JsonObject } from '../../kubernetes/index.ts';
import type { AdmissionPolicy } from '../../policy/index.ts';
import type { CommandContext } from '../command-context.ts';
import type { AuditSummary } from '../../schemas/generated/audit-output.ts';
import { ConfigError, ExitError, EXIT, UsageError } from '../../edge/index.ts';

// Only types and constants at the top: program.ts imports AUDIT_FORMATS from here, and `--help`
// must not load the cluster client or the engine.

export const AUDIT_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

/** Where the deployed webhook's policy is by default: the Helm chart's and kustomize base's ConfigMap. */
export const DEFAULT_POLICY_CONFIGMAP = 'job-x-system/job-x-policy';

export interface AuditOptions {
  readonly output: AuditFormat;
  readonly color: ColorMode;
  /** --policy FILE. */
  readonly policy?: string;
  /** --from-cluster [NAMESPACE/NAME]: true for the default ConfigMap. */
  readonly fromCluster?: string | true;
  readonly kube: KubeFlags;
}

/** Redraw the progress line at most this often. */
const PROGRESS_EVERY_MS = 250;
const WIDTH = { min: 60 } as const;

/**
 * `kubectl job-x audit`: every live Job and CronJob of a namespace (-n) or of the cluster (-A),
 * judged as the job-x webhook would judge it (plugin/audit/audit-object.ts), each finding with
 * what the webhook would do. Results are written as objects are judged (-o json, sarif, github);
 * text prints its summary first, so it keeps one row per finding until the end. Exit codes as
 * lint's: 1 when a finding is at error level, 2 for usage, policy or cluster errors.
 */
export async function audit(options: AuditOptions, io: CommandContext): Promise<AuditSummary> {
  if (options.policy !== undefined && options.fromCluster !== undefined)
    throw new UsageError('--policy and --from-cluster both choose the policy: give one of them');
  const [
    { loadAuditPolicy },
    { auditObject },
    { AuditTally },
    { listBatchObjects },
    { toRfc3339 },
    { BufferedOutput },
  ] = await Promise.all([
    import('../audit/audit-policy.ts'),
    import('../audit/audit-object.ts'),
    import('../audit/audit-summary.ts'),
    import('../kube/list-batch-objects.ts'),
    import('../../kubernetes/index.ts'),
    import('../buffered-output.ts'),
  ]);
  const client = await io.kubeClient(options.kube);
  const progress = progressLine(io);
  try {
    const { policy, source } =
      options.fromCluster !== undefined
        ? await (await import('../audit/cluster-policy.ts')).fetchClusterPolicy(client, options.fromCluster)
        : { policy: await loadAuditPolicy(options.policy), source: options.policy ?? 'default' };
    const namespace = options.kube.allNamespaces ? null : client.namespace;
    const labelsOf = await namespaceLabelsFor(policy, client, namespace);
    // Gathered into large writes, as lint's: a write per object was most of the time of a big audit.
    const output = new BufferedOutput(io.stdout);
    const writer = await createWriter(options, io, output.write);
    const tally = new AuditTally();
    const now = toRfc3339(Date.now());
    for (const [plural, kind] of [
      ['jobs', 'Job'],
      ['cronjobs', 'CronJob'],
    ] as const) {
      await listBatchObjects(client, plural, namespace, (object) => {
        const result = auditObject(object, kind, policy, now, labelsOf(object));
        if (result === undefined) tally.exempt++;
        else {
          tally.judged(kind);
          tally.add(result);
          if (result.findings.length > 0) writer.result(result);
        }
        progress.update(tally.jobs + tally.cronJobs + tally.exempt, plural);
      });
    }
    progress.stop();
    const summary = tally.summary(source);
    writer.end(summary);
    output.flush();
    if (summary.errors > 0) throw new ExitError(EXIT.findings);
    return summary;
  } finally {
    progress.stop();
    client.close();
  }
}

/**
 * The labels of an object's namespace, fetched only when the policy reads them (a
 * namespaceSelector or per-namespace overrides). Without the right to read namespaces the audit
 * cannot judge such a policy as the webhook does, and says so rather than guess.
 */
async function namespaceLabelsFor(
  policy: AdmissionPolicy,
  client: KubeClient,
  namespace: string | null,
): Promise<(object: JsonObject) => Readonly<Record<string, string>> | undefined> {
  if (!policy.settings.needsNamespaceLabels) return () => undefined;
  const [{ fetchNamespaceLabels, KubeApiError, KubeForbiddenError, KubeNotFoundError }, { str, obj }] =
    await Promise.all([import('../kube/index.ts'), import('../../kubernetes/index.ts')]);
  let labels: Map<string, Record<string, string>>;
  try {
    labels = await fetchNamespaceLabels(client, namespace);
  } catch (error) {
    // -n of a namespace that is not there: it holds nothing to judge.
    if (error instanceof KubeNotFoundError || (error instanceof KubeApiError && error.statusCode === 404))
      labels = new Map();
    else if (error instanceof KubeForbiddenError)
      throw new ConfigError(NAMESPACE_LABELS_FORBIDDEN(namespace), { hint: [error.message, ...error.hint] });
    else throw error;
  }
  return (object) => labels.get(str(obj(object, 'metadata'), 'namespace') ?? '');
}

const NAMESPACE_LABELS_FORBIDDEN = (namespace: string | null): string =>
  'the policy has a namespaceSelector or per-namespace overrides, which depend on the labels of ' +
  `the namespaces; the audit cannot judge it without ${namespace === null ? 'list' : 'get'} on namespaces`;

async function createWriter(options: AuditOptions, io: CommandContext, write: (text: string) => void) {
  switch (options.output) {
    case 'json':
      return (await import('../format/format-audit-json.ts')).auditJsonWriter(write);
    case 'sarif': {
      const [{ auditSarifWriter }, { RULES }, { VERSION, HOMEPAGE, RULES_DOC_URL }] = await Promise.all([
        import('../format/format-audit-ci.ts'),
        import('../../policy/index.ts'),
        import('../../edge/version.ts'),
      ]);
      return auditSarifWriter(write, RULES, { version: VERSION, informationUri: HOMEPAGE, rulesDocUri: RULES_DOC_URL });
    }
    case 'github':
      return (await import('../format/format-audit-ci.ts')).auditGithubWriter(write);
    case 'text': {
      const [{ auditTextWriter }, { createColors }] = await Promise.all([
        import('../format/format-audit-text.ts'),
        import('../format/colors.ts'),
      ]);
      return auditTextWriter(write, createColors(io.color(options.color)), io.width(WIDTH));
    }
  }
}

/** `judged N objects (listing cronjobs)...` on stderr, redrawn in place, only on a terminal; erased at the end. */
function progressLine(io: CommandContext): { update(count: number, what: string): void; stop(): void } {
  if (io.stderr.isTTY !== true) return { update: () => undefined, stop: () => undefined };
  let last = 0;
  let shown = false;
  return {
    update(count, what) {
      const now = Date.now();
      if (now - last < PROGRESS_EVERY_MS) return;
      last = now;
      shown = true;
      io.stderr.write(`\u001b[2K\rjudged ${count} objects (listing ${what})...`);
    },
    stop() {
      if (shown) io.stderr.write('\u001b[2K\r');
      shown = false;
    },
  };
}
