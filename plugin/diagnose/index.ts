// What the rest of the CLI names of plugin/diagnose statically: types only. The analyses
// themselves are loaded with import() when a command runs, so that `--help` stays light.
export type { CronJobWithoutJob } from './cronjob/index.ts';
