// `kubectl-job_x completion bash` through real bash: the script registers itself (complete -p) and
// its function, fed COMP_WORDS as bash's completion would, offers what __complete answers.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');
let bin: string;

beforeAll(() => {
  bin = mkdtempSync(join(tmpdir(), 'job-x-completion-'));
  symlinkSync(join(ROOT, 'bin', 'kubectl-job_x.js'), join(bin, 'kubectl-job_x'));
});
afterAll(() => rmSync(bin, { recursive: true, force: true }));

/** COMPREPLY for a command line whose last word is the one being completed. */
function bashComplete(words: string[]): string[] {
  const script = `source <(kubectl-job_x completion bash)
COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}
_kubectl_job_x; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const out = execFileSync('bash', ['-c', script], {
    encoding: 'utf8',
    cwd: join(ROOT, 'examples'),
    env: { PATH: `${bin}:${dirname(process.execPath)}:/usr/bin:/bin`, HOME: bin, KUBECONFIG: join(bin, 'none') },
  });
  return out.split('\n').filter((line) => line !== '');
}

test('the script registers its function for kubectl-job_x', () => {
  const out = execFileSync('bash', ['-c', 'source <(kubectl-job_x completion bash); complete -p kubectl-job_x'], {
    encoding: 'utf8',
    env: { PATH: `${bin}:${dirname(process.execPath)}:/usr/bin:/bin` },
  });
  expect(out.trim()).toBe('complete -o filenames -F _kubectl_job_x kubectl-job_x');
});

test('subcommands, flags, -o values, rule ids and files', () => {
  expect(bashComplete(['kubectl-job_x', 'di'])).toEqual(['diagnose']);
  expect(bashComplete(['kubectl-job_x', ''])).toEqual(
    expect.arrayContaining(['lint', 'rules', 'explain', 'diagnose', 'index-status', 'version', 'completion']),
  );
  expect(bashComplete(['kubectl-job_x', 'lint', '--max'])).toEqual(['--max-warnings']);
  expect(bashComplete(['kubectl-job_x', 'diagnose', '-o', ''])).toEqual(['text', 'json', 'yaml']);
  expect(bashComplete(['kubectl-job_x', 'diagnose', '--lo'])).toEqual(['--logs']);
  expect(bashComplete(['kubectl-job_x', 'diagnose', '--rec'])).toEqual(['--recreate-manifest']);
  expect(bashComplete(['kubectl-job_x', 'rules', 'restart-p'])).toEqual([
    'restart-policy',
    'restart-policy-on-failure',
  ]);
  expect(bashComplete(['kubectl-job_x', 'completion', 'p'])).toEqual(['powershell']);
  // lint and -f complete file names (the shell's own): examples/ is the working directory.
  expect(bashComplete(['kubectl-job_x', 'lint', 'pi-with-t'])).toEqual(['pi-with-timeout.yaml', 'pi-with-ttl.yaml']);
  expect(bashComplete(['kubectl-job_x', 'explain', '-f', 'job-s'])).toEqual(['job-success.yaml']);
});
