import type { Capabilities } from '@rsyncish/core';
import { DEFAULT_ENCODING } from './options.js';

/** What Swift can do; the same for every swift remote. */
export function swiftCapabilities(): Capabilities {
  return {
    // The ETag of an ordinary object; segmented (large) objects have none.
    hashes: ['md5'],
    // X-Object-Meta-Mtime keeps nanoseconds; we read and write milliseconds.
    // rclone's mtime metadata holds nanoseconds.
    modTime: { read: true, write: true, precisionMs: 1e-6 },
    // The default `encoding`; a remote with its own says so in its backend's capabilities.
    nameEncoding: DEFAULT_ENCODING,
    caseInsensitive: false,
    deleteIsTrash: false,
    // Pseudo-folders exist only while objects are stored below them.
    emptyDirs: false,
    serverSideCopy: true,
    serverSideMove: false,
    recursiveList: false,
  };
}
