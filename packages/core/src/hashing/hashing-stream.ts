import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import type { HashType } from '../contract/index.js';

/** Hash types Node can compute; others a backend may only report. */
export const COMPUTABLE_HASHES: ReadonlySet<string> = new Set(['md5', 'sha1', 'sha256']);

/**
 * A pass-through stream that hashes and counts the bytes flowing through it,
 * so verification costs no extra read of the data.
 */
export class HashingStream extends Transform {
  private readonly hashers: [HashType, Hash][];
  bytes = 0;

  /** `onBytes` sees each chunk's size as it passes (for progress) without consuming the stream. */
  constructor(types: HashType[], private readonly onBytes?: (n: number) => void) {
    super();
    this.hashers = types.filter((t) => COMPUTABLE_HASHES.has(t)).map((t) => [t, createHash(t)]);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.bytes += chunk.length;
    this.onBytes?.(chunk.length);
    for (const [, h] of this.hashers) h.update(chunk);
    cb(null, chunk);
  }

  private final: Partial<Record<HashType, string>> | undefined;

  /** Lowercase hex digests; call after the stream has ended (again: the same answer). */
  digests(): Partial<Record<HashType, string>> {
    this.final ??= Object.fromEntries(this.hashers.map(([t, h]) => [t, h.digest('hex')]));
    return this.final;
  }
}
