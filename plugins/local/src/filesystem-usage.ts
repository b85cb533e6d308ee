import { promises as fsp } from 'node:fs';
import type { Usage } from '@rsyncish/core';
import { mapFsError } from './fs-errors.js';

/**
 * Size, use and free space of the filesystem holding `fsPath`, as rclone's
 * local About computes them from statfs: free is what an unprivileged user may
 * still write (f_bavail), so used + free can be less than total.
 */
export async function filesystemUsage(fsPath: string): Promise<Usage> {
  let s;
  try {
    s = await fsp.statfs(fsPath, { bigint: true });
  } catch (err) {
    throw mapFsError(err, fsPath);
  }
  return {
    total: Number(s.bsize * s.blocks),
    used: Number(s.bsize * (s.blocks - s.bfree)),
    free: Number(s.bsize * s.bavail),
  };
}
