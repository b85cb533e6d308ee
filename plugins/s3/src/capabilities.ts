import type { Capabilities } from '@rsyncish/core';
import { objectStoreCapabilities } from '@rsyncish/object-store';
import { DEFAULT_ENCODING } from './options.js';

/** What S3 can do; the same for every S3 remote (a remote's own `encoding` is set by the backend). */
export function s3Capabilities(): Capabilities {
  return {
    // MD5 from the ETag of single-part objects, from Md5chksum metadata of multipart ones.
    ...objectStoreCapabilities(DEFAULT_ENCODING),
    // 5 TiB, AWS's limit for one object.
    maxFileSize: 5 * 1024 ** 4,
  };
}
