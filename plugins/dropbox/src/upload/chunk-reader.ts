import type { Readable } from 'node:stream';

export interface Chunk {
  data: Buffer;
  /** No bytes follow this chunk. */
  last: boolean;
}

/**
 * Cuts a stream into chunks of exactly `size` bytes (the last one shorter,
 * possibly empty), each held in memory so it can be sent again, and
 * knowing whether a chunk is the last: the uploader closes the session with
 * it. An error of the stream surfaces from next(), before that chunk is sent.
 */
export class ChunkReader {
  private readonly source: AsyncIterator<unknown>;
  private parts: Buffer[] = [];
  private held = 0;
  private ended = false;

  constructor(stream: Readable, private readonly size: number) {
    this.source = stream[Symbol.asyncIterator]();
  }

  async next(): Promise<Chunk> {
    // One byte past the chunk tells whether another chunk follows.
    while (!this.ended && this.held <= this.size) {
      const step = await this.source.next();
      if (step.done) {
        this.ended = true;
        break;
      }
      const b = Buffer.isBuffer(step.value) ? step.value : Buffer.from(step.value as string);
      this.parts.push(b);
      this.held += b.length;
    }
    const all = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.held);
    const data = all.subarray(0, Math.min(this.size, this.held));
    // Only the few bytes past the chunk are copied, so `data` can be kept without pinning the next chunk.
    const rest = Buffer.from(all.subarray(data.length));
    this.parts = rest.length > 0 ? [rest] : [];
    this.held = rest.length;
    return { data, last: this.ended && this.held === 0 };
  }

  /** Stop reading: the stream is released (an upload that failed). */
  async cancel(): Promise<void> {
    await this.source.return?.();
  }
}
