export * from './hashing-stream.js';
