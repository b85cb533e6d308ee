import type { BigIntStats, Stats } from 'node:fs';

/** What a path that is neither a file nor a directory is, in words. */
export function describeSpecialFile(st: Stats | BigIntStats): string {
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  return 'not a file or directory';
}
