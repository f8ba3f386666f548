import { describe, expect, test } from '@jest/globals';
import { proxyFromEnvironment } from '../../../../plugin/kube/proxy.ts';

describe('proxyFromEnvironment (Go httpproxy rules, as kubectl)', () => {
  test('HTTPS_PROXY for https servers, HTTP_PROXY for http; lower-case names work; no scheme means http://', () => {
    expect(
      proxyFromEnvironment('https://api.example:6443', { HTTPS_PROXY: 'http://p:3128', HTTP_PROXY: 'http://other:1' }),
    ).toBe('http://p:3128');
    expect(
      proxyFromEnvironment('http://api.example:8080', { HTTPS_PROXY: 'http://p:3128', HTTP_PROXY: 'http://other:1' }),
    ).toBe('http://other:1');
    expect(proxyFromEnvironment('https://api.example', { https_proxy: 'p:3128' })).toBe('http://p:3128');
    expect(proxyFromEnvironment('https://api.example', { HTTPS_PROXY: 'socks5://s:1080' })).toBe('socks5://s:1080');
    expect(proxyFromEnvironment('https://api.example', {})).toBeUndefined();
  });

  test('loopback servers never go through a proxy', () => {
    for (const server of [
      'https://127.0.0.1:6443',
      'https://localhost:6443',
      'https://[::1]:6443',
      'https://127.1.2.3',
    ]) {
      expect(proxyFromEnvironment(server, { HTTPS_PROXY: 'http://p:3128' })).toBeUndefined();
    }
  });

  test.each([
    ['*', 'https://api.example', true],
    ['example', 'https://api.example', true],
    ['api.example', 'https://api.example', true],
    ['.example', 'https://api.example', true],
    ['.example', 'https://example', false],
    ['*.example', 'https://api.example', true],
    ['other.example', 'https://api.example', false],
    ['xample', 'https://api.example', false],
    ['api.example:6443', 'https://api.example:6443', true],
    ['api.example:443', 'https://api.example:6443', false],
    ['api.example:443', 'https://api.example', true],
    ['10.0.0.1', 'https://10.0.0.1:6443', true],
    ['10.0.0.0/8', 'https://10.20.30.40:6443', true],
    ['10.0.0.0/8', 'https://11.0.0.1:6443', false],
    ['fd00::/8', 'https://[fd12::1]:6443', true],
    ['fd00::/16', 'https://[fd12::1]:6443', false],
    [' foo.bar , .example ', 'https://api.example', true],
  ])('NO_PROXY=%j for %s excludes: %s', (noProxy, server, excluded) => {
    const proxy = proxyFromEnvironment(server, { HTTPS_PROXY: 'http://p:3128', NO_PROXY: noProxy });
    expect(proxy === undefined).toBe(excluded);
  });
});
