import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { renderSettingsFrom } from '../../../../../plugin/lint/render/index.ts';

describe('renderSettingsFrom', () => {
  test('nothing given: no rendering', () => {
    expect(renderSettingsFrom(undefined, '/repo', {})).toMatchObject({ helm: false, kustomize: false, helmValues: [] });
  });

  test("the config's section, its values files relative to the config's folder", () => {
    const settings = renderSettingsFrom(
      { render: { helm: true, helmValues: ['ci/values.yaml'] }, kubeVersion: '1.34' },
      '/repo/deploy',
      {},
    );
    expect(settings).toMatchObject({
      helm: true,
      kustomize: false,
      helmValues: [join('/repo/deploy', 'ci/values.yaml')],
      kubeVersion: '1.34',
    });
  });

  test('flags win over the config; a flag not given leaves the config alone', () => {
    const settings = renderSettingsFrom({ render: { helm: true, kustomize: true }, kubeVersion: '1.34' }, '/repo', {
      helm: false,
      kustomize: undefined,
      kubeVersion: '1.33',
    });
    expect(settings).toMatchObject({ helm: false, kustomize: true, kubeVersion: '1.33' });
  });
});
