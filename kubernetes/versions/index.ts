export {
  fieldsAtVersion,
  presentPaths,
  type FieldsAtVersion,
  type IgnoredField,
  type UnservedField,
} from './fields-at-version.ts';
export { NEWEST_KUBE_MINOR, olderThan, toKubeMinor } from './kube-minor.ts';
export { GATED_FIELDS, KUBE_MINORS, KUBE_RELEASES, NOT_SERVED, type KubeMinor } from './version-tables.generated.ts';
