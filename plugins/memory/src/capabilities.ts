import type { Capabilities } from '@rsyncish/core';

/**
 * Declared once, read by the engine and by `rsyncish backends`. Every flag is a
 * promise the testkit checks, so declare only what the backend really does.
 */
export const memoryCapabilities: Capabilities = {
  // The engine verifies every transfer against this hash.
  hashes: ['md5'],
  // Times are kept as given, to the nanosecond (as rclone's memory backend), so
  // the engine can skip unchanged files by modtime.
  modTime: { read: true, write: true, precisionMs: 1e-6 },
  caseInsensitive: false,
  deleteIsTrash: false,
  emptyDirs: true,
  serverSideCopy: true,
  serverSideMove: true,
  // listRecursive() walks the tree in one call, so --fast-list can be tried on it.
  listRecursive: true,
};
