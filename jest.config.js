// Jest runs the TypeScript sources directly as native ES modules (swc strips the types),
// so tests exercise exactly the module graph Node 24 runs in production.
// keepImportAttributes: Node needs the `with { type: 'json' }` of JSON imports, which swc drops by default.
const swc = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2023', experimental: { keepImportAttributes: true } },
    module: { type: 'es6' },
  },
];
const base = {
  transform: { '^.+\\.ts$': swc },
  extensionsToTreatAsEsm: ['.ts'],
  testEnvironment: 'node',
  // The testbed's etcd keeps *.snap files under .testbed/; they are not Jest snapshots.
  modulePathIgnorePatterns: ['<rootDir>/.testbed/'],
};
export default {
  reporters: ['default', '<rootDir>/test/reporters/closing-line.js'],
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/test/e2e/global-setup.ts',
      globalTeardown: '<rootDir>/test/e2e/global-teardown.ts',
      // Sets a longer per-test timeout for this project only (Jest 30 reads `testTimeout` from
      // the global config, not from a project).
      setupFilesAfterEnv: ['<rootDir>/test/e2e/setup-timeout.ts'],
      slowTestThreshold: 60,
    },
    // npm run test:release only (it builds the release archive first; see test/release/).
    ...(process.env.JOBX_RELEASE_TESTS === '1'
      ? [
          {
            ...base,
            displayName: 'release',
            testMatch: ['<rootDir>/test/release/**/*.test.ts'],
            slowTestThreshold: 120,
          },
        ]
      : []),
  ],
};
