// Why pods that failed or ran are gone, in words, most likely first.
import type { GoneReason } from '../evidence-gone.ts';
import { podNames } from './phrases.ts';
import { say, type MessageTable } from './message-table.ts';

const GONE: MessageTable<GoneReason> = {
  'on-failure-pod-deleted': () =>
    'restartPolicy OnFailure restarts a failing container inside the same pod, so its failures show only as ' +
    'restart counts; when the Job failed, the controller deleted that still-active pod, ' +
    'and its logs and exit codes went with it.',
  'deleted-at-failure': (g) =>
    `The Job controller deletes the pods still running when a Job fails: ${podNames(g.pods)} (counted as failed).`,
  'stopped-at-success': (g) =>
    `The Job controller stopped ${podNames(g.pods)} once the Job met its success criteria (not counted as failed).`,
  'deleted-by-controller': (g) =>
    `The Job controller deleted ${podNames(g.pods)} (suspension or lower parallelism); such pods are not counted.`,
  'deleted-by-others': (g) =>
    `${podNames(g.pods)} ${g.pods.length === 1 ? 'was' : 'were'} deleted by something other than the Job controller: ` +
    'kubectl delete, the pod garbage collector (kube-controller-manager --terminated-pod-gc-threshold, ' +
    'or a node that is gone), or an eviction.',
  'no-trace': (g) =>
    `${g.failures} counted ${g.failures === 1 ? 'failure left' : 'failures left'} neither a pod nor an Event: ` +
    'Events expire after an hour (kube-apiserver --event-ttl), and deleted pods take their status with them.',
  'cronjob-history': (g) =>
    `CronJob ${g.cronJob} deletes its older Jobs with their pods beyond successfulJobsHistoryLimit (default 3) ` +
    'and failedJobsHistoryLimit (default 1).',
};

export function goneWords(why: readonly GoneReason[]): string[] {
  return why.map((reason) => say(GONE, reason));
}
