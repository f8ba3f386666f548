// The admission-policy export proven equal to the webhook on the real API server. Every valid and
// invalid case of every exported rule's table (test/helpers/policy-rule-cases.ts), as a Job and as
// a CronJob, goes through both ways with the same policy: the exported policies (no webhook) in
// one namespace, the webhook (no admission policies) in another. They must agree on the status,
// the rule ids that deny, the rule ids that warn and the spec as stored, for
// - CREATE (server dry run);
// - an UPDATE that keeps a violation: the object is created while the namespace is outside both
//   ways' selectors, the namespace is then brought in, and the object is labelled (the ratchet);
// - an UPDATE that introduces one: a valid object, then the case's spec merged onto it.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportAdmissionPolicy } from '../../../plugin/export/index.ts';
import { defaultPolicyDocument, resolvePolicy, RULES, type Rule } from '../../../policy/index.ts';
import { POLICY_RULE_CASES } from '../../helpers/policy-rule-cases.ts';
import { jobOf, wrapInCronJob } from '../../helpers/rule-tester.ts';
import { cluster } from '../helpers/cluster.ts';
import { jobX } from '../helpers/job-x-cli.ts';
import { createNamespace, deleteNamespace } from '../helpers/namespace.ts';
import {
  createWebhookNamespace,
  newInstanceName,
  startWebhook,
  stopWebhook,
  type WebhookInstance,
} from '../webhook/instance.ts';
import { kubectlRun, show } from '../webhook/run.ts';
import { toOutcome, type AdmissionOutcome } from './admission-outcome.ts';
import { apiRequest, collectionPath, type ApiAnswer } from './api-request.ts';

type Manifest = Record<string, unknown>;
type Way = 'policies' | 'webhook';
const WAYS: readonly Way[] = ['policies', 'webhook'];

const RUN = randomBytes(3).toString('hex');
const POLICY_LABEL = 'job-x.dev/vap-e2e';
const instance = newInstanceName('vapdiff');
const DEFAULTERS = RULES.filter((r) => r.applyDefault).map((r) => r.id);

// The shipped policy with every rule on (the shipped `off` ones at warn) and every default: each
// exported rule and default is then compared.
const shipped = defaultPolicyDocument();
// Two deny rules roll out in the other modes (a denial as a warning; an audit record only), and the
// defaults are owner-aware as shipped (no owner kinds listed).
const ROLLOUT_MODES = {
  'succeeded-count-zero': { level: 'deny', mode: 'warn' },
  'manual-selector-adopts-all': { level: 'deny', mode: 'audit' },
} as const;
const POLICY = {
  ...shipped,
  rules: {
    ...Object.fromEntries(
      Object.entries(shipped.rules ?? {}).map(([id, level]) => [id, level === 'off' ? 'warn' : level]),
    ),
    ...ROLLOUT_MODES,
  },
  defaults: DEFAULTERS,
};
const exported = exportAdmissionPolicy(resolvePolicy(RULES, POLICY));
const EXPORTED_RULES = [...exported.exported.deny, ...exported.exported.warn, ...exported.exported.audit];

interface Entry {
  readonly rule: Rule;
  readonly label: string;
  readonly name: string;
  readonly manifest: Manifest;
  readonly invalid: boolean;
}

function entriesOf(rule: Rule): Entry[] {
  const cases = POLICY_RULE_CASES[rule.id];
  if (!cases) return [];
  const kinds = rule.kinds ?? ['Job', 'CronJob'];
  const out: Entry[] = [];
  const add = (label: string, manifest: Manifest, invalid: boolean): void => {
    const name = `c${RULES.indexOf(rule)}-${out.length}`;
    const metadata: Manifest = { ...(manifest.metadata as Manifest | undefined), name };
    delete metadata.namespace;
    out.push({ rule, label, name, manifest: { ...manifest, metadata }, invalid });
  };
  for (const [invalid, list] of [
    [false, cases.valid],
    [true, cases.invalid],
  ] as const) {
    for (const c of list) {
      const job = jobOf(c) as Manifest;
      const isCronJob = job.kind === 'CronJob';
      if (isCronJob ? kinds.includes('CronJob') : kinds.includes('Job'))
        add(`${c.name} (${String(job.kind)})`, job, invalid);
      if (!isCronJob && !c.manifest && c.cronJob !== false && kinds.includes('CronJob'))
        add(`${c.name} (in a CronJob)`, wrapInCronJob(job), invalid);
    }
  }
  return out;
}

