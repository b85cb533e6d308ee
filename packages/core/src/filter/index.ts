export * from './glob.js';
export * from './filter.js';
