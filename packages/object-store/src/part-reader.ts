import type { Readable } from 'node:stream';

/**
 * Cuts a stream into parts of a fixed size, each copied into one buffer of its
 * own: the memory of an upload is the parts in flight, never the whole file.
 */
export class PartReader {
  private readonly chunks: AsyncIterator<Buffer | string>;
  /** Bytes read from the source but not yet handed out. */
  private pending: Buffer | undefined;
  private ended = false;
  /** Bytes handed out so far. */
  bytes = 0;
  /**
   * Part buffers whose upload is finished, reused for the next parts: without
   * this every 5 MiB part is fresh memory that the GC frees late, and a 300 MiB
   * upload peaked ~35 MiB higher than the parts in flight need.
   */
  private readonly spare: Buffer[] = [];

  constructor(source: Readable) {
    this.chunks = source[Symbol.asyncIterator]();
  }

  /** The next `size` bytes; fewer only at the end of the stream (an empty buffer after it). */
  async read(size: number): Promise<Buffer> {
    const reused = this.spare.pop();
    const part = reused && reused.length === size ? reused : Buffer.allocUnsafe(size);
    let filled = 0;
    while (filled < size) {
      let chunk = this.pending;
      this.pending = undefined;
      if (!chunk) {
        if (this.ended) break;
        const next = await this.chunks.next();
        if (next.done) {
          this.ended = true;
          break;
        }
        chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
      }
      const take = Math.min(chunk.length, size - filled);
      chunk.copy(part, filled, 0, take);
      filled += take;
      if (take < chunk.length) this.pending = chunk.subarray(take);
    }
    this.bytes += filled;
    return filled === size ? part : part.subarray(0, filled);
  }

  /** Give back a full-size part whose bytes are no longer needed. */
  release(part: Buffer): void {
    if (this.spare.length < 8) this.spare.push(part);
  }

  /** True when the source has nothing more to give. */
  async atEnd(): Promise<boolean> {
    if (this.pending && this.pending.length > 0) return false;
    if (this.ended) return true;
    for (;;) {
      const next = await this.chunks.next();
      if (next.done) {
        this.ended = true;
        return true;
      }
      const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
      if (chunk.length > 0) {
        this.pending = chunk;
        return false;
      }
    }
  }
}
