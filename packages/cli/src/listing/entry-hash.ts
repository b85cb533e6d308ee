import type { Backend, Entry, HashType } from '@rsyncish/core';

/**
 * An entry's hash of `type`: the one the listing carried, else asked of the
 * backend at `at` when it declares that type (local files are hashed then);
 * undefined when the backend cannot give it.
 */
export async function entryHash(backend: Backend, e: Entry, at: string, type: HashType): Promise<string | undefined> {
  const listed = e.hashes?.[type];
  if (listed) return listed;
  return backend.capabilities.hashes.includes(type) ? backend.hash?.(at, type) : undefined;
}
