import { describe, expect, test } from '@jest/globals';
import { FieldPath, validateAffinity } from '../../../../kubernetes/index.ts';

const path = FieldPath.root('spec', 'affinity');
const render = (errors: readonly { path: string; message: string }[]): string[] =>
  errors.map((e) => `${e.path}: ${e.message}`);

describe('validateAffinity (1.36.4)', () => {
  test('node affinity messages', () => {
    const errors = validateAffinity(
      {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              {
                matchExpressions: [{ key: 'k', operator: 'Gt', values: ['1', '2'] }],
                matchFields: [{ key: 'spec.nodeName', operator: 'In', values: ['n'] }],
              },
            ],
          },
          preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, preference: {} }],
        },
      },
      path,
    );
    expect(render(errors)).toEqual([
      "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified single value when `operator` is 'Lt' or 'Gt'",
      'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].key: Invalid value: "spec.nodeName": not a valid field selector key',
      'spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100',
    ]);
  });

  test('pod affinity terms: topologyKey, namespaces and label keys', () => {
    const term = {
      labelSelector: { matchLabels: { a: 'b' }, matchExpressions: [{ key: 'a', operator: 'Exists' }] },
      namespaces: ['Bad'],
      matchLabelKeys: ['a', 'x'],
      mismatchLabelKeys: ['x'],
      topologyKey: '',
    };
    const errors = validateAffinity(
      { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } },
      path,
    );
    const at = 'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]';
    expect(render(errors)).toEqual([
      `${at}.namespace: Invalid value: "Bad": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
      `${at}[0]: Invalid value: "a": exists in both matchLabelKeys and labelSelector`,
      `${at}.matchLabelKeys[1]: Invalid value: "x": exists in both matchLabelKeys and mismatchLabelKeys`,
      `${at}.topologyKey: Required value: can not be empty`,
      `${at}.topologyKey: Invalid value: "": name part must be non-empty`,
      `${at}.topologyKey: Invalid value: "": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    ]);
  });

  test('absent or hostile affinity', () => {
    expect(validateAffinity(undefined, path)).toEqual([]);
    expect(() =>
      validateAffinity({ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [null, 1] } }, path),
    ).not.toThrow();
  });
});
