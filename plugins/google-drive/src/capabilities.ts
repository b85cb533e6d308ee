import type { Capabilities } from '@rsyncish/core';
import { DEFAULT_ENCODING } from './options.js';

/** Google's limit on one file's size: 5 TiB. */
export const DRIVE_MAX_FILE_SIZE = 5 * 1024 ** 4;

export function driveCapabilities(useTrash = true): Capabilities {
  return {
    hashes: ['md5'],
    // modifiedTime is kept to the millisecond and can be set.
    modTime: { read: true, write: true, precisionMs: 1 },
    nameEncoding: DEFAULT_ENCODING,
    // Names are case-sensitive (the q language's `name =` is not: the backend compares itself).
    caseInsensitive: false,
    deleteIsTrash: useTrash,
    maxFileSize: DRIVE_MAX_FILE_SIZE,
    emptyDirs: true,
    serverSideCopy: true,
    serverSideMove: true,
  };
}
