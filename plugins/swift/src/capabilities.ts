import type { Capabilities } from '@rsyncish/core';

/** What Swift can do; the same for every swift remote. */
export function swiftCapabilities(): Capabilities {
  return {
    // The ETag of an ordinary object; segmented (large) objects have none.
    hashes: ['md5'],
    // X-Object-Meta-Mtime keeps nanoseconds; we read and write milliseconds.
    modTime: { read: true, write: true, precisionMs: 1 },
    caseInsensitive: false,
    deleteIsTrash: false,
    // Pseudo-folders exist only while objects are stored below them.
    emptyDirs: false,
    serverSideCopy: true,
    serverSideMove: false,
    recursiveList: false,
  };
}
