import { Transform, type Readable } from 'node:stream';

/** What a throttle waits on: --bwlimit's shared limiter. */
export interface Throttle {
  take(n: number, signal?: AbortSignal): Promise<void>;
}

/**
 * `input` passed on chunk by chunk, each only once the throttle lets its
 * bytes through. Closing the result releases the input; an input error
 * reaches the reader.
 */
export function throttled(input: Readable, throttle: Throttle, signal?: AbortSignal): Readable {
  const out = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      throttle.take(chunk.length, signal).then(() => cb(null, chunk), (err: Error) => cb(err));
    },
  });
  input.once('error', (err) => out.destroy(err));
  out.once('close', () => {
    if (!input.destroyed) input.destroy();
  });
  input.pipe(out);
  return out;
}
