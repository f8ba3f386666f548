import { describe, expect, test } from '@jest/globals';
import { ExcludeRules } from '../../../plugin/config/index.ts';

const rules = (...lines: string[]) => new ExcludeRules('/repo', lines, 'test');
const excluded = (r: ExcludeRules, path: string, dir = false) => r.match(`/repo/${path}`, dir) !== undefined;

describe('exclude lines read as .gitignore lines', () => {
  test('a name without a slash matches at any depth; with one, from the base folder', () => {
    expect(excluded(rules('old.yaml'), 'a/b/old.yaml')).toBe(true);
    expect(excluded(rules('/old.yaml'), 'a/old.yaml')).toBe(false);
    expect(excluded(rules('a/old.yaml'), 'x/a/old.yaml')).toBe(false);
    expect(excluded(rules('a/*.yaml'), 'a/b/c.yaml')).toBe(false);
  });

  test('** spans folders; a trailing slash matches folders only; ! re-includes; comments are nothing', () => {
    expect(excluded(rules('k8s/**/gen-*.yaml'), 'k8s/a/b/gen-1.yaml')).toBe(true);
    expect(excluded(rules('**/tmp'), 'x/y/tmp', true)).toBe(true);
    expect(excluded(rules('build/'), 'build', false)).toBe(false);
    expect(excluded(rules('build/'), 'build', true)).toBe(true);
    expect(excluded(rules('*.yaml', '!keep.yaml'), 'keep.yaml')).toBe(false);
    expect(excluded(rules('# *.yaml', ''), 'a.yaml')).toBe(false);
    expect(excluded(rules('[ab].yaml'), 'b.yaml')).toBe(true);
  });

  test('paths outside the base folder are never excluded', () => {
    expect(new ExcludeRules('/repo', ['*.yaml'], 'test').match('/other/a.yaml', false)).toBeUndefined();
  });
});
