import { describe, expect, test } from '@jest/globals';
import { celIdentifier, celLiteral, celString, fillPlaceholders } from '../../../../plugin/export/cel-text.ts';
import { PolicyExportError } from '../../../../plugin/export/index.ts';

const BINDINGS = {
  spec: 'variables.spec',
  specPath: 'variables.specPath',
  specPointer: 'variables.specPointer',
  object: 'object',
  allowSuppressions: true,
  options: { minCompletions: 1000, ratio: 0.5, name: 'a"b', on: false },
};

describe('CEL text of the admission-policy export', () => {
  test('options become CEL literals; whole numbers stay ints (CEL does not compare int with double)', () => {
    expect(celLiteral(1000, 'x')).toBe('1000');
    expect(celLiteral(0.5, 'x')).toBe('0.5');
    expect(() => celLiteral(1e21, 'rule r option o')).toThrow('rule r option o: 1e+21 is too large for a CEL int');
    expect(celLiteral('a"b\n', 'x')).toBe('"a\\"b\\n"');
    expect(celLiteral(false, 'x')).toBe('false');
    expect(() => celLiteral({ a: 1 }, 'rule r option o')).toThrow(PolicyExportError);
    expect(() => celLiteral(Number.NaN, 'rule r option o')).toThrow('rule r option o');
  });

  test('strings and identifiers', () => {
    expect(celString("it's \\ here")).toBe('"it\'s \\\\ here"');
    expect(celIdentifier('large-indexed-without-per-index-backoff')).toBe('large_indexed_without_per_index_backoff');
  });

  test('placeholders are filled for one side of the request, longest name first', () => {
    expect(
      fillPlaceholders(
        "$spec.?completions.orValue(0) >= $options.minCompletions ? [$specPath + '.x', $specPointer] : []",
        BINDINGS,
        'r',
      ),
    ).toBe(
      "(variables.spec).?completions.orValue(0) >= 1000 ? [(variables.specPath) + '.x', (variables.specPointer)] : []",
    );
    expect(fillPlaceholders('$object.metadata && $allowSuppressions', { ...BINDINGS, object: 'oldObject' }, 'r')).toBe(
      '(oldObject).metadata && true',
    );
  });

  test('an unknown placeholder or option is an error naming the rule, never CEL sent to the API server', () => {
    expect(() => fillPlaceholders('$specs.x', BINDINGS, 'my-rule')).toThrow(
      'rule my-rule: its CEL has an unknown placeholder $specs',
    );
    expect(() => fillPlaceholders('$options.missing > 1', BINDINGS, 'my-rule')).toThrow(
      'rule my-rule: its CEL names the option missing, which it does not have',
    );
  });
});
