import type { Readable } from 'node:stream';
import { FatalBackendError, isRetryable, type Logger } from '@rsyncish/core';
import type { ChunkResult, DriveApi, FileMetadata } from './api/drive-api.js';
import type { DriveFile } from './api/types.js';
import { ChunkReader } from './chunk-reader.js';

export interface ResumableUploadRequest {
  meta: FileMetadata;
  contentType: string;
  content: Readable;
  /** -1 when unknown: the total is then given with the last chunk. */
  size: number;
  chunkSize: number;
  /** Replace this file's content instead of creating a file. */
  fileId?: string;
  signal?: AbortSignal;
  logger: Logger;
  what: string;
}

/**
 * Drive's resumable upload: open a session, then send the file chunk by
 * chunk. Nothing exists on the drive until the last chunk is in, so a failed
 * or abandoned upload leaves the previous version (or nothing) behind. When a
 * chunk fails, the session is asked how many bytes it holds and the upload
 * goes on from there (the server may have kept part of the chunk), up to
 * --low-level-retries times per chunk.
 */
export async function resumableUpload(api: DriveApi, r: ResumableUploadRequest): Promise<DriveFile> {
  const uri = await api.startResumable(r.meta, r.contentType, r.size, r.fileId, r.signal);
  const reader = new ChunkReader(r.content, r.chunkSize);
  let start = 0;
  for (;;) {
    const { chunk, last } = await reader.next();
    const total = last ? start + chunk.length : r.size;
    if (last && r.size >= 0 && total !== r.size) {
      throw new FatalBackendError(`${r.what}: the source gave ${total} bytes, not the ${r.size} it announced; upload abandoned`);
    }
    const done = await sendChunk(api, uri, chunk, start, total, r);
    if (done) return done;
    if (last) throw new FatalBackendError(`${r.what}: the server did not finish the upload after its last byte`);
    start += chunk.length;
  }
}

/** Send one chunk until the session holds all of it; the file when that completed it. */
async function sendChunk(api: DriveApi, uri: string, chunk: Buffer, start: number, total: number, r: ResumableUploadRequest): Promise<DriveFile | undefined> {
  const end = start + chunk.length;
  let sent = 0;
  for (let attempt = 1; ; attempt++) {
    let result: ChunkResult;
    try {
      r.logger.debug(`${r.what}: sending chunk ${start + sent} length ${chunk.length - sent}`);
      result = await api.sendChunk(uri, chunk.subarray(sent), start + sent, total, r.signal);
    } catch (err) {
      if (r.signal?.aborted || !isRetryable(err) || attempt >= api.attempts) throw err;
      r.logger.info(`${r.what}: chunk at ${start + sent} failed (${(err as Error).message}); asking the server where to resume (${attempt}/${api.attempts})`);
      result = await api.sessionStatus(uri, total, r.signal);
    }
    if ('done' in result) return result.done;
    if (result.received >= end && !(total === end && chunk.length === 0)) return undefined;
    if (result.received < start || result.received > end) {
      throw new FatalBackendError(`${r.what}: the upload session holds ${result.received} bytes, outside the chunk ${start}-${end}`, {
        hint: 'the session was reset by the server; the file will be uploaded again from the start',
      });
    }
    if (attempt >= api.attempts) {
      throw new FatalBackendError(`${r.what}: the chunk at ${start} was not taken after ${attempt} tries`);
    }
    sent = result.received - start;
  }
}
