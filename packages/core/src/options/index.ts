export * from './define-options.js';
export { checkChoice, missingRequired } from './option-rules.js';
export * from './oauth-options.js';
