import { describe, expect, test } from '@jest/globals';
import {
  configMapKeyErrors,
  httpHeaderNameErrors,
  portNameErrors,
  portNumErrors,
  relaxedEnvVarNameErrors,
} from '../../../../kubernetes/pod-validation/value-checks.ts';
import { idRangeErrors } from '../../../../kubernetes/pod-validation/security-profiles.ts';

// apimachinery/pkg/util/validation (v0.36.4) TestIsValidPortName, TestIsRelaxedEnvVarName,
// TestIsConfigMapKey, TestIsHTTPHeaderName: the messages are the API server's.
describe('value checks of apimachinery validation', () => {
  test.each(['telnet', 're-mail-ck', 'pop3', 'a', 'a-1', '1-a', 'a-1-b-2-c', '1-a-2-b-3'])(
    'port name %s is valid',
    (name) => {
      expect(portNameErrors(name)).toEqual([]);
    },
  );

  test.each([
    ['longerthan15characters', 'must be no more than 15 characters'],
    ['', 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)'],
    ['12345', 'must contain at least one letter (a-z)'],
    ['a--b', 'must not contain consecutive hyphens'],
    ['-begin', 'must not begin or end with a hyphen'],
    ['UPPER', 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)'],
  ])('port name %j: %s', (name, message) => {
    expect(portNameErrors(name)).toContain(message);
  });

  test('port numbers are 1..65535', () => {
    expect(portNumErrors(1)).toEqual([]);
    expect(portNumErrors(65535)).toEqual([]);
    expect(portNumErrors(0)).toEqual(['must be between 1 and 65535, inclusive']);
    expect(portNumErrors(65536)).toEqual(['must be between 1 and 65535, inclusive']);
  });

  test.each(['1abc', 'a b', 'A_B', '$(X)', '~'])('relaxed env name %j is valid', (name) => {
    expect(relaxedEnvVarNameErrors(name)).toEqual([]);
  });

  test.each(['a=b', 'caf\u00e9', 'a\tb', '\u007f'])('relaxed env name %j is invalid', (name) => {
    expect(relaxedEnvVarNameErrors(name)).toEqual([
      "a valid environment variable name must consist only of printable ASCII characters other than '='",
    ]);
  });

  test('an empty env name says so', () => {
    expect(relaxedEnvVarNameErrors('')).toEqual(['environment variable name must be non-empty']);
  });

  test('config map keys', () => {
    expect(configMapKeyErrors('key.name')).toEqual([]);
    expect(configMapKeyErrors('..')).toEqual(["must not be '..'"]);
    expect(configMapKeyErrors('..a')).toEqual(["must not start with '..'"]);
    // validation.RegexError puts ", " after each example and " or " between them: two spaces.
    expect(configMapKeyErrors('a/b')).toEqual([
      "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    ]);
    expect(configMapKeyErrors('k'.repeat(254))).toContain('must be no more than 253 characters');
  });

  test('HTTP header names', () => {
    expect(httpHeaderNameErrors('X-Header-Name')).toEqual([]);
    expect(httpHeaderNameErrors('X_Header')).toEqual([
      "a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')",
    ]);
  });

  test('user and group ids are 0..MaxInt32', () => {
    expect(idRangeErrors(0)).toEqual([]);
    expect(idRangeErrors(-1)).toEqual(['must be between 0 and 2147483647, inclusive']);
    expect(idRangeErrors(2147483648)).toEqual(['must be between 0 and 2147483647, inclusive']);
  });
});
