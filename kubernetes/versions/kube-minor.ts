import { KUBE_MINORS, type KubeMinor } from './version-tables.generated.ts';

/** The newest minor of the tables: the testbed's, which lint's rules mirror. */
export const NEWEST_KUBE_MINOR: KubeMinor = KUBE_MINORS[KUBE_MINORS.length - 1]!;

/** `1.33`, `v1.33` or `1.33.5` as a minor of the tables; undefined for one they do not cover. */
export function toKubeMinor(text: string): KubeMinor | undefined {
  const match = /^v?1\.(\d+)(?:\.\d+)?$/.exec(text);
  const minor = match ? `1.${Number(match[1])}` : undefined;
  return KUBE_MINORS.find((known) => known === minor);
}

/** Whether minor `a` is older than `b`. */
export function olderThan(a: KubeMinor, b: KubeMinor): boolean {
  return KUBE_MINORS.indexOf(a) < KUBE_MINORS.indexOf(b);
}
