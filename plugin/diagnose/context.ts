// What every decision of the diagnosis reads: the Job's facts, its pods as attempts, the Events,
// the controller's decisions, the retry accounting and what blocks it, at one instant.
import type { Decisions, PodAnalysis } from './attempts.ts';
import type { Blocker } from './blockers.ts';
import type { EventIndex } from './events.ts';
import type { MissingPod } from './evidence-gone.ts';
import type { JobFacts } from './job-facts.ts';
import type { Retries } from './retries.ts';

export interface Context {
  facts: JobFacts;
  pods: PodAnalysis[];
  events: EventIndex;
  /** The snapshot's time, in milliseconds. */
  now: number;
  decisions: Decisions;
  retries: Retries;
  blockers: Blocker[];
  missing: MissingPod[];
}
