import type { Capabilities } from '@rsyncish/core';
import { LOCAL_HASHES } from './local-hashes.js';
import { settablePrecisionMs } from './mod-time.js';
import { platformEncoding, platformIsCaseInsensitive } from './options.js';

let precisionMs: number | undefined;

/** What a local filesystem can do; only case and normalization folding depend on the platform or options. */
export function localCapabilities(caseInsensitive = platformIsCaseInsensitive()): Capabilities {
  return {
    // Not stored anywhere: hash() reads the file, and put() hashes while writing.
    hashes: [...LOCAL_HASHES],
    // A big file is hashed on a worker thread as it is written (written-file-hasher.ts).
    hashesOnPut: ['md5', 'sha1'],
    // Read to the nanosecond (a bigint stat); written as finely as the platform
    // lets us. A getter: the answer loads the native addon, which a command
    // that never opens a local remote (or never compares times) need not load.
    modTime: {
      read: true,
      write: true,
      get precisionMs() {
        // Asked for every file compared: found once.
        return (precisionMs ??= settablePrecisionMs());
      },
    },
    caseInsensitive,
    // The default `encoding`; a remote with its own says so in its backend's capabilities.
    nameEncoding: platformEncoding(),
    // APFS and HFS+ take `café` in NFC and in NFD for one name.
    normalizationInsensitive: process.platform === 'darwin',
    deleteIsTrash: false,
    emptyDirs: true,
    serverSideCopy: true,
    serverSideMove: true,
  };
}
