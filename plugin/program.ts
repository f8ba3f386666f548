import { Argument, Command, InvalidArgumentError, Option } from 'commander';
import { COMPLETION_HELP, SHELLS, type Shell } from './completion/index.ts';
import { LINT_FORMATS, addRenderFlags, toRenderFlags, type LintFormat } from './commands/index.ts';
import { DIAGNOSE_FORMATS, type DiagnoseFlagValues } from './commands/index.ts';
import { EXPLAIN_FORMATS, type ExplainFormat } from './commands/index.ts';
import { addKubeFlags, parseKubectlDuration, type KubeFlags } from './kube/index.ts';
import { INDEX_STATUS_FORMATS, type IndexStatusFormat } from './commands/index.ts';
import { VERSION_FORMATS, type VersionFormat } from './commands/index.ts';
import { UsageError, VERSION } from '../edge/index.ts';
import type { CommandContext } from './command-context.ts';
import { addAuditCommand, addExportCommand } from './policy-commands.ts';

type RenderFlagValues = Parameters<typeof toRenderFlags>[0];

const nonNegativeInt = (value: string): number => {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('must be a whole number of 0 or more');
  return Number(value);
};

/** The config file lint finds (plugin/config/lint-config.ts; repeated to keep --help from loading it). */
const CONFIG_NAME = '.job-x.yaml';

interface LintFlags extends RenderFlagValues {
  readonly filename: string[];
  readonly output?: LintFormat;
  /** A file, or false for --no-config (true when neither is given). */
  readonly config: string | boolean;
  readonly policy?: string;
  readonly exclude: string[];
  readonly maxWarnings?: number;
  readonly fixHints: boolean;
  readonly quiet: boolean;
  readonly color: 'auto' | 'always' | 'never';
  readonly readTimeout?: number;
  readonly fix?: boolean;
  readonly fixDryRun?: boolean;
  readonly baseline?: string;
  readonly writeBaseline?: boolean;
}

/** Commander's own default off a terminal is 80 columns. */
const HELP_WIDTH = { min: 40, otherwise: 80 } as const;

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** --read-timeout: a kubectl duration (30s, 2m, 500ms; a bare number is seconds; 0 = wait). */
const readTimeout = (value: string): number => {
  const ms = parseKubectlDuration(value);
  if (ms === undefined)
    throw new InvalidArgumentError('must be a duration such as 30s, 2m or 500ms (a bare number is seconds; 0 = wait)');
  return ms;
};
const READ_TIMEOUT_HELP =
  'give up on standard input, a FIFO or a device that sends no data for this long (e.g. 30s; default 0: wait)';

/**
 * All command wiring; each action lazy-loads its command so `--help` and `lint` start fast. Every
 * command gets the one context of the run (streams, environment, terminal, cluster access).
 */
