export { fixInputs, type FixRun } from './fix-inputs.ts';
