import { describe, expect, test } from '@jest/globals';
import { Command } from 'commander';
import { parseKubectlDuration } from '../../../../plugin/kube/duration.ts';
import {
  addKubeFlags,
  DEFAULT_REQUEST_TIMEOUT,
  parseRequestTimeout,
  type KubeFlags,
} from '../../../../plugin/kube/flags.ts';

describe('--request-timeout durations (kubectl syntax)', () => {
  test.each([
    ['0', 0],
    ['5', 5000],
    ['30s', 30_000],
    ['1m', 60_000],
    ['1h30m', 5_400_000],
    ['1.5s', 1500],
    ['500ms', 500],
    ['250us', 0.25],
    ['2m3s', 123_000],
    ['.5s', 500],
  ])('%s → %d ms', (text, ms) => {
    expect(parseKubectlDuration(text)).toBe(ms);
    expect(parseRequestTimeout(text)).toBe(ms);
  });

  test.each(['', '-1s', '-5', '1d', '10 s', 's', '1.2.3s', 'abc', '1sm'])('%j is refused', (text) => {
    expect(parseKubectlDuration(text)).toBeUndefined();
    expect(() => parseRequestTimeout(text)).toThrow('must be a whole number of seconds or a number with a unit');
  });
});

function parse(args: string[], options?: { allNamespaces?: boolean }): KubeFlags {
  const command = addKubeFlags(
    new Command('x').exitOverride().configureOutput({ writeErr: () => undefined }),
    options,
  ).action(() => undefined);
  command.parse(args, { from: 'user' });
  return command.opts<KubeFlags>();
}

describe('addKubeFlags', () => {
  test("kubectl's flag names", () => {
    expect(
      parse([
        '--kubeconfig',
        'k',
        '--context',
        'c',
        '--cluster',
        'cl',
        '--user',
        'u',
        '-n',
        'ns',
        '--request-timeout',
        '1m',
      ]),
    ).toEqual({
      kubeconfig: 'k',
      context: 'c',
      cluster: 'cl',
      user: 'u',
      namespace: 'ns',
      requestTimeout: '1m',
    });
    expect(parse(['--namespace=other']).namespace).toBe('other');
  });

  test('the request timeout defaults to a bound, and bad values are usage errors', () => {
    expect(parse([]).requestTimeout).toBe(DEFAULT_REQUEST_TIMEOUT);
    expect(() => parse(['--request-timeout', '1d'])).toThrow(/--request-timeout <duration>' argument '1d' is invalid/);
  });

  test('-A only where the command asks for it', () => {
    expect(parse(['-A'], { allNamespaces: true }).allNamespaces).toBe(true);
    expect(parse([], { allNamespaces: true }).allNamespaces).toBe(false);
    expect(() => parse(['-A'])).toThrow(/unknown option '-A'/);
  });
});
