export * from './ini-format.js';
export * from './config-store.js';
export * from './option-values.js';
export * from './file-lock.js';
