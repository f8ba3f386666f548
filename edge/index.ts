export { ConfigError, type ErrorHint, EXIT, ExitError, UsageError } from './errors.ts';
export {
  type LoadedPolicy,
  loadPolicy,
  loadPolicyFile,
  loadPolicySync,
  type PolicyParser,
  preloadPolicyParser,
} from './policy-file.ts';
export { readStreamCapped, readTextCapped } from './read-text-capped.ts';
export { COMMIT, KUBERNETES_VERSION, RULES_DOC_URL, VERSION } from './version.ts';
export { yamlPackage } from './yaml-package.ts';
