export * from './hashing-stream.js';
export * from './verifying-stream.js';
