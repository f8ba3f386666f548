// When the Job controller fails a Job for its activeDeadlineSeconds (pastActiveDeadline,
// pkg/controller/job/job_controller.go, Kubernetes 1.36).

/**
 * pastActiveDeadline: activeDeadlineSeconds is set, the Job has a startTime (epoch ms) and is not
 * suspended (suspension clears startTime; resuming sets it anew), and that long has passed.
 */
export function pastActiveDeadline(
  activeDeadlineSeconds: number | null,
  startTime: number | null,
  suspended: boolean,
  now: number,
): boolean {
  if (activeDeadlineSeconds === null || startTime === null || suspended) return false;
  return now - startTime >= activeDeadlineSeconds * 1000;
}
