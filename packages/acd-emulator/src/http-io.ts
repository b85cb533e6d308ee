import type { IncomingMessage, ServerResponse } from 'node:http';
import { readSmallBody as readBody } from '@rsyncish/emulator-kit';
import { ApiError, badRequest } from './errors.js';

const MAX_SMALL_BODY = 1024 * 1024;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, err: ApiError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (err.body === null) {
    res.writeHead(err.status, { 'Content-Length': 0, ...err.headers });
    res.end();
    return;
  }
  sendJson(res, err.status, err.body, err.headers);
}

/** Reads a small request body whole (JSON, forms). Uploads never come through here. */
export function readSmallBody(req: IncomingMessage, limit = MAX_SMALL_BODY): Promise<Buffer> {
  return readBody(req, limit, (n) => new ApiError(413, { message: `Request body larger than ${n} bytes` }));
}

/**
 * Parses a JSON object body whatever the Content-Type says (rclone sends none) and tolerates
 * the trailing newline Go's encoder adds. An empty body is an empty object.
 */
export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = (await readSmallBody(req)).toString('utf8').trim();
  if (text === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest('Invalid JSON in request body');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest('Request body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams((await readSmallBody(req)).toString('utf8'));
}

export { drain } from '@rsyncish/emulator-kit';
