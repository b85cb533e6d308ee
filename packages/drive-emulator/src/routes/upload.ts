import { open, truncate } from 'node:fs/promises';
import type { RequestContext } from '../context.js';
import { CHUNK_GRANULARITY, parseContentRange } from '../content-range.js';
import type { FileMetadata } from '../drive.js';
import { ApiError, badRequest, googleError, invalidParameter, serviceUnavailable } from '../errors.js';
import { parseJsonObject, readSmallBody } from '../http-io.js';
import { idList, parseMetadata } from '../metadata.js';
import { MultipartError, relatedBoundary, relatedReader } from '../multipart-related.js';
import type { UploadSession } from '../resumable.js';
import { sendFile } from '../respond.js';
import { TooLargeError } from '../store/blob-store.js';
import type { WrittenBlob } from '../store/blob-store.js';
import type { StoredFile } from '../store/file.js';

const uploadTooLarge = (limit: number): ApiError =>
  googleError(413, 'uploadTooLarge', `The upload is larger than the maximum file size of ${limit} bytes.`);

function mediaTypeOf(header: string | undefined): string | undefined {
  const t = header?.split(';')[0]?.trim();
  return t ? t : undefined;
}

/** Stores a body, turning the store's size limit into Drive's 413. */
async function store(ctx: RequestContext, source: AsyncIterable<Buffer>): Promise<WrittenBlob> {
  const limit = ctx.app.faults.settings.maxFileSize;
  try {
    return await ctx.app.blobs.write(source, limit);
  } catch (err) {
    if (err instanceof TooLargeError) throw uploadTooLarge(limit);
    throw err;
  }
}

/** Creates (no id) or updates the file with the stored bytes, within the quota. */
function apply(ctx: RequestContext, fileId: string | undefined, meta: FileMetadata, written: WrittenBlob, mediaType: string | undefined, add: string[], remove: string[]): StoredFile {
  const { drive, blobs, faults } = ctx.app;
  try {
    const existing = fileId !== undefined ? drive.require(fileId) : undefined;
    drive.checkQuota(written.size - (existing?.content?.size ?? 0), faults.settings.quota);
    // New content keeps the file's mimeType unless the metadata names another.
    if (existing) return drive.update(existing, meta, add, remove, written);
    return drive.create(meta, written, mediaType);
  } catch (err) {
    void blobs.discard(written.blob);
    throw err;
  }
}

async function multipartUpload(ctx: RequestContext, fileId: string | undefined): Promise<{ meta: FileMetadata; written: WrittenBlob; mediaType?: string }> {
  const boundary = relatedBoundary(ctx.req.headers['content-type']);
  if (!boundary) throw badRequest('uploadType=multipart needs a multipart/related body with a boundary');
  const reader = relatedReader(ctx.req as AsyncIterable<Buffer>, boundary);
  try {
    const first = await reader.nextPart();
    if (!first) throw new MultipartError('no metadata part');
    const meta = parseMetadata(parseJsonObject(await reader.readText(1024 * 1024)), fileId === undefined ? 'create' : 'update');
    const media = await reader.nextPart();
    if (!media) throw new MultipartError('no media part');
    const written = await store(ctx, reader.body());
    try {
      while (await reader.nextPart()) { /* Drive ignores parts after the media */ }
    } catch (err) {
      void ctx.app.blobs.discard(written.blob);
      throw err;
    }
    return { meta, written, ...(mediaTypeOf(media.contentType) ? { mediaType: mediaTypeOf(media.contentType)! } : {}) };
  } catch (err) {
    if (err instanceof MultipartError) throw badRequest(`Malformed multipart body: ${err.message}`);
    throw err;
  }
}

/**
 * POST /upload/drive/v3/files and PATCH /upload/drive/v3/files/{id}: uploadType=media (the body
 * is the content), multipart (metadata part, then media part), or resumable (opens a session).
 * A POST carrying upload_id is a resumable chunk (rclone sends chunks with POST).
 */
export async function upload(ctx: RequestContext): Promise<void> {
  const p = ctx.url.searchParams;
  if (p.get('upload_id') !== null) return chunk(ctx);
  const fileId = ctx.params[0];
  if (fileId !== undefined) ctx.app.drive.require(fileId);
  const add = idList(p.get('addParents'));
  const remove = idList(p.get('removeParents'));
  const uploadType = p.get('uploadType') ?? 'media';
  switch (uploadType) {
    case 'media': {
      const declared = Number(ctx.req.headers['content-length'] ?? 0);
      ctx.app.drive.checkQuota(declared, ctx.app.faults.settings.quota);
      const written = await store(ctx, ctx.req as AsyncIterable<Buffer>);
      const mediaType = mediaTypeOf(ctx.req.headers['content-type']);
      sendFile(ctx, apply(ctx, fileId, {}, written, mediaType, add, remove));
      return;
    }
    case 'multipart': {
      const { meta, written, mediaType } = await multipartUpload(ctx, fileId);
      sendFile(ctx, apply(ctx, fileId, meta, written, mediaType, add, remove));
      return;
    }
    case 'resumable':
      return startSession(ctx, fileId, add, remove);
    default:
      throw invalidParameter('uploadType', `Invalid value '${uploadType}'. Values must be one of media, multipart, resumable`);
  }
}

