import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { HashType } from '@rsyncish/core';
import { mapFsError } from './fs-errors.js';

/** The hashes this backend computes on demand. */
export const LOCAL_HASHES: readonly HashType[] = ['md5', 'sha1'];

/** Stream the file through the hash: memory stays flat whatever its size. */
export async function hashFile(fsPath: string, type: HashType): Promise<string | undefined> {
  if (!LOCAL_HASHES.includes(type)) return undefined;
  const hash = createHash(type);
  try {
    await pipeline(createReadStream(fsPath, { highWaterMark: 1024 * 1024 }), hash);
  } catch (err) {
    throw mapFsError(err, fsPath);
  }
  return hash.digest('hex');
}
