import { maskHeaders } from './mask.js';

/**
 * What a failed HTTP exchange looked like, with credentials masked. Kept as the
 * `cause` of the typed error a backend sees, so `-vv` output can show the
 * request and reply without ever showing a token.
 */
export class HttpFailure extends Error {
  readonly method: string;
  /** Masked URL. */
  readonly url: string;
  readonly status: number;
  readonly requestHeaders: Record<string, string | string[] | undefined>;
  readonly responseHeaders: Record<string, string | string[] | undefined>;
  /** The start of the reply body, as text. */
  readonly body: string;

  constructor(init: {
    method: string;
    url: string;
    status: number;
    requestHeaders?: Record<string, string | string[] | undefined>;
    responseHeaders?: Record<string, string | string[] | undefined>;
    body?: string;
  }) {
    const body = init.body ?? '';
    super(`${init.method} ${init.url}: HTTP ${init.status}${body ? `: ${summarize(body)}` : ''}`);
    this.name = 'HttpFailure';
    this.method = init.method;
    this.url = init.url;
    this.status = init.status;
    this.requestHeaders = maskHeaders(init.requestHeaders ?? {});
    this.responseHeaders = maskHeaders(init.responseHeaders ?? {});
    this.body = body;
  }

  /** A response header, first value, lower-cased name. */
  header(name: string): string | undefined {
    const v = this.responseHeaders[name.toLowerCase()];
    return Array.isArray(v) ? v[0] : v;
  }
}

/** One line from a reply body: the JSON `message`/`error_description` when present, else the text cut short. */
export function summarize(body: string, max = 200): string {
  try {
    const j = JSON.parse(body) as Record<string, unknown>;
    const m = j['message'] ?? j['error_description'] ?? j['error'];
    if (typeof m === 'string' && m) return m.length > max ? `${m.slice(0, max)}…` : m;
  } catch {
    // not JSON: fall through to the raw text
  }
  const t = body.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}
