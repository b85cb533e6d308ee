import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

/**
 * The body of Drive's `uploadType=multipart`: RFC 2387 multipart/related, the
 * JSON metadata first and the file's bytes second (not form-data: Drive reads
 * the parts by position, with no Content-Disposition).
 */
export function relatedBody(metadata: unknown, contentType: string, content: Readable): { body: Readable; contentType: string } {
  const boundary = randomBytes(24).toString('hex');
  async function* parts(): AsyncGenerator<Buffer> {
    yield Buffer.from(`--${boundary}\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n${JSON.stringify(metadata)}\r\n`);
    yield Buffer.from(`--${boundary}\r\nContent-Type: ${contentType}\r\n\r\n`);
    for await (const chunk of content) yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    yield Buffer.from(`\r\n--${boundary}--\r\n`);
  }
  return { body: Readable.from(parts(), { objectMode: false }), contentType: `multipart/related; boundary=${boundary}` };
}
