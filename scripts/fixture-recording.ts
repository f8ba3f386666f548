// What the fixture recorders (record-fixtures.ts for Jobs, record-cronjob-fixtures.ts for
// CronJobs) share: a fresh namespace per scenario, objects as the API server returns them less
// managedFields, Events in time order, and the `--only a,b` scenario choice.
import { cluster } from '../test/e2e/helpers/cluster.ts';
import { waitFor } from '../test/e2e/helpers/wait.ts';

export type Json = Record<string, unknown>;

/** The object without metadata.managedFields (server-side-apply bookkeeping nobody diagnoses from). */
export function strip<T extends Json>(object: T): T {
  const metadata = object.metadata as Json | undefined;
  if (metadata) delete metadata.managedFields;
  return object;
}

/** An Event's time, for sorting: lastTimestamp, else eventTime, else its creation. */
export function eventTime(event: Json): string {
  const meta = event.metadata as Json;
  return String(event.lastTimestamp ?? event.eventTime ?? meta.creationTimestamp ?? '');
}

/** Objects oldest first (by creationTimestamp, then name). */
export function byCreation(a: Json, b: Json): number {
  const ma = a.metadata as Json;
  const mb = b.metadata as Json;
  return (
    String(ma.creationTimestamp).localeCompare(String(mb.creationTimestamp)) ||
    String(ma.name).localeCompare(String(mb.name))
  );
}

/** Now, to the second, as the API server writes times: the recording's "now". */
export function recordingTime(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The namespace, created anew (an earlier recording's copy deleted and waited out first). */
export async function freshNamespace(name: string): Promise<void> {
  const { core } = cluster();
  await waitFor(`namespace ${name} from an earlier recording to be gone`, async () => {
    try {
      await core.readNamespace({ name });
      await core.deleteNamespace({ name }).catch(() => undefined);
      return undefined;
    } catch {
      return true;
    }
  });
  await core.createNamespace({ body: { metadata: { name } } });
  await waitFor(`ServiceAccount default in ${name}`, async () =>
    core.readNamespacedServiceAccount({ name: 'default', namespace: name }).then(
      () => true,
      () => undefined,
    ),
  );
}

/** Scenario names from `--only a,b` (also `--only=a,b`) and plain arguments. */
export function wantedScenarios(args: string[]): string[] {
  const wanted: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--only') wanted.push(...(args[++i] ?? '').split(','));
    else if (arg.startsWith('--only=')) wanted.push(...arg.slice('--only='.length).split(','));
    else wanted.push(arg);
  }
  return wanted.map((w) => w.trim()).filter((w) => w !== '');
}

/**
 * Runs the chosen scenarios (all when none is named) in parallel and exits: 2 for an unknown
 * name, 1 when any failed.
 */
export async function runScenarios<S extends { name: string }>(
  scenarios: readonly S[],
  args: string[],
  record: (scenario: S) => Promise<void>,
): Promise<void> {
  const wanted = wantedScenarios(args);
  const unknown = wanted.filter((w) => !scenarios.some((s) => s.name === w));
  if (unknown.length > 0) {
    process.stderr.write(
      `unknown scenario(s): ${unknown.join(', ')}\nknown: ${scenarios.map((s) => s.name).join(', ')}\n`,
    );
    process.exit(2);
  }
  const chosen = wanted.length > 0 ? scenarios.filter((s) => wanted.includes(s.name)) : scenarios;
  const results = await Promise.allSettled(chosen.map((s) => record(s)));
  let failed = 0;
  results.forEach((r, i) => {
    if (r.status === 'rejected') {
      failed++;
      process.stderr.write(
        `${chosen[i]!.name}: FAILED: ${r.reason instanceof Error ? r.reason.message : String(r.reason)}\n`,
      );
    }
  });
  process.exit(failed > 0 ? 1 : 0);
}
