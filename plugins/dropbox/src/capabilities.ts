import type { Capabilities } from '@rsyncish/core';
import { DEFAULT_ENCODING } from './options.js';

/** Dropbox's limit for one file uploaded through the API (an upload session): 350 GB. */
export const DROPBOX_MAX_FILE_SIZE = 350 * 1000 ** 3;

export function dropboxCapabilities(): Capabilities {
  return {
    hashes: ['dropbox'],
    // Every upload is hashed on the way and checked before its commit.
    hashesOnPut: ['dropbox'],
    // client_modified: whole seconds, set by each upload; there is no call that changes it alone.
    modTime: { read: true, write: true, precisionMs: 1000 },
    nameEncoding: DEFAULT_ENCODING,
    caseInsensitive: true,
    // Deleted files stay restorable in Dropbox's version history.
    deleteIsTrash: true,
    maxFileSize: DROPBOX_MAX_FILE_SIZE,
    emptyDirs: true,
    serverSideCopy: true,
    serverSideMove: true,
  };
}
