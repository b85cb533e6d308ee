'use strict';
// The addon, or why it is not there: a machine without a C compiler, Windows
// (utimensat is POSIX), a build that failed at install.
const { getSystemErrorName } = require('node:util');

let addon;
let unavailable;
try {
  addon = require('./build/Release/file_times.node');
} catch (err) {
  unavailable = err instanceof Error ? err.message : String(err);
}

const NS_PER_S = 1_000_000_000;

/**
 * Sets the access and modification times of `path` (symlinks followed) to
 * whole seconds since the epoch plus nanoseconds, exactly, on libuv's thread
 * pool. Rejects with a Node-style error (code, errno, syscall, path).
 */
async function setTimes(path, atimeSec, atimeNsec, mtimeSec, mtimeNsec) {
  if (typeof path !== 'string' || path.includes('\0')) throw new TypeError('path must be a string without null bytes');
  for (const [sec, nsec] of [[atimeSec, atimeNsec], [mtimeSec, mtimeNsec]]) {
    if (!Number.isSafeInteger(sec) || !Number.isInteger(nsec) || nsec < 0 || nsec >= NS_PER_S) {
      throw new RangeError(`times are whole seconds and nanoseconds from 0 to 999999999, not ${sec} s + ${nsec} ns`);
    }
  }
  try {
    return await addon.setTimes(path, atimeSec, atimeNsec, mtimeSec, mtimeNsec);
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

module.exports = addon ? { available: true, setTimes } : { available: false, unavailable };
