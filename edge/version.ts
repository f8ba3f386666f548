/** Kept in step with package.json by a unit test. */
export const VERSION = '0.1.0';
export const HOMEPAGE = 'https://github.com/job-x/job-x';
export const RULES_DOC_URL = `${HOMEPAGE}/blob/main/docs/rules.md`;
