export { parseSource } from './yaml-documents.ts';
