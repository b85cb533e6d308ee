/**
 * A small pull-based multipart reader (form-data for Amazon Drive uploads, related for Google
 * Drive's). It pulls chunks from the request only as fast as the caller consumes part bodies,
 * so a multi-gigabyte content part streams straight to disk with bounded memory, and delimiters
 * split across chunk boundaries are found because the tail that could start a delimiter is kept
 * back until the next chunk arrives.
 */

export class MultipartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MultipartError';
  }
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');
const MAX_HEADER_BYTES = 16 * 1024;

/** The boundary of a `multipart/<subtype>` Content-Type, or undefined for anything else. */
export function multipartBoundary(contentType: string | undefined, subtype: string): string | undefined {
  if (!contentType || !new RegExp(`^multipart/${subtype}\\b`, 'i').test(contentType.trim())) return undefined;
  const m = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  return boundary && boundary.length <= 70 ? boundary : undefined;
}

/** A part's header block as lower-cased names and trimmed values. */
function parseHeaderBlock(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.split('\r\n')) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new MultipartError(`malformed part header "${line.slice(0, 80)}"`);
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** Reads parts in turn; `describe` turns each part's headers into what nextPart() returns (and may refuse them). */
export class MultipartReader<P> {
  private buf: Buffer;
  private readonly delimiter: Buffer;
  private readonly source: AsyncIterator<Buffer>;
  private sourceDone = false;
  private state: 'preamble' | 'headers' | 'body' | 'done' = 'preamble';

  constructor(source: AsyncIterable<Buffer>, boundary: string, private readonly describe: (headers: Record<string, string>) => P) {
    this.source = source[Symbol.asyncIterator]();
    this.delimiter = Buffer.from(`\r\n--${boundary}`);
    // Pretend a CRLF precedes the body so the first delimiter looks like every other one.
    this.buf = Buffer.from(CRLF);
  }

  /** Advances to the next part (skipping any unread body) and returns its headers, or null at the end. */
  async nextPart(): Promise<P | null> {
    if (this.state === 'body') for await (const _ of this.body()) { /* skip the rest of this part */ }
    if (this.state === 'preamble') {
      await this.skipPast(this.delimiter);
      this.state = 'headers';
    }
    if (this.state === 'done') return null;
    // After a delimiter: "--" closes the body, otherwise optional whitespace then CRLF.
    await this.fill(2);
    if (this.buf.subarray(0, 2).toString('latin1') === '--') {
      this.state = 'done';
      return null;
    }
    let end = this.buf.indexOf(HEADER_END);
    while (end < 0) {
      if (this.buf.length > MAX_HEADER_BYTES) throw new MultipartError('part headers too large');
      if (!(await this.pull())) throw new MultipartError('unexpected end of multipart body in part headers');
      end = this.buf.indexOf(HEADER_END);
    }
    const block = this.buf.subarray(0, end).toString('utf8');
    this.buf = this.buf.subarray(end + HEADER_END.length);
    const firstBreak = block.indexOf('\r\n');
    if (firstBreak < 0 ? block.trim() !== '' : block.slice(0, firstBreak).trim() !== '') {
      throw new MultipartError('malformed multipart delimiter line');
    }
    this.state = 'body';
    return this.describe(parseHeaderBlock(firstBreak < 0 ? '' : block.slice(firstBreak + 2)));
  }

  /** The current part's bytes, ending at the next delimiter. */
  async *body(): AsyncGenerator<Buffer> {
    if (this.state !== 'body') return;
    const keep = this.delimiter.length - 1;
    for (;;) {
      const at = this.buf.indexOf(this.delimiter);
      if (at >= 0) {
        const chunk = this.buf.subarray(0, at);
        this.buf = this.buf.subarray(at + this.delimiter.length);
        this.state = 'headers';
        if (chunk.length) yield chunk;
        return;
      }
      if (this.buf.length > keep) {
        // Everything but a possible delimiter prefix at the end is body.
        const chunk = this.buf.subarray(0, this.buf.length - keep);
        this.buf = this.buf.subarray(this.buf.length - keep);
        yield chunk;
      }
      if (!(await this.pull())) throw new MultipartError('unexpected end of multipart body');
    }
  }

  /** Reads the rest of the current part into memory, refusing more than `limit` bytes. */
  async readText(limit: number): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of this.body()) {
      size += chunk.length;
      if (size > limit) throw new MultipartError(`part larger than ${limit} bytes`);
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  /** Reads and drops whatever the client still sends, so an early error reply reaches it. */
  async discardRest(): Promise<void> {
    this.buf = Buffer.alloc(0);
    this.state = 'done';
    while (!this.sourceDone) {
      const next = await this.source.next();
      if (next.done) this.sourceDone = true;
    }
  }

  private async skipPast(marker: Buffer): Promise<void> {
    for (;;) {
      const at = this.buf.indexOf(marker);
      if (at >= 0) {
        this.buf = this.buf.subarray(at + marker.length);
        return;
      }
      if (this.buf.length > marker.length) this.buf = this.buf.subarray(this.buf.length - marker.length);
      if (!(await this.pull())) throw new MultipartError('no multipart boundary found in body');
    }
  }

  private async fill(n: number): Promise<void> {
    while (this.buf.length < n) {
      if (!(await this.pull())) throw new MultipartError('unexpected end of multipart body');
    }
  }

  private async pull(): Promise<boolean> {
    if (this.sourceDone) return false;
    const next = await this.source.next();
    if (next.done) {
      this.sourceDone = true;
      return false;
    }
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    return true;
  }
}
