import type { ColorMode } from '../format/index.ts';
import type { KubeFlags } from '../kube/index.ts';

export const DIAGNOSE_FORMATS = ['text', 'json', 'yaml'] as const;
export type DiagnoseFormat = (typeof DIAGNOSE_FORMATS)[number];

export interface DiagnoseOptions {
  /** NAME, job/NAME or cronjob/NAME; with `filename`, the Job to take from a List (optional). */
  readonly reference?: string;
  /** -f: a saved snapshot or a kubectl List to diagnose offline (`-` for standard input). */
  readonly filename?: string;
  /** --save: also write the fetched snapshot to this file. */
  readonly save?: string;
  /** --history N: the CronJob's last N Jobs (cronjob/NAME). */
  readonly history?: number;
  /** --logs N: the log tails of the last N failed attempts (default 1; 0: none). */
  readonly logs?: number;
  /** --recreate-manifest: print only the manifest that runs the failed Job again. */
  readonly recreateManifest?: boolean;
  /** --state: the sweep's states (text as given, e.g. `Failed,Stuck`). */
  readonly state?: string;
  readonly output: DiagnoseFormat;
  readonly color: ColorMode;
  readonly kube: KubeFlags;
}

/** The diagnose flags as commander gives them (program.ts), besides the kubectl ones. */
export type DiagnoseFlagValues = Omit<DiagnoseOptions, 'reference' | 'kube'>;
