import { pipeline } from 'node:stream/promises';
import { parseRange } from '@rsyncish/emulator-kit';
import type { RequestContext } from '../context.js';
import { badRequest, forbidden, invalidParameter, rangeNotSatisfiable, requiredParameter } from '../errors.js';
import { DEFAULT_LIST_FIELDS, fileJson } from '../file-json.js';
import { applyFields } from '../fields.js';
import { readJsonObject, sendJson, sendNoContent } from '../http-io.js';
import { parseOrderBy, parseQ, selectFiles, sortFiles } from '../listing.js';
import { idList, parseMetadata } from '../metadata.js';
import { fieldMask, sendFile } from '../respond.js';
import { isFolder, isGoogleDoc } from '../store/file.js';
import type { StoredFile } from '../store/file.js';

const MAX_PAGE_SIZE = 1000;
const DEFAULT_PAGE_SIZE = 100;

function pageSizeOf(raw: string | null): number {
  if (raw === null) return DEFAULT_PAGE_SIZE;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > MAX_PAGE_SIZE) {
    throw invalidParameter('pageSize', `Invalid value '${raw}'. Values must be within the range: [1, ${MAX_PAGE_SIZE}]`);
  }
  return n;
}

/** GET /drive/v3/files: `q`, `orderBy`, `pageSize`, `pageToken`, `spaces`, `fields`. */
export function list(ctx: RequestContext): void {
  const p = ctx.url.searchParams;
  const { drive, pages } = ctx.app;
  const pageSize = pageSizeOf(p.get('pageSize'));
  const order = parseOrderBy(p.get('orderBy'));
  const q = parseQ(p.get('q'));
  const spaces = (p.get('spaces') ?? 'drive').split(',').map((s) => s.trim());
  if (spaces.some((s) => !['drive', 'appDataFolder', 'photos'].includes(s))) throw invalidParameter('spaces');
  const mask = fieldMask(p.get('fields'), DEFAULT_LIST_FIELDS);
  const key = JSON.stringify([p.get('q'), p.get('orderBy'), p.get('spaces'), p.get('corpora'), p.get('driveId')]);
  let ids: string[];
  const token = p.get('pageToken');
  if (token !== null && token !== '') {
    ids = pages.resolve(token, key);
  } else {
    // Everything lives in the `drive` space; appDataFolder and photos hold nothing here.
    const matched = spaces.includes('drive') ? selectFiles(drive.store, q, (id) => drive.resolveId(id)) : [];
    ids = sortFiles(matched, order).map((f) => f.id);
  }
  const files: StoredFile[] = [];
  let i = 0;
  for (; i < ids.length && files.length < pageSize; i++) {
    const f = drive.store.get(ids[i]!);
    if (f) files.push(f);
  }
  const body: Record<string, unknown> = { kind: 'drive#fileList', incompleteSearch: false };
  if (i < ids.length) body['nextPageToken'] = pages.issue(key, ids.slice(i));
  body['files'] = files.map((f) => fileJson(f, ctx.origin));
  sendJson(ctx.res, 200, applyFields(body, mask));
}

/** GET /drive/v3/files/{id}: metadata, or with alt=media the bytes (honouring Range). */
export async function get(ctx: RequestContext): Promise<void> {
  const file = ctx.app.drive.require(ctx.params[0]!);
  const alt = ctx.url.searchParams.get('alt');
  if (alt === 'media') return download(ctx, file);
  if (alt !== null && alt !== 'json') throw invalidParameter('alt');
  sendFile(ctx, file);
}

async function download(ctx: RequestContext, file: StoredFile): Promise<void> {
  if (isGoogleDoc(file)) {
    throw forbidden('fileNotDownloadable', 'Only files with binary content can be downloaded. Use Export with Docs Editors files.');
  }
  if (isFolder(file) || !file.content) throw forbidden('fileNotDownloadable', 'Only files with binary content can be downloaded.');
  const { size, blob, md5 } = file.content;
  const range = parseRange(ctx.req.headers.range, size);
  if (range === 'unsatisfiable') {
    throw rangeNotSatisfiable(size);
  }
  const headers: Record<string, string | number> = {
    'Content-Type': file.mimeType,
    'Content-Disposition': `attachment`,
    'X-Goog-Hash': `md5=${Buffer.from(md5, 'hex').toString('base64')}`,
    ETag: `"${md5}"`,
  };
  if (range) {
    headers['Content-Range'] = `bytes ${range.start}-${range.end}/${size}`;
    headers['Content-Length'] = range.end - range.start + 1;
    ctx.res.writeHead(206, headers);
  } else {
    headers['Content-Length'] = size;
    ctx.res.writeHead(200, headers);
  }
  if (ctx.req.method === 'HEAD') {
    ctx.res.end();
    return;
  }
  await pipeline(ctx.app.blobs.read(blob, range?.start, range?.end), ctx.res);
}

/** POST /drive/v3/files: a folder or a file with no content (media goes to /upload). */
export async function create(ctx: RequestContext): Promise<void> {
  const meta = parseMetadata(await readJsonObject(ctx.req), 'create');
  sendFile(ctx, ctx.app.drive.create(meta));
}

/** PATCH /drive/v3/files/{id}: rename, move (addParents/removeParents), modifiedTime, trash. */
export async function update(ctx: RequestContext): Promise<void> {
  const { drive } = ctx.app;
  const file = drive.require(ctx.params[0]!);
  const meta = parseMetadata(await readJsonObject(ctx.req), 'update');
  const p = ctx.url.searchParams;
  drive.update(file, meta, idList(p.get('addParents')), idList(p.get('removeParents')));
  sendFile(ctx, file);
}

/** POST /drive/v3/files/{id}/copy */
export async function copy(ctx: RequestContext): Promise<void> {
  const { drive } = ctx.app;
  const file = drive.require(ctx.params[0]!);
  const meta = parseMetadata(await readJsonObject(ctx.req), 'copy');
  if (file.content) drive.checkQuota(file.content.size, ctx.app.faults.settings.quota);
  sendFile(ctx, await drive.copy(file, meta));
}

/** DELETE /drive/v3/files/{id}: gone for good, with everything under a folder; 204. */
export function remove(ctx: RequestContext): void {
  const { drive } = ctx.app;
  drive.delete(drive.require(ctx.params[0]!));
  sendNoContent(ctx.res);
}

/** DELETE /drive/v3/files/trash */
export function emptyTrash(ctx: RequestContext): void {
  ctx.app.drive.emptyTrash();
  sendNoContent(ctx.res);
}

/** GET /drive/v3/files/{id}/export?mimeType=...: a Google Doc's bytes in one of its export formats. */
export async function exportFile(ctx: RequestContext): Promise<void> {
  const file = ctx.app.drive.require(ctx.params[0]!);
  const mimeType = ctx.url.searchParams.get('mimeType');
  if (!mimeType) throw requiredParameter('mimeType', 'Required parameter: mimeType');
  if (!isGoogleDoc(file)) throw forbidden('fileNotExportable', 'Export only supports Docs Editors files.');
  const blob = file.exports?.[mimeType];
  if (blob === undefined) throw badRequest('The requested conversion is not supported.', { location: 'convertTo', locationType: 'parameter' });
  const stream = ctx.app.blobs.read(blob);
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  const data = Buffer.concat(chunks);
  // Drive refuses exports over 10 MB.
  if (data.length > 10 * 1024 * 1024) throw forbidden('exportSizeLimitExceeded', 'This file is too large to be exported.');
  ctx.res.writeHead(200, { 'Content-Type': mimeType, 'Content-Length': data.length });
  ctx.res.end(data);
}
