import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, rm, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Failure, lookupFailure, tagPath } from './errors.js';

/** Dropbox refuses to take more than this in one request. */
export const MAX_REQUEST_BYTES = 150 * 1024 * 1024;

interface Session {
  id: string;
  file: string;
  /** Bytes committed so far: the offset the next append must name. */
  offset: number;
  closed: boolean;
  /** Appends to one session run one after another. */
  queue: Promise<void>;
}

/** A LookupError-style `incorrect_offset`, which carries the offset the client must resume from. */
function incorrectOffset(correct: number): Failure {
  return new Failure('lookup', { '.tag': 'incorrect_offset', correct_offset: correct });
}

/**
 * Upload sessions: each a file that appends extend. An append names the offset it starts at, and
 * a wrong one is refused with the right one, so a client resumes from what was committed. An
 * append cut off mid-body is rolled back to where it started: the committed offset is only ever
 * moved by a whole append.
 */
export class UploadSessions {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly dir: string,
    private readonly maxFileSize: () => number,
  ) {}

  start(): string {
    const id = `pid_upload_session:${randomBytes(24).toString('base64url')}`;
    this.sessions.set(id, { id, file: join(this.dir, randomBytes(12).toString('hex')), offset: 0, closed: false, queue: Promise.resolve() });
    return id;
  }

  /**
   * Appends a body at `offset`; `close` ends the session's appends. An empty body changes
   * nothing, so finish may carry one even after the session was closed.
   */
  async append(id: string, offset: number, body: AsyncIterable<Buffer>, close: boolean): Promise<void> {
    const s = this.get(id);
    const run = s.queue.then(async () => {
      if (s.closed) {
        for await (const chunk of body) if (chunk.length > 0) throw lookupFailure('closed');
        if (offset !== s.offset) throw incorrectOffset(s.offset);
        return;
      }
      if (offset !== s.offset) throw incorrectOffset(s.offset);
      let size = 0;
      const limit = this.maxFileSize();
      try {
        await pipeline(
          body,
          async function* (chunks: AsyncIterable<Buffer>) {
            for await (const chunk of chunks) {
              size += chunk.length;
              if (size > MAX_REQUEST_BYTES) throw new Failure('lookup', tagPath('payload_too_large'));
              if (s.offset + size > limit) throw lookupFailure('too_large');
              yield chunk;
            }
          },
          createWriteStream(s.file, { flags: s.offset === 0 ? 'w' : 'r+', start: s.offset }),
        );
        // No fsync: sessions do not outlive the process; finish flushes the file it makes.
      } catch (err) {
        await truncate(s.file, s.offset).catch(() => {});
        throw err;
      }
      s.offset += size;
      if (close) s.closed = true;
    });
    s.queue = run.catch(() => {});
    await run;
  }

  /** The session's file once it holds exactly `offset` bytes (what finish needs). */
  async ready(id: string, offset: number, mustBeClosed: boolean): Promise<string> {
    const s = this.get(id);
    await s.queue;
    if (offset !== s.offset) throw incorrectOffset(s.offset);
    if (mustBeClosed && !s.closed) throw lookupFailure('not_closed');
    // An empty session never wrote its file.
    if (s.offset === 0) await (await open(s.file, 'w')).close();
    return s.file;
  }

  /** Bytes committed to a session so far. */
  size(id: string): number {
    return this.get(id).offset;
  }

  async end(id: string): Promise<void> {
    const s = this.sessions.get(id);
    this.sessions.delete(id);
    if (s) await rm(s.file, { force: true });
  }

  private get(id: string): Session {
    const s = this.sessions.get(id);
    if (!s) throw lookupFailure('not_found');
    return s;
  }
}
