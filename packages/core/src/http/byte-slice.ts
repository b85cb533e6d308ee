import { Transform } from 'node:stream';

/**
 * Pass through bytes [start, end) of a stream: for a server that ignored a Range
 * header and sent the whole body with 200.
 */
export function byteSlice(start: number, end?: number): Transform {
  let pos = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      const from = Math.max(0, start - pos);
      const to = end === undefined ? chunk.length : Math.min(chunk.length, end - pos);
      pos += chunk.length;
      done(null, from < to ? chunk.subarray(from, to) : undefined);
    },
  });
}
