import type { Readable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import {
  DropboxContentHash,
  FatalBackendError,
  HashMismatchError,
  IsADirectoryError,
  RateLimitedError,
  RetryableError,
  VerificationFailedError,
  type Logger,
  type Pacer,
} from '@rsyncish/core';
import type { DropboxApi } from '../api/dropbox-api.js';
import { errorBodyOf } from '../api/error-mapper.js';
import type { CommitInfo, FileMetadata, TaggedError, UploadSessionFinishArg } from '../api/types.js';
import { DropboxRefusedError } from '../errors.js';
import { ChunkReader } from './chunk-reader.js';
import type { CommitBatcher } from './commit-batcher.js';

export interface UploadRequest {
  commit: CommitInfo;
  content: Readable;
  /** Bytes, or -1 when unknown. */
  size: number;
  /** The content_hash the source states; checked before the commit. */
  statedHash?: string;
  signal?: AbortSignal;
}

export interface UploaderDeps {
  api: DropboxApi;
  pacer: Pacer;
  chunkSize: number;
  /** Set when batch_mode is not off: every upload becomes a session committed in a batch. */
  batcher?: CommitBatcher;
  /** Tries of a commit whose batch entry failed for a passing reason. */
  attempts: number;
  logger: Logger;
}

/**
 * One file up to Dropbox, read chunk by chunk into memory and hashed on the
 * way. Nothing is committed until every byte has arrived from the source and
 * matched its size (and stated hash): a source that fails or changes leaves
 * the previous version. Small files go in one files/upload (or, when
 * batching, one closed session), big ones in an upload session whose appends
 * are retried from the offset Dropbox says it holds. After the commit,
 * Dropbox's content_hash must equal the one computed here.
 */
export class Uploader {
  constructor(private readonly deps: UploaderDeps) {}

  async upload(req: UploadRequest): Promise<FileMetadata> {
    const hash = new DropboxContentHash();
    const reader = new ChunkReader(req.content, this.deps.chunkSize);
    // An abort while waiting for the source's bytes fails that wait.
    const abort = () => req.content.destroy(req.signal?.reason as Error);
    req.signal?.addEventListener('abort', abort, { once: true });
    let sent = 0;
    try {
      req.signal?.throwIfAborted();
      const first = await reader.next();
      hash.update(first.data);
      sent = first.data.length;
      if (first.last && !this.deps.batcher) {
        const digest = this.checkContent(req, sent, hash);
        return this.checked(await this.deps.api.upload(req.commit, first.data, req.signal), digest, req.commit.path);
      }
      const { session_id } = await this.deps.api.sessionStart(first.data, first.last, req.signal);
      let last = first.last;
      while (!last) {
        const chunk = await reader.next();
        hash.update(chunk.data);
        await this.append({ session_id, offset: sent }, chunk.data, chunk.last, req.signal);
        sent += chunk.data.length;
        last = chunk.last;
      }
      const digest = this.checkContent(req, sent, hash);
      const arg: UploadSessionFinishArg = { cursor: { session_id, offset: sent }, commit: req.commit };
      return this.checked(await this.finish(arg, digest, req.signal), digest, req.commit.path);
    } catch (err) {
      await reader.cancel().catch(() => {});
      throw err;
    } finally {
      req.signal?.removeEventListener('abort', abort);
    }
  }

  /** Size and stated hash of what was read, before anything is committed; the computed digest. */
  private checkContent(req: UploadRequest, bytes: number, hash: DropboxContentHash): string {
    if (req.size >= 0 && bytes !== req.size) {
      throw new VerificationFailedError({ kind: 'size', detail: `${req.commit.path}: read ${bytes} bytes, expected ${req.size}` });
    }
    const digest = hash.digest('hex');
    if (req.statedHash && req.statedHash !== digest) {
      throw new HashMismatchError(`${req.commit.path}: dropbox hash of the data read is ${digest}, the source states ${req.statedHash}; nothing was committed`);
    }
    return digest;
  }

  private checked(meta: FileMetadata, digest: string, path: string): FileMetadata {
    if (meta.content_hash && meta.content_hash !== digest) {
      throw new HashMismatchError(`${path}: Dropbox stored content_hash ${meta.content_hash}, the data sent hashes to ${digest}`, {
        hint: 'the upload was corrupted on the way; it is tried again',
      });
    }
    return meta;
  }

  /**
   * append_v2 of one chunk at `cursor.offset`. When a try fails after Dropbox
   * took some of it (the reply was lost), Dropbox answers the next try with
   * incorrect_offset and the offset it holds: send only what follows that.
   */
  private async append(cursor: { session_id: string; offset: number }, data: Buffer, close: boolean, signal?: AbortSignal): Promise<void> {
    let skip = 0;
    await this.deps.pacer.call(async () => {
      if (skip === data.length && skip > 0) return;
      try {
        await this.deps.api.sessionAppend({ session_id: cursor.session_id, offset: cursor.offset + skip }, data.subarray(skip), close, signal);
      } catch (err) {
        const correct = correctOffsetOf(err);
        if (correct === undefined) throw err;
        const nextSkip = correct - cursor.offset;
        if (nextSkip < 0 || nextSkip > data.length) {
          throw new FatalBackendError(`upload session ${cursor.session_id}: Dropbox holds ${correct} bytes, this chunk spans ${cursor.offset}-${cursor.offset + data.length}`, { cause: err });
        }
        this.deps.logger.debug(`upload session: Dropbox holds ${correct} bytes; sending from there`);
        skip = nextSkip;
        if (skip === data.length) return;
        throw new RetryableError(`upload session: resend from offset ${correct}`, { cause: err });
      }
    }, 'upload_session/append_v2');
  }

  private async finish(arg: UploadSessionFinishArg, digest: string, signal?: AbortSignal): Promise<FileMetadata> {
    const batcher = this.deps.batcher;
    if (!batcher) {
      try {
        return await this.deps.api.sessionFinish(arg, signal);
      } catch (err) {
        // A retried finish whose first try was committed finds its session gone.
        return (await this.committedAnyway(arg, digest)) ?? Promise.reject(err);
      }
    }
    for (let attempt = 1; ; attempt++) {
      const entry = await batcher.commit(arg, signal);
      if (entry['.tag'] === 'success') return { ...entry, '.tag': 'file' };
      const tag = failureTag(entry.failure);
      const passing = /too_many_write_operations|too_many_requests|internal_error/.test(tag);
      if (passing && attempt < this.deps.attempts) {
        this.deps.logger.debug(`${arg.commit.path}: batch commit failed (${tag}); queued again (${attempt}/${this.deps.attempts})`);
        await delay(Math.min(2000, 100 * 2 ** attempt), undefined, { signal });
        continue;
      }
      const found = await this.committedAnyway(arg, digest);
      if (found) return found;
      throw batchEntryError(arg.commit.path, tag);
    }
  }

  /** The file as the commit would have left it, when it is there already (a lost reply). */
  private async committedAnyway(arg: UploadSessionFinishArg, digest: string): Promise<FileMetadata | undefined> {
    try {
      const meta = await this.deps.api.getMetadata(arg.commit.path);
      if (meta['.tag'] === 'file' && meta.content_hash === digest && meta.size === arg.cursor.offset &&
        (!arg.commit.client_modified || meta.client_modified === arg.commit.client_modified)) {
        this.deps.logger.debug(`${arg.commit.path}: the commit reported an error but the file is there with its content`);
        return meta;
      }
    } catch {
      // Not there, or unreadable: the commit's own error stands.
    }
    return undefined;
  }
}

/** `correct_offset` of an incorrect_offset error, else undefined. */
function correctOffsetOf(err: unknown): number | undefined {
  if (!(err instanceof DropboxRefusedError) || !err.summary.includes('incorrect_offset')) return undefined;
  const body = errorBodyOf(err.cause as never);
  const value = body?.error?.['correct_offset'];
  return typeof value === 'number' ? value : undefined;
}

/** rclone's spelling of a failed batch entry: `path/conflict`, `too_many_write_operations`. */
function failureTag(failure: TaggedError | undefined): string {
  if (!failure) return 'failure';
  const parts = [failure['.tag']];
  const nested = failure[failure['.tag']];
  if (nested && typeof nested === 'object' && '.tag' in nested) parts.push(String((nested as TaggedError)['.tag']));
  const deeper = nested && typeof nested === 'object' ? (nested as TaggedError)[(nested as TaggedError)['.tag']] : undefined;
  if (deeper && typeof deeper === 'object' && '.tag' in deeper) parts.push(String((deeper as TaggedError)['.tag']));
  return parts.join('/');
}

function batchEntryError(path: string, tag: string): Error {
  const message = `${path}: batch upload failed: ${tag}`;
  if (/too_many_write_operations|too_many_requests|internal_error/.test(tag)) return new RateLimitedError(message);
  if (tag.includes('conflict/folder')) return new IsADirectoryError(`${path}: is a directory; cannot replace it with a file`);
  if (tag.includes('insufficient_space')) return new FatalBackendError(message, { hint: 'the Dropbox account is full: free space or upgrade the plan' });
  return new DropboxRefusedError(message, tag);
}

