import type { Readable } from 'node:stream';

/**
 * Cuts a stream into chunks of `size` bytes, each a Buffer of its own so it
 * can be sent again. The last chunk is handed out only once the stream has
 * ended: a source that fails after its last byte must fail the upload before
 * the chunk that would complete it is sent.
 */
export class ChunkReader {
  private readonly source: AsyncIterator<Buffer>;
  private held: Buffer[] = [];
  private heldBytes = 0;
  private ended = false;

  constructor(stream: Readable, private readonly size: number) {
    this.source = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  }

  /** The next chunk and whether it is the last; an empty last chunk for an empty stream. */
  async next(): Promise<{ chunk: Buffer; last: boolean }> {
    // One byte more than a chunk tells whether anything follows it.
    while (!this.ended && this.heldBytes <= this.size) {
      const r = await this.source.next();
      if (r.done) {
        this.ended = true;
        break;
      }
      const buf = Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value as Uint8Array);
      this.held.push(buf);
      this.heldBytes += buf.length;
    }
    const all = this.held.length === 1 ? this.held[0]! : Buffer.concat(this.held);
    const chunk = Buffer.from(all.subarray(0, Math.min(this.size, all.length)));
    const rest = all.subarray(chunk.length);
    this.held = rest.length > 0 ? [rest] : [];
    this.heldBytes = rest.length;
    return { chunk, last: this.ended && rest.length === 0 };
  }
}
