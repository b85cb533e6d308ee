export * from './host-services.js';
export * from './memory-config.js';
export * from './default-globals.js';
export * from './create-host.js';
export * from './transfer-tree.js';
export * from './check-trees.js';
