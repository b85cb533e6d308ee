import { pipeline } from 'node:stream/promises';
import { parseRange } from '@rsyncish/emulator-kit';
import type { RequestContext } from '../context.js';
import { ApiError, apiError, badRequest, forbidden, notFound } from '../errors.js';
import { faultReply } from '../faults.js';
import { sendJson } from '../http-io.js';
import { boundaryFrom, MultipartError, MultipartReader } from '../multipart.js';
import type { PartHeaders } from '../multipart.js';
import { nodeJson } from '../node-json.js';
import { TooLargeError } from '../store/blob-store.js';
import type { WrittenBlob } from '../store/blob-store.js';
import type { StoredNode } from '../store/node.js';

const MAX_METADATA_BYTES = 64 * 1024;

function readerFor(ctx: RequestContext): MultipartReader {
  const boundary = boundaryFrom(ctx.req.headers['content-type']);
  if (!boundary) throw badRequest('Expected a multipart/form-data body with a boundary');
  return new MultipartReader(ctx.req, boundary);
}

function tooLarge(limit: number): ApiError {
  return forbidden(`File size exceeds the maximum allowed size of ${limit} bytes`, 'FILE_SIZE_LIMIT_EXCEEDED');
}

/** Streams the content part to the blob store, then checks the body closes properly. */
async function receiveContent(ctx: RequestContext, reader: MultipartReader): Promise<{ written: WrittenBlob; part: PartHeaders }> {
  let part = await reader.nextPart();
  // Clients put metadata first; on overwrite there is none. Any other part before content is skipped.
  while (part && part.name !== 'content') part = await reader.nextPart();
  if (!part) throw badRequest('multipart body has no "content" part');
  const limit = ctx.app.faults.settings.maxFileSize;
  let written: WrittenBlob;
  try {
    written = await ctx.app.blobs.write(reader.body(), limit);
  } catch (err) {
    if (err instanceof TooLargeError) throw tooLarge(limit);
    throw err;
  }
  try {
    while (await reader.nextPart()) { /* trailing parts are ignored */ }
  } catch (err) {
    await ctx.app.blobs.discard(written.blob);
    throw err;
  }
  return { written, part };
}

function isClientError(err: unknown): boolean {
  return err instanceof ApiError || err instanceof MultipartError;
}

/** POST {contentUrl}nodes: multipart metadata part, then content part. */
export async function upload(ctx: RequestContext): Promise<void> {
  const { app } = ctx;
  const reader = readerFor(ctx);
  let spec;
  try {
    const first = await reader.nextPart();
    if (!first || first.name !== 'metadata') throw badRequest('the first multipart part must be "metadata"');
    let meta: unknown;
    try {
      meta = JSON.parse(await reader.readText(MAX_METADATA_BYTES));
    } catch (err) {
      if (err instanceof MultipartError) throw err;
      throw badRequest('metadata part is not valid JSON');
    }
    if (meta === null || typeof meta !== 'object' || Array.isArray(meta)) throw badRequest('metadata must be a JSON object');
    const kind = (meta as Record<string, unknown>)['kind'];
    if (kind !== undefined && kind !== 'FILE') throw badRequest(`kind must be FILE for an upload, got ${JSON.stringify(kind)}`);
    spec = app.drive.specFrom(meta as Record<string, unknown>);
    // Refuse a clash before storing gigabytes; it is checked again once the bytes are in.
    app.drive.checkCreatable(spec);
  } catch (err) {
    await reader.discardRest().catch(() => {});
    throw err;
  }

  let received;
  try {
    received = await receiveContent(ctx, reader);
  } catch (err) {
    if (isClientError(err)) {
      await reader.discardRest().catch(() => {});
    } else {
      // The connection dropped mid-body: the real service keeps a PENDING node with no content.
      app.drive.createInterrupted(spec, ctx.clientId);
    }
    throw err;
  }

  const { written, part } = received;
  const ghostStatus = app.faults.ghostUploadStatus();
  let node: StoredNode;
  try {
    node = app.drive.createFile(spec, written, {
      createdBy: ctx.clientId,
      contentType: part.contentType,
      deduplicate: ctx.url.searchParams.get('suppress') !== 'deduplication',
      pending: app.faults.uploadStaysPending(),
      visibleAt: ghostStatus !== undefined ? app.now() + app.faults.settings.ghostUploadDelayMs : undefined,
    });
  } catch (err) {
    await app.blobs.discard(written.blob);
    throw err;
  }
  if (ghostStatus !== undefined) throw faultReply(ghostStatus);
  sendJson(ctx.res, 201, nodeJson(node));
}

