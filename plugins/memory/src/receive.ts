import type { Readable } from 'node:stream';

/**
 * Read a whole upload before anything is stored: that is what makes put atomic
 * here. A source error or an abort rejects, and the half-read bytes are dropped.
 * (A disk or network backend gets the same promise from a temp name + rename,
 * or from the server only committing a complete upload.)
 */
export async function receive(content: Readable, signal?: AbortSignal): Promise<Buffer> {
  signal?.throwIfAborted();
  // Destroying the source ends the for-await loop below with the abort reason.
  const onAbort = () => content.destroy(signal?.reason as Error);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of content) chunks.push(chunk as Buffer);
    signal?.throwIfAborted();
    return Buffer.concat(chunks);
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
