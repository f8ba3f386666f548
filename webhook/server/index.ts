export { createApp, type ServerState } from './app.ts';
export { bufferLines, createLogger, errorFields, type Logger } from './log.ts';
export {
  readTlsCredentials,
  TLS_MIN_VERSION,
  type TlsCredentials,
  TlsError,
  type TlsFiles,
  watchTlsFiles,
} from './tls.ts';
export { createWebhookMetrics } from './webhook-metrics.ts';
export { MemoryBudget } from './memory-budget.ts';
export { MEMORY_BUDGET_BYTES } from './request-cost.ts';
export { describePolicyChange } from './policy-change.ts';
export { POLICY_POLL_MS, policyHash, watchPolicyFile } from './policy-reload.ts';
export type { WebhookMetrics } from './webhook-metrics.ts';
export { KubeConnectionError, toKubeConnection } from './kube-connection.ts';
export { NamespaceLabelWatch } from './namespace-labels.ts';
