export * from './entry.js';
export * from './capabilities.js';
export * from './backend.js';
export * from './definition.js';
export * from './context.js';
export * from './root-location.js';
export * from './usage.js';
