import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

export interface MultipartField {
  name: string;
  /** Text or bytes held in memory (a JSON metadata part). */
  value?: string | Uint8Array;
  /** A streamed part (file content); read once, never buffered. */
  stream?: Readable;
  filename?: string;
  contentType?: string;
}

/**
 * A multipart/form-data body that streams its file parts, parts in the given
 * order (some servers need the metadata before the content). Sent chunked,
 * since the total length of a stream is not known up front.
 */
export function multipartBody(fields: MultipartField[]): { body: Readable; contentType: string } {
  const boundary = randomBytes(30).toString('hex');
  async function* generate(): AsyncGenerator<Buffer> {
    for (const f of fields) {
      let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escapeQuoted(f.name)}"`;
      if (f.filename !== undefined) head += `; filename="${escapeQuoted(f.filename)}"`;
      head += '\r\n';
      if (f.contentType) head += `Content-Type: ${f.contentType}\r\n`;
      yield Buffer.from(`${head}\r\n`);
      if (f.stream) {
        for await (const chunk of f.stream) yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      } else if (f.value !== undefined) {
        yield Buffer.from(f.value);
      }
      yield Buffer.from('\r\n');
    }
    yield Buffer.from(`--${boundary}--\r\n`);
  }
  return { body: Readable.from(generate(), { objectMode: false }), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Go's mime/multipart escaping for quoted header parameters. */
function escapeQuoted(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n|\r/g, ' ');
}
