import type { Capabilities } from '@rsyncish/core';

/**
 * What the backend can do, declared once: the engine reads it, `rsyncish
 * backends` shows it, and the conformance suite holds the backend to it.
 */
export const __TYPE__Capabilities: Capabilities = {
  // No hash yet: the engine compares size and modtime. Add one with hash().
  hashes: [],
  // utimes(2) takes what Node passes, milliseconds; the file system keeps them.
  modTime: { read: true, write: true, precisionMs: 1 },
  caseInsensitive: false,
  deleteIsTrash: false,
  emptyDirs: true,
};
