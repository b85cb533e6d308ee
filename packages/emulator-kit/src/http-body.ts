import type { IncomingMessage } from 'node:http';

/** Consumes and discards whatever is left of a request body, so the reply is read by the client. */
export function drain(req: IncomingMessage): Promise<void> {
  if (req.readableEnded || req.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    req.on('end', resolve);
    req.on('error', () => resolve());
    req.on('close', resolve);
    req.resume();
  });
}

/**
 * Reads a small request body whole (JSON, forms), refusing more than `limit` bytes with the
 * error `tooLarge` makes. Uploads never come through here.
 */
export async function readSmallBody(req: IncomingMessage, limit: number, tooLarge: (limit: number) => Error): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
