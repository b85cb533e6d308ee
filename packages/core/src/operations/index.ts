export * from './hash-sum.js';
export * from './size.js';
export * from './remove.js';