const ENTRIES = RULES.filter((r) => EXPORTED_RULES.includes(r.id)).flatMap(entriesOf);

let webhook: WebhookInstance;
let tempDir: string;
const on: Record<Way, string> = { policies: '', webhook: '' };
const off: Record<Way, string> = { policies: '', webhook: '' };
/** Objects created before their namespace came in, by way and name: the status the API server gave. */
const ratchetBase = new Map<string, number>();

const kc = () => cluster().kubeConfig;

function path(namespace: string, manifest: Manifest): string {
  return collectionPath(namespace, String(manifest.kind));
}

async function mapLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

const PROBE: Manifest = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'probe' },
  spec: {
    activeDeadlineSeconds: 0,
    template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36' }] } },
  },
};

/** Waits until a namespace's requests go through the way (a Job with activeDeadlineSeconds 0 is denied). */
async function waitUntilEnforced(namespace: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const answer = await apiRequest(kc(), 'POST', `${path(namespace, PROBE)}?dryRun=All`, PROBE);
    if (answer.status === 422 && JSON.stringify(answer.body).includes('active-deadline-zero')) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`namespace ${namespace}: policy never enforced`);
}

beforeAll(async () => {
  tempDir = mkdtempSync(join(tmpdir(), 'job-x-vapdiff-'));
  const policyFile = join(tempDir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify(POLICY, null, 2));
  webhook = await startWebhook(instance, { policyFile });

  // The export, applied for real under names of this run, bound to this run's namespaces only.
  const items = exported.objects.map((object) => {
    const copy = structuredClone(object) as { metadata: { name: string }; spec: Manifest };
    copy.metadata.name = `${copy.metadata.name}-${RUN}`;
    if (typeof copy.spec.policyName === 'string') {
      copy.spec.policyName = `${copy.spec.policyName}-${RUN}`;
      const selector = ((copy.spec.matchResources as Manifest | undefined)?.namespaceSelector ?? {}) as Manifest;
      copy.spec.matchResources = { namespaceSelector: { ...selector, matchLabels: { [POLICY_LABEL]: RUN } } };
    }
    return copy;
  });
  const listFile = join(tempDir, 'export.json');
  writeFileSync(listFile, JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
  const applied = await kubectlRun(['apply', '-f', listFile]);
  if (applied.code !== 0) throw new Error(`the export did not apply:\n${show(applied)}`);

  on.policies = await createNamespace('vapdiff-policies', { labels: { [POLICY_LABEL]: RUN } });
  on.webhook = await createWebhookNamespace('vapdiff-webhook', webhook.namespaceLabels);
  off.policies = await createNamespace('vapdiff-policies-later');
  off.webhook = await createNamespace('vapdiff-webhook-later');
  await Promise.all([waitUntilEnforced(on.policies), waitUntilEnforced(on.webhook)]);

  // The objects the ratchet is tried on, created while no policy sees their namespace.
  await mapLimit(
    ENTRIES.filter((e) => e.invalid),
    8,
    async (entry) => {
      for (const way of WAYS) {
        const answer = await apiRequest(kc(), 'POST', path(off[way], entry.manifest), entry.manifest);
        ratchetBase.set(`${way}/${entry.name}`, answer.status);
      }
    },
  );
  for (const [way, labels] of [
    ['policies', { [POLICY_LABEL]: RUN }],
    ['webhook', webhook.namespaceLabels],
  ] as const) {
    const args = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
    const labelled = await kubectlRun(['label', 'namespace', off[way], ...args]);
    if (labelled.code !== 0) throw new Error(show(labelled));
  }
  await Promise.all([waitUntilEnforced(off.policies), waitUntilEnforced(off.webhook)]);
}, 600_000);

afterAll(async () => {
  await stopWebhook(instance);
  const names = exported.objects.map(
    (o) => `${String(o.kind).toLowerCase()}/${String((o.metadata as Manifest).name)}-${RUN}`,
  );
  await kubectlRun(['delete', '--ignore-not-found', ...names]);
  await Promise.all([...Object.values(on), ...Object.values(off)].filter(Boolean).map((ns) => deleteNamespace(ns)));
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
}, 120_000);

/** A base the UPDATE that introduces a violation starts from: the rule tester's valid Job or CronJob. */
function baseOf(entry: Entry): Manifest {
  const job = jobOf({ name: 'base' }) as Manifest;
  const base = entry.manifest.kind === 'CronJob' ? wrapInCronJob(job) : job;
  if (entry.manifest.kind === 'CronJob') (base.spec as Manifest).schedule = (entry.manifest.spec as Manifest).schedule;
  return { ...base, metadata: { name: `${entry.name}-u` } };
}

async function bothWays(
  request: (way: Way) => Promise<ApiAnswer | undefined>,
): Promise<Record<Way, AdmissionOutcome> | undefined> {
  const [policies, hook] = await Promise.all(WAYS.map(request));
  if (!policies || !hook) return undefined;
  return { policies: toOutcome(policies), webhook: toOutcome(hook) };
}

describe('exported admission policies and the webhook agree on the real API server', () => {
  test('the export has every policy rule but those it names as not expressible', () => {
    const policyRules = RULES.filter((r) => r.origin === 'policy').map((r) => r.id);
    const notExported = exported.notExported.filter((n) => n.part === 'rule').map((n) => n.ruleId);
    expect([...EXPORTED_RULES, ...notExported].sort()).toEqual(policyRules.sort());
    expect([...exported.exportedDefaults].sort()).toEqual([...DEFAULTERS].sort());
  });

  test('the CLI output, as written, applies with kubectl apply --dry-run=server', async () => {
    const exportedYaml = await jobX(['export', 'admission-policy'], { kubeconfig: null });
    expect(exportedYaml.code).toBe(0);
    const yamlFile = join(tempDir, 'shipped.yaml');
    writeFileSync(yamlFile, exportedYaml.stdout);
    const applied = await kubectlRun(['apply', '--dry-run=server', '-f', yamlFile]);
    expect({ code: applied.code, stderr: applied.stderr }).toEqual({ code: 0, stderr: '' });
    expect(applied.stdout.match(/created \(server dry run\)/g)).toHaveLength(6);
  });

  for (const ruleId of EXPORTED_RULES) {
    test(
      ruleId,
      async () => {
        const entries = ENTRIES.filter((e) => e.rule.id === ruleId);
        expect(entries.length).toBeGreaterThan(0);
        const mismatches: unknown[] = [];
        let fired = false;
        const compare = (flow: string, entry: Entry, outcomes: Record<Way, AdmissionOutcome> | undefined): void => {
          if (!outcomes) return;
          for (const o of WAYS)
            if (outcomes[o].denied.includes(ruleId) || outcomes[o].warned.includes(ruleId)) fired = true;
          if (JSON.stringify(outcomes.policies) !== JSON.stringify(outcomes.webhook))
            mismatches.push({ flow, case: entry.label, ...outcomes });
        };
        await mapLimit(entries, 4, async (entry) => {
          compare(
            'CREATE',
            entry,
            await bothWays((way) =>
              apiRequest(kc(), 'POST', `${path(on[way], entry.manifest)}?dryRun=All`, entry.manifest),
            ),
          );
          if (entry.invalid) {
            // Only where the API server itself let the object in, both ways.
            const created = WAYS.every((way) => ratchetBase.get(`${way}/${entry.name}`) === 201);
            if (created)
              compare(
                'UPDATE keeping the violation',
                entry,
                await bothWays((way) =>
                  apiRequest(kc(), 'PATCH', `${path(off[way], entry.manifest)}/${entry.name}`, {
                    metadata: { labels: { touched: 'yes' } },
                  }),
                ),
              );
            const base = baseOf(entry);
            const bases = await Promise.all(WAYS.map((way) => apiRequest(kc(), 'POST', path(on[way], base), base)));
            if (bases.every((b) => b.status === 201))
              compare(
                'UPDATE introducing the violation',
                entry,
                await bothWays((way) =>
                  apiRequest(kc(), 'PATCH', `${path(on[way], base)}/${String((base.metadata as Manifest).name)}`, {
                    metadata: { annotations: (entry.manifest.metadata as Manifest).annotations ?? null },
                    spec: entry.manifest.spec,
                  }),
                ),
              );
            else
              mismatches.push({ flow: 'base of the UPDATE', case: entry.label, statuses: bases.map((b) => b.status) });
          }
        });
        expect(mismatches).toEqual([]);
        // Not vacuous: the rule fired somewhere, or its default (on in this policy) fixed every case
        // first, or it is in audit mode (its findings reach only the audit log, in both ways).
        const audited = ROLLOUT_MODES[ruleId as keyof typeof ROLLOUT_MODES]?.mode === 'audit';
        expect(fired || DEFAULTERS.includes(ruleId) || audited).toBe(true);
      },
      300_000,
    );
  }
});
