export * from './token.js';
export * from './token-endpoint.js';
export * from './token-source.js';
export * from './authorize-url.js';
export * from './redirect-server.js';
export * from './auth-code-flow.js';
export * from './oauth-remote.js';
