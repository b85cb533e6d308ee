import { fstatSync, writeSync } from 'node:fs';
import { hasherFor, type HashType } from '@rsyncish/core';
import { hashForOutput } from './hash-text.js';

/** `md5sum` with no path, or `-` with data piped in: hash standard input, named `-` as coreutils names it. */
export async function hashStdin(type: HashType, base64: boolean, fd: number): Promise<void> {
  const h = hasherFor(type);
  for await (const chunk of process.stdin) h.update(chunk as Buffer);
  writeSync(fd, `${hashForOutput(h.digest('hex'), type, base64)}  -\n`);
}

/** rclone reads stdin for `-` only when it is not a character device (a terminal, /dev/null); else `-` is a path. */
export function readsStdin(path: string | undefined): boolean {
  if (path === undefined) return true;
  if (path !== '-') return false;
  try {
    return !fstatSync(0).isCharacterDevice();
  } catch {
    return false;
  }
}