async function startSession(ctx: RequestContext, fileId: string | undefined, add: string[], remove: string[]): Promise<void> {
  const meta = parseMetadata(parseJsonObject((await readSmallBody(ctx.req)).toString('utf8')), fileId === undefined ? 'create' : 'update');
  const lengthHeader = ctx.req.headers['x-upload-content-length'];
  let total: number | undefined;
  if (typeof lengthHeader === 'string' && lengthHeader !== '') {
    if (!/^\d+$/.test(lengthHeader)) throw badRequest('Invalid X-Upload-Content-Length');
    total = Number(lengthHeader);
    const limit = ctx.app.faults.settings.maxFileSize;
    if (total > limit) throw uploadTooLarge(limit);
    ctx.app.drive.checkQuota(total, ctx.app.faults.settings.quota);
  }
  if (meta.parents) for (const parent of meta.parents) ctx.app.drive.require(parent);
  const mediaType = mediaTypeOf(ctx.req.headers['x-upload-content-type'] as string | undefined);
  const session = await ctx.app.sessions.create({
    ...(fileId !== undefined ? { fileId } : {}),
    meta,
    addParents: add,
    removeParents: remove,
    ...(mediaType ? { mediaType } : {}),
    ...(total !== undefined ? { total } : {}),
    fields: ctx.url.searchParams.get('fields'),
  });
  const location = `${ctx.origin}/upload/drive/v3/files?uploadType=resumable&upload_id=${session.id}`;
  ctx.res.writeHead(200, { Location: location, 'X-GUploader-UploadID': session.id, 'Content-Length': 0 });
  ctx.res.end();
}

/** 308 Resume Incomplete, with `Range: bytes=0-N` once any byte is kept. */
function resumeIncomplete(ctx: RequestContext, session: UploadSession): void {
  const headers: Record<string, string | number> = { 'Content-Length': 0, 'X-GUploader-UploadID': session.id };
  if (session.received > 0) headers['Range'] = `bytes=0-${session.received - 1}`;
  ctx.res.writeHead(308, headers);
  ctx.res.end();
}

/** Appends the part of the body past what the session already has; returns how far the body reached. */
async function appendChunk(ctx: RequestContext, session: UploadSession, start: number, end: number, limit: number): Promise<number> {
  const handle = await open(session.path, 'r+');
  let pos = start;
  try {
    for await (const piece of ctx.req as AsyncIterable<Buffer>) {
      let data = piece;
      // Bytes the session already holds (a chunk sent again) are skipped; bytes past the range dropped.
      if (pos < session.received) {
        const skip = Math.min(data.length, session.received - pos);
        pos += skip;
        data = data.subarray(skip);
      }
      if (pos + data.length > end + 1) data = data.subarray(0, Math.max(0, end + 1 - pos));
      if (data.length === 0) continue;
      if (pos + data.length > limit) throw uploadTooLarge(limit);
      await handle.write(data, 0, data.length, pos);
      pos += data.length;
      session.received = pos;
    }
  } finally {
    await handle.close();
  }
  return pos;
}

/** PUT or POST on a session URI: a chunk (`Content-Range: bytes a-b/total`) or a status query (`bytes *\/total`). */
export async function chunk(ctx: RequestContext): Promise<void> {
  const id = ctx.url.searchParams.get('upload_id') ?? '';
  const { sessions, drive, faults } = ctx.app;
  const session = sessions.get(id);
  if (!session) throw googleError(404, 'notFound', 'The upload session was not found or has expired.');
  await sessions.serialize(session, async () => {
    if (session.doneFileId !== undefined) {
      const done = drive.find(session.doneFileId);
      if (!done) throw googleError(404, 'notFound', 'The upload session was not found or has expired.');
      sendFile(ctx, done, 200, session.fields);
      return;
    }
    const header = ctx.req.headers['content-range'];
    const length = Number(ctx.req.headers['content-length'] ?? NaN);
    // No Content-Range: the whole content in one request.
    const range = header === undefined && Number.isFinite(length)
      ? (length > 0 ? { kind: 'bytes' as const, start: 0, end: length - 1, total: length } : { kind: 'status' as const, total: undefined })
      : parseContentRange(header);
    if (!range) throw badRequest(`Failed to parse Content-Range header: ${header ?? ''}`);
    if (range.total !== undefined) {
      if (session.total !== undefined && session.total !== range.total) throw badRequest(`The total size ${range.total} differs from the ${session.total} the upload began with.`);
      session.total = range.total;
    }
    if (range.kind === 'bytes' && range.start <= session.received) {
      const before = session.received;
      const limit = faults.settings.maxFileSize;
      const cut = faults.cutsChunk();
      const reached = await appendChunk(ctx, session, range.start, range.end, limit);
      const final = session.total !== undefined && reached === session.total;
      if (cut && reached > before) {
        // The fault: only part of the chunk was kept, and the reply says the service failed.
        session.received = before + Math.floor((reached - before) / 2 / CHUNK_GRANULARITY) * CHUNK_GRANULARITY;
        await truncate(session.path, session.received);
        throw serviceUnavailable();
      }
      if (!final) {
        // Drive keeps only whole 256 KiB units of a chunk that is not the last.
        const kept = Math.max(before, Math.floor(reached / CHUNK_GRANULARITY) * CHUNK_GRANULARITY);
        if (kept !== session.received) {
          session.received = kept;
          await truncate(session.path, kept);
        }
      }
    }
    if (session.total !== undefined && session.received === session.total) {
      let file: StoredFile;
      try {
        const written = await ctx.app.blobs.adopt(session.path);
        file = apply(ctx, session.fileId, session.meta, written, session.mediaType, session.addParents, session.removeParents);
      } catch (err) {
        // The bytes are gone with the failure (a deleted parent, the quota): the session cannot finish.
        await sessions.discard(session);
        throw err;
      }
      await sessions.finish(session, file.id);
      sendFile(ctx, file, 200, session.fields);
      return;
    }
    resumeIncomplete(ctx, session);
  });
}
