import { usageCategory } from '../content-type.js';
import type { RequestContext } from '../context.js';
import { sendJson } from '../http-io.js';
import { isoDate } from '../ids.js';

/** Quota the emulator reports; it is not enforced. */
export const QUOTA_BYTES = 5 * 1024 ** 4;

/** Both URLs point back at this server and end in "/", as clients resolve relative paths against them. */
export function endpoint(ctx: RequestContext): void {
  sendJson(ctx.res, 200, {
    customerExists: true,
    contentUrl: `${ctx.origin}/cdproxy/`,
    metadataUrl: `${ctx.origin}/drive/v1/`,
  });
}

export function info(ctx: RequestContext): void {
  sendJson(ctx.res, 200, { termsOfUse: '1.0.0', status: 'ACTIVE' });
}

function usedBytes(ctx: RequestContext): { bytes: number; byCategory: Record<string, { bytes: number; count: number }> } {
  const byCategory: Record<string, { bytes: number; count: number }> = {
    other: { bytes: 0, count: 0 }, doc: { bytes: 0, count: 0 }, photo: { bytes: 0, count: 0 }, video: { bytes: 0, count: 0 },
  };
  let bytes = 0;
  for (const node of ctx.app.store.all()) {
    // Trash still counts against the quota until it is purged.
    if (!node.content || node.status === 'PURGED') continue;
    const cat = byCategory[usageCategory(node.content.contentType)]!;
    cat.bytes += node.content.size;
    cat.count += 1;
    bytes += node.content.size;
  }
  return { bytes, byCategory };
}

export function quota(ctx: RequestContext): void {
  const { bytes } = usedBytes(ctx);
  sendJson(ctx.res, 200, {
    quota: QUOTA_BYTES,
    lastCalculated: isoDate(ctx.app.now()),
    available: Math.max(0, QUOTA_BYTES - bytes),
  });
}

export function usage(ctx: RequestContext): void {
  const { byCategory } = usedBytes(ctx);
  const body: Record<string, unknown> = { lastCalculated: isoDate(ctx.app.now()) };
  for (const [name, v] of Object.entries(byCategory)) {
    body[name] = { total: { bytes: v.bytes, count: v.count }, billable: { bytes: v.bytes, count: v.count } };
  }
  sendJson(ctx.res, 200, body);
}
