'use strict';
// The addon, or why it is not there: a machine without a C compiler, Windows
// (it maps files with POSIX calls), a build that failed at install.
const { getSystemErrorName } = require('node:util');

let addon;
let unavailable;
try {
  addon = require('./build/Release/file_hash.node');
} catch (err) {
  unavailable = err instanceof Error ? err.message : String(err);
}

/**
 * Hashes the whole file at `path` on libuv's thread pool. Resolves with the
 * hex digests in the order of `types` and the bytes hashed; rejects with a
 * Node-style error (code, errno, syscall, path).
 */
async function hashFile(path, types) {
  try {
    return await addon.hashFile(path, types);
  } catch (failure) {
    if (failure instanceof Error) throw failure;
    const code = getSystemErrorName(-failure.errno);
    throw Object.assign(new Error(`${code}: ${failure.syscall} ${JSON.stringify(path)}`), {
      code,
      errno: -failure.errno,
      syscall: failure.syscall,
      path,
    });
  }
}

module.exports = addon ? { available: true, hashFile } : { available: false, unavailable };
