import { Command, InvalidArgumentError, Option } from 'commander';
import { LINT_FORMATS, type LintFormat } from './commands/lint.ts';
import { VERSION } from './version.ts';

const nonNegativeInt = (value: string): number => {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('must be a whole number of 0 or more');
  return Number(value);
};

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** All command wiring; each action lazy-loads its command so `--help` and `lint` start fast. */
export function createProgram(): Command {
  const program = new Command('kubectl job-x')
    .description('Lint, explain and diagnose Kubernetes Jobs and CronJobs.')
    .version(VERSION, '--version', 'print the job-x version')
    .showHelpAfterError('(run with --help for usage)')
    // Before any subcommand is added, so they inherit it: errors reach main(), which picks the exit code.
    .exitOverride()
    .configureHelp({ sortSubcommands: true });

  program
    .command('lint')
    .description('Check Job and CronJob manifests offline: API server validation and job-x policy rules.')
    .argument('[paths...]', 'files, directories (searched for *.yaml, *.yml, *.json) or - for standard input')
    .option('-f, --filename <path>', 'a file or directory to lint (repeatable; same as a positional path)', collect, [])
    .addOption(new Option('-o, --output <format>', 'output format').choices(LINT_FORMATS).default('text'))
    .option('--policy <file>', 'a job-x policy file that switches rules off, changes their level or sets options')
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', nonNegativeInt)
    .option('-q, --quiet', 'report errors only', false)
    .addOption(new Option('--color <when>', 'colour the text output').choices(['auto', 'always', 'never']).default('auto'))
    .addHelpText(
      'after',
      `
Exit codes: 0 no error-level findings, 1 error-level findings (or more warnings than
--max-warnings), 2 usage, policy or read errors.

Examples:
  kubectl job-x lint manifests/
  helm template my-chart | kubectl job-x lint -
  kubectl job-x lint -o sarif k8s/ > job-x.sarif`,
    )
    .action(async (paths: string[], opts: { filename: string[]; output: LintFormat; policy?: string; maxWarnings?: number; quiet: boolean; color: 'auto' | 'always' | 'never' }) => {
      const { lint } = await import('./commands/lint.ts');
      await lint(
        { paths: [...paths, ...opts.filename], output: opts.output, policy: opts.policy, maxWarnings: opts.maxWarnings, quiet: opts.quiet, color: opts.color },
        { stdin: process.stdin, stdout: process.stdout, env: process.env },
      );
    });

  program
    .command('rules')
    .description('List the rules, or show what one rule checks and how to fix it.')
    .argument('[rule-id]', 'the rule to show')
    .addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (ruleId: string | undefined, opts: { output: 'text' | 'json' }) => {
      const { rules } = await import('./commands/rules.ts');
      rules({ ruleId, output: opts.output }, process.stdout);
    });

  return program;
}
