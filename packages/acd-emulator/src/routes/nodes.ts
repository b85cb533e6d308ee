import type { RequestContext } from '../context.js';
import { badRequest, purgeForbidden } from '../errors.js';
import { readJsonObject, sendJson } from '../http-io.js';
import { listPage } from '../listing.js';
import type { ListRequest } from '../listing.js';
import { nodeJson } from '../node-json.js';
import type { StoredNode } from '../store/node.js';

/** Renders a node, adding `tempLink` to files when the query asks for it. */
export function renderNode(ctx: RequestContext, node: StoredNode): Record<string, unknown> {
  const wantLink = ctx.url.searchParams.get('tempLink') === 'true';
  if (!wantLink || node.kind !== 'FILE' || !node.content) return nodeJson(node);
  const token = ctx.app.tempLinks.linkFor(node.id, ctx.app.faults.settings.tempLinkTtlMs);
  return nodeJson(node, { tempLink: `${ctx.origin}/cdproxy/templink/${token}` });
}

export function sendList(ctx: RequestContext, req: ListRequest): void {
  const q = ctx.url.searchParams;
  const page = listPage(
    { store: ctx.app.store, tokens: ctx.app.pages, now: ctx.app.now(), nextTokenTtlMs: ctx.app.faults.settings.nextTokenTtlMs },
    { filters: q.get('filters'), limit: q.get('limit'), startToken: q.get('startToken'), ...req },
  );
  const body: Record<string, unknown> = { count: page.count };
  if (page.nextToken) body['nextToken'] = page.nextToken;
  body['data'] = page.data.map((n) => renderNode(ctx, n));
  sendJson(ctx.res, 200, body);
}

export function list(ctx: RequestContext): void {
  sendList(ctx, {});
}

export function listChildren(ctx: RequestContext): void {
  const parent = ctx.app.drive.require(ctx.params[0]!);
  sendList(ctx, { parentId: parent.id });
}

export function get(ctx: RequestContext): void {
  sendJson(ctx.res, 200, renderNode(ctx, ctx.app.drive.require(ctx.params[0]!)));
}

export async function create(ctx: RequestContext): Promise<void> {
  const body = await readJsonObject(ctx.req);
  if (body['kind'] !== 'FOLDER') {
    throw badRequest(`kind must be FOLDER here (files are uploaded to the content URL), got ${JSON.stringify(body['kind'])}`);
  }
  const { drive } = ctx.app;
  const node = drive.createFolder(drive.specFrom(body), ctx.clientId);
  sendJson(ctx.res, 201, renderNode(ctx, node));
}

export async function patch(ctx: RequestContext): Promise<void> {
  const body = await readJsonObject(ctx.req);
  sendJson(ctx.res, 200, renderNode(ctx, ctx.app.drive.patch(ctx.params[0]!, body)));
}

export async function move(ctx: RequestContext): Promise<void> {
  const body = await readJsonObject(ctx.req);
  sendJson(ctx.res, 200, renderNode(ctx, ctx.app.drive.move(ctx.params[0]!, body)));
}

export function addParent(ctx: RequestContext): void {
  sendJson(ctx.res, 200, renderNode(ctx, ctx.app.drive.addParent(ctx.params[0]!, ctx.params[1]!)));
}

export function removeParent(ctx: RequestContext): void {
  sendJson(ctx.res, 200, renderNode(ctx, ctx.app.drive.removeParent(ctx.params[0]!, ctx.params[1]!)));
}

/** There is no purge for apps: the real service refuses it whatever the node. */
export function purge(ctx: RequestContext): void {
  ctx.app.drive.require(ctx.params[0]!);
  throw purgeForbidden();
}
