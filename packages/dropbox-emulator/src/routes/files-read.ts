import type { Args } from '../args.js';
import { argReader } from '../args.js';
import type { RequestContext } from '../context.js';
import { badInput, inRoute, lookupFailure, under } from '../errors.js';
import { decodeCursor, DEFAULT_LIMIT, latestCursor, listPage, startListing } from '../listing.js';
import { taggedJson } from '../metadata.js';
import { lookup, segmentsOf } from '../namespace.js';
import { joinLower, parsePathArg } from '../paths.js';

/** The folder a list_folder-style argument names, as its path_lower ("" = root). */
function folderOf(ctx: RequestContext, args: Args): string {
  const arg = parsePathArg(ctx.route, 'path', args['path'], 'lookup', true);
  const lowerPath = joinLower(segmentsOf(ctx.app, arg, 'lookup'));
  if (lowerPath === '') return '';
  const entry = lookup(ctx.app, arg);
  if (entry.kind !== 'folder') throw lookupFailure('not_folder');
  return lowerPath;
}

export function listFolder(ctx: RequestContext, args: Args): Promise<unknown> {
  const r = argReader(ctx.route, args);
  const recursive = r.bool('recursive', false);
  const limit = r.uint('limit', DEFAULT_LIMIT);
  if (limit < 1 || limit > 2000) throw badInput(ctx.route, `request body: limit: ${limit} is not within range [1, 2000]`);
  const includeDeleted = r.bool('include_deleted', false);
  return inRoute(() => {
    const folder = folderOf(ctx, args);
    return startListing(ctx.app, folder, recursive, includeDeleted, limit, recursive && folder !== '');
  }, under('path'));
}

export function listFolderContinue(ctx: RequestContext, args: Args): Promise<unknown> {
  const cursor = decodeCursor(ctx.route, argReader(ctx.route, args).string('cursor'));
  return inRoute(() => listPage(ctx.app, cursor), under('path'));
}

export function getLatestCursor(ctx: RequestContext, args: Args): Promise<unknown> {
  const r = argReader(ctx.route, args);
  return inRoute(
    () => ({ cursor: latestCursor(ctx.app, folderOf(ctx, args), r.bool('recursive', false), r.bool('include_deleted', false)) }),
    under('path'),
  );
}

export function getMetadata(ctx: RequestContext, args: Args): Promise<unknown> {
  if (args['path'] === '') throw badInput(ctx.route, 'request body: path: The root folder is unsupported.');
  return inRoute(() => taggedJson(lookup(ctx.app, parsePathArg(ctx.route, 'path', args['path'], 'lookup'))), under('path'));
}
