import { describe, expect, test } from '@jest/globals';
import {
  matchSuccessPolicy,
  successRuleOutcomes,
  type IndexInterval,
  type JsonObject,
} from '../../../../kubernetes/index.ts';

// TestMatchSuccessPolicy (success_policy_test.go, Kubernetes 1.36), all 32 rows: completions,
// the Job's succeeded indexes, spec.successPolicy.rules (null: no policy), and the message of
// SuccessCriteriaMet ('' when no rule holds). The two rows that turn the JobSuccessPolicy gate
// off expect no match either way; the gate is GA and the port always evaluates.
const CASES: [string, number, IndexInterval[], JsonObject[] | null, string][] = [
  ['JobSuccessPolicy is disabled', 10, [{ first: 0, last: 0 }], null, ''],
  ['successPolicy is null', 10, [{ first: 0, last: 0 }], null, ''],
  ['any rules are nothing', 10, [{ first: 0, last: 0 }], [], ''],
  ['rules.succeededIndexes is invalid format', 10, [{ first: 0, last: 0 }], [{ succeededIndexes: 'invalid-form' }], ''],
  [
    'rules.succeededIndexes is specified; succeededIndexes matched rules',
    10,
    [
      { first: 0, last: 2 },
      { first: 4, last: 7 },
    ],
    [{ succeededIndexes: '0-2' }],
    'Matched rules at index 0',
  ],
  [
    "rules.succeededIndexes is specified; succeededIndexes didn't match rules",
    10,
    [{ first: 0, last: 2 }],
    [{ succeededIndexes: '3' }],
    '',
  ],
  [
    'rules.succeededCount is specified; succeededIndexes matched rules',
    10,
    [{ first: 0, last: 2 }],
    [{ succeededCount: 2 }],
    'Matched rules at index 0',
  ],
  [
    "rules.succeededCount is specified; succeededIndexes didn't match rules",
    10,
    [{ first: 0, last: 2 }],
    [{ succeededCount: 4 }],
    '',
  ],
  [
    'multiple rules; rules.succeededIndexes is specified; succeededIndexes met one of rules',
    10,
    [
      { first: 0, last: 2 },
      { first: 4, last: 7 },
    ],
    [{ succeededIndexes: '9' }, { succeededIndexes: '4,6' }],
    'Matched rules at index 1',
  ],
  [
    'multiple rules; rules.succeededIndexes is specified; succeededIndexes met all rules',
    10,
    [
      { first: 0, last: 2 },
      { first: 4, last: 7 },
    ],
    [{ succeededIndexes: '0,1' }, { succeededIndexes: '5' }],
    'Matched rules at index 0',
  ],
  [
    'rules.succeededIndexes and rules.succeededCount are specified; succeededIndexes met all rules',
    10,
    [
      { first: 0, last: 2 },
      { first: 4, last: 7 },
    ],
    [{ succeededIndexes: '3-6', succeededCount: 2 }],
    'Matched rules at index 0',
  ],
  [
    "rules.succeededIndexes and rules.succeededCount are specified; succeededIndexes didn't match rules",
    10,
    [
      { first: 0, last: 2 },
      { first: 6, last: 7 },
    ],
    [{ succeededIndexes: '3-6', succeededCount: 2 }],
    '',
  ],
  ['rules.succeededIndexes is specified; succeededIndexes are nothing', 10, [], [{ succeededCount: 4 }], ''],
  [
    'rules.succeededIndexes is specified; succeededIndexes matched rules; rules is proper subset of succeededIndexes',
    10,
    [
      { first: 1, last: 5 },
      { first: 6, last: 9 },
    ],
    [{ succeededIndexes: '2-4,6-8' }],
    'Matched rules at index 0',
  ],
  [
    'rules.succeededIndexes is specified; succeededIndexes matched rules; rules equals succeededIndexes',
    10,
    [
      { first: 2, last: 4 },
      { first: 6, last: 9 },
    ],
    [{ succeededIndexes: '2-4,6-9' }],
    'Matched rules at index 0',
  ],
  [
    'rules.succeededIndexes is specified; succeededIndexes matched rules; rules is subset of succeededIndexes',
    10,
    [
      { first: 2, last: 5 },
      { first: 7, last: 15 },
    ],
    [{ succeededIndexes: '2-4,8-12' }],
    'Matched rules at index 0',
  ],
  [
    "rules.succeededIndexes is specified; succeededIndexes didn't match rules; rules is an empty set",
    10,
    [{ first: 1, last: 3 }],
    [{ succeededIndexes: '' }],
    '',
  ],
  [
    "rules.succeededIndexes is specified; succeededIndexes didn't match rules; succeededIndexes is an empty set",
    10,
    [],
    [{ succeededIndexes: '' }],
    '',
  ],
  [
    "rules.succeededIndexes is specified; succeededIndexes didn't match rules; rules and succeededIndexes are empty set",
    10,
    [],
    [{ succeededIndexes: '' }],
    '',
  ],
  [
    "rules.succeededIndexes is specified; succeededIndexes didn't match rules; all elements of rules.succeededIndexes aren't included in succeededIndexes",
    10,
    [
      { first: 1, last: 3 },
      { first: 5, last: 7 },
    ],
    [{ succeededIndexes: '10-12,14-16' }],
    '',
  ],
  [
    "rules.succeededIndexes is specified; succeededIndexes didn't match rules; rules overlaps succeededIndexes at first",
    10,
    [
      { first: 2, last: 4 },
      { first: 6, last: 8 },
    ],
    [{ succeededIndexes: '1-3,5-7' }],
    '',
  ],
  [
    'rules.succeededIndexes and rules.succeededCount are specified; succeededIndexes matched rules; rules overlaps succeededIndexes at first',
    10,
    [
      { first: 2, last: 4 },
      { first: 6, last: 8 },
    ],
    [{ succeededIndexes: '1-3,5-7', succeededCount: 4 }],
    'Matched rules at index 0',
  ],
  [
    "rules.succeededIndexes is specified; succeededIndexes didn't match rules; rules overlaps succeededIndexes at last",
    10,
    [
      { first: 1, last: 3 },
      { first: 5, last: 7 },
    ],
    [{ succeededIndexes: '2-4,6-9' }],
    '',
  ],
  [
    'rules.succeededIndexes and rules.succeededCount are specified; succeededIndexes matched rules; rules overlaps succeededIndexes at last',
    10,
    [
      { first: 1, last: 3 },
      { first: 5, last: 7 },
    ],
    [{ succeededIndexes: '2-4,6-9', succeededCount: 4 }],
    'Matched rules at index 0',
  ],
  [
    "rules.succeededIndexes is specified; succeededIndexes didn't match rules; rules completely overlaps succeededIndexes",
    10,
    [
      { first: 1, last: 3 },
      { first: 7, last: 8 },
    ],
    [{ succeededIndexes: '0-4,6-9' }],
    '',
  ],
  [
    'rules.succeededIndexes and rules.succeededCount are specified; succeededIndexes matched rules; rules completely overlaps succeededIndexes',
    10,
    [
      { first: 1, last: 3 },
      { first: 7, last: 8 },
    ],
    [{ succeededIndexes: '0-4,6-9', succeededCount: 5 }],
    'Matched rules at index 0',
  ],
  [
    "rules.succeededIndexes is specified; succeededIndexes didn't match rules; rules overlaps multiple succeededIndexes at last",
    10,
    [
      { first: 1, last: 3 },
      { first: 5, last: 9 },
    ],
    [{ succeededIndexes: '0-6,8-9' }],
    '',
  ],
  [
    'rules.succeededIndexes and rules.succeededCount are specified; succeededIndexes matched rules; rules overlaps multiple succeededIndexes at last',
    10,
    [
      { first: 1, last: 3 },
      { first: 5, last: 9 },
    ],
    [{ succeededIndexes: '0-6,8-9', succeededCount: 7 }],
    'Matched rules at index 0',
  ],
  [
    "rules.succeededIndexes is specified; succeededIndexes didn't match rules; rules overlaps succeededIndexes at first, and rules equals succeededIndexes at last",
    10,
    [
      { first: 1, last: 5 },
      { first: 7, last: 10 },
    ],
    [{ succeededIndexes: '0-5,7-9' }],
    '',
  ],
  [
    'rules.succeededIndexes and rules.succeededCount are specified; succeededIndexes matched rules; rules overlaps succeededIndexes at first, and rules equals succeededIndexes at last',
    10,
    [
      { first: 1, last: 5 },
      { first: 7, last: 10 },
    ],
    [{ succeededIndexes: '0-5,7-9', succeededCount: 8 }],
    'Matched rules at index 0',
  ],
  [
    "rules.succeededIndexes is specified; succeededIndexes didn't match rules; the first rules overlaps succeededIndexes at first",
    10,
    [{ first: 1, last: 10 }],
    [{ succeededIndexes: '0-3,6-9' }],
    '',
  ],
  [
    'rules.succeededIndexes and rules.succeededCount are specified; succeededIndexes matched rules; the first rules overlaps succeededIndexes at first',
    10,
    [{ first: 1, last: 10 }],
    [{ succeededIndexes: '0-3,6-9', succeededCount: 7 }],
    'Matched rules at index 0',
  ],
];

describe('matchSuccessPolicy (TestMatchSuccessPolicy)', () => {
  test.each(CASES)('%s', (_name, completions, succeeded, rules, message) => {
    const match = matchSuccessPolicy(rules ?? [], completions, succeeded);
    expect(match?.message ?? '').toBe(message);
  });
});

describe('successRuleOutcomes', () => {
  test('each rule on its own: the indexes of it that succeeded, or all of them', () => {
    const succeeded = [
      { first: 0, last: 2 },
      { first: 4, last: 7 },
    ];
    const rules = [{ succeededIndexes: '9' }, { succeededIndexes: '3-6', succeededCount: 2 }, { succeededCount: 8 }];
    expect(successRuleOutcomes(rules, 10, succeeded).map(({ succeeded: n, matched }) => [n, matched])).toEqual([
      [0, false],
      [3, true],
      [7, false],
    ]);
  });
});
