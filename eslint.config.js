// ESLint flat config. Besides the usual checks it enforces the architecture: imports point down the
// layers and enter a folder through its index.ts (eslint-rules/architecture.js); kubernetes/ and
// policy/ are pure (no IO, no HTTP, no cluster client); the analyses and the formatters only compute.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import architecture from './eslint-rules/architecture.js';

const IO_MODULES = [
  'fs',
  'fs/promises',
  'http',
  'https',
  'net',
  'child_process',
  'worker_threads',
  'os',
  'process',
  'readline',
].flatMap((m) => [m, `node:${m}`]);

const pureCore = {
  paths: [
    ...IO_MODULES.map((name) => ({
      name,
      message: 'the core is pure: do IO at the edges (edge/, plugin/, webhook/).',
    })),
    { name: 'express', message: 'the core knows Jobs, not HTTP.' },
    {
      name: '@kubernetes/client-node',
      message: 'the core knows Jobs, not the cluster (type-only imports are fine).',
      allowTypeImports: true,
    },
    { name: 'yaml', message: 'the core receives decoded objects; parsing belongs to plugin/yaml and edge/.' },
    { name: 'commander', message: 'the core knows nothing of the CLI.' },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'coverage/**',
      'schemas/generated/**',
      'test/testbed/k8s/**',
      'test/testbed/etcd/**',
      'bench/tools/**',
      '.testbed/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        TextEncoder: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        NodeJS: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    files: ['kubernetes/**/*.ts', 'policy/**/*.ts', 'edge/**/*.ts', 'plugin/**/*.ts', 'webhook/**/*.ts'],
    plugins: { 'job-x': architecture },
    rules: { 'job-x/layers': 'error', 'job-x/public-index': 'error' },
  },
  {
    files: ['kubernetes/**/*.ts', 'policy/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', pureCore],
      'no-restricted-globals': ['error', { name: 'process', message: 'the core is pure: pass what it needs in.' }],
    },
  },
  // The analyses behind the live views and the admission decisions are pure functions over data
  // fetched at the edges (plugin/kube, webhook/server), so they are tested from fixtures alone.
  {
    files: [
      'plugin/diagnose/**/*.ts',
      'plugin/explain/**/*.ts',
      'plugin/index-status/**/*.ts',
      'plugin/yaml/**/*.ts',
      'webhook/admission/**/*.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            ...IO_MODULES.map((name) => ({ name, message: 'analysis is pure: fetch and print at the edges.' })),
            {
              name: '@kubernetes/client-node',
              message: 'analysis is pure: only type imports of the cluster client.',
              allowTypeImports: true,
            },
            { name: 'express', message: 'analysis is pure: HTTP belongs to the server.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'analysis is pure: pass what it needs in.' }],
    },
  },
  {
    files: ['plugin/format/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: IO_MODULES.map((name) => ({ name, message: 'formatters only format; IO happens in the commands.' })) },
      ],
    },
  },
  // Decoded documents are hostile: String() or a template literal on a value of unknown shape runs
  // whatever toString it has (a mapping can carry a `toString` key; a decoded object inherits none
  // and throws). Messages describe such values with kubernetes/describe-value.ts. These two rules
  // need type information, so they read the TypeScript project (about 10 s on this tree).
  {
    files: ['kubernetes/**/*.ts', 'policy/**/*.ts', 'edge/**/*.ts', 'plugin/**/*.ts', 'webhook/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-base-to-string': ['error', { checkUnknown: true }],
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true, allowNullish: true, allowAny: false, allowNever: false },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts', 'test/testbed/**/*.ts'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
