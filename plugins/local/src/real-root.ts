import { promises as fsp } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * The root's real path, with `.`, `..` and symlinks resolved, so that two
 * spellings of one directory compare equal. A root that does not exist yet
 * (a copy destination) is its nearest existing parent's real path plus the
 * names still to be created.
 */
export async function realRoot(rootFs: string): Promise<string> {
  const missing: string[] = [];
  for (let dir = rootFs; ; dir = dirname(dir)) {
    try {
      return join(await fsp.realpath(dir), ...missing.reverse());
    } catch (err) {
      const parent = dirname(dir);
      // Only a name that does not exist is skipped; anything else (a loop, no permission) is kept as typed.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || parent === dir) return rootFs;
      missing.push(basename(dir));
    }
  }
}
