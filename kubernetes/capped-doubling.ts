// The exponential back-off both the Job controller (getRemainingTimeForFailuresCount) and the
// kubelet (flowcontrol.Backoff.Next) use: a base that doubles at each step until it reaches a cap.

/** The delay at step `step` (1-based): `base`, doubled step-1 times, and `cap` once it reaches it. */
export function cappedDoubling(step: number, base: number, cap: number): number {
  let delay = base;
  for (let i = 1; i < step; i++) {
    delay *= 2;
    if (delay >= cap) return cap;
  }
  return delay;
}
