export * from './rsyncish-error.js';
export * from './backend-errors.js';
export * from './usage-errors.js';
export { formatError } from './format-error.js';
export * from './error-shape.js';
export * from './partial-listing.js';
export * from './overlap-error.js';
export { InterruptedError } from './interrupted-error.js';
export * from './transfer-limit-errors.js';
