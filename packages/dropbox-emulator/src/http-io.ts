import type { IncomingMessage, ServerResponse } from 'node:http';
import { drain, readSmallBody as kitReadSmallBody } from '@rsyncish/emulator-kit';
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

/** Reads a small body whole (RPC arguments, forms); uploads never come through here. */
export function readSmallBody(req: IncomingMessage): Promise<Buffer> {
  return kitReadSmallBody(req, MAX_SMALL_BODY, (limit) => new DropboxError(413, `Request body larger than ${limit} bytes`));
}

export { drain };
