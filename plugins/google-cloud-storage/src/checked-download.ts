import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { HashMismatchError } from '@rsyncish/core';
import { Crc32c } from './crc32c.js';

/** The crc32c of an `X-Goog-Hash: crc32c=…,md5=…` header, if it has one. */
export function crc32cOfHeader(header: string | undefined): string | undefined {
  return header?.split(',').map((p) => p.trim()).find((p) => p.startsWith('crc32c='))?.slice('crc32c='.length);
}

/**
 * A whole-object download that fails at its end when the bytes do not add
 * up to the CRC32C the server stated: a reader never takes a damaged copy
 * for a good one. The last chunk is held back until the check passes.
 */
export function checkedDownload(body: Readable, expected: string, what: string): Readable {
  const crc = new Crc32c();
  let held: Buffer | undefined;
  const check = new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      crc.update(chunk);
      const out = held;
      held = chunk;
      cb(null, out);
    },
    flush(cb: TransformCallback) {
      const got = crc.base64();
      if (got !== expected) {
        cb(new HashMismatchError(`${what}: downloaded bytes have CRC32C ${got}, the server stated ${expected}`));
        return;
      }
      cb(null, held);
    },
  });
  body.on('error', (err) => check.destroy(err));
  check.on('close', () => {
    if (!body.destroyed) body.destroy();
  });
  return body.pipe(check);
}
