import { pipeline } from 'node:stream/promises';
import type { Args } from '../args.js';
import { argReader } from '../args.js';
import type { RequestContext } from '../context.js';
import { DropboxError, inRoute, lookupFailure, under } from '../errors.js';
import { headerSafeJson } from '../http-io.js';
import { entryJson } from '../metadata.js';
import { lookup } from '../namespace.js';
import { parsePathArg } from '../paths.js';
import { parseRange } from '../range.js';

/** files/download: the bytes in the body, the metadata in Dropbox-API-Result; one Range honoured. */
export async function download(ctx: RequestContext, args: Args): Promise<void> {
  const rev = argReader(ctx.route, args).optString('rev');
  const entry = await inRoute(() => {
    const found = lookup(ctx.app, parsePathArg(ctx.route, 'path', args['path'], 'lookup'));
    if (found.kind !== 'file' || !found.file) throw lookupFailure('not_file');
    if (rev !== undefined && found.file.rev !== rev) throw lookupFailure('not_found');
    return found;
  }, under('path'));
  const file = entry.file!;
  const range = parseRange(ctx.req.headers.range, file.size);
  if (range === 'unsatisfiable') {
    throw new DropboxError(416, 'Requested Range Not Satisfiable', { 'Content-Range': `bytes */${file.size}` });
  }
  const headers: Record<string, string | number> = {
    'Content-Type': 'application/octet-stream',
    'Dropbox-API-Result': headerSafeJson(entryJson(entry)),
    ETag: `W/"${file.rev}"`,
    'Original-Content-Length': file.size,
    'Accept-Ranges': 'bytes',
  };
  if (range) {
    headers['Content-Range'] = `bytes ${range.start}-${range.end}/${file.size}`;
    headers['Content-Length'] = range.end - range.start + 1;
  } else headers['Content-Length'] = file.size;
  ctx.res.writeHead(range ? 206 : 200, headers);
  if (ctx.req.method === 'HEAD' || file.size === 0) {
    ctx.res.end();
    return;
  }
  await pipeline(ctx.app.blobs.read(file.contentHash, range?.start, range?.end), ctx.res);
}
