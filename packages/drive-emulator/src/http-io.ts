import type { IncomingMessage, ServerResponse } from 'node:http';
import { readSmallBody as readBody } from '@rsyncish/emulator-kit';
import { ApiError, badRequest, googleError } from './errors.js';

const MAX_SMALL_BODY = 1024 * 1024;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** 204 No Content, as files.delete and files.emptyTrash answer. */
export function sendNoContent(res: ServerResponse): void {
  res.writeHead(204);
  res.end();
}

export function sendError(res: ServerResponse, err: ApiError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (err.html !== undefined) {
    res.writeHead(err.status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(err.html), ...err.headers });
    res.end(err.html);
    return;
  }
  sendJson(res, err.status, err.body, err.headers);
}

/** Reads a small request body whole (JSON metadata, forms). Media never comes through here. */
export function readSmallBody(req: IncomingMessage, limit = MAX_SMALL_BODY): Promise<Buffer> {
  return readBody(req, limit, (n) => googleError(413, 'requestTooLarge', `Request body larger than ${n} bytes`));
}

/** A JSON object from text; empty text is an empty object. Google answers 400 parseError otherwise. */
export function parseJsonObject(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw googleError(400, 'parseError', 'Parse Error');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw badRequest('The request body must be a JSON object');
  return value as Record<string, unknown>;
}

export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  return parseJsonObject((await readSmallBody(req)).toString('utf8'));
}

export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams((await readSmallBody(req)).toString('utf8'));
}

export { drain } from '@rsyncish/emulator-kit';
