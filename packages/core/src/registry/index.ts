export * from './tokens.js';
export * from './root-container.js';
export * from './backend-registry.js';
export * from './open-remote.js';
export * from './locate-root.js';
export * from './stat-root.js';
export * from './refuse-file-destination.js';
export * from './v1-adapter.js';
