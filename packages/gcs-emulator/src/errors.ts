import type { ServerResponse } from 'node:http';

/**
 * A failed API call as GCS answers it: the status, and a JSON body
 * `{"error":{"code","message","errors":[{"domain","reason","message"}]}}`
 * whose `reason` clients act on (rclone retries rateLimitExceeded).
 */
export class GcsError extends Error {
  constructor(readonly status: number, readonly reason: string, message: string, readonly headers: Record<string, string> = {}) {
    super(message);
  }

  body(): string {
    return JSON.stringify({
      error: { code: this.status, message: this.message, errors: [{ message: this.message, domain: 'global', reason: this.reason }] },
    });
  }
}

export const notFound = (message: string): GcsError => new GcsError(404, 'notFound', message);
export const badRequest = (message: string, reason = 'invalid'): GcsError => new GcsError(400, reason, message);

export function sendError(res: ServerResponse, err: GcsError): void {
  const body = err.body();
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(err.status, { ...err.headers, 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
