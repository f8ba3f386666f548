export { type IndexSets, type IndexState, type IndexStatus, type NotIndexed } from './index-status.ts';
