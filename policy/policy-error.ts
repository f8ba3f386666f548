/** A policy that cannot be used as written; `key` names the offending key. */
export class PolicyError extends Error {
  readonly key: string;
  constructor(key: string, message: string) {
    super(`${key}: ${message}`);
    this.name = 'PolicyError';
    this.key = key;
  }
}
