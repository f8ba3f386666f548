// The CronJob part of diagnose, as the rest of plugin/diagnose names it statically (types only).
export type { CronJobWithoutJob } from './diagnose-cronjob-reference.ts';
