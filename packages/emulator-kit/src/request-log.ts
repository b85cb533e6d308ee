import type { IncomingMessage, ServerResponse } from 'node:http';

export interface LoggedRequest {
  time: string;
  method: string;
  url: string;
  status: number;
  /** Whether the request carried an Authorization header (tempLinks and presigned URLs must not). */
  authorization: boolean;
  ms: number;
}

/** The last requests served, for tests that check what a client sent. */
export class RequestLog {
  private readonly entries: LoggedRequest[] = [];

  constructor(private readonly capacity = 2000) {}

  add(entry: LoggedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  list(): LoggedRequest[] {
    return this.entries.slice();
  }

  clear(): void {
    this.entries.length = 0;
  }
}

/**
 * Records the request in `requests` when its reply is over (or cut off), and hands a one-line
 * summary to `log` (the CLI's -v).
 */
export function recordWhenDone(requests: RequestLog, req: IncomingMessage, res: ServerResponse, log?: (line: string) => void): void {
  const started = Date.now();
  const method = req.method ?? 'GET';
  res.on('close', () => {
    const ms = Date.now() - started;
    requests.add({
      time: new Date(started).toISOString(),
      method,
      url: req.url ?? '',
      status: res.statusCode,
      authorization: req.headers.authorization !== undefined,
      ms,
    });
    log?.(`${method} ${req.url ?? ''} ${res.writableFinished ? res.statusCode : `${res.statusCode} (aborted)`} ${ms}ms`);
  });
}
