import type { RequestContext } from '../context.js';
import { sendJson } from '../http-io.js';
import { renderNode, sendList } from './nodes.js';

export function list(ctx: RequestContext): void {
  sendList(ctx, { trashOnly: true });
}

export function put(ctx: RequestContext): void {
  sendJson(ctx.res, 200, renderNode(ctx, ctx.app.drive.trash(ctx.params[0]!)));
}

export function restore(ctx: RequestContext): void {
  sendJson(ctx.res, 200, renderNode(ctx, ctx.app.drive.restore(ctx.params[0]!)));
}
