import type { IncomingMessage, ServerResponse } from 'node:http';
import { DropboxError } from './errors.js';

const MAX_SMALL_BODY = 1024 * 1024;

/** JSON as Dropbox puts it in a header: every character past ASCII escaped as \uXXXX. */
export function headerSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendError(res: ServerResponse, err: DropboxError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (typeof err.body === 'string') {
    res.writeHead(err.status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(err.body), ...err.headers });
    res.end(err.body);
    return;
  }
  sendJson(res, err.status, err.body, err.headers);
}

/** Reads a small body whole (RPC arguments, forms). Uploads never come through here. */
export async function readSmallBody(req: IncomingMessage, limit = MAX_SMALL_BODY): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new DropboxError(413, `Request body larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Consumes what is left of a request body, so the client reads the reply rather than a reset. */
export function drain(req: IncomingMessage): Promise<void> {
  if (req.readableEnded || req.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    req.on('end', resolve);
    req.on('error', () => resolve());
    req.on('close', resolve);
    req.resume();
  });
}
