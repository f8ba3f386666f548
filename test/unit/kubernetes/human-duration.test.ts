import { expect, test } from '@jest/globals';
import { humanDuration } from '../../../kubernetes/human-duration.ts';

// The cases of TestHumanDuration (k8s.io/apimachinery/pkg/util/duration), which kubectl prints.
test.each([
  [-2, '<invalid>'],
  [-0.5, '0s'],
  [1, '1s'],
  [119, '119s'],
  [120, '2m'],
  [125, '2m5s'],
  [9 * 60 + 59, '9m59s'],
  [10 * 60, '10m'],
  [179 * 60 + 59, '179m'],
  [3 * 3600, '3h'],
  [7 * 3600 + 59 * 60, '7h59m'],
  [8 * 3600 + 59 * 60, '8h'],
  [47 * 3600 + 59 * 60, '47h'],
  [48 * 3600, '2d'],
  [7 * 86400 + 23 * 3600, '7d23h'],
  [8 * 86400, '8d'],
  [729 * 86400, '729d'],
  [2 * 365 * 86400, '2y'],
  [2 * 365 * 86400 + 30 * 86400, '2y30d'],
  [8 * 365 * 86400, '8y'],
])('%d s is %s', (seconds, expected) => {
  expect(humanDuration(seconds)).toBe(expected);
});
