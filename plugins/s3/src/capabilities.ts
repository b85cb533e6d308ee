import type { Capabilities } from '@rsyncish/core';
import { DEFAULT_ENCODING } from './options.js';

/** What S3 can do; the same for every S3 remote. */
export function s3Capabilities(): Capabilities {
  return {
    // MD5 from the ETag of single-part objects, from Md5chksum metadata of multipart ones.
    hashes: ['md5'],
    // X-Amz-Meta-Mtime keeps nanoseconds; we read and write milliseconds.
    // rclone's mtime metadata holds nanoseconds.
    modTime: { read: true, write: true, precisionMs: 1e-6 },
    // The default `encoding`; a remote with its own says so in its backend's capabilities.
    nameEncoding: DEFAULT_ENCODING,
    caseInsensitive: false,
    deleteIsTrash: false,
    // 5 TiB, AWS's limit for one object.
    maxFileSize: 5 * 1024 ** 4,
    // Folders are key prefixes: one exists while something is stored below it.
    emptyDirs: false,
    serverSideCopy: true,
    serverSideMove: false,
    recursiveList: false,
  };
}
