import { describe, expect, test } from '@jest/globals';
import type { RawEvent, RawJob } from '../../../../kubernetes/index.ts';
import { belongsToJob } from '../../../../plugin/kube/job-members.ts';

const event = (name: string): RawEvent => ({
  metadata: { creationTimestamp: '2026-01-01T00:00:01Z' },
  involvedObject: { kind: 'Pod', name },
  lastTimestamp: '2026-01-01T00:00:01Z',
});

describe('belongsToJob: the Events of pods already gone, by the name the controller gives them', () => {
  test('a Job name is matched literally, whatever characters a file gives it', () => {
    for (const name of ['pi', '[31m', 'a(b', 'x.y', 'a+', '\\d', '$^|?*{}']) {
      const job: RawJob = { metadata: { name, creationTimestamp: '2026-01-01T00:00:00Z' } };
      const belongs = belongsToJob(job, [], []);
      expect(belongs(event(`${name}-abcde`))).toBe(true);
      expect(belongs(event(`${name}-3-abcde`))).toBe(true);
      expect(belongs(event(`${name}x-abcde`))).toBe(false);
    }
    // "x.y" is not a pattern: x-y does not match it.
    expect(belongsToJob({ metadata: { name: 'x.y' } }, [], [])(event('xzy-abcde'))).toBe(false);
  });
});
