// The real `kubectl-job_x` executable run against the testbed, as a user runs it, for every
// end-to-end suite of the live views; and their -o json checked against its schema.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { expect } from '@jest/globals';
import { feedStdin } from '../../helpers/feed-stdin.ts';
import { compileSchema, definitionAsRoot, loadSchema, type Validate } from '../../helpers/output-schemas.ts';
import { KUBECONFIG, REPO_ROOT } from './cluster.ts';

/** The executable under test; JOBX_BIN points at a copy (e.g. while dist/ is being rebuilt). */
export const JOBX_BIN = process.env.JOBX_BIN ?? join(REPO_ROOT, 'bin', 'kubectl-job_x.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** The kubeconfig to pass with --kubeconfig: the testbed's by default, none with null. */
  kubeconfig?: string | null;
  /** The whole environment (default: this one, without colour or request tracing). */
  env?: NodeJS.ProcessEnv;
  /** Standard input (default: empty). */
  input?: string;
}

/** `kubectl job-x ARGS`; never rejects: a failing command is a result with its exit code. */
export function jobX(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const kubeconfig = options.kubeconfig === undefined ? KUBECONFIG : options.kubeconfig;
  const argv = [JOBX_BIN, ...args, ...(kubeconfig ? ['--kubeconfig', kubeconfig] : [])];
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      argv,
      {
        encoding: 'utf8',
        env: options.env ?? { ...process.env, NO_COLOR: '1', JOBX_KUBE_TRACE: '' },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
    feedStdin(child.stdin, options.input);
  });
}

const validators = new Map<string, Promise<Validate>>();

/** Asserts that `output` is valid against schemas/<name>.schema.json (errors shown on failure). */
/** Valid against schemas/NAME.schema.json (NAME#DEFINITION: against that definition of it). */
export async function expectValidOutput(name: string, output: unknown): Promise<void> {
  const [file, definition] = name.split('#');
  const schema = () => (definition ? definitionAsRoot(loadSchema(file!), definition) : loadSchema(file!));
  if (!validators.has(name)) validators.set(name, compileSchema(schema()));
  const validate = await validators.get(name)!;
  expect({ valid: validate(output), errors: validate.errors ?? null }).toEqual({ valid: true, errors: null });
}
