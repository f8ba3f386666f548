export { exportAdmissionPolicy, exportSummary, type AdmissionPolicyExport } from './admission-policy-export.ts';
export { PolicyExportError } from './policy-export-error.ts';
