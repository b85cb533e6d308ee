import type { RequestContext } from '../context.js';
import { badRequest } from '../errors.js';
import { readJsonObject } from '../http-io.js';
import { nodeJson } from '../node-json.js';
import type { StoredNode } from '../store/node.js';

const DEFAULT_CHUNK = 500;

/** Checkpoints are opaque to clients; inside they are the change sequence they stand for. */
export function encodeCheckpoint(seq: number): string {
  return Buffer.from(`cp:${seq}`).toString('base64url');
}

export function decodeCheckpoint(text: string): number | undefined {
  const m = /^cp:(\d+)$/.exec(Buffer.from(text, 'base64url').toString('utf8'));
  return m ? Number(m[1]) : undefined;
}

function positiveInt(value: unknown, what: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw badRequest(`${what} must be a positive integer`);
  return n;
}

/**
 * POST changes: newline-delimited JSON, one object per chunk of changed nodes, then {"end":true}.
 * No checkpoint, or one we cannot read or that lies in the future, streams everything with
 * reset:true so the client drops its local state.
 */
export async function changes(ctx: RequestContext): Promise<void> {
  const body = await readJsonObject(ctx.req);
  const includePurged = body['includePurged'] === true || body['includePurged'] === 'true';
  const chunkSize = positiveInt(body['chunkSize'], 'chunkSize') ?? DEFAULT_CHUNK;
  const maxNodes = positiveInt(body['maxNodes'], 'maxNodes');
  const { store } = ctx.app;
  const current = store.currentChangeSeq;

  let since = 0;
  let reset = true;
  if (typeof body['checkpoint'] === 'string' && body['checkpoint'] !== '') {
    const seq = decodeCheckpoint(body['checkpoint']);
    if (seq !== undefined && seq <= current) {
      since = seq;
      reset = false;
    }
  }
  const changed: StoredNode[] = [];
  for (const node of store.all()) {
    if (node.changeSeq <= since) continue;
    if (node.status === 'PURGED' && (!includePurged || reset)) continue;
    changed.push(node);
  }
  changed.sort((a, b) => a.changeSeq - b.changeSeq);

  const { res } = ctx;
  res.writeHead(200, { 'Content-Type': 'application/json' });
  let sent = 0;
  let first = true;
  while (first || sent < changed.length) {
    const chunk = changed.slice(sent, sent + chunkSize);
    sent += chunk.length;
    const done = sent >= changed.length || (maxNodes !== undefined && sent >= maxNodes);
    const checkpoint = encodeCheckpoint(done && sent >= changed.length ? current : chunk[chunk.length - 1]?.changeSeq ?? current);
    res.write(`${JSON.stringify({ checkpoint, nodes: chunk.map((n) => nodeJson(n)), reset: first && reset, statusCode: 200 })}\n`);
    first = false;
    if (done) break;
  }
  res.end(`${JSON.stringify({ end: true })}\n`);
}
