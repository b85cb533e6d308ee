export * from './safe-join.js';
export * from './remote-path.js';
export * from './root-relation.js';
export * from './folder-id-cache.js';
