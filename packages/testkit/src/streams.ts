import { hasherFor } from '@rsyncish/core';
import { Readable } from 'node:stream';

/** Chunk size of generated streams; small enough that buffering a whole file would show in RSS. */
const CHUNK = 64 * 1024;

/**
 * Deterministic content of any size, generated chunk by chunk so a 64 MiB file
 * never exists in memory. Each chunk starts with its index so a backend that
 * reorders or repeats chunks produces a different digest.
 */
export function generatedStream(size: number, seed = 1): Readable {
  let offset = 0;
  return new Readable({
    read() {
      if (offset >= size) {
        this.push(null);
        return;
      }
      const n = Math.min(CHUNK, size - offset);
      this.push(generatedChunk(offset / CHUNK, n, seed));
      offset += n;
    },
  });
}

/** The digest of generatedStream(size, seed), computed without storing it. */
export function generatedDigest(size: number, type: string, seed = 1): string {
  const h = hasherFor(type);
  for (let offset = 0, i = 0; offset < size; offset += CHUNK, i++) {
    h.update(generatedChunk(i, Math.min(CHUNK, size - offset), seed));
  }
  return h.digest('hex');
}

function generatedChunk(index: number, n: number, seed: number): Buffer {
  const chunk = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) chunk[i] = (i * 31 + index * 7 + seed) & 0xff;
  if (n >= 8) chunk.writeUInt32BE(index, 0);
  return chunk;
}

/** Sends `before` bytes, then fails the way a dropped source connection does. */
export function failingStream(before: Buffer): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (!sent) {
        sent = true;
        this.push(before);
        return;
      }
      setImmediate(() => this.destroy(new Error('testkit: simulated source failure half-way through the upload')));
    },
  });
}

/** Fails at its first read, before the put has read a byte: a source gone while the put was still busy. */
export function failingAtOnce(): Readable {
  return new Readable({
    read() {
      this.destroy(new Error('testkit: simulated source failure before the first byte'));
    },
  });
}

/** Sends `before` bytes, then stalls until destroyed: only an abort can end the put. */
export function stallingStream(before: Buffer): Readable & { delivered: Promise<void> } {
  let markDelivered!: () => void;
  const delivered = new Promise<void>((resolve) => (markDelivered = resolve));
  let sent = false;
  const stream = new Readable({
    read() {
      if (sent) {
        markDelivered();
        return;
      }
      sent = true;
      this.push(before);
    },
  });
  return Object.assign(stream, { delivered });
}

export async function readAll(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as string));
  return Buffer.concat(chunks);
}

/** Digest of a stream without keeping it. */
export async function digestOf(stream: AsyncIterable<unknown>, type: string): Promise<{ digest: string; bytes: number }> {
  const h = hasherFor(type);
  let bytes = 0;
  for await (const c of stream) {
    const b = Buffer.isBuffer(c) ? c : Buffer.from(c as string);
    bytes += b.length;
    h.update(b);
  }
  return { digest: h.digest('hex'), bytes };
}

export function digest(content: Buffer, type: string): string {
  const h = hasherFor(type);
  h.update(content);
  return h.digest('hex');
}

/** Every item of an async iterable, in order. */
export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** The data as a stream of `piece`-byte chunks, so an upload really streams. */
export function chunkedBody(data: string | Buffer, piece = 1024): { stream: Readable; size: number } {
  const buf = Buffer.isBuffer(data) ? data : Buffer.from(data);
  const parts = [];
  for (let i = 0; i < buf.length; i += piece) parts.push(buf.subarray(i, i + piece));
  return { stream: Readable.from(parts), size: buf.length };
}
