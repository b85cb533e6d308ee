import { Readable } from 'node:stream';

/**
 * Cuts one stream into consecutive segment streams of at most `size` bytes,
 * without buffering a segment: each is read from the source as it is sent.
 */
export class SegmentSource {
  private readonly chunks: AsyncIterator<Buffer | string>;
  private pending: Buffer | undefined;
  private ended = false;
  /** Bytes handed out so far. */
  bytes = 0;

  constructor(source: Readable) {
    this.chunks = source[Symbol.asyncIterator]();
  }

  /** True when the source has nothing more to give. */
  async atEnd(): Promise<boolean> {
    while (!this.pending?.length) {
      if (this.ended) return true;
      const next = await this.chunks.next();
      if (next.done) {
        this.ended = true;
        return true;
      }
      this.pending = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    }
    return false;
  }

  /** The next `size` bytes (fewer at the end) as a stream; read it to the end before asking for another. */
  segment(size: number): Readable {
    const take = async (max: number): Promise<Buffer | undefined> => {
      if (await this.atEnd()) return undefined;
      const chunk = this.pending!;
      if (chunk.length <= max) {
        this.pending = undefined;
        return chunk;
      }
      this.pending = chunk.subarray(max);
      return chunk.subarray(0, max);
    };
    const self = this;
    return Readable.from((async function* () {
      for (let left = size; left > 0;) {
        const chunk = await take(left);
        if (!chunk) return;
        left -= chunk.length;
        self.bytes += chunk.length;
        yield chunk;
      }
    })(), { objectMode: false });
  }
}
