import { humanDuration, secondsBetween, toMillis } from '../../kubernetes/index.ts';

/** `5m ago`, or `in 2m` for a time ahead of `now`; the time itself when it does not parse. */
export function ago(time: string, now: number): string {
  const ms = toMillis(time);
  if (ms === undefined) return time;
  const seconds = secondsBetween(ms, now);
  // A few seconds in the future: an Event written while the snapshot was being read.
  return seconds >= -5 ? `${humanDuration(Math.max(0, seconds))} ago` : `in ${humanDuration(-seconds)}`;
}
