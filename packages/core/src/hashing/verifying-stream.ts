import type { Readable, TransformCallback } from 'node:stream';
import type { HashType } from '../contract/index.js';
import { RsyncishError } from '../errors/index.js';
import { HashingStream } from './hashing-stream.js';

/** What the bytes must add up to; a size of -1 is not checked. */
export interface ExpectedContent {
  size: number;
  /** A hash the source states for the content (when it states one). */
  hash?: { type: HashType; value: string };
}

/** Why the bytes that passed are not the expected ones. */
export interface VerificationFailure {
  kind: 'size' | 'hash';
  /** What was read against what was expected, e.g. `read 5 bytes, expected 6`. */
  detail: string;
}

/**
 * Raised through the stream when verification fails. A destination reading
 * the stream sees its input fail before the last bytes arrive, so it never
 * commits them.
 */
export class VerificationFailedError extends RsyncishError {
  constructor(readonly failure: VerificationFailure) {
    super(failure.kind === 'hash' ? 'ERR_HASH_MISMATCH' : 'ERR_SOURCE_CHANGED', failure.detail, { exitCode: 5 });
  }
}

/**
 * A HashingStream that lets the last chunk through only once the input has
 * ended and matched what was expected: its size and, when given, its hash.
 * Until then a reader has never had every byte, so a destination that writes
 * a temp name and renames it at end of input (or sends a request body of a
 * known length) cannot commit a copy that fails. On a mismatch the stream
 * errors instead of releasing the chunk. Too many bytes fail at once.
 */
export class VerifyingStream extends HashingStream {
  private held: Buffer | undefined;
  /** Set when the content failed verification. */
  failure: VerificationFailure | undefined;
  /** True once every byte arrived and matched. */
  verified = false;

  constructor(private readonly expected: ExpectedContent, hashes: HashType[], onBytes?: (n: number) => void) {
    super(expected.hash && !hashes.includes(expected.hash.type) ? [...hashes, expected.hash.type] : hashes, onBytes);
  }

  private startFeed: (() => void) | undefined;

  /**
   * Take the bytes from `input`, starting when a reader first asks for them.
   * A small file could otherwise be read, and fail, while the destination is
   * still busy before reading (looking up a folder): its failure would come
   * before the reader listened, and a reader attaching to an already failed
   * stream may wait for ever. A failure of `input` before then is raised at
   * the first read instead.
   */
  feedFrom(input: Readable): void {
    let early: Error | undefined;
    const onEarly = (err: Error) => (early = err);
    input.once('error', onEarly);
    this.startFeed = () => {
      input.off('error', onEarly);
      if (early) {
        this.destroy(early);
        return;
      }
      input.once('error', (err) => this.destroy(err));
      input.pipe(this);
    };
  }

  override _read(size: number): void {
    const start = this.startFeed;
    this.startFeed = undefined;
    start?.();
    if (!this.destroyed) super._read(size);
  }

  override _transform(chunk: Buffer, enc: BufferEncoding, cb: TransformCallback): void {
    super._transform(chunk, enc, (err) => {
      if (err) return cb(err);
      if (this.expected.size >= 0 && this.bytes > this.expected.size) {
        return cb(this.fail('size', `read more than the ${this.expected.size} bytes expected`));
      }
      const previous = this.held;
      this.held = chunk;
      cb(null, previous);
    });
  }

  override _flush(cb: TransformCallback): void {
    const { size, hash } = this.expected;
    if (size >= 0 && this.bytes !== size) return cb(this.fail('size', `read ${this.bytes} bytes, expected ${size}`));
    if (hash) {
      const read = this.digests()[hash.type];
      if (read !== hash.value.toLowerCase()) return cb(this.fail('hash', `${hash.type} of the bytes read is ${read}, expected ${hash.value}`));
    }
    this.verified = true;
    cb(null, this.held);
    this.held = undefined;
  }

  private fail(kind: VerificationFailure['kind'], detail: string): VerificationFailedError {
    this.failure = { kind, detail };
    this.held = undefined;
    return new VerificationFailedError(this.failure);
  }
}
