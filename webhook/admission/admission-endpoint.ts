/** The two admission endpoints of the webhook, each a decision of its own. */
export type AdmissionEndpoint = 'validate' | 'mutate';
