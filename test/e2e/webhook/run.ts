// Running commands (kubectl, the testbed's scripts) and keeping everything a failing assertion
// needs to explain itself: the command, its exit code, its stdout and its stderr.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { feedStdin } from '../../helpers/feed-stdin.ts';
import { KUBECONFIG, REPO_ROOT, kubectlPath } from '../helpers/cluster.ts';

export interface RunResult {
  command: string;
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  input?: string;
  env?: Record<string, string>;
  cwd?: string;
}

export function run(file: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: options.cwd ?? REPO_ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ command: [file, ...args].join(' '), code, stdout, stderr }));
    feedStdin(child.stdin, options.input);
  });
}

/** The testbed's kubectl as admin; never throws on a non-zero exit (the result says). */
export function kubectlRun(args: string[], input?: string): Promise<RunResult> {
  return run(kubectlPath(), ['--kubeconfig', KUBECONFIG, ...args], input === undefined ? {} : { input });
}

/** A result as text for assertion messages. */
export function show(result: RunResult): string {
  return `$ ${result.command}\nexit ${result.code}\n--- stdout\n${result.stdout}--- stderr\n${result.stderr}`;
}

/** Throws with the whole result unless the command exited 0. */
export function ok(result: RunResult): RunResult {
  if (result.code !== 0) throw new Error(`command failed:\n${show(result)}`);
  return result;
}

export const TESTBED_SCRIPTS = join(REPO_ROOT, 'test', 'testbed');
