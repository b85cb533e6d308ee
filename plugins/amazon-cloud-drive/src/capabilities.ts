import type { Capabilities } from '@rsyncish/core';
import { DEFAULT_ENCODING } from './options.js';

/**
 * The size above which rclone warned: Amazon never published its limit but
 * refused files of about 50 GiB; 50000 MiB is the value rclone's docs give.
 */
export const ACD_SIZE_WARNING = 50_000 * 1024 * 1024;

export function acdCapabilities(): Capabilities {
  return {
    hashes: ['md5'],
    // modifiedDate is the server's time of the last change; it cannot be set.
    modTime: { read: true, write: false, precisionMs: 1 },
    // The default `encoding`; a remote with its own says so in its backend's capabilities.
    nameEncoding: DEFAULT_ENCODING,
    caseInsensitive: true,
    deleteIsTrash: true,
    maxFileSize: ACD_SIZE_WARNING,
    emptyDirs: true,
    serverSideCopy: false,
    serverSideMove: true,
  };
}
