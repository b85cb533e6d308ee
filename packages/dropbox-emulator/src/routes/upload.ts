import type { Args } from '../args.js';
import { argReader } from '../args.js';
import type { RequestContext } from '../context.js';
import { endpointError, Failure, inRoute } from '../errors.js';
import type { Tagged } from '../errors.js';
import { entryJson } from '../metadata.js';
import { commitFile, parseCommitInfo } from '../namespace.js';
import type { CommitInfo } from '../namespace.js';
import { TooLargeError } from '../store/blobs.js';
import type { Entry } from '../store/entry.js';
import { MAX_REQUEST_BYTES } from '../upload-sessions.js';

/** UploadSessionFinishError: session problems under lookup_failed, write problems under path. */
export const finishFailure = (f: Failure): Tagged =>
  f.side === 'lookup' ? { '.tag': 'lookup_failed', lookup_failed: f.reason } : { '.tag': 'path', path: f.reason };

/** files/upload: one request, at most 150 MiB. */
export async function upload(ctx: RequestContext, args: Args): Promise<unknown> {
  const expectedHash = argReader(ctx.route, args).optString('content_hash');
  // UploadError.path is a struct (UploadWriteFailed): the WriteError sits in `reason`.
  const asUploadError = (f: Failure): Tagged => ({ '.tag': 'path', reason: f.reason, upload_session_id: '' });
  const info = await inRoute(() => parseCommitInfo(ctx.route, args), asUploadError);
  let written;
  try {
    written = await ctx.app.blobs.write(ctx.req, MAX_REQUEST_BYTES);
  } catch (err) {
    if (err instanceof TooLargeError) throw endpointError({ '.tag': 'payload_too_large' });
    throw err;
  }
  if (expectedHash !== undefined && expectedHash !== written.contentHash) throw endpointError({ '.tag': 'content_hash_mismatch' });
  const entry = await inRoute(() => commitFile(ctx.app, info, written), asUploadError);
  await ctx.app.commit();
  return entryJson(entry);
}

interface CursorArg {
  sessionId: string;
  offset: number;
}

function readCursor(route: string, raw: Args, prefix: string): CursorArg {
  const r = argReader(route, raw, prefix);
  return { sessionId: r.string('session_id'), offset: r.uint('offset') };
}

export async function sessionStart(ctx: RequestContext, args: Args): Promise<unknown> {
  const close = argReader(ctx.route, args).bool('close', false);
  const id = ctx.app.sessions.start();
  await inRoute(() => ctx.app.sessions.append(id, 0, ctx.req, close), (f) => f.reason);
  return { session_id: id };
}

/** append_v2 ({cursor, close}) and the older append (the cursor itself, never closing). */
export function sessionAppend(v2: boolean) {
  return async (ctx: RequestContext, args: Args): Promise<unknown> => {
    const r = argReader(ctx.route, args);
    const cursor = v2 ? readCursor(ctx.route, r.object('cursor'), 'cursor.') : readCursor(ctx.route, args, '');
    const close = v2 ? r.bool('close', false) : false;
    await inRoute(() => ctx.app.sessions.append(cursor.sessionId, cursor.offset, ctx.req, close), (f) => f.reason);
    return null;
  };
}

/**
 * Commits a session's bytes as a file: the session must hold exactly `offset` bytes (and be
 * closed, in a batch). The session ends only when the file is in place, so a failed commit can
 * be retried.
 */
export async function finishSession(ctx: RequestContext, cursor: CursorArg, info: CommitInfo, mustBeClosed: boolean): Promise<Entry> {
  const { sessions, blobs } = ctx.app;
  const file = await sessions.ready(cursor.sessionId, cursor.offset, mustBeClosed);
  const written = await blobs.adoptSession(file);
  const entry = commitFile(ctx.app, info, written);
  await sessions.end(cursor.sessionId);
  return entry;
}

export function parseFinishArg(route: string, raw: Args, prefix = ''): { cursor: CursorArg; info: CommitInfo } {
  const r = argReader(route, raw, prefix);
  return { cursor: readCursor(route, r.object('cursor'), `${prefix}cursor.`), info: parseCommitInfo(route, r.object('commit'), `${prefix}commit.`) };
}

/** upload_session/finish: a last piece of data may come in the body, appended at the cursor's offset. */
export async function sessionFinish(ctx: RequestContext, args: Args): Promise<unknown> {
  const entry = await inRoute(async () => {
    const { cursor, info } = parseFinishArg(ctx.route, args);
    // The append checked the cursor's offset; the session now ends where the body did.
    await ctx.app.sessions.append(cursor.sessionId, cursor.offset, ctx.req, false);
    return finishSession(ctx, { ...cursor, offset: ctx.app.sessions.size(cursor.sessionId) }, info, false);
  }, finishFailure);
  await ctx.app.commit();
  return entryJson(entry);
}
