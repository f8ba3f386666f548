import type { DiagnoseOutput } from '../../schemas/generated/diagnose-output.ts';
import type { JobSnapshot } from '../job-snapshot.ts';
import { diagnose } from './diagnose.ts';

export type DiagnoseState = DiagnoseOutput['state'];

export const DIAGNOSE_STATES: readonly DiagnoseState[] = [
  'Complete',
  'Completing',
  'Failed',
  'Failing',
  'Running',
  'Suspended',
  'Stuck',
];

/** What the sweep reports without --state: Jobs that failed, are failing or are stuck. */
const TROUBLED: ReadonlySet<DiagnoseState> = new Set(['Failed', 'Failing', 'Stuck']);

/**
 * The sweep (`diagnose -n NS` / `-A` without a name): the same pure diagnosis of each snapshot,
 * keeping the Jobs in `states` (--state), or by default those Failed, Failing or Stuck or with
 * counted failures; by namespace, then name.
 */
export function sweep(snapshots: readonly JobSnapshot[], states?: ReadonlySet<DiagnoseState>): DiagnoseOutput[] {
  const kept: DiagnoseOutput[] = [];
  for (const snapshot of snapshots) {
    const output = diagnose(snapshot);
    const wanted = states ? states.has(output.state) : TROUBLED.has(output.state) || output.progress.failed > 0;
    if (wanted) kept.push(output);
  }
  return kept.sort((a, b) => a.job.namespace.localeCompare(b.job.namespace) || a.job.name.localeCompare(b.job.name));
}

/** `--state Failed,Stuck`: each a state of the diagnose contract (any case); undefined for an unknown one. */
export function parseStates(text: string): Set<DiagnoseState> | string {
  const out = new Set<DiagnoseState>();
  for (const part of text.split(',')) {
    const state = DIAGNOSE_STATES.find((s) => s.toLowerCase() === part.trim().toLowerCase());
    if (!state) return part.trim();
    out.add(state);
  }
  return out;
}
