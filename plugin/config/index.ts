export { ConfigFinder, type ConfigChoice, ParserNeeded } from './config-finder.ts';
export { CONFIG_FILE_NAME, type LintConfig } from './lint-config.ts';
export { ExcludeRules } from './exclude-rules.ts';
export { compileGitignorePattern, globToRegexSource, isGlob } from './gitignore-pattern.ts';
export { Excluder, type Exclusion } from './excluder.ts';
