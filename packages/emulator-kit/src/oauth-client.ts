import { timingSafeEqual } from 'node:crypto';

/** The client credentials of a token request. */
export interface ClientCredentials {
  id?: string;
  secret?: string;
  /** Sent as HTTP Basic (a 401 then names the Basic realm). */
  viaBasic: boolean;
}

/** From HTTP Basic when the request has it, else from the form's client_id and client_secret. */
export function clientCredentials(authorization: string | undefined, form: URLSearchParams): ClientCredentials {
  if (authorization && /^basic\s+/i.test(authorization)) {
    const decoded = Buffer.from(authorization.replace(/^basic\s+/i, ''), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    // RFC 6749 2.3.1: both halves are form-urlencoded before Basic encoding (Go's oauth2 does this).
    const unescape = (s: string): string => {
      try { return decodeURIComponent(s.replace(/\+/g, ' ')); } catch { return s; }
    };
    if (colon >= 0) return { id: unescape(decoded.slice(0, colon)), secret: unescape(decoded.slice(colon + 1)), viaBasic: true };
  }
  return { id: form.get('client_id') ?? undefined, secret: form.get('client_secret') ?? undefined, viaBasic: false };
}

/** Compares secrets in constant time. */
export function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The consent page's form: every authorization parameter carried as a hidden field. */
export function hiddenFields(params: URLSearchParams): string {
  return [...params.entries()]
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('\n    ');
}
