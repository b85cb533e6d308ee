import { readSync } from 'node:fs';
import { BLOCKING_MAX_BYTES } from './io-policy.js';

/**
 * One scratch buffer for every blocking whole-file sequence, one byte bigger
 * than such a file may be, so that growth shows. Nothing awaits between
 * filling and using it, so no two sequences can ever share it at once.
 */
let scratch: Buffer | undefined;
export function scratchBuffer(): Buffer {
  return (scratch ??= Buffer.allocUnsafe(BLOCKING_MAX_BYTES + 1));
}

/** Blocking reads from the descriptor's position until end of file or a full buffer; the bytes read. */
export function readWholeSync(fd: number, buf: Buffer): number {
  let got = 0;
  for (;;) {
    const n = readSync(fd, buf, got, buf.length - got, null);
    if (n === 0) return got;
    got += n;
    if (got === buf.length) return got;
  }
}
