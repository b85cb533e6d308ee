export { memoryBackend } from './definition.js';
export { MemoryBackend, type MemoryBackendInit } from './memory-backend.js';
export { memoryCapabilities } from './capabilities.js';
export { MemoryTree } from './tree.js';
