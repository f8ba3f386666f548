export { ConfigError, type ErrorHint, EXIT, ExitError, UsageError } from './errors.ts';
export { type LoadedPolicy, loadPolicyFile } from './policy-file.ts';
export { readStreamCapped, readTextCapped } from './read-text-capped.ts';
export { COMMIT, KUBERNETES_VERSION, VERSION } from './version.ts';
export { yamlPackage } from './yaml-package.ts';
