// Damage ACD emulator blobs in place: one byte flipped in the middle, the size
// kept, so the MD5 the node states no longer matches the bytes it serves.
import { closeSync, openSync, readdirSync, readSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Flip a byte of every blob in the emulator's data folder whose size `pick` accepts; returns their sizes. */
export function damageBlobs(emu, pick = () => true) {
  const blobs = join(emu.dataDir, 'blobs');
  const damaged = [];
  for (const name of readdirSync(blobs)) {
    const path = join(blobs, name);
    const { size } = statSync(path);
    if (!pick(size)) continue;
    const fd = openSync(path, 'r+');
    try {
      const one = Buffer.alloc(1);
      readSync(fd, one, 0, 1, size >> 1);
      one[0] ^= 0xff;
      writeSync(fd, one, 0, 1, size >> 1);
    } finally {
      closeSync(fd);
    }
    damaged.push(size);
  }
  return damaged.sort((a, b) => a - b);
}
