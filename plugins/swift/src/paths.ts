import { cleanRemotePath, type NameCodec } from '@rsyncish/core';

/** Where a remote path lives: container '' is the account, object '' the container itself. */
export interface Location {
  container: string;
  object: string;
}

/**
 * The container is the first segment of the remote's root joined with the
 * path; each segment is the engine's name encoded as Swift stores it (`names`).
 */
export function locate(root: string, path: string, names?: NameCodec): Location {
  const clean = cleanRemotePath([root, path].filter((p) => p !== '').join('/'));
  const full = names ? names.fromStandardPath(clean) : clean;
  const slash = full.indexOf('/');
  return slash < 0 ? { container: full, object: '' } : { container: full.slice(0, slash), object: full.slice(slash + 1) };
}

/** `container/object` for messages. */
export function describe(loc: Location): string {
  return loc.object ? `${loc.container}/${loc.object}` : loc.container;
}
