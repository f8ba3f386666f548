import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';

/**
 * How the testbed starts a component (test/testbed/lib.sh: start_component, wait_for,
 * start_and_wait, report_failure), with stub components in place of etcd or the node simulator:
 * each start and how it ended (exit status, signal) lands in the component's log, a start that
 * fails is tried once more, and the failure names its cause with the tail of the log.
 */
const LIB = join(import.meta.dirname, '..', '..', 'testbed', 'lib.sh');

let root: string;
let testbed: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'job-x-testbed-'));
  // lib.sh's remove_state only removes folders named .testbed*; the stubs live inside, so their
  // command lines mention it, as every real component's does.
  testbed = join(root, '.testbed-unit');
  mkdirSync(testbed);
});

afterEach(() => {
  shell('stop_all');
  rmSync(root, { recursive: true, force: true });
});

/** Runs `script` in bash with lib.sh sourced, as up.sh does (set -euo pipefail). */
function shell(script: string, env: Record<string, string> = {}) {
  const result = spawnSync(
    'bash',
    ['-c', `set -euo pipefail; source "${LIB}"; ready() { [[ -f $TESTBED_DIR/ready ]]; }\n${script}`],
    { env: { ...process.env, TESTBED_DIR: testbed, TESTBED_STOP_GRACE: '2', ...env }, encoding: 'utf8' },
  );
  return { status: result.status, stderr: result.stderr };
}

/** A stub component: a bash script in the testbed folder that counts its runs, then does `body`. */
function stub(body: string): string {
  const file = join(testbed, 'stub.sh');
  writeFileSync(file, `#!/usr/bin/env bash\necho "$$" >>"$TESTBED_DIR/runs"\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

const START = `start_and_wait stub ready -- "$STUB" || { report_failure; exit 1; }`;
const runs = (): string[] => readFileSync(join(testbed, 'runs'), 'utf8').trim().split('\n');
const logOf = (): string => readFileSync(join(testbed, 'logs', 'stub.log'), 'utf8');
const alive = (pid: string): boolean => spawnSync('kill', ['-0', pid]).status === 0;

describe('starting a testbed component', () => {
  test('one that dies at once, silently: its status is in the log, it is started once more, then the cause is reported', () => {
    const STUB = stub('exit 3');
    const result = shell(START, { STUB });
    expect(result.status).toBe(1);
    expect(runs()).toHaveLength(2);
    const log = logOf();
    expect(log.match(/testbed: starting stub$/gm)).toHaveLength(2);
    expect(log.match(/testbed: stub \(pid \d+\) exited with status 3$/gm)).toHaveLength(2);
    expect(result.stderr).toContain('testbed: stub exited with status 3 during start-up; starting it once more');
    expect(result.stderr).toContain('testbed: FAILED: stub exited with status 3 during start-up');
    // The tail of the log follows, with both starts and both ends.
    expect(result.stderr).toMatch(
      /last lines of .*stub\.log:\n(.*\n)*\s+\S+ testbed: stub \(pid \d+\) exited with status 3\n$/,
    );
  });

  test('one killed by a signal: the log names the signal', () => {
    const STUB = stub('echo "about to go"; kill -KILL $$');
    const result = shell(START, { STUB });
    expect(result.status).toBe(1);
    expect(logOf()).toMatch(/^about to go\n.* testbed: stub \(pid \d+\) killed by signal KILL$/m);
    expect(result.stderr).toContain('FAILED: stub killed by signal KILL during start-up');
  });

  test('one that fails the first time and starts the second: up goes on, the first end stays on record', () => {
    const STUB = stub(
      '[[ -f $TESTBED_DIR/ran ]] || { touch "$TESTBED_DIR/ran"; echo "first start fails"; exit 1; }\n' +
        'touch "$TESTBED_DIR/ready"; exec -a "stub $TESTBED_DIR" sleep 60',
    );
    const result = shell(`${START}\ncomponent_running stub`, { STUB });
    expect(result.status).toBe(0);
    const [first, second] = runs();
    expect(logOf()).toMatch(
      /first start fails\n.* testbed: stub \(pid \d+\) exited with status 1\n.* starting stub\n$/,
    );
    // The pid file holds the running component, which stop_component stops, and the log says so.
    expect(readFileSync(join(testbed, 'pids', 'stub.pid'), 'utf8').trim()).toBe(second);
    expect(alive(first!)).toBe(false);
    expect(shell('stop_component stub').status).toBe(0);
    expect(alive(second!)).toBe(false);
    expect(logOf()).toMatch(/testbed: stub \(pid \d+\) killed by signal TERM\n$/);
  });

  test('one still being started (its command line not yet its own) is waited for, not taken for dead', () => {
    // For a second the process is a shell whose command line does not mention the testbed folder,
    // as a component is between fork and exec on a loaded machine; the pid alone looked dead then.
    const STUB = stub('touch "$TESTBED_DIR/ready"; exec -a "stub $TESTBED_DIR" sleep 60');
    const result = shell(`start_and_wait stub ready -- env STUB="$STUB" sh -c 'sleep 1; exec "$STUB"'`, { STUB });
    expect(result).toEqual({ status: 0, stderr: '' });
    expect(runs()).toHaveLength(1);
  });

  test('one that is never ready: bounded by TESTBED_TIMEOUT per start, and nothing is left running', () => {
    const STUB = stub('exec -a "stub $TESTBED_DIR" sleep 60');
    const started = Date.now();
    const result = shell(START, { STUB, TESTBED_TIMEOUT: '1' });
    expect(result.status).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.stderr).toContain('FAILED: stub was not ready within 1s');
    expect(runs()).toHaveLength(2);
    for (const pid of runs()) expect(alive(pid)).toBe(false);
    expect(logOf().match(/killed by signal TERM$/gm)).toHaveLength(2);
  });

  test('one whose port is taken is not started again on the same port (up picks other ports)', () => {
    const STUB = stub('echo "listen tcp 127.0.0.1:2379: bind: address already in use"; exit 1');
    const result = shell(START, { STUB });
    expect(result.status).toBe(1);
    expect(runs()).toHaveLength(1);
    expect(logOf()).toMatch(/address already in use\n.* exited with status 1\n$/);
  });
});
