import 'reflect-metadata';

export * from './contract/index.js';
export * from './errors/index.js';
export * from './logging/logger.js';
export * from './units/index.js';
export * from './paths/index.js';
export * from './config/index.js';
export * from './options/index.js';
export * from './registry/index.js';
export * from './hashing/index.js';
export * from './filter/index.js';
export * from './engine/index.js';
export * from './operations/index.js';
export * from './http/index.js';
export * from './oauth/index.js';
export * from './names/index.js';
export * from './obscure/index.js';
export { mapLimit } from './util/map-limit.js';