/** PUT {contentUrl}nodes/{id}/content: a multipart body with only the content part. */
export async function overwrite(ctx: RequestContext): Promise<void> {
  const { app } = ctx;
  const id = ctx.params[0]!;
  app.drive.requireOverwritable(id);
  const reader = readerFor(ctx);
  let received;
  try {
    received = await receiveContent(ctx, reader);
  } catch (err) {
    if (isClientError(err)) await reader.discardRest().catch(() => {});
    throw err;
  }
  let node: StoredNode;
  try {
    node = app.drive.overwrite(id, received.written, received.part.contentType);
  } catch (err) {
    await app.blobs.discard(received.written.blob);
    throw err;
  }
  const ghostStatus = app.faults.ghostUploadStatus();
  if (ghostStatus !== undefined) throw faultReply(ghostStatus);
  sendJson(ctx.res, 200, nodeJson(node));
}

function downloadable(ctx: RequestContext, id: string): StoredNode & { content: NonNullable<StoredNode['content']> } {
  const node = ctx.app.drive.require(id);
  if (node.kind !== 'FILE') throw badRequest(`Node ${id} is a ${node.kind} and has no content`);
  if (node.status === 'TRASH') throw notFound(`Node ${id} is in trash`);
  if (!node.content) throw notFound(`Node ${id} has no content yet`);
  return node as StoredNode & { content: NonNullable<StoredNode['content']> };
}

/** Writes the bytes of a node, honouring a single Range. Never compressed, whatever Accept-Encoding says. */
async function serveContent(ctx: RequestContext, node: StoredNode & { content: NonNullable<StoredNode['content']> }): Promise<void> {
  const { res, req } = ctx;
  const size = node.content.size;
  const range = parseRange(req.headers.range, size);
  const headers: Record<string, string | number> = {
    'Content-Type': node.content.contentType,
    'Accept-Ranges': 'bytes',
    'Last-Modified': new Date(node.modifiedDate).toUTCString(),
  };
  if (range === 'unsatisfiable') {
    throw new ApiError(416, { message: `Range not satisfiable for a file of ${size} bytes` }, { 'Content-Range': `bytes */${size}` });
  }
  const start = range ? range.start : 0;
  const end = range ? range.end : size - 1;
  headers['Content-Length'] = Math.max(0, end - start + 1);
  if (range) headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
  res.writeHead(range ? 206 : 200, headers);
  if (req.method === 'HEAD' || size === 0) {
    res.end();
    return;
  }
  await pipeline(ctx.app.blobs.read(node.content.blob, start, end), res);
}

/** GET {contentUrl}nodes/{id}/content, with the download wall for big files. */
export async function download(ctx: RequestContext): Promise<void> {
  const node = downloadable(ctx, ctx.params[0]!);
  const settings = ctx.app.faults.settings;
  if (node.content.size >= settings.downloadWall) {
    if (settings.downloadWallMode === 'forbid') {
      throw forbidden(`Files of ${settings.downloadWall} bytes or more cannot be downloaded directly; use a tempLink`, 'DOWNLOAD_LIMIT_EXCEEDED');
    }
    // Like the real service, hand big files to a presigned S3-style URL that refuses a second auth mechanism.
    const token = ctx.app.presigned.linkFor(node.id, 15 * 60_000);
    const date = new Date(ctx.app.now()).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    const query = new URLSearchParams({
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': `EMULATOR/${date.slice(0, 8)}/us-east-1/s3/aws4_request`,
      'X-Amz-Date': date,
      'X-Amz-Expires': '900',
      'X-Amz-SignedHeaders': 'host',
      'X-Amz-Signature': token,
    });
    ctx.res.writeHead(307, { Location: `${ctx.origin}/_s3/${node.id}?${query}`, 'Content-Length': 0 });
    ctx.res.end();
    return;
  }
  await serveContent(ctx, node);
}

/** GET {contentUrl}templink/{opaque}: no token needed; stale links answer 410, unknown ones 404. */
export async function tempLink(ctx: RequestContext): Promise<void> {
  const found = ctx.app.tempLinks.resolve(ctx.params[0]!);
  if (found === undefined) throw notFound('No such tempLink');
  if (found === 'expired') throw apiError(410, 'GONE', 'This tempLink has expired; request a new one');
  await serveContent(ctx, downloadable(ctx, found.nodeId));
}

function s3Error(status: number, code: string, message: string): ApiError {
  return new ApiError(status, { Code: code, Message: message });
}

/** The presigned-URL host of the download wall. S3 rejects a request that also carries Authorization. */
export async function presigned(ctx: RequestContext): Promise<void> {
  if (ctx.req.headers.authorization !== undefined) {
    throw s3Error(400, 'InvalidArgument',
      'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified');
  }
  const found = ctx.app.presigned.resolve(ctx.url.searchParams.get('X-Amz-Signature') ?? '');
  if (found === 'expired') throw s3Error(403, 'AccessDenied', 'Request has expired');
  if (found === undefined || found.nodeId !== ctx.params[0]) throw s3Error(403, 'AccessDenied', 'Access Denied');
  await serveContent(ctx, downloadable(ctx, found.nodeId));
}
