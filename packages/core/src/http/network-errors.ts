import type { Readable } from 'node:stream';
import { FatalBackendError, RetryableError, type BackendError } from '../errors/index.js';

const PLAIN: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed while sending',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host lookup failed',
  UND_ERR_SOCKET: 'connection closed by the server',
  UND_ERR_CONNECT_TIMEOUT: 'connect timed out',
  UND_ERR_HEADERS_TIMEOUT: 'no reply headers in time',
  UND_ERR_BODY_TIMEOUT: 'reply body stalled',
  UND_ERR_CLOSED: 'connection closed',
};

/** The errno-style code of a network error, looking through undici's `cause` chain. */
export function networkErrorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code in PLAIN) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Codes of a connection that was never made: the server cannot have seen any of the request. */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * True when a request failed before any connection was made (refused, no route,
 * no such host, connect timeout), so nothing of it reached the server: an
 * upload that failed so cannot have arrived and need not be waited for.
 */
export function neverReachedServer(err: unknown): boolean {
  const code = networkErrorCode(err);
  return code !== undefined && NEVER_CONNECTED.has(code);
}

/**
 * A failure below HTTP (refused, reset, timed out) becomes a RetryableError whose
 * message names the endpoint, so the final error after the retries says which
 * server could not be reached. Anything else is returned unchanged.
 */
export function mapNetworkError(err: unknown, method: string, maskedUrl: string): unknown {
  const code = networkErrorCode(err);
  if (!code) return mapTlsError(err, method, maskedUrl);
  const origin = originOf(maskedUrl);
  const error: BackendError = new RetryableError(
    `${method} ${maskedUrl}: cannot reach ${origin}: ${PLAIN[code]} (${code})`,
    { cause: err, hint: `check that the server at ${origin} is running and the URL options of the remote are right` },
  );
  return error;
}

/** Node's codes for a TLS handshake that failed on a certificate: the server's, or the one it wanted from us. */
const TLS_CODE = /^(CERT_|UNABLE_TO_|SELF_SIGNED_CERT_IN_CHAIN$|DEPTH_ZERO_SELF_SIGNED_CERT$|ERR_TLS_CERT_ALTNAME_INVALID$|ERR_SSL_)/;

/**
 * A certificate that does not verify will not verify on the next attempt
 * either: a FatalBackendError (exit 7) naming the request and what to pass,
 * instead of a bare "self-signed certificate in certificate chain".
 */
function mapTlsError(err: unknown, method: string, maskedUrl: string): unknown {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && TLS_CODE.test(code)) {
      const origin = originOf(maskedUrl);
      const alert = code.startsWith('ERR_SSL_');
      return new FatalBackendError(`${method} ${maskedUrl}: TLS with ${origin} failed: ${(e as Error).message} (${code})`, {
        cause: err,
        hint: alert
          ? 'the server refused the handshake; if it wants a client certificate, pass --client-cert and --client-key'
          : 'if the server\'s certificate comes from a CA of your own, pass that CA with --ca-cert FILE',
      });
    }
    e = (e as { cause?: unknown }).cause;
  }
  return err;
}

/**
 * Make a reply body that breaks off (the server died or the connection was cut
 * mid-download) fail with a RetryableError naming the request, instead of
 * undici's bare "other side closed". Done in the body's own _destroy, which
 * every error of the stream passes through, so the download path gets no
 * extra stream to copy through.
 */
export function nameBodyNetworkErrors(body: Readable, method: string, maskedUrl: string): void {
  const destroy = body._destroy;
  body._destroy = function (this: Readable, err, callback) {
    destroy.call(this, err, (e) => callback(e ? (mapBodyError(e, method, maskedUrl) as Error) : e));
  };
}

function mapBodyError(err: unknown, method: string, maskedUrl: string): unknown {
  const code = networkErrorCode(err);
  if (!code) return err;
  const origin = originOf(maskedUrl);
  return new RetryableError(
    `${method} ${maskedUrl}: the reply broke off: ${PLAIN[code]} (${code})`,
    { cause: err, hint: `check that the server at ${origin} is still running, then run the command again` },
  );
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
