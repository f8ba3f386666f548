// Times in a snapshot are RFC 3339 strings (seconds, or microseconds for events.k8s.io times);
// every duration is measured against the snapshot's `now`, never the clock.

/** Milliseconds since the epoch, or undefined for a missing or unreadable time. */
export function toMillis(time: string | null | undefined): number | undefined {
  if (typeof time !== 'string' || time === '') return undefined;
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Seconds from `from` to `to` (negative when `to` is earlier). */
export function secondsBetween(from: number, to: number): number {
  return (to - from) / 1000;
}

/** RFC 3339 with second precision, as the API server writes most times. */
export function toRfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * A duration the way kubectl prints ages (k8s.io/apimachinery duration.HumanDuration): `45s`,
 * `3m12s`, `42m`, `5h3m`, `2d4h`.
 */
export function humanDuration(seconds: number): string {
  if (seconds < -1) return '<invalid>';
  const s = Math.max(0, Math.floor(seconds));
  if (s < 120) return `${s}s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 10) return s % 60 === 0 ? `${minutes}m` : `${minutes}m${s % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return hours % 24 === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  const days = Math.floor(hours / 24);
  const years = Math.floor(days / 365);
  if (years < 8) return `${years}y${days % 365}d`;
  return `${years}y`;
}
