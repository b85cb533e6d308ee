import { createHash } from 'node:crypto';
import { FatalBackendError, RetryableError, type Logger } from '@rsyncish/core';
import type { PartReader } from '@rsyncish/object-store';
import type { GcsApi } from './api/gcs-api.js';
import type { ObjectFields, ObjectResource } from './api/types.js';
import { Crc32c } from './crc32c.js';

export interface ResumableUploadInit {
  api: GcsApi;
  bucket: string;
  fields: ObjectFields;
  /** Bytes, or -1 when unknown until the stream ends. */
  size: number;
  chunkSize: number;
  reader: PartReader;
  /** A part already read from `reader` (a stream of unknown size that turned out bigger than one part). */
  firstPart?: Buffer;
  logger: Logger;
  what: string;
  signal?: AbortSignal;
}

export interface ResumableResult {
  resource: ObjectResource;
  md5: string;
  crc32c: string;
}

/**
 * A resumable upload, chunk by chunk. Each chunk stays in memory until the
 * server has all of it: a chunk that fails is retried from the byte the
 * server says it kept (a status query answers 308 with Range), with the
 * pacer's backoff and --low-level-retries attempts. The last chunk carries
 * X-Goog-Hash with the MD5 and CRC32C of everything sent, so GCS refuses
 * bytes that were not the source's; a source stream that fails, or an
 * upload given up, cancels the session and nothing is stored.
 */
export async function uploadResumable(init: ResumableUploadInit): Promise<ResumableResult> {
  const { api, reader, chunkSize } = init;
  const session = await api.startResumable(init.bucket, init.fields, init.size, init.signal);
  const md5 = createHash('md5');
  const crc = new Crc32c();
  let offset = 0;
  try {
    // With a known size the last chunk is read to the exact end, so a source with more bytes shows.
    const want = (at: number) => (init.size >= 0 ? Math.min(chunkSize, init.size - at) : chunkSize);
    let part = init.firstPart ?? (await reader.read(want(0)));
    for (;;) {
      // A short part is the last; a full one is the last when the size says so, or nothing follows it.
      const last = part.length < want(offset) || (init.size >= 0 ? offset + part.length >= init.size : await reader.atEnd());
      md5.update(part);
      crc.update(part);
      const total = last ? offset + part.length : init.size;
      if (init.size >= 0 && last) {
        if (total !== init.size) throw new FatalBackendError(`${init.what}: the source gave ${total} bytes, ${init.size} were expected; not stored`);
        if (!(await reader.atEnd())) throw new FatalBackendError(`${init.what}: the source gave more than the ${init.size} bytes expected; not stored`);
      }
      const hashes = last ? `crc32c=${crc.base64()},md5=${md5.copy().digest('base64')}` : undefined;
      const result = await sendChunk(init, session, part, offset, total, hashes);
      if ('done' in result) {
        if (!last) throw new FatalBackendError(`${init.what}: the server finished the upload before its last chunk`);
        return { resource: result.done, md5: md5.digest('hex'), crc32c: crc.base64() };
      }
      if (last) throw new FatalBackendError(`${init.what}: the server did not finish the upload after its last chunk`);
      offset += part.length;
      reader.release(part);
      part = await reader.read(want(offset));
    }
  } catch (err) {
    await api.cancelSession(session);
    throw err;
  }
}

/**
 * Send one chunk until the server has all of it. On a retry the session is
 * asked first how much it kept, and only the rest of the chunk is sent.
 */
async function sendChunk(init: ResumableUploadInit, session: string, part: Buffer, offset: number, total: number, hashes: string | undefined) {
  const { api } = init;
  return api.pacer.call(async (attempt) => {
    let from = 0;
    if (attempt > 1) {
      const status = await api.querySession(session, total, init.signal);
      if ('done' in status) return status;
      from = status.persisted - offset;
      if (from < 0 || from > part.length) {
        throw new FatalBackendError(`${init.what}: the upload session kept ${status.persisted} bytes, outside the chunk at ${offset}..${offset + part.length}`);
      }
      if (from > 0) init.logger.debug(`${init.what}: resuming the chunk at byte ${status.persisted}`);
    }
    const result = await api.putChunk(session, part.subarray(from), offset + from, total, hashes, init.signal);
    if ('persisted' in result && result.persisted < offset + part.length) {
      // Fewer bytes kept than sent: go on from the server's count on the next attempt.
      throw new RetryableError(`${init.what}: the server kept ${result.persisted} of ${offset + part.length} bytes`);
    }
    return result;
  }, 'upload chunk');
}
