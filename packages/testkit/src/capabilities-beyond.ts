import type { Capabilities } from '@rsyncish/core';

/**
 * What an opened remote claims beyond its type's definition, one phrase per
 * claim. A definition states what the type can do at most (`rsyncish backends`
 * shows it without opening a remote); a remote may do less, as its options
 * allow (rclone's Features.Mask), never more. Naming facts (case and
 * normalization folding, name encoding, trash) describe a remote rather than
 * bound it, and may differ either way.
 */
export function capabilitiesBeyond(remote: Capabilities, type: Capabilities): string[] {
  const out: string[] = [];
  const extra = (list: string[] | undefined, within: string[] | undefined) => (list ?? []).filter((h) => !(within ?? []).includes(h));
  for (const h of extra(remote.hashes, type.hashes)) out.push(`hash ${h}`);
  for (const h of extra(remote.hashesOnPut, type.hashesOnPut)) out.push(`hashesOnPut ${h}`);
  if (remote.modTime.read && !type.modTime.read) out.push('modTime.read');
  if (remote.modTime.write && !type.modTime.write) out.push('modTime.write');
  // A finer precision is more than the type keeps; a coarser one is less.
  if (remote.modTime.precisionMs < type.modTime.precisionMs) out.push(`modTime.precisionMs ${remote.modTime.precisionMs} (finer than ${type.modTime.precisionMs})`);
  if (remote.emptyDirs && !type.emptyDirs) out.push('emptyDirs');
  for (const flag of ['serverSideCopy', 'serverSideMove', 'listRecursive'] as const) {
    if (remote[flag] && !type[flag]) out.push(flag);
  }
  if (type.maxFileSize !== undefined && (remote.maxFileSize === undefined || remote.maxFileSize > type.maxFileSize)) {
    out.push(`maxFileSize ${remote.maxFileSize ?? 'unlimited'} (above ${type.maxFileSize})`);
  }
  return out;
}
