// Exit codes that are signals: 137 (SIGKILL) without OOMKilled is flagged as a possible memory
// kill, 143 read as SIGTERM; a recorded OOMKilled attempt keeps its own reason and no such note.
import { describe, expect, test } from '@jest/globals';
import { diagnose } from '../../../../plugin/diagnose/diagnose.ts';
import { loadSnapshot } from '../../../helpers/snapshot-fixtures.ts';

/** The recorded backoff-limit-exceeded scenario with every failed container's exit code replaced. */
function exitingWith(code: number) {
  const snapshot = loadSnapshot('backoff-limit-exceeded');
  for (const pod of snapshot.pods)
    for (const status of pod.status?.containerStatuses ?? [])
      if (status.state?.terminated)
        status.state.terminated = { ...status.state.terminated, exitCode: code, reason: 'Error' };
  return snapshot;
}

describe('exit codes that are signals', () => {
  test('137 without OOMKilled: possibly a memory kill', () => {
    const attempts = diagnose(exitingWith(137)).attempts;
    expect(attempts.length).toBeGreaterThan(0);
    for (const attempt of attempts)
      expect(attempt.note).toMatch(/exit 137 \(SIGKILL\) without OOMKilled: possibly a memory kill/);
  });

  test('143: SIGTERM', () => {
    for (const attempt of diagnose(exitingWith(143)).attempts) expect(attempt.note).toMatch(/exit 143 \(SIGTERM\)/);
  });

  test('an OOMKilled attempt (recorded) and exit 1 get neither note', () => {
    for (const snapshot of [loadSnapshot('oom-backoff-limit-exceeded'), exitingWith(1)])
      for (const attempt of diagnose(snapshot).attempts) expect(attempt.note ?? '').not.toMatch(/SIGKILL|SIGTERM/);
    expect(diagnose(loadSnapshot('oom-backoff-limit-exceeded')).attempts.some((a) => a.reason === 'OOMKilled')).toBe(
      true,
    );
  });
});
