import { Transform, type TransformCallback } from 'node:stream';
import type { HashType } from '../contract/index.js';
import { COMPUTABLE_HASHES, hasherFor, type Hasher } from './hasher-for.js';

export { COMPUTABLE_HASHES } from './hasher-for.js';

/**
 * A pass-through stream that hashes and counts the bytes flowing through it,
 * so verification costs no extra read of the data.
 */
export class HashingStream extends Transform {
  private readonly hashers: [HashType, Hasher][];
  bytes = 0;

  /** `onBytes` sees each chunk's size as it passes (for progress) without consuming the stream. */
  constructor(types: HashType[], private readonly onBytes?: (n: number) => void) {
    super();
    this.hashers = types.filter((t) => COMPUTABLE_HASHES.has(t)).map((t) => [t, hasherFor(t)]);
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
