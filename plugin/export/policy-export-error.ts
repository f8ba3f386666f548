/** A policy that cannot be written as admission policies (a bug in a rule's CEL form, or an option CEL cannot hold). */
export class PolicyExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyExportError';
  }
}
