export * from './location.js';
export * from './capabilities.js';
