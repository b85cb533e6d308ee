import type { Capabilities } from '@rsyncish/core';
import { objectStoreCapabilities } from '@rsyncish/object-store';
import { DEFAULT_ENCODING } from './options.js';

/** What Swift can do; the same for every swift remote (a remote's own `encoding` is set by the backend). */
export function swiftCapabilities(): Capabilities {
  // MD5 is the ETag of an ordinary object; segmented (large) objects have none.
  return objectStoreCapabilities(DEFAULT_ENCODING);
}