export function createProgram(context: CommandContext): Command {
  const program = new Command('kubectl job-x')
    .description('Lint, explain and diagnose Kubernetes Jobs and CronJobs.')
    .version(VERSION, '--version', 'print the job-x version')
    .showHelpAfterError('(run with --help for usage)')
    // Before any subcommand is added, so they inherit it: errors reach main(), which picks the exit code.
    .exitOverride()
    // Help and usage errors go to the context's streams, wrapped to its terminal.
    .configureOutput({
      writeOut: (text) => void context.stdout.write(text),
      writeErr: (text) => void context.stderr.write(text),
      getOutHelpWidth: () => context.width(HELP_WIDTH) ?? HELP_WIDTH.otherwise,
      getErrHelpWidth: () => context.width(HELP_WIDTH) ?? HELP_WIDTH.otherwise,
    })
    .configureHelp({ sortSubcommands: true });

  const lintCommand = program
    .command('lint')
    .description('Check Job and CronJob manifests offline: API server validation and job-x policy rules.')
    .argument('[paths...]', 'files, directories (searched for *.yaml, *.yml, *.json) or - for standard input')
    .option('-f, --filename <path>', 'a file or directory to lint (repeatable; same as a positional path)', collect, [])
    .addOption(
      new Option('-o, --output <format>', 'output format (default: text, or lint.output of the config)').choices(
        LINT_FORMATS,
      ),
    )
    .option('--config <file>', `the config (a policy file) for every input, instead of the ${CONFIG_NAME} files found`)
    .option('--no-config', `ignore ${CONFIG_NAME} files: the built-in policy and settings`)
    .option('--policy <file>', 'the same as --config (a config is a policy file)')
    .option('--exclude <glob>', 'leave out paths matching this .gitignore line (repeatable)', collect, [])
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', nonNegativeInt)
    .option('--no-fix-hints', "text output: do not show each finding's fix and docs URL")
    .option('--fix', 'apply the fixes the rules offer (TTL, DisruptionTarget Ignore rule) to the files, then lint')
    .option('--fix-dry-run', 'print the fixes --fix would make as a unified diff; change nothing')
    .option('--baseline <file>', 'findings recorded in this file do not fail the run (stale entries are reported)')
    .option('--write-baseline', 'record every finding of this run in the --baseline file')
    .option('-q, --quiet', 'report errors only', false)
    .option('--read-timeout <duration>', READ_TIMEOUT_HELP, readTimeout)
    .addOption(
      new Option('--color <when>', 'colour the text output').choices(['auto', 'always', 'never']).default('auto'),
    );
  addRenderFlags(lintCommand, readTimeout)
    .addHelpText(
      'after',
      `
Exit codes: 0 no error-level findings, 1 error-level findings (or more warnings than
--max-warnings), 2 usage, config or read errors.

Config: each file is linted with the nearest ${CONFIG_NAME} in its folder or above it, up to the
repository root (the folder with .git). It is a policy file (kind: Policy, read as YAML 1.2)
with an optional lint: section (exclude, chartTemplates, render, kubeVersion, baseline, output,
maxWarnings, fixHints). Flags win over the config of the working folder (and over each folder's
lint.render and lint.kubeVersion).

Paths: a glob in quotes ('k8s/**/*.yaml') is expanded by lint. --exclude and lint.exclude take
.gitignore lines; the templates/ folder of a Helm chart is skipped (with a note on stderr)
unless helm renders the chart: then the chart is rendered instead.

Rendering (off unless --render or the config's lint.render asks): a folder with Chart.yaml is
rendered with \`helm template\` (--helm-values files passed with --values), a folder with
kustomization.yaml with \`kubectl kustomize\` (or \`kustomize build\`). A finding names the template
(from helm's "# Source:" comments) and its line in helm template's output. A tool that is not on
PATH is reported on stderr and its folders skipped.

--kube-version 1.33 (1.33 to 1.36) judges as that release's API server: a field it does not
serve is an error (field-not-served), a field it drops because its feature gate is off by
default a warning (field-ignored-by-version), and rules about such fields are skipped.

Files are read as kubectl reads them (UTF-8, or UTF-16 after a byte order mark), at most 16 MiB
each. Standard input, a FIFO or a device is read until it ends: from a terminal end it with
Ctrl-D; in scripts, --read-timeout stops waiting for data that never comes.

Examples:
  kubectl job-x lint manifests/
  kubectl job-x lint --exclude 'legacy/' 'k8s/**/*.yaml'
  helm template my-chart | kubectl job-x lint -
  kubectl job-x lint --render helm,kustomize --helm-values ci-values.yaml deploy/
  kubectl job-x lint -o sarif k8s/ > job-x.sarif`,
    )
    .action(async (paths: string[], opts: LintFlags, command: Command) => {
      const { lint } = await import('./commands/lint.ts');
      if (opts.policy !== undefined && typeof opts.config === 'string')
        throw new UsageError('give --config or --policy, not both (they are the same)');
      const given = (name: string) => command.getOptionValueSource(name) === 'cli';
      await lint(
        {
          paths: [...paths, ...opts.filename],
          output: opts.output,
          config: typeof opts.config === 'string' ? opts.config : opts.policy,
          noConfig: opts.config === false,
          exclude: opts.exclude,
          maxWarnings: opts.maxWarnings,
          fixHints: given('fixHints') ? opts.fixHints : undefined,
          quiet: opts.quiet,
          color: opts.color,
          readTimeoutMs: opts.readTimeout,
          fix: opts.fix,
          fixDryRun: opts.fixDryRun,
          baseline: opts.baseline,
          writeBaseline: opts.writeBaseline,
          render: toRenderFlags(opts),
        },
        context,
      );
    });

  program
    .command('rules')
    .description('List the rules, or show what one rule checks and how to fix it.')
    .argument('[rule-id]', 'the rule to show')
    .addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (ruleId: string | undefined, opts: { output: 'text' | 'json' }) => {
      const { rules } = await import('./commands/rules.ts');
      rules({ ruleId, output: opts.output }, context.stdout);
    });

  addExportCommand(program, context);

  const explainCommand = program
    .command('explain')
    .description(
      'Explain what a Job (or the Jobs of a CronJob) will really do: pods, retries, failure and success policies, clean-up.',
    )
    .argument('[name]', 'a Job in the cluster: NAME, job/NAME, or cronjob/NAME for a CronJob')
    .option(
      '-f, --filename <file>',
      'a manifest file or directory instead of a live object, - for standard input (repeatable)',
      collect,
      [],
    )
    .addOption(new Option('-o, --output <format>', 'output format').choices(EXPLAIN_FORMATS).default('text'))
    .addOption(
      new Option('--color <when>', 'colour the text output').choices(['auto', 'always', 'never']).default('auto'),
    )
    .option('--policy <file>', 'a job-x policy file for the findings (as for lint)')
    .option('--read-timeout <duration>', `with -f: ${READ_TIMEOUT_HELP}`, readTimeout);
  addKubeFlags(explainCommand)
    .addHelpText(
      'after',
      `
NAME is read from the cluster (the kubectl flags choose which; needs get on jobs or cronjobs).
-f reads manifests offline, as lint does: every Job and CronJob in them is explained in turn
(-o json|yaml: one object, or a List of them when there are several); other kinds are skipped
with a note on stderr. A manifest the API server would reject is still explained, its
rejections first. The kubectl flags apply to NAME only.

Exit codes: 0 explained (even with findings), 1 NAME not found, 2 usage, read or cluster errors.

Examples:
  kubectl job-x explain -f job.yaml
  helm template my-chart | kubectl job-x explain -f -
  kubectl job-x explain nightly-report -n batch
  kubectl job-x explain cronjob/backup -o json | jq .retries`,
    )
    .action(
      async (
        name: string | undefined,
        opts: KubeFlags & {
          filename: string[];
          output: ExplainFormat;
          color: 'auto' | 'always' | 'never';
          policy?: string;
          readTimeout?: number;
        },
      ) => {
        const { explain } = await import('./commands/explain.ts');
        const { filename, output, color, policy, readTimeout: readTimeoutMs, ...kube } = opts;
        await explain({ name, filenames: filename, output, color, policy, kube, readTimeoutMs }, context);
      },
    );

  const diagnoseCommand = program
    .command('diagnose')
    .description(
      'Say why a Job failed, is failing or is stuck: its conditions, the rule or limit that decided, every attempt, events and logs.',
    )
    .argument('[name]', "a Job in the cluster: NAME, job/NAME, or cronjob/NAME for a CronJob's most recent Job")
    .option('-f, --filename <file>', 'diagnose a saved snapshot or a kubectl List offline (- for standard input)')
    .option('--save <file>', 'also write the fetched snapshot to this file (YAML for .yaml/.yml, else JSON)')
    .option('--history <n>', "cronjob/NAME: show the CronJob's last N Jobs (default 5)", nonNegativeInt)
    .option(
      '--logs <n>',
      'show the log tails of the last N failed attempts (default 1, at most 50; 0: none)',
      nonNegativeInt,
    )
    .option(
      '--recreate-manifest',
      'print only a manifest that runs the failed Job again, fixes applied (for kubectl create -f -)',
    )
    .option(
      '--state <states>',
      'without NAME (-n or -A): the Jobs in these states, e.g. Failed,Stuck (default: Failed, Failing, Stuck or with counted failures)',
    )
    .addOption(new Option('-o, --output <format>', 'output format').choices(DIAGNOSE_FORMATS).default('text'))
    .addOption(
      new Option('--color <when>', 'colour the text output').choices(['auto', 'always', 'never']).default('auto'),
    );
  addKubeFlags(diagnoseCommand, { allNamespaces: true })
    .addHelpText(
      'after',
      `
Reads the Job, its pods (batch.kubernetes.io/controller-uid), the Events of the Job and the
Warning Events of its pods, and the last lines of the most recent failed container's log (of
the last N failed attempts with --logs N, 20 lines each), in a few requests whatever the number
of pods. --recreate-manifest prints a Job (or one Job per undone index) to run it again, the
suggested fixes applied and the server-set fields removed. Needs get on jobs, list on pods and
events, get on pods/log (optional), and get on cronjobs plus list on jobs for cronjob/NAME. With
-A the name is looked up in every namespace (it must be unique there).

--save FILE keeps that snapshot (a support bundle, or a post-mortem after the TTL removed the
Job); -f FILE diagnoses it later with its fetch time as now, without a cluster. -f also reads
\`kubectl get job,pods,events -o yaml\` (or -o json): NAME then picks the Job if it holds several,
and times are measured against the time of the run.

Without NAME, -n NAMESPACE or -A sweeps: one row per Job that failed, is failing or is stuck, or
has counted failures (--state picks other states), from four list calls whatever the number of
Jobs (no log tails); -o json|yaml prints an array of diagnose outputs. Needs list on jobs, pods
and events.

Exit codes: 0 the diagnosis ran (whatever it found: a Failed Job still exits 0; read .state in
-o json), 1 the Job or CronJob was not found (or the CronJob has no Job), 2 usage, kubeconfig,
snapshot-file or cluster errors (unreachable, TLS, timeout, 401, 403).

Examples:
  kubectl job-x diagnose pi
  kubectl job-x diagnose cronjob/nightly -n batch
  kubectl job-x diagnose render-frames -o json | jq '{state, reason}'
  kubectl job-x diagnose job/etl --context prod --request-timeout 10s
  kubectl job-x diagnose pi --save pi-snapshot.json && kubectl job-x diagnose -f pi-snapshot.json
  kubectl job-x diagnose pi --logs 5
  kubectl job-x diagnose pi --recreate-manifest | kubectl create -f -
  kubectl job-x diagnose -A --state Failed,Stuck`,
    )
    .action(async (name: string | undefined, opts: KubeFlags & DiagnoseFlagValues) => {
      const { diagnoseCommand: run } = await import('./commands/diagnose.ts');
      const { output, color, filename, save, state, history, logs, recreateManifest, ...kube } = opts;
      const flags = { filename, save, state, history, logs, recreateManifest };
      await run({ reference: name, ...flags, output, color, kube }, context);
    });

  const indexStatusCommand = program
    .command('index-status')
    .description(
      'Show where every index of an Indexed Job stands: succeeded, failed, active, pending; retry budgets and success policy.',
    )
    .argument(
      '<name>',
      'an Indexed Job in the cluster: NAME, job/NAME, or cronjob/NAME for the most recent Job of a CronJob',
    )
    .addOption(new Option('-o, --output <format>', 'output format').choices(INDEX_STATUS_FORMATS).default('text'))
    .option(
      '--index <indexes>',
      'show these indexes in detail: their pods, attempts, exit codes and reasons (e.g. 5,7-9)',
    )
    .addOption(
      new Option('--color <when>', 'colour the text output').choices(['auto', 'always', 'never']).default('auto'),
    );
  addKubeFlags(indexStatusCommand, { allNamespaces: true })
    .addHelpText(
      'after',
      `
Index sets are written as the API writes status.completedIndexes (1,3-5,7). succeeded and failed
are the Job's status plus what its pods show the controller has not recorded yet; active indexes
have a Pending or Running pod that is not being deleted; every other index is pending.

The grid draws one cell per index, or per run of indexes when there are more than fit (at most 20
rows, as wide as the terminal); a cell shows its worst index: X failed, then ▒ active, then
· pending; ▄ means some of its indexes succeeded and the others are pending; █ all succeeded.

Needs get on jobs and list on pods (cronjob/NAME: get on cronjobs and list on jobs too).

Exit codes: 0 shown, 1 the Job is not found or is not Indexed (a NonIndexed Job has no
per-index state: kubectl job-x diagnose NAME describes it), 2 usage, kubeconfig or cluster errors.

Examples:
  kubectl job-x index-status render-frames
  kubectl job-x index-status render-frames --index 5,7-9
  kubectl job-x index-status cronjob/nightly -n batch
  kubectl job-x index-status render-frames -o json | jq .intervals.failed`,
    )
    .action(
      async (
        name: string,
        opts: KubeFlags & { output: IndexStatusFormat; index?: string; color: 'auto' | 'always' | 'never' },
      ) => {
        const { indexStatus } = await import('./commands/index-status.ts');
        const { output, index, color, ...kube } = opts;
        await indexStatus({ name, output, index, color, kube }, context);
      },
    );

  addAuditCommand(program, context);

  program
    .command('version')
    .description('Print the job-x version, its git commit, the Kubernetes release its rules mirror and its Node.js.')
    .addOption(new Option('-o, --output <format>', 'output format').choices(VERSION_FORMATS).default('text'))
    .action(async (opts: { output: VersionFormat }) => {
      const { version } = await import('./commands/version.ts');
      await version(opts.output, context.stdout);
    });

  program
    .command('completion')
    .description(
      'Print a shell completion script for kubectl-job_x (kubectl job-x completes through kubectl_complete-job_x).',
    )
    .addArgument(new Argument('<shell>', 'the shell').choices(SHELLS))
    .addHelpText('after', COMPLETION_HELP)
    .action(async (shell: Shell) => {
      const { completionScript } = await import('./completion/shell-scripts.ts');
      context.stdout.write(completionScript(shell));
    });

  // The completion protocol kubectl speaks (kubectl __complete job-x …, through kubectl_complete-job_x).
  program
    .command('__complete', { hidden: true })
    .argument('[words...]')
    .allowUnknownOption()
    .helpOption(false)
    .action(async (words: string[]) => {
      const { complete, clusterNames, formatCompletion } = await import('./completion/complete.ts');
      const completion = await complete(program, words.length > 0 ? words : [''], clusterNames(context.kubeClient));
      context.stdout.write(formatCompletion(completion));
    });

  return program;
}
