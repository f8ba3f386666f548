import type { AdmissionResponse } from './review.ts';
import type { SkipReason } from './scope.ts';

/**
 * allowed: judged and let through (possibly with warnings); denied; patched: defaults applied;
 * skipped: not job-x's to judge (see SkipReason); malformed: a review that cannot be judged;
 * error: job-x failed (a bug), answered fail-closed by /validate and fail-open by /mutate;
 * too_large: an object with more JSON values than job-x decodes (see too-many-values.ts).
 */
export type Outcome = 'allowed' | 'denied' | 'patched' | 'skipped' | 'malformed' | 'error' | 'too_large';

/** The response plus what the server logs and counts; rule id lists hold one entry per finding. */
export interface Decision {
  readonly response: AdmissionResponse;
  readonly outcome: Outcome;
  readonly skip?: SkipReason;
  readonly denied: readonly string[];
  readonly warned: readonly string[];
  readonly info: readonly string[];
  /** Findings the old object of an UPDATE already had: neither denied nor warned about again. */
  readonly ratcheted: readonly string[];
  /** Findings that would deny, in mode audit: only an audit annotation and a metric. */
  readonly audited: readonly string[];
  /** One entry per change a default made. */
  readonly defaulted: readonly string[];
  /** For `error`: what went wrong (logged, never sent to the client). */
  readonly error?: unknown;
}

const NONE: readonly string[] = [];

export function emptyDecision(response: AdmissionResponse, outcome: Outcome, skip?: SkipReason): Decision {
  return {
    response,
    outcome,
    ...(skip ? { skip } : {}),
    denied: NONE,
    warned: NONE,
    info: NONE,
    ratcheted: NONE,
    audited: NONE,
    defaulted: NONE,
  };
}

export function skippedDecision(uid: string, skip: SkipReason): Decision {
  return emptyDecision({ uid, allowed: true }, 'skipped', skip);
}

/** A review the API server would never send (no object on CREATE): refused as a bad request. */
export function malformedDecision(uid: string, message: string): Decision {
  return emptyDecision(
    { uid, allowed: false, status: { status: 'Failure', message, reason: 'BadRequest', code: 400 } },
    'malformed',
  );
}

/** Sorted, without repeats: for logs and audit annotations. */
export function uniqueIds(ids: readonly string[]): string[] {
  return [...new Set(ids)].sort();
}
