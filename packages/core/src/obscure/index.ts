export * from './obscure.js';
