export * from './glob.js';
export * from './dir-globs.js';
export * from './go-regexp.js';
export * from './filter.js';
