import { createReadStream, promises as fsp } from 'node:fs';
import { addAbortSignal, pipeline, Readable, Transform, type TransformCallback } from 'node:stream';
import type { GetOptions } from '@rsyncish/core';
import { SourceChangedError } from './errors.js';
import { fdClose, fdRead } from './fd-io.js';
import { mapFsError } from './fs-errors.js';
import { READ_CHUNK_BYTES, type IoPolicy } from './io-policy.js';
import { modTimeMs } from './mod-time.js';
import { openRegularFile } from './open-regular-file.js';

export interface ReadOptions extends GetOptions {
  /** Compare size and mtime at the end with those at open (rclone's default). */
  checkUpdated: boolean;
}

/**
 * Open a file for streaming. The open and the stat happen before this resolves,
 * so a missing or unreadable file, or one that is no longer a regular file
 * (openRegularFile), is a rejected promise, not a stream error.
 * Without checkUpdated, only the bytes the open-time stat counted are read.
 */
export async function openForRead(fsPath: string, options: ReadOptions, policy: IoPolicy): Promise<Readable> {
  const { fd, stats } = await openRegularFile(fsPath);
  const size = stats.size;
  const modTime = modTimeMs(stats);

  if (policy.readWay(size, options.range !== undefined) === 'whole') return readWhole(fsPath, fd, size, options);

  const start = options.range?.start ?? 0;
  let end = options.range?.end; // exclusive, as in the contract
  if (!options.checkUpdated) end = Math.min(end ?? size, size);
  if (end !== undefined && end <= start) {
    // createReadStream cannot express zero bytes.
    await fdClose(fd);
    return withSignal(Readable.from([]), options.signal);
  }
  const stream = createReadStream('', {
    fd,
    start,
    end: end === undefined ? undefined : end - 1, // inclusive here
    highWaterMark: READ_CHUNK_BYTES,
    autoClose: true,
  });
  const out = options.checkUpdated ? pipeline(stream, changeCheck(fsPath, size, modTime), () => {}) : stream;
  return withSignal(out, options.signal);
}

/** The file in one read(): no stream machinery per file. */
async function readWhole(fsPath: string, fd: number, size: number, options: ReadOptions): Promise<Readable> {
  // One byte more than expected: a file that grew since the stat is caught
  // without a second stat (the read is a single call, so the window is tiny).
  const data = Buffer.allocUnsafe(size + 1);
  let got = 0;
  try {
    for (;;) {
      const n = await fdRead(fd, data, got, data.length - got, got);
      if (n === 0) break;
      got += n;
      if (got === data.length) break;
    }
  } catch (err) {
    await fdClose(fd).catch(() => {});
    throw mapFsError(err, fsPath);
  }
  await fdClose(fd);
  if (options.checkUpdated && got !== size) {
    throw new SourceChangedError(`${JSON.stringify(fsPath)}: can't copy - source file is being updated (size changed from ${size} to ${got > size ? 'more' : got})`);
  }
  const bytes = data.subarray(0, Math.min(got, size));
  let sent = false;
  const stream = new Readable({
    highWaterMark: READ_CHUNK_BYTES,
    read() {
      if (!sent && bytes.length > 0) this.push(bytes);
      sent = true;
      this.push(null);
    },
  });
  return withSignal(stream, options.signal);
}

function withSignal(stream: Readable, signal?: AbortSignal): Readable {
  return signal ? addAbortSignal(signal, stream) : stream;
}

/**
 * Passes bytes through and, when the source ends, fails the stream if the file's
 * size or mtime moved while it was read, so a half-updated file never counts as copied.
 */
function changeCheck(fsPath: string, size: number, modTime: number): Transform {
  const changed = (what: string) =>
    new SourceChangedError(`${JSON.stringify(fsPath)}: can't copy - source file is being updated (${what})`);
  return new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      cb(null, chunk);
    },
    flush(cb: TransformCallback) {
      fsp.stat(fsPath).then(
        (st) => {
          const now = modTimeMs(st);
          if (st.size !== size) cb(changed(`size changed from ${size} to ${st.size}`));
          else if (now !== modTime) {
            cb(changed(`mod time changed from ${new Date(modTime).toISOString()} to ${new Date(now).toISOString()}`));
          } else cb();
        },
        (err: unknown) => cb(mapFsError(err, fsPath)),
      );
    },
  });
}
