export * from './host-services.js';
export * from './memory-config.js';
export * from './default-globals.js';
