import { isImmutableJobField, obj, str, toJobFromCronJob, type JsonObject } from '../../kubernetes/index.ts';
import {
  admissionFindings,
  applyDefaults,
  exemptionOf,
  modeOf,
  policyInNamespace,
  ratchetKey,
  toEngineObject,
  type AdmissionPolicy,
  type Finding,
} from '../../policy/index.ts';
import { EFFECT_WORDING, type AuditFinding } from './admission-effect.ts';

export interface AuditResult {
  readonly namespace: string;
  readonly kind: 'Job' | 'CronJob';
  readonly name: string;
  readonly findings: AuditFinding[];
}

const CRONJOB_JOB_PREFIX = 'spec.jobTemplate.';

/**
 * One live Job or CronJob judged as the webhook judges it, with the webhook's own pure decisions
 * (policy/: toEngineObject, applyDefaults, admissionFindings, policyInNamespace), and each finding
 * labelled with what the webhook would do about it. `stored` is the object as the API server
 * returned it (status, managedFields, the generated selector: toEngineObject drops the first two,
 * the rules read the third as the server's). `now` (RFC 3339) stands for the next run of a
 * CronJob. `namespaceLabels`: the labels of the object's namespace, needed when the policy has a
 * namespaceSelector or overrides (undefined: unknown, and then, as in the webhook, neither
 * exempts nor overrides). An object the policy exempts (its namespace, namespace or object
 * selector) is not judged: undefined. Exempt users and groups cannot be judged here: who will
 * send the next request is not known.
 */
export function auditObject(
  stored: JsonObject,
  kind: 'Job' | 'CronJob',
  policy: AdmissionPolicy,
  now: string,
  namespaceLabels?: Readonly<Record<string, string>>,
): AuditResult | undefined {
  const metadata = obj(stored, 'metadata');
  const namespace = str(metadata, 'namespace') ?? '';
  if (policy.exemptNamespaces.has(namespace)) return undefined;
  const exemption = exemptionOf(policy.settings, {
    namespace,
    namespaceLabels,
    object: stored,
    username: '',
    groups: [],
  });
  if (exemption === 'namespace-selector' || exemption === 'object-selector') return undefined;
  const effective = policyInNamespace(policy, namespaceLabels);
  const base = toEngineObject(stored, kind);
  // What the object has now: the findings the ratchet carries over on its next UPDATE.
  const live = admissionFindings(base, effective);
  // What a CREATE of the same spec would get: the mutating webhook's defaults, then the validating webhook.
  const created = applyDefaults(base, effective);
  const afterDefaults = new Set(
    created.draft === base ? [] : allFindings(admissionFindings(created.draft, effective)).map(ratchetKey),
  );
  const changesOf = (ruleId: string): string[] =>
    created.steps.flatMap((step) => ('change' in step && step.ruleId === ruleId ? [step.change] : []));
  const deniedRuns = kind === 'CronJob' ? deniedJobFindings(base, effective, now) : new Set<string>();
  const indexed = str(obj(base, 'spec'), 'completionMode') === 'Indexed';
  const findings: AuditFinding[] = [];
  const explained = new Set<string>();
  for (const finding of allFindings(live)) {
    const changes = changesOf(finding.ruleId);
    if (created.draft !== base && !afterDefaults.has(ratchetKey(finding)) && changes.length > 0) {
      explained.add(finding.ruleId);
      findings.push(labelled(finding, 'defaulted-on-create', EFFECT_WORDING.defaulted(changes.join('; '))));
    } else if (finding.severity === 'error') {
      findings.push(deniedLabel(finding, kind, effective, { indexed, deniedRuns }));
    } else if (finding.severity === 'warning') {
      findings.push(labelled(finding, 'warned', EFFECT_WORDING.warned()));
    } else {
      findings.push(labelled(finding, 'allowed', EFFECT_WORDING.allowed()));
    }
  }
  // A default whose rule reports nothing here (switched off, or another rule's field) still changes the object.
  for (const step of created.steps) {
    if (!('change' in step) || explained.has(step.ruleId)) continue;
    findings.push({
      ruleId: step.ruleId,
      severity: 'info',
      origin: 'policy',
      path: '',
      message: step.change,
      admission: 'defaulted-on-create',
      effect: EFFECT_WORDING.defaulted(step.change),
    });
  }
  return { namespace, kind, name: str(metadata, 'name') ?? '', findings };
}

/** A deny-level finding: what its rollout mode makes of it, and when a denial would strike. */
function deniedLabel(
  finding: Finding,
  kind: 'Job' | 'CronJob',
  policy: AdmissionPolicy,
  at: { readonly indexed: boolean; readonly deniedRuns: ReadonlySet<string> },
): AuditFinding {
  const mode = modeOf(finding, policy);
  if (mode === 'warn') return labelled(finding, 'warned', EFFECT_WORDING.wouldDeny());
  if (mode === 'audit') return labelled(finding, 'audited', EFFECT_WORDING.audited());
  if (kind === 'Job' && isImmutableJobField(finding.path, at.indexed))
    return labelled(finding, 'denied-on-create', EFFECT_WORDING.immutableJobField(finding.path));
  if (kind === 'CronJob' && at.deniedRuns.has(ratchetKey(finding)))
    return labelled(finding, 'denied-on-create', EFFECT_WORDING.cronJobRuns());
  return labelled(finding, 'denied-on-change', EFFECT_WORDING.onChange());
}

function allFindings(judged: ReturnType<typeof admissionFindings>): Finding[] {
  return [...judged.deny, ...judged.wouldDeny, ...judged.audited, ...judged.warn, ...judged.info];
}

function labelled(finding: Finding, admission: AuditFinding['admission'], effect: string): AuditFinding {
  return { ...finding, admission, effect };
}

/**
 * The findings the webhook denies on the Job the CronJob's next run creates (the CronJob
 * controller's Job, defaulted by the API server, then the mutating webhook's defaults, which skip
 * it unless the policy lists CronJob in defaultOwnerKinds), as ratchet keys of the CronJob's
 * paths (`spec.X` of the Job is `spec.jobTemplate.spec.X` of the CronJob).
 */
function deniedJobFindings(cronJob: JsonObject, policy: AdmissionPolicy, now: string): Set<string> {
  const job = toJobFromCronJob(cronJob, now);
  const notAdmitted = false;
  const judged = admissionFindings(applyDefaults(job, policy, notAdmitted).draft, policy, undefined, notAdmitted);
  return new Set(
    judged.deny.map((f) =>
      ratchetKey({ ...f, path: f.path.startsWith('spec') ? `${CRONJOB_JOB_PREFIX}${f.path}` : f.path }),
    ),
  );
}
