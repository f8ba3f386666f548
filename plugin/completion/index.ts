export { COMPLETION_HELP, SHELLS, type Shell } from './shells.ts';
