export * from './mask.js';
export * from './http-failure.js';
export * from './status-errors.js';
export * from './network-errors.js';
export * from './tps-limiter.js';
export * from './pacer.js';
export * from './http-client.js';
export * from './multipart.js';
