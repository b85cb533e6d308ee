import type { Args } from '../args.js';
import { argReader } from '../args.js';
import type { RequestContext } from '../context.js';
import { inRoute, under } from '../errors.js';
import { entryJson, taggedJson } from '../metadata.js';
import { createFolder, deleteEntry, relocate } from '../namespace.js';
import { parsePathArg } from '../paths.js';

export async function createFolderV2(ctx: RequestContext, args: Args): Promise<unknown> {
  const autorename = argReader(ctx.route, args).bool('autorename', false);
  const entry = await inRoute(() => createFolder(ctx.app, parsePathArg(ctx.route, 'path', args['path'], 'write'), autorename), under('path'));
  await ctx.app.commit();
  return { metadata: entryJson(entry) };
}

export async function deleteV2(ctx: RequestContext, args: Args): Promise<unknown> {
  const parentRev = argReader(ctx.route, args).optString('parent_rev');
  const entry = await inRoute(
    () => deleteEntry(ctx.app, parsePathArg(ctx.route, 'path', args['path'], 'lookup'), parentRev),
    (f) => under(f.side === 'lookup' ? 'path_lookup' : 'path_write')(f),
  );
  await ctx.app.commit();
  return { metadata: taggedJson(entry) };
}

export async function copyV2(ctx: RequestContext, args: Args): Promise<unknown> {
  const entry = relocate(ctx.app, ctx.route, args, true);
  await ctx.app.commit();
  return { metadata: taggedJson(entry) };
}

export async function moveV2(ctx: RequestContext, args: Args): Promise<unknown> {
  const entry = relocate(ctx.app, ctx.route, args, false);
  await ctx.app.commit();
  return { metadata: taggedJson(entry) };
}
