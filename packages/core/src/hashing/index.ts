export * from './hashing-stream.js';
export * from './verifying-stream.js';
export { hasherFor, type Hasher } from './hasher-for.js';
export { DropboxContentHash, DROPBOX_BLOCK_SIZE } from './dropbox-content-hash.js';
