import { cleanRemotePath, type NameCodec } from '@rsyncish/core';

/** Where a remote path lives in an object store: store '' is the account's list of stores, key '' the store itself. */
export interface StoreLocation {
  /** The bucket (s3) or container (swift). */
  store: string;
  /** The object's name within it. */
  key: string;
}

/**
 * The store is the first segment of the remote's root joined with the path;
 * each segment is the engine's name encoded as the store keeps it (`names`).
 */
export function locateInStore(root: string, path: string, names?: NameCodec): StoreLocation {
  const clean = cleanRemotePath([root, path].filter((p) => p !== '').join('/'));
  const full = names ? names.fromStandardPath(clean) : clean;
  const slash = full.indexOf('/');
  return slash < 0 ? { store: full, key: '' } : { store: full.slice(0, slash), key: full.slice(slash + 1) };
}

/** `store/key` for messages. */
export function describeStoreLocation({ store, key }: StoreLocation): string {
  return key ? `${store}/${key}` : store;
}
