import type { Capabilities } from '@rsyncish/core';
import { objectStoreCapabilities } from '@rsyncish/object-store';
import { DEFAULT_ENCODING } from './options.js';

/** What GCS can do; the same for every gcs remote (a remote's own `encoding` is set by the backend). */
export function gcsCapabilities(): Capabilities {
  return {
    // MD5 from each object's md5Hash; modtimes in metadata with nanoseconds, as rclone writes them.
    ...objectStoreCapabilities(DEFAULT_ENCODING),
    // A move is a rewrite and a delete, both on the server.
    serverSideMove: true,
    // 5 TiB, GCS's limit for one object.
    maxFileSize: 5 * 1024 ** 4,
  };
}
