import type { NameCodec } from '@rsyncish/core';
import { describeStoreLocation, locateInStore } from '@rsyncish/object-store';

/** Where a remote path lives: container '' is the account, object '' the container itself. */
export interface Location {
  container: string;
  object: string;
}

/** The container is the first segment of the remote's root joined with the path (locateInStore). */
export function locate(root: string, path: string, names?: NameCodec): Location {
  const { store, key } = locateInStore(root, path, names);
  return { container: store, object: key };
}

/** `container/object` for messages. */
export function describe(loc: Location): string {
  return describeStoreLocation({ store: loc.container, key: loc.object });
}
