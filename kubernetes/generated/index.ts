export { DECODE_ROOTS, DECODE_TYPES, DECODE_TYPES_SOURCE } from './decode-types.ts';
