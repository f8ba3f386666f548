/** Kept in step with package.json by a unit test. */
export const VERSION = '0.1.0';
export const HOMEPAGE = 'https://github.com/job-x/job-x';
export const RULES_DOC_URL = `${HOMEPAGE}/blob/main/docs/rules.md`;
/**
 * The Kubernetes release whose API server validation and Job controller the rules mirror (the
 * testbed's, test/testbed/k8s/go.mod; a unit test keeps them in step).
 */
export const KUBERNETES_VERSION = '1.36.4';

// Put in by the bundler (scripts/build-cli.ts, esbuild `define`); undeclared when running from source.
declare const JOBX_COMMIT: string | undefined;

/** The git commit the bundle was built from (`-dirty` with uncommitted changes); `unknown` from source. */
export const COMMIT: string = typeof JOBX_COMMIT === 'string' ? JOBX_COMMIT : 'unknown';
