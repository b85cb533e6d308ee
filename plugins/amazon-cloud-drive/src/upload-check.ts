import { Transform, type Readable } from 'node:stream';

const GIB = 1024 ** 3;

/** Counts what actually went out of a stream, to tell a fully-sent upload from a cut one. */
export function countingStream(source: Readable): { stream: Readable; sent(): number; ended(): boolean } {
  let bytes = 0;
  let done = false;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, next) {
      bytes += chunk.length;
      next(null, chunk);
    },
    flush(next) {
      done = true;
      next();
    },
  });
  source.on('error', (err) => counter.destroy(err));
  // The upload reads `counter`; if the server answered and the request ended
  // before the source failed, nobody reads it any more, and an unheard 'error'
  // would crash the process. The reader sees errors through its own iterator.
  counter.on('error', () => {});
  source.pipe(counter);
  return { stream: counter, sent: () => bytes, ended: () => done };
}

/**
 * How many times to look for a file after a failed upload: rclone's
 * `ceil(size × waitPerGiB / GiB / poll)`: 0 for an empty file, 1 for a small one.
 */
export function uploadCheckTries(size: number, waitPerGiBMs: number, pollMs: number): number {
  if (waitPerGiBMs <= 0 || size <= 0) return 0;
  const wait = (size * waitPerGiBMs) / GIB;
  return Math.ceil(wait / pollMs);
}
