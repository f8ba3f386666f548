// ESLint flat config. Besides the usual checks it enforces the architecture: policy/ is the pure
// rule engine (no IO, no HTTP, no cluster client), and the formatters only format.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const IO_MODULES = ['fs', 'fs/promises', 'http', 'https', 'net', 'child_process', 'worker_threads', 'os', 'process', 'readline'].flatMap((m) => [m, `node:${m}`]);

const pureCore = {
  paths: [
    ...IO_MODULES.map((name) => ({ name, message: 'policy/ is pure: do IO at the edges (plugin/, webhook/).' })),
    { name: 'express', message: 'policy/ knows Jobs, not HTTP.' },
    { name: '@kubernetes/client-node', message: 'policy/ knows Jobs, not the cluster (type-only imports are fine).', allowTypeImports: true },
    { name: 'yaml', message: 'policy/ receives decoded objects; parsing belongs to plugin/lint.' },
    { name: 'commander', message: 'policy/ knows nothing of the CLI.' },
  ],
  patterns: [{ group: ['**/plugin/**', '**/webhook/**'], message: 'policy/ must not depend on its adapters.' }],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'coverage/**', 'schemas/generated/**', 'test/testbed/k8s/**', 'test/testbed/etcd/**', 'bench/tools/**', '.testbed/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', TextEncoder: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', NodeJS: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  { files: ['policy/**/*.ts'], rules: { '@typescript-eslint/no-restricted-imports': ['error', pureCore], 'no-restricted-globals': ['error', { name: 'process', message: 'policy/ is pure: pass what it needs in.' }] } },
  // The analyses behind the live views and the admission decisions are pure functions over data
  // fetched at the edges (plugin/kube, webhook/server), so they are tested from fixtures alone.
  {
    files: ['plugin/diagnose/**/*.ts', 'plugin/job-controller/**/*.ts', 'plugin/explain/**/*.ts', 'plugin/index-status/**/*.ts', 'webhook/admission/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [...IO_MODULES.map((name) => ({ name, message: 'analysis is pure: fetch and print at the edges.' })), { name: '@kubernetes/client-node', message: 'analysis is pure: only type imports of the cluster client.', allowTypeImports: true }, { name: 'express', message: 'analysis is pure: HTTP belongs to the server.' }] }],
      'no-restricted-globals': ['error', { name: 'process', message: 'analysis is pure: pass what it needs in.' }],
    },
  },
  { files: ['plugin/format/**/*.ts'], rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: IO_MODULES.map((name) => ({ name, message: 'formatters only format; IO happens in the commands.' })) }] } },
  { files: ['test/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts', 'test/testbed/**/*.ts'], rules: { 'no-console': 'off', '@typescript-eslint/no-non-null-assertion': 'off' } },
);
