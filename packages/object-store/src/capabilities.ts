import type { Capabilities } from '@rsyncish/core';

/**
 * What every object store here can do: MD5 from the ETag, modtimes kept in
 * object metadata, folders that exist only while objects are stored below
 * them, server-side copy but no move. `nameEncoding` is the backend's default.
 */
export function objectStoreCapabilities(nameEncoding: string): Capabilities {
  return {
    hashes: ['md5'],
    // The mtime metadata keeps nanoseconds (as rclone writes it); we read and write milliseconds.
    modTime: { read: true, write: true, precisionMs: 1e-6 },
    nameEncoding,
    caseInsensitive: false,
    deleteIsTrash: false,
    emptyDirs: false,
    serverSideCopy: true,
    serverSideMove: false,
    listRecursive: true,
  };
}
