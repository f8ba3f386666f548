// Small phrases every sentence of the diagnosis uses: counts with their noun, short index sets,
// names listed, Kubernetes messages on one line.
import { humanDuration } from '../../../kubernetes/index.ts';

/** `1 pod`, `3 pods`, `2 indexes`. */

/** `index 2`, `indexes 0,2-3`. */
export const indexes = (count: number, set: string): string =>
  `${count === 1 ? 'index' : 'indexes'} ${shortIndexes(set)}`;

/** A duration in words: `45s`, `3m20s`. */
export const duration = humanDuration;

/** An interval string, cut at a comma when long (`0-3,7,9,…`). */
export function shortIndexes(text: string, max = 30): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(',', max);
  return `${text.slice(0, cut > 0 ? cut : max)},…`;
}

/** `pod-a, pod-b and 3 more`. */
export function someNames(names: readonly string[]): string {
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

/** `pod pi-x`, `3 pods pi-x, pi-y, pi-z`. */
export function podNames(names: readonly string[]): string {
  return `${names.length === 1 ? 'pod' : `${names.length} pods`} ${someNames(names)}`;
}

/** A Kubernetes message on one line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Ends the text with exactly one period (Kubernetes messages often bring their own). */
export function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** ` (last exit 1 Error)`: the previous run of a restarted container. */
export function lastExit(last: { exitCode: number | null; reason: string | null } | null, label = 'last exit'): string {
  return last ? ` (${label} ${last.exitCode ?? '?'}${last.reason ? ` ${last.reason}` : ''})` : '';
}
